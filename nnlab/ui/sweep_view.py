"""The Sweep page's views of a sweep table (a sweep the page ran, or a file from the
command line): the metric and heatmap axes to show (in the link: ``?metric=&hx=&hy=``),
the heatmap, parallel coordinates, the best configurations and the whole table with its
CSV. The figures come from ``nnlab.charts.sweep``; this module only lays them out.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from nnlab import i18n, sweep
from nnlab.charts import sweep as charts
from nnlab.ui import page_state
from nnlab.ui.common import lang, t
from nnlab.ui.plots import is_phone, show

METRIC_KEY, X_KEY, Y_KEY = "sweep_metric", "sweep_hx", "sweep_hy"
AUTO, NONE = "", "-"  # an axis chosen by the page; the heatmap's second axis: none (one row)


def params() -> list[page_state.Param]:
    fields = (AUTO, NONE, *sweep.GRID_FIELDS)
    return [page_state.Param("metric", METRIC_KEY, "test_metric", page_state.choice(list(sweep.METRICS)),
                             accepts=t("share.accepts.choice", choices=", ".join(sweep.METRICS))),
            page_state.Param("hx", X_KEY, AUTO, page_state.choice(fields),
                             accepts=t("share.accepts.choice", choices=", ".join(sweep.GRID_FIELDS))),
            page_state.Param("hy", Y_KEY, AUTO, page_state.choice(fields),
                             accepts=t("share.accepts.choice", choices=", ".join(sweep.GRID_FIELDS)))]


def pickers(fields: list[str], metrics: list[str], table: pd.DataFrame) -> tuple[str, str, str | None]:
    """The metric and the heatmap's axes, drawn in one row: (metric, x, y or None)."""
    L = lang()
    page_state.restore("sweep_view", params())
    ss = st.session_state
    if ss.get(METRIC_KEY) not in metrics:
        ss[METRIC_KEY] = metrics[0]
    if ss.get(X_KEY) not in fields:  # the grid's second field across, its first down (as the lesson reads)
        ss[X_KEY] = fields[1] if len(fields) > 1 else fields[0]
    down = [f for f in fields if f != ss[X_KEY]] + [NONE]
    if ss.get(Y_KEY) not in down:
        ss[Y_KEY] = down[0]
    a, b, c = st.columns(3)
    metric = a.selectbox(t("sweep.view.metric"), metrics, key=METRIC_KEY,
                         format_func=lambda m, L=L: charts.metric_view(table, m, L).label)
    x = b.selectbox(t("sweep.view.x"), fields, key=X_KEY, format_func=lambda f, L=L: charts.field_text(f, L))
    y = c.selectbox(t("sweep.view.y"), down, key=Y_KEY,
                    format_func=lambda f, L=L: charts.field_text(f, L) if f != NONE else i18n.t("sweep.view.y.none", L))
    page_state.publish("sweep_view", params())
    return metric, x, None if y == NONE else y


def heatmap(table: pd.DataFrame, metric: str, x: str, y: str | None, key: str) -> None:
    show(charts.heatmap_figure(table, metric, x, y, lang()), key=key)


def views(table: pd.DataFrame, name: str, key: str) -> None:
    """Every view of ``table`` (its CSV downloads as ``name``); ``key`` prefixes the widgets."""
    L = lang()
    fields = sweep.grid_columns(table)
    metrics = charts.metric_columns(table)
    metric, x, y = pickers(fields, metrics, table)
    heatmap(table, metric, x, y, key=f"{key}_heatmap")
    if is_phone():  # one axis per 100 px at best: names and lines pile up on 390 px
        st.caption(t("sweep.view.parallel_phone"))
    else:
        show(charts.parallel_figure(table, metric, fields, L), key=f"{key}_parallel")
    st.subheader(t("sweep.view.best"))
    show(charts.best_figure(table, metric, fields, L), key=f"{key}_best")
    view = charts.metric_view(table, metric, L)
    number = st.column_config.NumberColumn
    st.dataframe(charts.best_table(table, metric, fields, L, k=charts.BEST_K), hide_index=True, width="stretch",
                 key=f"{key}_best_table", placeholder="–",
                 column_config={t(f"sweep.col.{c}", metric=view.label): number(format=charts.number_format(view))
                                for c in ("mean", "std", "min", "max")})
    st.subheader(t("sweep.view.table"))
    formats = {v.label: number(format=charts.number_format(v))
               for v in (charts.metric_view(table, m, L) for m in charts.metric_columns(table))}
    st.dataframe(charts.display_table(table, L), hide_index=True, width="stretch", key=f"{key}_table",
                 placeholder="–", column_config=formats)
    st.download_button(t("sweep.view.download"), table_csv(table), name, "text/csv", key=f"{key}_csv",
                       on_click="ignore", icon="⬇️")


def table_csv(table: pd.DataFrame) -> bytes:
    """The table as the command line writes it (grid values as a link writes them)."""
    from nnlab.config import FIELD_SPECS

    out = table.copy()
    for field in sweep.grid_columns(out):
        out[field] = [FIELD_SPECS[field].format(v) for v in out[field]]
    return out.to_csv(index=False).encode("utf-8")


__all__ = ["heatmap", "params", "pickers", "table_csv", "views"]
