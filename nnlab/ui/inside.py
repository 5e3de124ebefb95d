"""The Train page's "Inside the network" section: neuron maps and the network diagram, live.

``inside_section(frame, frame_key)`` draws, under the page's other charts, the neuron maps
(2-D data sets; a select of which units) and the diagram (a choice of what fills the
nodes), from the frame the live view shows: the latest snapshot while training, or the
replayed epoch (``nnlab.snapshot.shown_epoch``). Figures come from ``nnlab.charts.inside``
and are rebuilt only when the frame or a choice changed (``live.figures``). Compare reuses it
for one of its runs (``nnlab.ui.look_inside``); presenter mode can hide it.
"""

from __future__ import annotations

import streamlit as st

from nnlab import i18n, snapshot
from nnlab.charts import inside as charts
from nnlab.charts.inside import UNITS_PER_ROW
from nnlab.inside import FILLS
from nnlab.ui import live, presenter
from nnlab.ui.common import lang, t
from nnlab.ui.plots import is_phone, show

PHONE_UNITS_PER_ROW = 4

ALL = "all"


def _map_choices(frame: dict) -> list:
    """``ALL`` (the first units of every layer), then one entry per layer with more units than a row."""
    meta = snapshot.inside(frame) or {}
    stored = meta.get("units_stored") or []
    labels = snapshot.hidden_labels(frame)
    return [ALL] + [i for i, n in enumerate(stored) if n > UNITS_PER_ROW and i < len(labels)]


def inside_section(frame: dict, frame_key, key: str = "train") -> None:
    """The section for ``frame`` (a snapshot or a replay frame); nothing for a network without
    hidden layers. A record whose frames cannot be read (a damaged run.json) gets a catalog
    message instead of the figures."""
    if not snapshot.hidden_labels(frame) or not presenter.shows("inside"):
        return
    try:
        _section(frame, frame_key, key)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        st.caption(t("inside.unreadable"))


def _section(frame: dict, frame_key, key: str) -> None:
    L = lang()
    st.subheader(t("inside.heading"))
    st.caption(t("inside.caption"))
    epoch = snapshot.shown_epoch(frame)
    has_maps = bool(snapshot.neuron_map_frames(frame)) or (
        snapshot.is_2d(frame) and (snapshot.inside(frame) or {}).get("map_x"))
    choices = _map_choices(frame) if has_maps else [ALL]
    labels = snapshot.hidden_labels(frame)
    units_diagram = (snapshot.inside(frame) or {}).get("diagram") == "units"
    # Each part whose element count varies sits in its own container (see pages/train.py).
    per_row = PHONE_UNITS_PER_ROW if is_phone() else UNITS_PER_ROW  # tiles a phone's 390 px can show
    pick = ALL
    with st.container():
        if has_maps and len(choices) > 1:
            pick = st.selectbox(t("inside.maps.pick"), choices, key=f"{key}_inside_pick",
                                help=t("inside.maps.pick_help"), width=320,
                                format_func=lambda c, L=L: i18n.t("inside.maps.first", L, n=per_row)
                                if c == ALL else i18n.t("inside.maps.all_of", L, layer=labels[c]))
    layer = None if pick == ALL or pick not in choices else int(pick)
    with st.container():
        if has_maps:
            maps = live.figures(f"{key}.inside.maps", (frame_key, L, layer, per_row),
                                lambda: charts.neuron_maps_figure(frame, L, epoch, layer, per_row))
            show(maps, key=f"{key}_neuron_maps")
            if per_row < UNITS_PER_ROW:  # the chart leaves its subtitle out on a phone
                st.caption(t("inside.maps.subtitle"))
        else:
            st.caption(t("inside.maps.none"))
    fill = FILLS[0]
    with st.container():
        if units_diagram:
            fill = st.segmented_control(t("inside.diagram.fill"), FILLS, key=f"{key}_inside_fill",
                                        format_func=lambda f, L=L: i18n.t(f"inside.fill.{f}", L),
                                        help=t("inside.diagram.fill_help"), default=FILLS[0]) or FILLS[0]
    diagram = live.figures(f"{key}.inside.diagram", (frame_key, L, fill),
                           lambda: charts.diagram_figure(frame, L, epoch, fill))
    show(diagram, key=f"{key}_diagram")


__all__ = ["inside_section"]
