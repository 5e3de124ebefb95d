"""Single-neuron lab (TF basics lecture): y = f(w·x + b) fitted to one target, with the
lecture's hand rule and true gradient descent side by side, stepped or played.

Thin page: widgets → ``nnlab.teaching.neuron_train`` → ``nnlab.charts.teaching.neuron_figure``.
"""

import numpy as np
import streamlit as st

from nnlab import activations, i18n, lessons, teaching
from nnlab.charts import teaching as charts
from nnlab.i18n import display_name
from nnlab.ui import lessons as lesson_ui
from nnlab.ui import page_state, plots
from nnlab.ui.clicks import once
from nnlab.ui.common import lang, page_setup, t

page_setup()

# The lecture's cases: x = 1 → 0 with a sigmoid; x = 0 → 1 without and with a bias; a ReLU that stalls.
PRESETS = {
    "lecture_sigmoid": {"activation": "sigmoid", "bias": False, "x": 1.0, "target": 0.0, "dist": "normal",
                        "seed": 0, "lr": 0.1, "steps": 1000},
    "lecture_no_bias": {"activation": "sigmoid", "bias": False, "x": 0.0, "target": 1.0, "dist": "normal",
                        "seed": 0, "lr": 0.1, "steps": 1000},
    "lecture_bias": {"activation": "sigmoid", "bias": True, "x": 0.0, "target": 1.0, "dist": "normal",
                     "seed": 0, "lr": 0.1, "steps": 1000},
    "relu_stall": {"activation": "relu", "bias": False, "x": 1.0, "target": 1.0, "dist": "normal",
                   "seed": 4, "lr": 0.1, "steps": 100},
}
FIELDS = ("activation", "bias", "x", "target", "dist", "seed", "lr", "steps")
LEARNING_RATES = [0.001, 0.01, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0]
STEP_COUNTS = [10, 50, 100, 200, 500, 1000, 2000]
ss = st.session_state


def _apply_preset() -> None:
    for field, value in PRESETS[ss["neuron_preset"]].items():
        ss[f"neuron_{field}"] = value
    ss["neuron_view"] = ss["neuron_steps"]
    ss["neuron_playing"] = False


def _move(to: int | None = None, by: int = 0) -> None:
    ss["neuron_view"] = min(max((ss["neuron_view"] if to is None else to) + by, 0), ss["neuron_steps"])
    ss["neuron_playing"] = False


def _set_playing(play: bool) -> None:
    if play and ss["neuron_view"] >= ss["neuron_steps"]:
        ss["neuron_view"] = 0
    ss["neuron_playing"] = play


if "neuron_preset" not in ss:
    ss["neuron_preset"] = "lecture_sigmoid"
    _apply_preset()



def _apply_lesson(lesson, _url_pairs) -> None:
    ss["neuron_preset"] = lesson.changes.get("preset", ss["neuron_preset"])
    _apply_preset()


def _linked_params() -> list[page_state.Param]:
    """``_url_params`` for reading a link: the preset and step count it names decide the defaults."""
    preset = st.query_params.get("preset")
    preset = preset if preset in PRESETS else ss["neuron_preset"]
    try:
        steps = page_state.choice(STEP_COUNTS)(st.query_params["steps"])
    except (KeyError, ValueError):
        steps = PRESETS[preset]["steps"]
    return _url_params(preset, steps)


def _url_params(preset: str, last_step: int) -> list[page_state.Param]:
    """The page in its link: the example, each setting that differs from it, and the step shown
    (``?preset=lecture_bias&lr=0.5&step=40``)."""
    values = PRESETS[preset]
    steps = page_state.choice(STEP_COUNTS)
    names, P = activations.names(), page_state.Param
    return [
        P("preset", "neuron_preset", "lecture_sigmoid", page_state.choice(list(PRESETS)),
          accepts=t("share.accepts.choice", choices=", ".join(PRESETS))),
        P("activation", "neuron_activation", values["activation"], page_state.choice(names),
          accepts=t("share.accepts.choice", choices=", ".join(names))),
        P("bias", "neuron_bias", values["bias"], page_state.boolean, page_state.short, t("share.accepts.bool")),
        P("x", "neuron_x", values["x"], page_state.number(-5.0, 5.0), page_state.short,
          t("share.accepts.number", low=-5, high=5)),
        P("target", "neuron_target", values["target"], page_state.number(-5.0, 5.0), page_state.short,
          t("share.accepts.number", low=-5, high=5)),
        P("dist", "neuron_dist", values["dist"], page_state.choice(["normal", "uniform"]),
          accepts=t("share.accepts.choice", choices="normal, uniform")),
        P("seed", "neuron_seed", values["seed"], page_state.number(0, 10_000, int),
          accepts=t("share.accepts.whole", low=0, high=10_000)),
        P("lr", "neuron_lr", values["lr"], page_state.choice(LEARNING_RATES), page_state.short,
          t("share.accepts.choice", choices=", ".join(map(page_state.short, LEARNING_RATES)))),
        P("steps", "neuron_steps", values["steps"], steps,
          accepts=t("share.accepts.choice", choices=", ".join(map(str, STEP_COUNTS)))),
        P("step", "neuron_view", last_step, page_state.number(0, last_step, int),
          accepts=t("share.accepts.whole", low=0, high=last_step)),
    ]


L = lang()
st.title(t("neuron.title"))
lesson = lesson_ui.arrive("neuron", _apply_lesson)  # ?lesson=…: its example, once
lesson_place = st.container()  # the lesson box, drawn once the page has its numbers
if lesson is None:
    st.write(t("neuron.intro"))

page_state.restore("neuron", _linked_params())
st.selectbox(t("neuron.preset"), list(PRESETS), format_func=lambda k, L=L: i18n.t(f"neuron.preset.{k}", L),
             key="neuron_preset", on_change=_apply_preset)
c1, c2, c3, c4 = st.columns(4)
act_names = activations.names()
c1.selectbox(t("neuron.activation"), act_names, format_func=lambda n: display_name("activation", n, L),
             key="neuron_activation")
c1.checkbox(t("neuron.bias"), key="neuron_bias")
c2.number_input(t("neuron.x"), -5.0, 5.0, step=0.5, key="neuron_x")
c2.number_input(t("neuron.target"), -5.0, 5.0, step=0.5, key="neuron_target")
c3.radio(t("neuron.dist"), ["normal", "uniform"], format_func=lambda d, L=L: i18n.t(f"neuron.dist.{d}", L),
         key="neuron_dist", horizontal=True)
c3.number_input(t("neuron.seed"), 0, 10_000, step=1, key="neuron_seed")
c4.select_slider(t("neuron.lr"), LEARNING_RATES, key="neuron_lr")
c4.select_slider(t("neuron.steps"), STEP_COUNTS, key="neuron_steps")

cfg = {f: ss[f"neuron_{f}"] for f in FIELDS}
w0, b0 = teaching.initial_neuron_weights(cfg["dist"], int(cfg["seed"]))
steps = int(cfg["steps"])
runs = teaching.neuron_train(cfg["x"], cfg["target"], cfg["activation"], cfg["bias"], w0, b0,
                             float(cfg["lr"]), steps)
ss["neuron_view"] = min(ss.get("neuron_view", steps), steps)
ss.setdefault("neuron_playing", False)


# The single-neuron lesson's example: the lecture's case (x = 0 → 1, sigmoid, 1000 steps), once
# without and once with a bias. Its verdict is judged on this page's own outputs.
EXAMPLE = {field: value for field, value in PRESETS["lecture_no_bias"].items() if field != "bias"}
SEEN = "neuron.lesson_seen"  # {bias: the gradient rule's output at the last step, as the page showed it}


def _lesson_result() -> tuple[tuple[bool, str] | None, str | None]:
    """(verdict, note) of the single-neuron lesson from what the page has shown: once the example
    was shown at its last step without and with a bias, the claim judged on those two outputs."""
    if any(cfg[field] != value for field, value in EXAMPLE.items()):
        return None, t("lesson.changed") + " " + t("lesson.neuron.todo")
    seen = ss.setdefault(SEEN, {})
    if ss["neuron_view"] >= steps:  # the page shows the last step: its output is the example's result
        seen[bool(cfg["bias"])] = float(runs["gradient"].output[steps])
    if False in seen and True in seen:
        return lesson_ui.verdict_text(lesson, lessons.single_neuron_verdict(seen[False], seen[True])), None
    if False in seen:
        return None, t("lesson.neuron.need_bias", without=seen[False], steps=steps)
    if True in seen:
        return None, t("lesson.neuron.need_no_bias", with_bias=seen[True], steps=steps)
    return None, t("lesson.neuron.todo")


if lesson is not None:
    result, note = _lesson_result() if lesson.name == "single_neuron" else (None, None)
    with lesson_place:
        lesson_ui.lesson_box("neuron", lesson, _apply_lesson, result=result, note=note)

st.caption(t("neuron.init_caption", w0=f"{w0:.4f}", b0=f"{b0:.4f}" if cfg["bias"] else "0 (—)"))
rule_cols = st.columns(2)
rule_cols[0].markdown(f"**{t('neuron.rule.hand')}** — {t('neuron.rule.hand.help')}")
rule_cols[0].latex(r"w \leftarrow w + \eta\,x\,(y - \hat y)")
rule_cols[0].latex(r"b \leftarrow b + \eta\,(y - \hat y)")
rule_cols[1].markdown(f"**{t('neuron.rule.gradient')}** — {t('neuron.rule.gradient.help')}")
rule_cols[1].latex(r"w \leftarrow w + \eta\,x\,(y - \hat y)\,f'(z)")
rule_cols[1].latex(r"b \leftarrow b + \eta\,(y - \hat y)\,f'(z)")

b1, b2, b3, b4, b5 = st.columns(5)
# once(): while Play polls, Streamlit may deliver one click twice (see nnlab.ui.clicks)
b1.button(t("neuron.btn.reset"), **once(_move, to=0), icon="⏮️", width="stretch")
b2.button(t("neuron.btn.step"), **once(_move, by=1), icon="➡️", width="stretch")
b3.button(t("neuron.btn.step10"), **once(_move, by=10), icon="⏩", width="stretch")
b4.button(t("neuron.btn.pause") if ss["neuron_playing"] else t("neuron.btn.play"),
          **once(_set_playing, not ss["neuron_playing"]),
          icon="⏸️" if ss["neuron_playing"] else "▶️", width="stretch", key="neuron_play_btn")
b5.button(t("neuron.btn.all"), **once(_move, to=steps), icon="⏭️", width="stretch")


@st.fragment(run_every=0.2 if ss["neuron_playing"] else None)
def _neuron_animation() -> None:
    if ss["neuron_playing"]:
        ss["neuron_view"] = min(ss["neuron_view"] + max(1, steps // 60), steps)
        if ss["neuron_view"] >= steps:
            ss["neuron_playing"] = False
            st.rerun()
    k = ss["neuron_view"]
    st.markdown(f"#### {t('neuron.at_step', step=k, steps=steps)}")
    for rule, run in runs.items():
        name, m1, m2, m3, m4 = st.columns([1, 1.4, 1, 1, 1], vertical_alignment="center")
        name.markdown(f"**{t(f'neuron.rule.{rule}')}**")
        change = run.loss[k] - run.loss[0]
        m1.metric(t("neuron.m.loss", rule=t(f"neuron.rule.{rule}")), f"{run.loss[k]:.4f}",
                  delta=f"{change:+.4f}", delta_color="inverse" if abs(change) >= 5e-5 else "off",
                  help=t("neuron.m.loss.help"))
        m2.metric(t("neuron.m.output"), f"{run.output[k]:.4f}")
        m3.metric("w", f"{run.w[k]:.4f}")
        m4.metric("b", f"{run.b[k]:.4f}" if cfg["bias"] else "—")
    plots.show(charts.neuron_figure(runs, k, L, use_bias=cfg["bias"]), key="neuron_fig")


_neuron_animation()
page_state.publish("neuron", _url_params(ss["neuron_preset"], steps))

# --- what the runs show ------------------------------------------------------------------
st.subheader(t("neuron.obs.title"))
act = activations.get(cfg["activation"])
if not cfg["bias"] and cfg["x"] == 0:
    st.warning(t("neuron.diag.no_input", f0=f"{float(act.f(np.array(0.0))):.4g}"))
for rule, run in runs.items():
    name = t(f"neuron.rule.{rule}")
    close = np.flatnonzero(np.abs(run.error) < 0.01)
    if close.size:
        st.success(t("neuron.diag.fit", rule=name, step=int(close[0])))
    elif run.w[-1] == run.w[0] and run.b[-1] == run.b[0]:
        reason = t("neuron.diag.dead") if rule == "gradient" and run.slope[0] == 0 else t("neuron.diag.zero_x")
        st.error(t("neuron.diag.stuck", rule=name, error=f"{run.error[-1]:.4f}", reason=reason))
    else:
        st.info(t("neuron.diag.slow", rule=name, error=f"{run.error[-1]:.4f}", steps=steps))
st.markdown(t("neuron.obs.lecture"))
