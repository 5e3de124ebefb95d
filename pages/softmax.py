"""Softmax and backprop walkthrough: softmax computed step by step (own logits, or a small
iris model trained on demand), and one forward/backward/update of a 2-2-1 network.

Thin page: widgets → ``nnlab.teaching`` → ``nnlab.charts.teaching``. TensorFlow is imported
only inside ``teaching.train_iris_softmax``, after the train button is clicked.
"""

import numpy as np
import pandas as pd
import streamlit as st

from nnlab import lessons, teaching
from nnlab.charts import teaching as charts
from nnlab.i18n import feature_names
from nnlab.ui import lessons as lesson_ui
from nnlab.ui import page_state, plots
from nnlab.ui.clicks import once
from nnlab.ui.common import lang, page_setup, t

page_setup()

ss = st.session_state
L = lang()
LECTURE_ROW = 1  # lecture 003 uses the second iris row: 4.9, 3.0, 1.4, 0.2


@st.cache_resource(show_spinner=False)
def _iris_model(seed: int) -> dict:
    return teaching.train_iris_softmax(seed)


def _parse(text: str) -> np.ndarray | None:
    try:
        values = np.array([float(v) for v in text.replace(";", ",").split(",") if v.strip()])
    except ValueError:
        return None
    return values if 1 <= values.size <= 12 else None


def _steps_table(steps: dict, labels: list[str]) -> pd.DataFrame:
    return pd.DataFrame({
        t("softmax.col.class"): labels,
        "z": steps["logits"],
        t("softmax.col.shifted"): steps["shifted"],
        t("softmax.col.exp"): steps["exp"],
        t("softmax.col.prob"): steps["probs"],
    })


def _show_steps(steps: dict, labels: list[str], key: str) -> None:
    st.dataframe(_steps_table(steps, labels).style.format(precision=4), hide_index=True)
    c1, c2 = st.columns(2)
    c1.metric(t("softmax.m.max"), f"{steps['max']:.4f}")
    c2.metric(t("softmax.m.sum"), f"{steps['sum']:.4f}")
    st.markdown(t("softmax.probs_line", probs=", ".join(f"{p:.4f}" for p in steps["probs"])))
    plots.show(charts.softmax_figure(steps, labels, L), key=key)


def _logits_text(text: str) -> str:
    if _parse(text) is None:
        raise ValueError(text)
    return text


def _url_params() -> list[page_state.Param]:
    """The page in its link: the logits typed, whether the iris model is shown and its row, and
    the tiny network's inputs and weights after the updates applied (``?logits=2,1,0.1&iris=1``)."""
    P, any_number = page_state.Param, page_state.number(-1e6, 1e6)
    number_text = t("share.accepts.number", low="-1e6", high="1e6")
    tiny = [P(f"tn_{name}", f"tn_{name}", float(value), any_number, page_state.short, number_text)
            for name, value in teaching.TINY_DEFAULTS.items()]
    return [P("logits", "softmax_logits", "1, 2, 3", _logits_text, accepts=t("softmax.logits.help")),
            P("iris", "softmax_iris_on", False, page_state.boolean, page_state.short, t("share.accepts.bool")),
            P("row", "softmax_iris_row", LECTURE_ROW, page_state.number(0, 149, int),
              accepts=t("share.accepts.whole", low=0, high=149)),
            *tiny,
            P("updates", "tn_count", 0, page_state.number(0, 1_000_000, int),
              accepts=t("share.accepts.whole", low=0, high=1_000_000))]


def _use_iris_logits(logits: np.ndarray) -> None:
    ss["softmax_logits"] = ", ".join(f"{v:.4f}" for v in logits)


# --- 1. softmax calculator -------------------------------------------------------------------
st.title(t("softmax.title"))
lesson = lesson_ui.arrive("softmax", lambda lesson, url_pairs: None)  # the page has no settings to apply
lesson_place = st.container()  # the lesson box, drawn once the iris section has its numbers
st.write(t("softmax.intro"))
# the widgets' values are in session state before the script runs: the link can be written first
# (the tiny network's buttons change them in callbacks, before this line too)
page_state.restore("softmax", _url_params())
page_state.publish("softmax", _url_params())
st.subheader(t("softmax.calc.title"))
st.latex(r"p_i = \frac{e^{z_i - \max_j z_j}}{\sum_k e^{z_k - \max_j z_j}} = \frac{e^{z_i}}{\sum_k e^{z_k}}")
logits = _parse(st.text_input(t("softmax.logits"), key="softmax_logits", help=t("softmax.logits.help")))
if logits is None:
    st.error(t("softmax.logits.bad"))
else:
    _show_steps(teaching.softmax_steps(logits), [f"z{i + 1}" for i in range(logits.size)], "softmax_fig")
st.caption(t("softmax.calc.caption"))

# --- iris model (TensorFlow only after the click) ---------------------------------------------
st.subheader(t("softmax.iris.title"))
st.write(t("softmax.iris.intro"))
if st.button(t("softmax.iris.train"), icon="🌸", key="softmax_iris_btn"):
    ss["softmax_iris_on"] = True
    page_state.publish("softmax", _url_params())
iris = None
if ss["softmax_iris_on"]:
    with st.spinner(t("softmax.iris.training")):
        iris = _iris_model(0)  # trained once per server: a shared link opens at once for the class
if iris is not None:
    st.caption(t("softmax.iris.done", acc=f"{iris['accuracy']:.3f}"))
    row = int(st.number_input(t("softmax.iris.row"), 0, len(iris["X"]) - 1, key="softmax_iris_row"))
    x, w, b = iris["X"][row], iris["W"], iris["b"]
    names = iris["class_names"]
    features = feature_names("iris", iris["feature_names"], L)
    st.dataframe(pd.DataFrame(w, index=features, columns=names).style.format(precision=4))
    st.caption(t("softmax.iris.bias", b=", ".join(f"{v:.4f}" for v in b)))
    iris_logits = x @ w + b
    for k, name in enumerate(names):
        terms = " + ".join(f"({w[i, k]:.4f})({x[i]:.1f})" for i in range(len(x)))
        st.latex(rf"z_{{\text{{{name}}}}} = {terms} + ({b[k]:.4f}) = {iris_logits[k]:.4f}")
    iris_steps = teaching.softmax_steps(iris_logits)
    _show_steps(iris_steps, names, "softmax_iris_fig")
    predicted = iris["predict"][row]
    gap = float(np.max(np.abs(predicted - iris_steps["probs"])))
    st.dataframe(pd.DataFrame({t("softmax.col.class"): names, t("softmax.col.hand"): iris_steps["probs"],
                               t("softmax.col.predict"): predicted}).style.format(precision=6), hide_index=True)
    (st.success if gap < 1e-4 else st.warning)(t("softmax.iris.match", gap=f"{gap:.1e}"))
    st.button(t("softmax.iris.use"), on_click=_use_iris_logits, args=(iris_logits,), key="softmax_iris_use")

if lesson is not None:  # the verdict judges the hand computation shown above against the model's own output
    result = None
    if iris is not None and lesson.name == "softmax_by_hand":
        result = lesson_ui.verdict_text(lesson, lessons.softmax_verdict(iris_steps["probs"], predicted))
    with lesson_place:
        lesson_ui.lesson_box("softmax", lesson, lambda lesson, url_pairs: None, result=result,
                             note=None if result else t("lesson.softmax.todo"))

# --- 2. tiny network ----------------------------------------------------------------------------
st.divider()
st.subheader(t("softmax.net.heading"))
st.write(t("softmax.net.intro"))


def _values() -> tuple[dict, float, float, float, float]:
    params = {k: float(ss[f"tn_{k}"]) for k in teaching.TINY_PARAMS}
    return params, float(ss["tn_x1"]), float(ss["tn_x2"]), float(ss["tn_y"]), float(ss["tn_lr"])


def _update() -> None:
    params, x1, x2, y, lr = _values()
    for k, v in teaching.tiny_net_forward_backward(params, x1, x2, y, lr)["updated"].items():
        ss[f"tn_{k}"] = v
    ss["tn_count"] += 1


def _reset() -> None:
    for name, value in teaching.TINY_DEFAULTS.items():
        ss[f"tn_{name}"] = value
    ss["tn_count"] = 0


with st.expander(t("softmax.net.edit"), expanded=False):
    cols = st.columns(4)
    for i, name in enumerate(("x1", "x2", "y", "lr")):
        cols[i].number_input(name if name != "lr" else "η", step=0.05, format="%.4f", key=f"tn_{name}")
    cols = st.columns(len(teaching.TINY_PARAMS))
    for col, name in zip(cols, teaching.TINY_PARAMS):
        col.number_input(name, step=0.05, format="%.4f", key=f"tn_{name}")

params, x1, x2, y, lr = _values()
result = teaching.tiny_net_forward_backward(params, x1, x2, y, lr)
fwd = result["forward"]
# The buttons share one wider column, stacked: five narrow columns cut "Apply one update" short.
buttons, m1, m2, m3 = st.columns([1.3, 1, 1, 1])
buttons.button(t("softmax.net.step"), **once(_update), type="primary", icon="➡️", key="tn_step_btn", width="stretch")
buttons.button(t("softmax.net.reset"), **once(_reset), icon="⏮️", key="tn_reset_btn", width="stretch")
m1.metric(t("softmax.net.updates"), ss["tn_count"])
m2.metric(t("softmax.net.loss_now"), f"{fwd['loss']:.6f}")
m3.metric(t("softmax.net.loss_next"), f"{result['loss_after']:.6f}", delta=f"{result['loss_after'] - fwd['loss']:+.6f}",
          delta_color="inverse")
plots.show(charts.network_figure(params, result, L, portrait=plots.is_phone()), key="tn_fig")

def _aligned(*rows: str) -> str:
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def _n(v: float) -> str:
    text = f"{v:.4g}"
    return f"({text})" if v < 0 else text


st.markdown(f"##### {t('softmax.net.forward')}")
left, right = st.columns(2)
with left:
    st.latex(_aligned(
        r"z_{h1} &= w_1 x_1 + w_2 x_2 + b_1",
        rf"&= {_n(params['w1'])} \cdot {_n(x1)} + {_n(params['w2'])} \cdot {_n(x2)} + {_n(params['b1'])}",
        rf"&= {fwd['z_h1']:.4f}",
        rf"h_1 &= \sigma(z_{{h1}}) = {fwd['h1']:.4f}"))
    st.latex(_aligned(
        r"z_{h2} &= w_3 x_1 + w_4 x_2 + b_2",
        rf"&= {_n(params['w3'])} \cdot {_n(x1)} + {_n(params['w4'])} \cdot {_n(x2)} + {_n(params['b2'])}",
        rf"&= {fwd['z_h2']:.4f}",
        rf"h_2 &= \sigma(z_{{h2}}) = {fwd['h2']:.4f}"))
with right:
    st.latex(_aligned(
        r"z_o &= w_5 h_1 + w_6 h_2 + b_3",
        rf"&= {_n(params['w5'])} \cdot {_n(fwd['h1'])} + {_n(params['w6'])} \cdot {_n(fwd['h2'])} + {_n(params['b3'])}",
        rf"&= {fwd['z_o']:.4f}",
        rf"o &= \sigma(z_o) = {fwd['o']:.4f}"))
    st.latex(_aligned(
        r"L &= \tfrac12 (o - y)^2",
        rf"&= \tfrac12 ({fwd['o']:.4f} - {y:.4f})^2 = {fwd['loss']:.6f}"))

st.markdown(f"##### {t('softmax.net.local')}")
cols = st.columns(2)
cols[0].latex(rf"\frac{{\partial L}}{{\partial o}} = o - y = {fwd['o'] - y:.4f}")
cols[1].latex(rf"\frac{{\partial o}}{{\partial z_o}} = o(1 - o) = {fwd['o'] * (1 - fwd['o']):.4f}")
cols[0].latex(rf"\frac{{\partial h_1}}{{\partial z_{{h1}}}} = h_1(1 - h_1) = {fwd['h1'] * (1 - fwd['h1']):.4f}")
cols[1].latex(rf"\frac{{\partial h_2}}{{\partial z_{{h2}}}} = h_2(1 - h_2) = {fwd['h2'] * (1 - fwd['h2']):.4f}")
st.caption(t("softmax.net.local_caption"))

st.markdown(f"##### {t('softmax.net.backward')}")
for name in ("w5", "w6", "b3", "w1", "w2", "b1", "w3", "w4", "b2"):
    st.latex(teaching.chain_rule_latex(name, result["chains"][name], result["grads"][name]))

st.markdown(f"##### {t('softmax.net.update')}")
st.latex(r"w \leftarrow w - \eta \frac{\partial L}{\partial w}" + rf"\qquad \eta = {lr:.4g}")
st.dataframe(pd.DataFrame({
    t("softmax.col.param"): list(teaching.TINY_PARAMS),
    t("softmax.col.value"): [params[k] for k in teaching.TINY_PARAMS],
    t("softmax.col.grad"): [result["grads"][k] for k in teaching.TINY_PARAMS],
    t("softmax.col.new"): [result["updated"][k] for k in teaching.TINY_PARAMS],
}).style.format(precision=6), hide_index=True)
st.caption(t("softmax.net.caption"))
