"""The replayed epoch on charts over epochs: a dashed line at the epoch shown, labelled, and
the x-axis held at the whole run, so while a run replays (paced or scrubbed) its curves
grow towards the right instead of being re-stretched over the axis at every epoch.

``mark_epochs(figs, names, epoch, last)`` marks the named figures of a page's set (those
whose x-axis is in epochs) in place and returns the set. Pure Plotly; no Streamlit.
"""

from __future__ import annotations

import plotly.graph_objects as go

from nnlab.charts.base import TEXT_SIZE
from nnlab.i18n import t

MARK_COLOR = "#333333"


def mark_epoch(fig: go.Figure, epoch: int, last: int, lang: str = "en") -> go.Figure:
    """``fig`` (x in epochs) with a dashed vertical line at ``epoch`` and its x-axis from 0 to
    ``last`` (the run's last epoch)."""
    layout = fig.layout
    shapes = list(layout.shapes or ()) + [
        {"type": "line", "xref": "x", "yref": "paper", "x0": epoch, "x1": epoch, "y0": 0, "y1": 1,
         "line": {"color": MARK_COLOR, "width": 2, "dash": "dash"}, "layer": "above"}]
    notes = list(layout.annotations or ()) + [
        {"x": epoch, "xref": "x", "y": 1, "yref": "paper", "yanchor": "bottom", "showarrow": False,
         "text": t("replay.mark", lang, epoch=epoch), "font": {"size": TEXT_SIZE, "color": MARK_COLOR},
         "bgcolor": "rgba(255,255,255,0.85)"}]
    span = max(int(last), int(epoch), 1)
    fig.update_layout(shapes=shapes, annotations=notes, xaxis_range=[0, span + max(0.5, 0.02 * span)],
                      xaxis_autorange=False)
    return fig


def mark_epochs(figs: dict[str, go.Figure], names, epoch: int | None, last: int, lang: str = "en") -> dict:
    """Mark ``figs[name]`` for each of ``names`` present at ``epoch`` (None: nothing to mark,
    the latest numbers are shown)."""
    if epoch is None:
        return figs
    for name in names:
        if name in figs:
            mark_epoch(figs[name], epoch, last, lang)
    return figs


__all__ = ["mark_epoch", "mark_epochs"]
