"""Plotly figures of a sweep's result table (the Sweep page): heatmap, parallel coordinates
and the best configurations.

Pure functions of a pandas DataFrame in the sweep CSV format (``nnlab.sweep``: one row per
trial with its grid fields, ``seed``, ``status`` and the metric columns) and the grid fields
to show; no Streamlit. ``summarize`` groups the trials of one configuration (its seeds)
into mean, spread and counts, and every chart reads it:

- ``heatmap_figure``: a metric over two grid fields, each cell the mean over seeds (and
  over any other grid field) with its value written in, spread and counts on hover.
- ``parallel_figure``: every trial as one line through its grid values (names on
  categorical axes, numbers on numeric ones) to the metric, coloured by the metric.
- ``best_figure`` / ``best_table``: the configurations ranked by a metric.

Which trials count: finished and diverged ones (a diverged net's accuracy is a result);
stopped and failed trials had no full run. The colour scales put the better end of a
metric at the same (yellow) side, whichever way the metric is better; the gradient ratio
spans decades and is drawn and averaged on a log scale (geometric mean).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from nnlab import i18n, sweep
from nnlab.charts import base
from nnlab.charts.base import axis, figure_spec, named_colorscale, short_number, style, waiting
from nnlab.i18n import t

COUNTED = ("finished", "diverged")  # statuses whose metrics are results
VIRIDIS = named_colorscale("Viridis")
VIRIDIS_R = [[round(1.0 - p, 6), c] for p, c in reversed(VIRIDIS)]
BEST_K = 10


@dataclass(frozen=True)
class MetricView:
    """How the charts show one metric column: label with unit, scale, log or not, which way is better."""

    column: str
    label: str  # axis and colour-bar title, with the unit
    scale: float  # accuracy is stored as a fraction and shown in %
    log: bool  # values span decades: a log colour scale and the geometric mean
    lower_is_better: bool | None  # None: unknown (a table of accuracies and MAEs)
    digits: str  # format of a shown value

    def text(self, value) -> str:
        if value is None or not np.isfinite(value):
            return "–"
        return short_number(value) if self.log or self.digits == "g" else f"{value:{self.digits}}"


def metric_view(df: pd.DataFrame, column: str, lang: str = "en") -> MetricView:
    """The ``MetricView`` of metric column ``column`` (``nnlab.sweep.METRICS``) in ``df``.
    ``test_metric`` is accuracy (in %, higher is better) or MAE (lower is better) as the
    table's ``metric_name`` says; a table with both has no common unit nor direction."""
    names = set(df["metric_name"].dropna().astype(str)) if "metric_name" in df else set()
    name = names.pop() if len(names) == 1 else None
    label = sweep.metric_label(column, lang, name)
    accuracy = column == "test_metric" and name == "accuracy"
    if accuracy:
        label = t("sweep.chart.percent", lang, name=label)
    lower = None if column == "test_metric" and name is None else sweep.lower_is_better(column, name or "accuracy")
    log = sweep.METRICS[column].log_scale
    return MetricView(column, label, 100.0 if accuracy else 1.0, log, lower,
                      ".1f" if accuracy else "g" if log else ".3g")


def metric_columns(df: pd.DataFrame) -> list[str]:
    """The metric columns of ``df`` the charts can show, in ``nnlab.sweep.METRICS`` order."""
    return [c for c in sweep.METRICS if c in df.columns]


# -- values as the page names them ----------------------------------------------------------

def value_text(field: str, value, lang: str = "en") -> str:
    """A grid value as the UI names it: a registry entry by its display name ('He 정규분포'),
    BatchNorm as on/off, a number as written."""
    from nnlab.comparison import VARIABLES
    from nnlab.config import FIELD_SPECS

    if field in VARIABLES:
        return VARIABLES[field].display(_number(value), lang)
    spec = FIELD_SPECS.get(field)
    if spec is not None and spec.registry is not None:
        return i18n.display_name(spec.registry.REGISTRY.kind, str(value), lang)
    return f"{value:g}" if isinstance(value, float) else str(value)


def _number(value):
    """numpy scalars as Python numbers (``f"{v:g}"`` and registry look-ups want plain values)."""
    return value.item() if isinstance(value, np.generic) else value


def field_text(field: str, lang: str = "en") -> str:
    """A grid field's name as the sidebar labels it ('Activation', '활성화 함수')."""
    from nnlab.config import FIELD_SPECS

    spec = FIELD_SPECS.get(field)
    return t(spec.label, lang) if spec is not None else t("sweep.chart.seed", lang) if field == "seed" else field


def _levels(df: pd.DataFrame, field: str) -> list:
    """The distinct values of a grid field: numbers in increasing order, names in the table's (the grid's) order."""
    values = list(pd.unique(df[field].dropna()))
    if values and all(isinstance(_number(v), (int, float)) and not isinstance(_number(v), bool) for v in values):
        return sorted(values)
    return values


# -- numbers --------------------------------------------------------------------------------

SUMMARY_COLUMNS = ("mean", "std", "min", "max", "n", "trials", "diverged")


def summarize(df: pd.DataFrame, metric: str, by: list[str], view: MetricView | None = None) -> pd.DataFrame:
    """One row per configuration (the distinct values of ``by``, in their ``_levels`` order):
    the metric's mean over its counted trials (``COUNTED``, finite values; the geometric mean
    for a log metric), sample standard deviation (None for one value or a log metric), min,
    max, ``n`` values, ``trials`` in all and how many ``diverged``. Values in the view's scale
    (accuracy in %)."""
    view = view or metric_view(df, metric)
    scale = view.scale
    status = df["status"].astype(str) if "status" in df else pd.Series("finished", index=df.index)
    values = pd.to_numeric(df[metric], errors="coerce") * scale
    counted = status.isin(COUNTED) & np.isfinite(values) & ((values > 0) if view.log else True)
    rows = []
    groups = df.groupby(by, sort=False, dropna=False) if by else [((), df)]
    for key, group in groups:
        key = key if isinstance(key, tuple) else (key,)
        v = values[group.index][counted[group.index]].to_numpy(dtype=float)
        if v.size and view.log:
            mean, std = float(10 ** np.mean(np.log10(v))), None
        elif v.size:
            mean, std = float(v.mean()), float(v.std(ddof=1)) if v.size > 1 else None
        else:
            mean = std = None
        rows.append({**dict(zip(by, key)), "mean": mean, "std": std,
                     "min": float(v.min()) if v.size else None, "max": float(v.max()) if v.size else None,
                     "n": int(v.size), "trials": len(group),
                     "diverged": int((status[group.index] == "diverged").sum())})
    out = pd.DataFrame(rows, columns=[*by, *SUMMARY_COLUMNS])
    if by:  # the configurations in the order of their axes' levels
        order = [pd.Categorical(out[f], categories=_levels(df, f), ordered=True) for f in by]
        out = out.iloc[np.lexsort([c.codes for c in reversed(order)])].reset_index(drop=True)
    return out


def rank(summary: pd.DataFrame, view: MetricView) -> pd.DataFrame:
    """``summarize``'s rows best first by their mean (configurations without a value last)."""
    ascending = bool(view.lower_is_better) if view.lower_is_better is not None else False
    return summary.sort_values("mean", ascending=ascending, na_position="last", kind="stable").reset_index(drop=True)


def _spread_text(row, view: MetricView, lang: str) -> str:
    """Hover lines of one configuration: min–max, std, counts."""
    parts = [t("sweep.chart.hover.range", lang, low=view.text(row["min"]), high=view.text(row["max"]))]
    if row["std"] is not None and np.isfinite(row["std"]):
        parts.append(t("sweep.chart.hover.std", lang, std=view.text(row["std"])))
    parts.append(t("sweep.chart.hover.n", lang, n=int(row["n"]), trials=int(row["trials"])))
    if row["diverged"]:
        parts.append(t("sweep.chart.hover.diverged", lang, n=int(row["diverged"])))
    return "<br>".join(parts)


def _colors(view: MetricView) -> list:
    """Viridis with the better end yellow (reversed when lower is better)."""
    return VIRIDIS_R if view.lower_is_better else VIRIDIS


def _log_colorbar(values) -> tuple[dict, float, float]:
    """Colour-bar ticks (10^k) for log10 values, and the range."""
    finite = [v for v in values if v is not None and np.isfinite(v)]
    lo, hi = (math.floor(min(finite)), math.ceil(max(finite))) if finite else (-3, 0)
    hi = max(hi, lo + 1)
    ticks = list(range(lo, hi + 1, max(1, (hi - lo + 5) // 6)))
    return {"tickvals": ticks, "ticktext": [f"10<sup>{k}</sup>" for k in ticks]}, lo, hi


def _styled(spec: dict, title: str, subtitle: str, height: int, extra_top: int = 0) -> go.Figure:
    """``base.style`` without a legend, with room for a subtitle that wraps onto a second line
    (``style`` leaves room for one) and ``extra_top`` more pixels above the plot."""
    fig = style(spec, title, height=height, legend=False, subtitle=subtitle)
    fig.layout.margin.t += extra_top + (30 if "<br>" in (fig.layout.title.subtitle.text or "") else 0)
    return fig


# -- the heatmap ---------------------------------------------------------------------------------

def heatmap_figure(df: pd.DataFrame, metric: str, x: str, y: str | None, lang: str = "en") -> go.Figure:
    """``metric`` over grid fields ``x`` (across) and ``y`` (down; None: one row), each cell
    the mean over the trials of that pair (its seeds, and any grid field not shown) with the
    value written in, min–max, std and counts on hover; a cell without a value says "–"."""
    view = metric_view(df, metric, lang)
    by = [f for f in (y, x) if f]
    summary = summarize(df, metric, by, view)
    xs = _levels(df, x)
    ys = _levels(df, y) if y else [None]
    cells = {tuple(row[f] for f in by): row for _, row in summary.iterrows()}
    z, text, hover = [], [], []
    for yv in ys:
        z_row, text_row, hover_row = [], [], []
        for xv in xs:
            row = cells.get((yv, xv) if y else (xv,))
            mean = row["mean"] if row is not None else None
            shown = mean is not None and np.isfinite(mean)
            z_row.append((math.log10(mean) if view.log else mean) if shown else None)
            text_row.append(view.text(mean) if shown else "–")
            hover_row.append(_spread_text(row, view, lang) if row is not None else t("sweep.chart.hover.none", lang))
        z.append(z_row)
        text.append(text_row)
        hover.append(hover_row)
    x_names = [value_text(x, v, lang) for v in xs]
    y_names = [value_text(y, v, lang) for v in ys] if y else [view.label]
    colorbar = {"title": {"text": view.label}}
    heat = {"type": "heatmap", "x": x_names, "y": y_names, "z": z, "text": text, "customdata": hover,
            "texttemplate": "%{text}", "textfont": {"size": base.LABEL_SIZE}, "colorscale": _colors(view),
            "xgap": 2, "ygap": 2, "hoverongaps": True,
            "hovertemplate": "%{y} · %{x}<br><b>" + view.label + ": %{text}</b><br>%{customdata}<extra></extra>"}
    if view.log:
        ticks, lo, hi = _log_colorbar([v for row in z for v in row])
        colorbar |= ticks
        heat |= {"zmin": lo, "zmax": hi}
    data = [heat | {"colorbar": colorbar}] if xs else []
    spec = figure_spec(data, axis(field_text(x, lang), type="category", side="bottom"),
                       axis(field_text(y, lang) if y else "", type="category", autorange="reversed"))
    if not data:
        waiting(spec, lang)
    title = (t("sweep.chart.heat.title", lang, metric=view.label, x=field_text(x, lang), y=field_text(y, lang))
             if y else t("sweep.chart.heat.title1", lang, metric=view.label, x=field_text(x, lang)))
    return _styled(spec, title, t("sweep.chart.heat.subtitle", lang), height=max(400, 170 + 56 * len(ys)))


# -- parallel coordinates --------------------------------------------------------------------------

def parallel_figure(df: pd.DataFrame, metric: str, fields: list[str], lang: str = "en") -> go.Figure:
    """Every counted trial as one line through its grid values to ``metric``, coloured by it:
    a categorical axis (names) for a field of names, a numeric one for numbers. Trials
    without a value are left out, and the subtitle says how many."""
    view = metric_view(df, metric, lang)
    values = pd.to_numeric(df[metric], errors="coerce") * view.scale
    status = df["status"].astype(str) if "status" in df else pd.Series("finished", index=df.index)
    keep = status.isin(COUNTED) & np.isfinite(values) & ((values > 0) if view.log else True)
    rows = df[keep]
    shown = values[keep]
    color = np.log10(shown) if view.log else shown
    dimensions = []
    for field in fields:
        levels = _levels(df, field)
        label = field_text(field, lang)
        if all(isinstance(_number(v), (int, float)) and not isinstance(_number(v), bool) for v in levels):
            dimensions.append({"label": label, "values": [float(v) for v in rows[field]],
                               "tickvals": [float(v) for v in levels],
                               "ticktext": [value_text(field, v, lang) for v in levels]})
        else:
            codes = {v: i for i, v in enumerate(levels)}
            dimensions.append({"label": label, "values": [codes[v] for v in rows[field]],
                               "tickvals": list(range(len(levels))),
                               "ticktext": [value_text(field, v, lang) for v in levels],
                               "range": [-0.25, len(levels) - 0.75] if len(levels) > 1 else [-1, 1]})
    metric_dim = {"label": view.label, "values": color.tolist()}
    colorbar = {"title": {"text": view.label, "side": "right", "font": {"size": base.LEGEND_SIZE}},
                "tickfont": {"size": base.TICK_SIZE}}
    if view.log:
        ticks, lo, hi = _log_colorbar(color.tolist())
        colorbar |= ticks
        metric_dim |= ticks | {"range": [lo, hi]}
    line = {"color": color.tolist(), "colorscale": _colors(view), "showscale": True, "colorbar": colorbar}
    if view.log:
        line |= {"cmin": lo, "cmax": hi}
    data = [{"type": "parcoords", "dimensions": [*dimensions, metric_dim], "line": line,
             "labelfont": {"size": base.FONT_SIZE}, "tickfont": {"size": base.TICK_SIZE},
             "rangefont": {"size": base.TEXT_SIZE}, "labelangle": 0, "labelside": "top"}] if len(rows) else []
    spec = figure_spec(data, {"visible": False}, {"visible": False})
    if not data:
        waiting(spec, lang)
    left_out = int(len(df) - len(rows))
    subtitle = t("sweep.chart.parallel.subtitle", lang, n=len(rows))
    if left_out:
        subtitle += " " + t("sweep.chart.parallel.left_out", lang, n=left_out)
    # the axes' names sit above the plot: room for them under the title
    fig = _styled(spec, t("sweep.chart.parallel.title", lang, metric=view.label), subtitle, height=480,
                  extra_top=70)
    fig.layout.margin.r = 110  # the colour bar and its title
    fig.layout.margin.l = 110
    return fig


# -- the best configurations ------------------------------------------------------------------------

def config_text(row, fields: list[str], lang: str = "en") -> str:
    """One configuration as a short line: 'ReLU · He normal'."""
    return " · ".join(value_text(f, row[f], lang) for f in fields)


def best_table(df: pd.DataFrame, metric: str, fields: list[str], lang: str = "en", k: int | None = None) -> pd.DataFrame:
    """The configurations ranked by ``metric`` (best first), at most ``k``, as the page shows
    them: rank, each grid field by display name, mean, std, min, max, seeds counted and
    diverged; column names in ``lang``."""
    view = metric_view(df, metric, lang)
    ranked = rank(summarize(df, metric, fields, view), view)
    if k is not None:
        ranked = ranked.head(k)
    out = pd.DataFrame({t("sweep.col.rank", lang): range(1, len(ranked) + 1)})
    for field in fields:
        out[field_text(field, lang)] = [value_text(field, v, lang) for v in ranked[field]]
    for col in ("mean", "std", "min", "max"):
        out[t(f"sweep.col.{col}", lang, metric=view.label)] = pd.to_numeric(ranked[col], errors="coerce").to_numpy()
    out[t("sweep.col.n", lang)] = ranked["n"].to_numpy()
    out[t("sweep.col.diverged", lang)] = ranked["diverged"].to_numpy()
    return out


def number_format(view: MetricView) -> str:
    """How a table shows a metric's numbers (printf style): 71.7, 0.6931, 4.38e-03."""
    return "%.1f" if view.scale == 100.0 else "%.2e" if view.log else "%.4g"


SHOWN_COLUMNS = ("seed", "status", "epochs_trained", "train_loss", "val_loss", "test_loss", "test_metric", "grad_ratio",
                 "seconds")


def display_table(df: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The whole table as the page shows it: the grid fields by display name, the seed, the
    status and the metrics (accuracy in %), column names in ``lang``; the trial key, data
    set, metric name and backend stay in the CSV."""
    out = pd.DataFrame(index=df.index)
    for field in sweep.grid_columns(df):
        out[field_text(field, lang)] = [value_text(field, v, lang) for v in df[field]]
    for column in SHOWN_COLUMNS:
        if column not in df:
            continue
        if column == "status":
            out[t("sweep.col.status", lang)] = [t(f"compare.status.{s}", lang) if s else "–" for s in df[column]]
        elif column == "seed":
            out[t("sweep.chart.seed", lang)] = df[column]
        else:
            view = metric_view(df, column, lang)
            out[view.label] = pd.to_numeric(df[column], errors="coerce") * view.scale
    return out.reset_index(drop=True)


def best_figure(df: pd.DataFrame, metric: str, fields: list[str], lang: str = "en", k: int = BEST_K) -> go.Figure:
    """The ``k`` best configurations by the mean of ``metric``, best at the top: a bar each
    from zero (dots on a log axis, which has no zero), its value written at the end, a line
    from the lowest to the highest seed."""
    view = metric_view(df, metric, lang)
    ranked = rank(summarize(df, metric, fields, view), view).head(k)
    ranked = ranked[ranked["mean"].notna()]
    names = [config_text(row, fields, lang) for _, row in ranked.iterrows()]
    means = [float(v) for v in ranked["mean"]]
    error = {"type": "data", "symmetric": False, "color": "#444", "thickness": 2, "width": 6,
             "array": [float(hi) - m for hi, m in zip(ranked["max"], means)],
             "arrayminus": [m - float(lo) for lo, m in zip(ranked["min"], means)]}
    hover = [_spread_text(row, view, lang) for _, row in ranked.iterrows()]
    common = {"x": means, "y": names, "orientation": "h", "customdata": hover, "error_x": error,
              "name": view.label, "text": [view.text(m) for m in means],
              "hovertemplate": "%{y}<br><b>" + view.label + ": %{text}</b><br>%{customdata}<extra></extra>"}
    if view.log:
        data = [common | {"type": "scatter", "mode": "markers+text", "textposition": "top center",
                          "marker": {"size": 12, "color": base.BLUE}, "textfont": {"size": base.LABEL_SIZE}}]
        x_axis = axis(view.label, type="log")
    else:
        data = [common | {"type": "bar", "marker": {"color": base.BLUE}, "textposition": "inside",
                          "insidetextanchor": "middle", "textfont": {"size": base.LABEL_SIZE, "color": "white"}}]
        top = max([float(v) for v in ranked["max"]] or [1.0])
        x_axis = axis(view.label, range=[0, 101] if view.scale == 100.0 else [0, top * 1.08])
    if not len(ranked):
        data = []
    spec = figure_spec(data, x_axis, axis(None, type="category", autorange="reversed"))
    if not data:
        waiting(spec, lang)
    better = {True: "sweep.chart.best.lower", False: "sweep.chart.best.higher", None: "sweep.chart.best.none"}
    return _styled(spec, t("sweep.chart.best.title", lang, n=len(ranked), metric=view.label),
                   t(better[view.lower_is_better], lang), height=max(320, 150 + 40 * len(ranked)))


__all__ = ["BEST_K", "COUNTED", "MetricView", "SUMMARY_COLUMNS", "best_figure", "best_table",
           "config_text", "display_table", "field_text", "number_format", "heatmap_figure", "metric_columns", "metric_view", "parallel_figure", "rank",
           "summarize", "value_text"]
