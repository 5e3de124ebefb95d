"""The Train page's "Distributions over time" section: histograms over time, live or replayed.

An expander (closed at first, below the page's other charts) with a layer picker, a kind
picker (weights / pre-activation / activation / weight gradient) and the ridge figure of
``nnlab.charts.histograms`` at the frame's epoch (the replay's epoch while a run is replayed,
else the latest). The expander tracks whether it is open: closed, it builds no figure, so a
live page pays nothing for it. Reads the run only through ``nnlab.snapshot``. Compare reuses
it for one of its runs (``nnlab.ui.look_inside``); presenter mode can hide it.
"""

from __future__ import annotations

import streamlit as st

from nnlab import snapshot
from nnlab.charts.histograms import histogram_figure
from nnlab.ui import live, presenter
from nnlab.ui.common import lang, t
from nnlab.ui.plots import show


def histogram_section(frame: dict, frame_key, key: str = "train_hist") -> None:
    """The section for one frame (a snapshot or a replay frame); ``frame_key`` changes exactly
    when the frame does (``live.live_view``), so an unchanged frame costs no rebuild."""
    if not presenter.shows("histograms"):
        return
    kinds = snapshot.histogram_kinds(frame)
    labels = snapshot.layer_labels(frame)
    L = lang()
    with st.expander(t("hist.heading"), icon=":material/stacked_line_chart:", key=f"{key}.open",
                     on_change="rerun") as section:
        if section.open is False:
            return
        if not kinds or not labels:
            st.caption(t("hist.none") if snapshot.is_ended(frame) else t("train.charts_soon"))
            return
        a, b = st.columns([1, 3], vertical_alignment="bottom")
        layer = a.selectbox(t("hist.layer"), list(range(len(labels))), format_func=lambda j: labels[j],
                            key=f"{key}.layer")
        st.session_state.setdefault(f"{key}.kind", kinds[0])
        with b:
            kind = st.segmented_control(t("hist.kind"), kinds, format_func=lambda k: t(f"hist.kind.{k}"),
                                        key=f"{key}.kind", required=True) or kinds[0]
        layer = layer if layer is not None and layer < len(labels) else 0
        epoch = snapshot.shown_epoch(frame)
        figs = live.figures(key, (frame_key, L, layer, kind),
                            lambda: {"fig": histogram_figure(frame, layer, kind, L, epoch)})
        show(figs["fig"], key=key)
        st.caption(t("hist.caption", rows=(frame.get("histograms") or {}).get("rows", "–")))


__all__ = ["histogram_section"]
