"""The "copy link" button every page has in its sidebar (``copy_link_button``).

Each page keeps its whole state in its URL (run settings: ``nnlab.ui.sidebar``; a page's own
widgets: ``nnlab.ui.page_state``; the lesson, the language and presenter mode), so the link
in the address bar *is* the page. The button copies that address as the browser has it at
the moment of the click — read in the browser, not built on the server, so it is never a
step behind the widget the user just moved. It is a tiny ``st.components.v2`` component:
Streamlit has no clipboard API. Where the browser refuses the clipboard (a page served over
plain http on a classroom network is not a "secure context"), it falls back to the old copy
command, and failing that shows the link in a box to copy by hand.
"""

from __future__ import annotations

import streamlit as st

from nnlab.ui import components
from nnlab.ui.common import t

_JS = r"""
async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (err) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }
}

export default function ({ parentElement, data }) {
  let button = parentElement.querySelector("button");
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.className = "nnlab-copy-link";
    const note = document.createElement("div");
    note.className = "nnlab-copy-note";
    note.setAttribute("role", "status");
    parentElement.appendChild(button);
    parentElement.appendChild(note);
    button.addEventListener("click", async () => {
      const texts = JSON.parse(button.dataset.texts);
      const url = window.location.href;
      const ok = await copyText(url);
      note.textContent = ok ? texts.copied : `${texts.failed} ${url}`;
      note.dataset.url = url;
      clearTimeout(button._timer);
      if (ok) button._timer = setTimeout(() => { note.textContent = ""; }, 4000);
    });
  }
  button.dataset.texts = JSON.stringify(data);
  button.textContent = `🔗 ${data.label}`;
  button.title = data.help;
}
"""

_CSS = """
.nnlab-copy-link {
  width: 100%; padding: 0.4rem 0.75rem; border-radius: 0.5rem; cursor: pointer;
  border: 1px solid rgba(49, 51, 63, 0.2); background: #fff; color: inherit; font: inherit; font-size: 1rem;
}
.nnlab-copy-link:hover { border-color: #ff4b4b; color: #ff4b4b; }
.nnlab-copy-note { font-size: 0.875rem; color: #2e7d32; margin-top: 0.25rem; overflow-wrap: anywhere; }
"""


def copy_link_button(where=None) -> None:
    """The "copy link to this page" button in ``where`` (default: the sidebar)."""
    texts = {"label": t("share.copy"), "copied": t("share.copied"), "failed": t("share.copy_failed"),
             "help": t("share.copy_help")}
    mount = components.inline("nnlab.copy_link", js=_JS, css=_CSS)
    if mount is not None:
        with where or st.sidebar:
            mount(key="copy_link", data=texts, height="content")


__all__ = ["copy_link_button"]
