"""Activation explorer page: f and f′ of chosen activations, a property table, formulas,
and the product of derivatives through depth (the vanishing-gradient argument, no training).

Thin page: widgets → ``nnlab.teaching`` (maths) → ``nnlab.charts.teaching`` (figures).
"""

import pandas as pd
import streamlit as st

from nnlab import activations, initializers, teaching
from nnlab.charts import teaching as charts
from nnlab.i18n import display_name, summary
from nnlab.ui import lessons as lesson_ui
from nnlab.ui import page_state, plots
from nnlab.ui.common import lang, page_setup, t

page_setup()

DEFAULT = ["sigmoid", "tanh", "relu", "leaky_relu"]
WIDTHS = [8, 16, 32, 64, 128, 256]


@st.cache_data(show_spinner=False)
def _seconds(name: str) -> float:
    return teaching.time_activation(name, n=1_000_000)  # once per server process


@st.cache_data(show_spinner=False, max_entries=64)
def _chain(name: str, depth: int, initializer: str, width: int, seed: int) -> teaching.DepthChain:
    return teaching.depth_chain(name, depth, initializer, width, seed)


def _x_range(text: str) -> tuple[float, float]:
    low, high = page_state.listing(page_state.number(-20.0, 20.0), 2, 2)(text)
    if low >= high:
        raise ValueError(text)
    return low, high


def _url_params() -> list[page_state.Param]:
    """The page in its link: ``?acts=relu,gelu&range=-3,3&depth=30&init=he_normal&width=64&seed=1``."""
    names, inits, P = activations.names(), initializers.names(), page_state.Param
    return [
        P("acts", "explorer_chosen", DEFAULT, page_state.listing(page_state.choice(names), 1, len(names)),
          page_state.joined, t("share.accepts.list", low=1, high=len(names), choices=", ".join(names))),
        P("range", "explorer_xrange", (-6.0, 6.0), _x_range, page_state.joined,
          t("share.accepts.numbers", n=2) + " (−20 … 20)"),
        P("depth", "explorer_depth", 10, page_state.number(1, 50, int), accepts=t("share.accepts.whole", low=1, high=50)),
        P("init", "explorer_init", "glorot_uniform", page_state.choice(inits),
          accepts=t("share.accepts.choice", choices=", ".join(inits))),
        P("width", "explorer_width", 64, page_state.choice(WIDTHS),
          accepts=t("share.accepts.choice", choices=", ".join(map(str, WIDTHS)))),
        P("seed", "explorer_seed", 0, page_state.number(0, 10_000, int),
          accepts=t("share.accepts.whole", low=0, high=10_000)),
    ]


def _yes_no(value: bool) -> str:
    return t("explorer.yes") if value else t("explorer.no")


def _slope0(name: str) -> str:
    left, right = teaching.derivative_at_zero(name)
    if left == right:
        return f"{left:.4g}"
    return t("explorer.kink", left=f"{left:.4g}", right=f"{right:.4g}")


L = lang()
st.title(t("explorer.title"))
lesson = lesson_ui.arrive("explorer", lambda lesson, url_pairs: None)  # the page has no settings to apply
if lesson is not None:
    lesson_ui.lesson_box("explorer", lesson, lambda lesson, url_pairs: None)
st.write(t("explorer.intro"))

# the widgets' values are in session state before the script runs: the link can be written first
page_state.restore("explorer", _url_params())
page_state.publish("explorer", _url_params())
display = {n: display_name("activation", n, L) for n in activations.names()}
chosen = st.multiselect(t("explorer.choose"), list(display), format_func=display.get, key="explorer_chosen")
if not chosen:
    st.info(t("explorer.none"))
    st.stop()
x_min, x_max = st.slider(t("explorer.xrange"), -20.0, 20.0, step=0.5, key="explorer_xrange")
if x_max <= x_min:
    x_max = x_min + 0.5
plots.show(charts.activation_figure(chosen, x_min, x_max, L), key="explorer_fig")

# --- properties -----------------------------------------------------------------------
st.subheader(t("explorer.props.title"))
relu_time = _seconds("relu")
rows = []
for name in chosen:
    act = activations.get(name)
    rows.append({
        t("explorer.col.name"): display[name],
        t("explorer.col.range"): act.output_range,
        t("explorer.col.zero_centred"): _yes_no(act.zero_centred),
        t("explorer.col.monotonic"): _yes_no(act.monotonic),
        t("explorer.col.saturating"): _yes_no(act.saturating),
        t("explorer.col.max_slope"): f"{act.max_slope:.4g}",
        t("explorer.col.slope0"): _slope0(name),
        t("explorer.col.smooth"): _yes_no(act.smooth),
        t("explorer.col.cost"): f"{_seconds(name) / relu_time:.1f}×",
    })
st.dataframe(pd.DataFrame(rows), hide_index=True)
st.caption(t("explorer.props.caption"))

# --- formulas ---------------------------------------------------------------------------
st.subheader(t("explorer.formulas.title"))
for name in chosen:
    act = activations.get(name)
    left, right = st.columns([2, 3])
    left.markdown(f"**{display[name]}**  \n{summary('activation', name, L)}")
    with right:
        st.latex(act.latex)

# --- through depth ----------------------------------------------------------------------
st.subheader(t("explorer.depth.heading"))
st.write(t("explorer.depth.intro"))
# Two rows of two: in four columns the initializer's name ("Xavier / Glorot uniform") was cut off at 1280 px.
c1, c2 = st.columns(2)
c3, c4 = st.columns(2)
depth = c1.slider(t("explorer.depth.layers"), 1, 50, key="explorer_depth")
initializer = c2.selectbox(t("explorer.depth.init"), initializers.names(),
                           format_func=lambda n: display_name("initializer", n, L), key="explorer_init")
width = c3.select_slider(t("explorer.depth.width"), WIDTHS, key="explorer_width")
seed = int(c4.number_input(t("explorer.depth.seed"), 0, 10_000, key="explorer_seed"))
st.caption(summary("initializer", initializer, L))

chains = [_chain(name, depth, initializer, width, seed) for name in chosen]
metric_cols = st.columns(min(len(chains), 4))
for i, chain in enumerate(chains):
    act = activations.get(chain.activation)
    metric_cols[i % len(metric_cols)].metric(
        t("explorer.depth.best_metric", name=display[chain.activation], slope=f"{act.max_slope:.4g}", depth=depth),
        f"{chain.best_case[-1]:.3g}" if chain.best_case[-1] >= 1e-3 else f"{chain.best_case[-1]:.2e}",
        help=t("explorer.depth.best_help"),
    )
plots.show(charts.depth_figure(chains, L), key="explorer_depth_fig")
table = pd.DataFrame({
    t("explorer.col.name"): [display[c.activation] for c in chains],
    t("explorer.depth.col.best"): [f"{c.best_case[-1]:.2e}" for c in chains],
    t("explorer.depth.col.sampled"): [f"{c.grad_norm[-1]:.2e}" for c in chains],
    t("explorer.depth.col.mean_slope"): [f"{c.slope_product[-1]:.2e}" for c in chains],
})
st.dataframe(table, hide_index=True)
st.caption(t("explorer.depth.caption"))

# --- explanations -------------------------------------------------------------------------
st.subheader(t("explorer.why.title"))
for key in ("sigmoid", "relu", "fixes", "smooth"):
    st.markdown(f"**{t(f'explorer.why.{key}.title')}** — {t(f'explorer.why.{key}')}")
