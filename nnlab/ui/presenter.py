"""Presenter mode: the view for a projector, switched on in the sidebar or by ``?present=1``.

What it changes, page by page:
- the advanced controls are hidden (``hidden()``; the sidebar leaves them out, their values
  stay). Which ones is the teacher's choice, like TensorFlow Playground's per-control hide
  list: a multiselect under the toggle, kept in the link as ``hide=name,name`` (fields
  marked ``advanced`` in their spec, the preset box and "Show the code" by default;
  ``hide=none`` shows all). The list also holds the page sections in ``SECTIONS`` ("Show
  the code", "Inside the network", "Distributions over time"): a section asks ``shows(name)``
  and draws nothing when it is hidden. The code is hidden by default: on a projector it is a
  wall of small text the class cannot follow, and students who want it open the link on
  their own screen; a teacher who walks through it un-hides it (then set in larger type).
  The neuron maps, the diagram and the histograms stay: they are pictures a class watches;
- every chart's text, lines and markers are larger (``chart_scale()``, applied by
  ``nnlab.ui.plots.show`` through ``nnlab.charts.base.enlarge``);
- the lesson's explanation and the page's text are set in large type, and the page title
  (the sidebar names the page), the space above it and any container whose key ends in
  ``_folded`` (Compare's pickers while its runs train) give their room to the charts
  (``page_style``).

The flags live in session state (seeded from the link once, like the language) and are
written back to the URL, so the link a teacher copies opens in presenter mode for everyone.
"""

from __future__ import annotations

import streamlit as st

from nnlab import i18n
from nnlab.config import FIELD_SPECS
from nnlab.ui import components
from nnlab.ui.common import lang, t

PARAM = "present"
HIDE_PARAM = "hide"
ON = "present"  # the toggle's key
HIDE = "present_hide"  # the multiselect's key
_STATE = "presenter"  # {"on": bool, "hide": [names]}: kept apart from the widgets, which a page switch forgets
CHART_SCALE = 1.3
PRESET = "preset"  # the preset box is a control too, though not a field
CODE = "code"
SECTIONS = {CODE: "code.title", "inside": "inside.heading", "histograms": "hist.heading"}  # name → label key
# the controls a teacher can hide: the preset box, every setting the sidebar draws (the CSV
# upload's own fields stay with the upload) and the page sections
CONTROLS = (PRESET, *(name for name, fs in FIELD_SPECS.items()
                      if fs.section and name not in ("csv_path", "target", "task", "csv_sha256")), *SECTIONS)
DEFAULT_HIDDEN = (PRESET, *(name for name, fs in FIELD_SPECS.items() if fs.advanced), CODE)
_NONE = "none"

_CSS = """
.stMain .stMarkdown p, .stMain .stMarkdown li { font-size: 1.2rem; line-height: 1.5; }
.stMain [data-testid="stCaptionContainer"] p { font-size: 1.05rem; }
.stMain div[class*="st-key-lesson_text_"] .stMarkdown p { font-size: 1.5rem; line-height: 1.45; }
.stMain div[class*="st-key-lesson_box_"] [data-testid="stAlert"] p { font-size: 1.4rem; }
.stMain .stMainBlockContainer { padding-top: 2.5rem; }
.stMain h1 { display: none; }
[data-testid="stPopoverBody"] .stMarkdown p { font-size: 1.4rem; line-height: 1.45; }
.stMain div[class*="st-key-"][class$="_folded"], .stMain div[class*="_folded "] { display: none; }
.stMain [data-testid="stCode"] code { font-size: 1.05rem; }
"""


def _from_link() -> tuple[bool, list[str]]:
    on = st.query_params.get(PARAM, "").strip().lower() in ("1", "true", "yes", "on")
    text = st.query_params.get(HIDE_PARAM)
    if text is None:
        return on, list(DEFAULT_HIDDEN)
    names = [n.strip().lower() for n in text.split(",") if n.strip()]
    return on, [n for n in CONTROLS if n in names]  # unknown names: nothing to hide


def _state() -> dict:
    if _STATE not in st.session_state:  # the link decides on a session's first page
        on, hide = _from_link()
        st.session_state[_STATE] = {"on": on, "hide": hide}
    return st.session_state[_STATE]


def active() -> bool:
    """Whether presenter mode is on."""
    return bool(_state()["on"])


def hidden() -> frozenset[str]:
    """The controls presenter mode hides (none when it is off)."""
    return frozenset(_state()["hide"]) if active() else frozenset()


def shows(section: str) -> bool:
    """Whether the page section ``section`` (a name in ``SECTIONS``) is shown: always, except
    in presenter mode when the teacher's list hides it."""
    return section not in hidden()


def chart_scale() -> float:
    return CHART_SCALE if active() else 1.0


def _label(name: str, language: str) -> str:
    if name in SECTIONS:
        return i18n.t(SECTIONS[name], language)
    return i18n.t("present.preset" if name == PRESET else FIELD_SPECS[name].label, language)


def controls() -> None:
    """The sidebar's presenter toggle and, when on, the list of hidden controls; both go into
    the URL. Each page draws its own widgets, so the values are handed over explicitly (as the
    language picker does) or a page switch would reset them."""
    ss, state = st.session_state, _state()
    ss[ON] = state["on"]
    st.sidebar.toggle(t("present.toggle"), key=ON, help=t("present.toggle.help"),
                      on_change=lambda: state.update(on=ss[ON]))
    if state["on"]:
        ss[HIDE] = [n for n in CONTROLS if n in state["hide"]]
        st.sidebar.multiselect(t("present.hide"), CONTROLS, key=HIDE, format_func=lambda n, L=lang(): _label(n, L),
                               help=t("present.hide.help"), on_change=lambda: state.update(hide=list(ss[HIDE])))
    _sync_url(state)
    page_style()


def _sync_url(state: dict) -> None:
    wanted = {}
    if state["on"]:
        wanted[PARAM] = "1"
        if set(state["hide"]) != set(DEFAULT_HIDDEN):
            wanted[HIDE_PARAM] = ",".join(state["hide"]) or _NONE
    for name in (PARAM, HIDE_PARAM):
        if name in wanted:
            if st.query_params.get(name) != wanted[name]:
                st.query_params[name] = wanted[name]
        elif name in st.query_params:
            del st.query_params[name]


def page_style() -> None:
    """Large type for the projector (only in presenter mode)."""
    if active():
        mount = components.inline("nnlab.presenter_style", css=_CSS, isolate_styles=False)
        if mount is not None:
            mount(key="presenter_style", height=0)


__all__ = ["CHART_SCALE", "CODE", "CONTROLS", "DEFAULT_HIDDEN", "HIDE_PARAM", "PARAM", "SECTIONS", "active",
           "chart_scale", "controls", "hidden", "page_style", "shows"]
