"""Compare's "Look inside one run" section: one compared run's neuron maps, diagram and histograms.

An expander under Compare's charts (closed at first, so the overlays stay on top; closed, it
builds nothing) with a picker of one of the compared runs (the first by default; the choice
goes into the link as ``?inside=<run label>`` through ``nnlab.ui.page_state``, and a link that
names a run opens the section) and that run's sections from the Train page, reused as they
are: ``nnlab.ui.inside.inside_section`` and ``nnlab.ui.histograms.histogram_section``. They
are drawn from the frame the page's live view or epoch scrubber hands to its ``render``, so
they follow the run live and the scrubbed epoch in replay. Presenter mode can hide either
part (``nnlab.ui.presenter``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from nnlab import snapshot
from nnlab.ui import page_state, presenter
from nnlab.ui.common import t
from nnlab.ui.histograms import histogram_section
from nnlab.ui.inside import inside_section

PARAM = "inside"  # the query parameter naming the run shown
RUN_KEY = "compare_inside_run"  # the picker's widget key
OPEN_KEY = "compare_inside_open"  # the expander's open state
_PAGE = "compare_inside"  # page_state's name for this section's part of the link


def _param(labels: Sequence[str]) -> page_state.Param:
    return page_state.Param(PARAM, RUN_KEY, labels[0], page_state.choice(labels),
                            accepts=t("share.accepts.choice", choices=", ".join(labels)))


def look_inside(frames: Sequence[dict], frame_key, name: Callable[[str], str]) -> None:
    """The section for the compared runs' ``frames`` (snapshots or replay frames, labelled with
    the runs' labels); ``frame_key`` changes exactly when the frames do; ``name(label)`` is a
    run's name as the page shows it."""
    parts = [part for part in ("inside", "histograms") if presenter.shows(part)]
    labels = [snapshot.label(f) for f in frames]
    if not parts or not labels:
        return
    ss = st.session_state
    ss.setdefault(OPEN_KEY, PARAM in st.query_params)  # a link that names a run opens the section
    with st.expander(t("inside.compare.heading"), icon=":material/visibility:", key=OPEN_KEY,
                     on_change="rerun") as section:
        if section.open is False:
            return
        params = [_param(labels)]
        page_state.restore(_PAGE, params)
        if ss.get(RUN_KEY) not in labels:  # a new comparison, other runs
            ss[RUN_KEY] = labels[0]
        names = {label: name(label) for label in labels}  # bound now: AppTest formats outside the run
        run = st.segmented_control(t("inside.compare.run"), labels, key=RUN_KEY, required=True,
                                   format_func=names.get, help=t("inside.compare.run_help")) or labels[0]
        page_state.publish(_PAGE, params)
        frame, key = frames[labels.index(run)], (frame_key, run)
        if "inside" in parts:
            with st.container():
                inside_section(frame, key, key="compare")
        if "histograms" in parts:
            with st.container():
                histogram_section(frame, key, key="compare_hist")


__all__ = ["OPEN_KEY", "PARAM", "RUN_KEY", "look_inside"]
