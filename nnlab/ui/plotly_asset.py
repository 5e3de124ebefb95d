"""plotly.js for every browser tab without work for the server: ``serve``, ``streamlit_app.py``'s route at ``PATH``.

``chart.js`` otherwise loads plotly.js from Streamlit's component route, which reads the
4.8 MB file and gzips it again for every request, inside the server's event loop (about
0.15 s of CPU each, during which no session's messages go out), and sends it with no
validator, so every new tab downloads it again. When a class opens the link together, that
is thirty compressions in a row while their first pages are being drawn.

This route compresses the file once (1.5 MB), sends those bytes to every browser that accepts
gzip, and gives them an ETag: a tab opened later asks again and gets an empty 304 (no-cache,
so a server with a newer plotly is never answered from a browser's old copy). ``chart.js``
asks here first (``PATH``) and falls back to the component route, which is all that
``streamlit run app.py`` serves (user routes exist only in an ``st.App``; also with
``server.baseUrlPath`` set, where they are not moved under the base path).
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from functools import cache

PATH = "/nnlab/plotly.min.js"  # chart.js's first PLOTLY_URLS entry resolves to this
_lock = threading.Lock()


@cache
def _variants() -> tuple[bytes, bytes, str]:
    """(plain, gzipped, etag), made once per process."""
    from nnlab.ui.plots import PLOTLY_JS

    plain = PLOTLY_JS.read_bytes()
    packed = gzip.compress(plain, compresslevel=9, mtime=0)
    return plain, packed, '"' + hashlib.sha256(plain).hexdigest()[:32] + '"'


def _load() -> tuple[bytes, bytes, str]:
    with _lock:  # thirty first requests at once compress it once
        return _variants()


def _accepts_gzip(header: str) -> bool:
    for part in header.split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _etag_matches(header: str, etag: str) -> bool:
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return "*" in tags or etag in tags


async def serve(request):
    """The response to a request for plotly.js: a 304 for the ETag it has, else the file
    (gzipped if the browser accepts it, as every browser does)."""
    import anyio
    from starlette.responses import Response

    plain, packed, etag = await anyio.to_thread.run_sync(_load)
    headers = {"ETag": etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
    if _etag_matches(request.headers.get("if-none-match", ""), etag):
        return Response(status_code=304, headers=headers)
    if _accepts_gzip(request.headers.get("accept-encoding", "")):
        headers["Content-Encoding"] = "gzip"  # Starlette's gzip middleware leaves it as it is
        body = packed
    else:
        body = plain
    return Response(body, media_type="text/javascript", headers=headers)


__all__ = ["PATH", "serve"]
