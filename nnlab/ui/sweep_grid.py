"""The Sweep page's grid: which settings vary, their values and the number of seeds.

The fields and their values are Compare's (``nnlab.comparison.VARIABLES``: the same
choices, defaults, display names and sidebar controls to hide), drawn with the same
pickers, up to ``MAX_FIELDS`` fields; the seed is not a field (the number of seeds varies
it). Everything is in the page's link through ``nnlab.ui.page_state``:
``?fields=activation,initializer&grid.activation=sigmoid,relu&seeds=2``.

``LESSON`` is the lesson-ready default, Glorot & Bengio (2010) scaled down: three
activations × three initializations at five layers on the spiral, two seeds.
"""

from __future__ import annotations

import streamlit as st

from nnlab import comparison, i18n
from nnlab.ui import page_state
from nnlab.ui.common import lang, t
from nnlab.ui.sidebar import current_config, set_config

FIELDS = tuple(name for name in comparison.VARIABLES if name != "seed")
MAX_FIELDS = 3
MAX_SEEDS = 5
FIELDS_KEY = "sweep_fields"
SEEDS_KEY = "sweep_seeds"
LESSON = {
    "config": {"dataset": "spiral", "depth": 5, "width": 16, "epochs": 20},
    "grid": {"activation": ["sigmoid", "tanh", "relu"], "initializer": ["glorot_uniform", "he_normal", "random_normal"]},
    "seeds": 2,
}


def values_key(field: str) -> str:
    return f"sweep_values.{field}"


def default_values(field: str) -> list:
    """The values a field starts with: the lesson's for its fields, else Compare's defaults."""
    return list(LESSON["grid"].get(field, comparison.VARIABLES[field].defaults))


def _linked_fields() -> list[str]:
    """The fields whose values the link's ``grid.*`` name: the link's own, else the page's."""
    try:
        return page_state.listing(page_state.choice(FIELDS), 1, MAX_FIELDS)(st.query_params.get("fields", ""))
    except ValueError:
        return list(st.session_state.get(FIELDS_KEY, LESSON["grid"]))


def params(fields: list[str]) -> list[page_state.Param]:
    """The grid's parameters in the link, for ``fields``."""
    out = [page_state.Param("fields", FIELDS_KEY, list(LESSON["grid"]),
                            page_state.listing(page_state.choice(FIELDS), 1, MAX_FIELDS), page_state.joined,
                            accepts=t("share.accepts.list", low=1, high=MAX_FIELDS, choices=", ".join(FIELDS))),
           page_state.Param("seeds", SEEDS_KEY, LESSON["seeds"], page_state.number(1, MAX_SEEDS, int), str,
                            accepts=t("share.accepts.whole", low=1, high=MAX_SEEDS))]
    for field in fields:
        var = comparison.VARIABLES[field]
        out.append(page_state.Param(
            f"grid.{field}", values_key(field), default_values(field),
            page_state.listing(page_state.choice(var.choices), comparison.MIN_VALUES, comparison.MAX_VALUES),
            page_state.joined,
            accepts=t("share.accepts.list", low=comparison.MIN_VALUES, high=comparison.MAX_VALUES,
                      choices=", ".join(page_state.short(v) for v in var.choices))))
    return out


def load_lesson() -> None:
    """The lesson's settings in the sidebar and its grid in the pickers (a button's callback)."""
    set_config(current_config().edit(**LESSON["config"]))
    st.session_state[FIELDS_KEY] = list(LESSON["grid"])
    for field, values in LESSON["grid"].items():
        st.session_state[values_key(field)] = list(values)
    st.session_state[SEEDS_KEY] = LESSON["seeds"]


def grid_pickers(locked: bool) -> tuple[dict[str, list], int]:
    """The fields, their values and the number of seeds, drawn and read back
    (``({field: [values]}, seeds)``); in the link before and after."""
    L = lang()
    page_state.restore("sweep", params(_linked_fields()))
    # while the sweep trains, presenter mode folds the pickers (a key ending in "_folded", as on Compare)
    box = st.container(border=True, key="sweep_grid_folded" if locked else "sweep_grid")
    head, seeds_col = box.columns([3, 1])
    fields = head.multiselect(t("sweep.grid.fields"), list(FIELDS), key=FIELDS_KEY, max_selections=MAX_FIELDS,
                              disabled=locked, format_func=lambda v, L=L: i18n.t(f"compare.var.{v}", L),
                              help=t("sweep.grid.fields.help"))
    seeds = seeds_col.number_input(t("sweep.grid.seeds"), 1, MAX_SEEDS, step=1, key=SEEDS_KEY, disabled=locked,
                                   help=t("sweep.grid.seeds.help"))
    grid = {}
    for field in fields:
        var = comparison.VARIABLES[field]
        key = values_key(field)
        if key not in st.session_state:
            st.session_state[key] = default_values(field)
        grid[field] = box.multiselect(t("sweep.grid.values", field=i18n.t(f"compare.var.{field}", L)),
                                      list(var.choices), key=key, disabled=locked, max_selections=comparison.MAX_VALUES,
                                      format_func=lambda v, var=var, L=L: var.display(v, L))
    page_state.publish("sweep", params(fields))
    return grid, int(seeds)


def excluded(fields) -> frozenset[str]:
    """The sidebar controls the grid sets per trial (hidden in the sidebar, as Compare does)."""
    return frozenset().union(*(comparison.VARIABLES[f].exclude for f in fields))


__all__ = ["FIELDS", "LESSON", "MAX_FIELDS", "MAX_SEEDS", "default_values", "excluded", "grid_pickers",
           "load_lesson", "params", "values_key"]
