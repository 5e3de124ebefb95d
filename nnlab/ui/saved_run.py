"""Opening a saved run on the Train page: the "Open a saved run" expander with its uploader, the
opened run kept in session state, and what the page shows about it.

``opener(page, disabled)`` draws the uploader; a new file is read at once with
``nnlab.runfile.read`` (checked; a bad or foreign file gives the catalog message
``runfile.err.<code>`` under the expander, never a traceback) and kept as
``{"snap", "name", "id", "points"}`` under ``state_key(page)`` — ``open_run`` is that step
on its own (tests call it with the file's bytes). ``points``: for a built-in 2-D data set the
same seeded split is loaded again (the record names its data, it does not hold it), so the
decision boundary shows the points; None otherwise.

``opened(page)`` is the opened run (or None), ``close(page)`` forgets it, ``header(page)``
says which file is shown with buttons to close it and to put its settings into the sidebar,
and ``results(snap)`` shows its test metrics and confusion matrix or predictions.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from nnlab import datasets, runfile, snapshot
from nnlab.config import ConfigError, RunConfig
from nnlab.ui.common import lang, t
from nnlab.ui.sidebar import explain_error, md_value, set_config


def state_key(page: str) -> str:
    return f"nnlab.saved.{page}"


def _error_key(page: str) -> str:
    return f"nnlab.saved_error.{page}"


def _upload_key(page: str) -> str:
    return f"{page}_saved_upload_{st.session_state.get(f'nnlab.saved_round.{page}', 0)}"


def opened(page: str) -> dict | None:
    """The saved run open on ``page``: {"snap", "name", "id", "points"}, or None."""
    return st.session_state.get(state_key(page))


def close(page: str) -> None:
    """Forget the opened run (and empty the uploader, by giving it a new key)."""
    st.session_state.pop(state_key(page), None)
    st.session_state.pop(_error_key(page), None)
    st.session_state[f"nnlab.saved_round.{page}"] = st.session_state.get(f"nnlab.saved_round.{page}", 0) + 1


def error_text(exc: runfile.RunFileError, language: str) -> str:
    """A RunFileError as catalog text in ``language`` (markdown-safe: values from the file are escaped)."""
    params = dict(exc.params)
    if exc.code == "config":
        err = params.get("error")
        params["error"] = explain_error(err, language) if isinstance(err, ConfigError) else md_value(err, language)
    else:
        params = {k: md_value(v, language) if isinstance(v, str) and k != "part" else v
                  for k, v in params.items()}
    from nnlab import i18n

    return i18n.t(f"runfile.err.{exc.code}", language, **params)


def _points(snap: dict):
    """The data set's points for the boundary chart, when the record names a built-in 2-D set
    whose split loads again to the same sizes; else None."""
    if not snapshot.is_2d(snap) or snapshot.config(snap).get("dataset") == "csv":
        return None
    try:
        data = datasets.load(RunConfig.from_dict(snapshot.config(snap)))
    except (ValueError, ConfigError, datasets.DatasetError):
        return None
    sizes = snapshot.dataset(snap)
    if (len(data.x_train), len(data.x_test)) != (sizes.get("n_train"), sizes.get("n_test")):
        return None
    return data


def open_run(page: str, name: str, content: bytes) -> bool:
    """Read ``content`` (a file called ``name``) and open it on ``page``; False (and the
    reason kept for ``opener`` to show) when it is not a run record this app can show."""
    try:
        snap = runfile.read(content)
    except runfile.RunFileError as exc:
        st.session_state[_error_key(page)] = t("saved.failed", name=md_value(name, lang()),
                                               reason=error_text(exc, lang()))
        return False
    st.session_state.pop(_error_key(page), None)
    st.session_state[state_key(page)] = {"snap": snap, "name": name, "id": hashlib.sha1(content).hexdigest()[:12],
                                         "points": _points(snap)}
    return True


def opener(page: str, disabled: bool = False) -> bool:
    """The "Open a saved run" expander; True when a file was opened in this run of the page."""
    done = False
    with st.expander(t("saved.open"), icon="📂"):
        upload = st.file_uploader(t("saved.upload"), type=["json"], key=_upload_key(page), disabled=disabled,
                                  help=t("saved.upload_help"))
        seen = st.session_state.get(f"nnlab.saved_seen.{page}")
        if upload is not None and upload.file_id != seen:
            st.session_state[f"nnlab.saved_seen.{page}"] = upload.file_id
            done = open_run(page, upload.name, upload.getvalue())
    error = st.session_state.get(_error_key(page))
    if error:
        st.error(error)
    return done


def _use_settings(page: str) -> None:
    saved = opened(page)
    if saved is not None:
        set_config(RunConfig.from_dict(snapshot.config(saved["snap"])))


def header(page: str) -> None:
    """Which saved run is shown, with Close and "Use its settings"."""
    saved = opened(page)
    if saved is None:
        return
    with st.container(horizontal=True, vertical_alignment="center"):
        st.info(t("saved.showing", name=md_value(saved["name"], lang())), icon="📂")
        st.button(t("saved.use_settings"), key=f"{page}_saved_use", on_click=_use_settings, args=(page,),
                  help=t("saved.use_settings_help"))
        st.button(t("saved.close"), key=f"{page}_saved_close", icon="✖️", on_click=close, args=(page,))
    if snapshot.is_2d(saved["snap"]) and saved["points"] is None:
        st.caption(t("saved.no_points"))


def results(snap: dict) -> None:
    """The saved run's test results (what the JSON holds: no parameter table, no model file)."""
    from nnlab.ui import results as results_ui

    if not snap.get("test"):
        return
    st.header(t("results.title"))
    results_ui.snapshot_results(snap)


__all__ = ["close", "error_text", "header", "open_run", "opened", "opener", "results", "state_key"]
