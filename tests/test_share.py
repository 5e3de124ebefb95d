"""Every page's state in its link, and presenter mode (AppTest, no browser).

- Compare: ``?vary=&values=`` restores the compared variable and values; changing them
  rewrites the link; a value that cannot be read gives a warning naming it and is the only
  one ignored; a lesson's own values stay out of the link.
- The explorer, the single neuron and the softmax page: a link with every parameter opens
  the page with exactly those values; the link the page writes after the user changes
  something opens, in a fresh session, the same page again (round trip).
- Presenter mode: ``?present=1`` turns it on and hides the advanced controls and "Show the
  code" (``hide=`` overrides the list, ``hide=none`` shows all), and the link keeps both;
  charts drawn in presenter mode have larger text and lines (``nnlab.charts.base.enlarge``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nnlab import comparison, i18n  # noqa: E402
from nnlab.charts import base  # noqa: E402
from nnlab.charts import run as run_charts  # noqa: E402
from nnlab.config import FIELD_SPECS  # noqa: E402
from nnlab.ui import page_state, presenter  # noqa: E402
from nnlab.ui.plots import figure_spec  # noqa: E402

APP = str(ROOT / "app.py")


def open_page(page: str, query: dict[str, str]) -> AppTest:
    """``/<page>?<query>`` opened by a fresh visitor."""
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def link(at: AppTest) -> dict[str, str]:
    return {k: (v if isinstance(v, str) else v[-1]) for k, v in at.query_params.items()}


def widget_values(at: AppTest) -> dict[str, object]:
    """Every keyed widget's value on the page (the sidebar's language picker left out)."""
    out = {}
    for kind in ("selectbox", "multiselect", "slider", "select_slider", "number_input", "checkbox", "toggle",
                 "radio", "text_input"):
        for widget in getattr(at, kind):
            if widget.key and widget.key != "lang":
                out[widget.key] = widget.value
    return out


# -- Compare -------------------------------------------------------------------------------------

def test_compare_link_restores_the_variable_and_values_and_follows_changes():
    at = open_page("compare", {"vary": "depth", "values": "1,4,16"})
    assert at.selectbox(key="compare_variable").value == "depth"
    assert at.multiselect(key="compare_values").value == [1, 4, 16]
    assert link(at)["vary"] == "depth" and link(at)["values"] == "1,4,16"
    assert not at.warning
    at.multiselect(key="compare_values").set_value([2, 8]).run()
    assert link(at)["values"] == "2,8"
    at.selectbox(key="compare_variable").set_value("activation").run()  # back to the defaults: a short link
    assert "vary" not in link(at) and "values" not in link(at)


def test_compare_link_with_a_bad_value_warns_and_keeps_the_good_ones():
    at = open_page("compare", {"vary": "dropout", "values": "0.50,zz", "lang": "ko"})
    assert at.selectbox(key="compare_variable").value == "dropout"
    assert at.multiselect(key="compare_values").value == list(comparison.VARIABLES["dropout"].defaults)
    (warning,) = [w.value for w in at.warning]
    assert "`values`" in warning and "`0.50,zz`" in warning and "무시" in warning
    at.run()  # a rerun of the same visit still says it
    assert len(at.warning) == 1
    at.multiselect(key="compare_values").set_value([0.1, 0.3]).run()  # the user moved on: the warning goes
    assert not at.warning and link(at)["values"] == "0.1,0.3"


def test_a_lessons_own_values_stay_out_of_the_link_and_other_values_go_in():
    at = open_page("compare", {"lesson": "xor_depth"})
    assert "values" not in link(at) and "vary" not in link(at)
    at.multiselect(key="compare_values").set_value(["sigmoid", "relu", "tanh"]).run()
    assert link(at)["values"] == "sigmoid,relu,tanh" and link(at)["lesson"] == "xor_depth"
    again = open_page("compare", link(at))
    assert again.multiselect(key="compare_values").value == ["sigmoid", "relu", "tanh"]


# -- teaching pages: round trips --------------------------------------------------------------------

@pytest.mark.parametrize("page, query", [
    ("explorer", {"acts": "relu,gelu", "range": "-3,2.5", "depth": "30", "init": "he_normal", "width": "32",
                  "seed": "7"}),
    ("neuron", {"preset": "relu_stall", "activation": "tanh", "bias": "1", "x": "0.5", "target": "-1",
                "dist": "uniform", "seed": "3", "lr": "0.5", "steps": "200", "step": "40"}),
    ("softmax", {"logits": "2, 1, 0.1", "iris": "1", "row": "7", "tn_w1": "0.25", "tn_x1": "-0.5",
                 "updates": "3"}),
])
def test_a_full_link_opens_the_page_exactly_and_round_trips(page, query):
    at = open_page(page, query)
    assert not at.warning, [w.value for w in at.warning]
    assert link(at) == query  # nothing lost, nothing added
    shown = widget_values(at)
    again = open_page(page, link(at))
    assert widget_values(again) == shown
    if page == "explorer":
        assert shown["explorer_chosen"] == ["relu", "gelu"] and shown["explorer_xrange"] == (-3.0, 2.5)
        assert shown["explorer_depth"] == 30 and shown["explorer_init"] == "he_normal"
    elif page == "neuron":
        assert shown["neuron_activation"] == "tanh" and shown["neuron_bias"] is True and shown["neuron_lr"] == 0.5
        assert any("40" in m.value and "200" in m.value for m in at.markdown if m.value.startswith("####"))
    else:
        assert shown["softmax_logits"] == "2, 1, 0.1" and shown["softmax_iris_row"] == 7
        assert shown["tn_w1"] == 0.25 and shown["tn_x1"] == -0.5
        updates = [m.value for m in at.metric if m.label == i18n.t("softmax.net.updates")]
        assert updates == ["3"]  # the updates applied so far


def test_the_link_follows_a_change_and_a_fresh_session_gets_the_same_page():
    at = open_page("neuron", {})
    assert not {k for k in link(at) if k != "lang"}  # an untouched page has a short link
    at.select_slider(key="neuron_lr").set_value(1.0).run()
    at.checkbox(key="neuron_bias").check().run()
    assert link(at)["lr"] == "1" and link(at)["bias"] == "1"
    again = open_page("neuron", link(at))
    assert again.select_slider(key="neuron_lr").value == 1.0 and again.checkbox(key="neuron_bias").value is True


def test_tiny_network_updates_are_in_the_link_to_the_last_digit():
    at = open_page("softmax", {})
    at.button(key="tn_step_btn").click().run()
    at.button(key="tn_step_btn").click().run()
    weights = {k: at.session_state[k] for k in ("tn_w1", "tn_b3")}
    again = open_page("softmax", link(at))
    assert {k: again.session_state[k] for k in weights} == weights  # exactly, not rounded
    assert link(again)["updates"] == "2"


def test_values_a_page_cannot_read_are_named_once_per_visit():
    at = open_page("explorer", {"range": "3,-3", "depth": "99"})
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 2 and any("`range`" in w for w in warnings) and any("`depth`" in w for w in warnings)
    assert at.slider(key="explorer_depth").value == 10  # the usual value
    at.switch_page("pages/train.py").run()
    at.switch_page("pages/explorer.py").run()
    assert not at.warning


@pytest.mark.parametrize("text, value", [("0.50", 0.5), ("1", True), ("TANH", "tanh")])
def test_choice_reads_numbers_by_value_and_names_in_any_case(text, value):
    assert page_state.choice([0.0, 0.5, True, "tanh"])(text) == value


def test_short_text_reads_back_exactly():
    for value in (0.1, 1e-05, 0.14966580197463, -3.0, 7, True):
        text = page_state.short(value)
        assert type(value)(float(text)) == value if not isinstance(value, bool) else text == "1"


# -- presenter mode ---------------------------------------------------------------------------------

def sidebar_labels(at: AppTest) -> set[str]:
    labels = set()
    for kind in ("selectbox", "slider", "select_slider", "number_input", "toggle", "text_input"):
        labels |= {w.label for w in getattr(at, kind)}
    return labels


def test_presenter_link_hides_the_advanced_controls_and_stays_in_the_link():
    normal = open_page("train", {})
    assert normal.toggle(key="present").value is False
    seed, depth = i18n.t(FIELD_SPECS["seed"].label), i18n.t(FIELD_SPECS["depth"].label)
    assert seed in sidebar_labels(normal)
    at = open_page("train", {"present": "1"})
    assert at.toggle(key="present").value is True
    shown = sidebar_labels(at)
    assert depth in shown and seed not in shown
    assert all(i18n.t(FIELD_SPECS[n].label) not in shown for n in presenter.DEFAULT_HIDDEN if n in FIELD_SPECS)
    assert link(at)["present"] == "1" and "hide" not in link(at)
    at.switch_page("pages/compare.py").run()  # still on, on the next page
    assert link(at)["present"] == "1" and at.toggle(key="present").value is True


def test_the_teacher_chooses_what_is_hidden_and_the_link_says_so():
    at = open_page("train", {"present": "1", "hide": "depth,seed"})
    shown = sidebar_labels(at)
    assert i18n.t(FIELD_SPECS["depth"].label) not in shown and i18n.t(FIELD_SPECS["l2"].label) in shown
    at.multiselect(key="present_hide").set_value(["seed"]).run()
    assert link(at)["hide"] == "seed" and i18n.t(FIELD_SPECS["depth"].label) in sidebar_labels(at)
    everything = open_page("train", {"present": "1", "hide": "none"})
    assert i18n.t(FIELD_SPECS["seed"].label) in sidebar_labels(everything)
    at.toggle(key="present").set_value(False).run()
    assert "present" not in link(at) and "hide" not in link(at)
    assert i18n.t(FIELD_SPECS["depth"].label) in sidebar_labels(at)


def expander_labels(at: AppTest) -> list[str]:
    return [e.label for e in at.expander]


def test_presenter_mode_hides_show_the_code_until_the_teacher_shows_it():
    code = i18n.t("code.title")
    assert code in expander_labels(open_page("train", {}))
    at = open_page("train", {"present": "1"})
    assert code not in expander_labels(at) and presenter.CODE in at.multiselect(key="present_hide").value
    shown = [n for n in at.multiselect(key="present_hide").value if n != presenter.CODE]
    at.multiselect(key="present_hide").set_value(shown).run()  # the teacher un-hides it
    assert code in expander_labels(at) and link(at)["hide"] == ",".join(shown)
    linked = open_page("train", {"present": "1", "hide": link(at)["hide"]})  # the link keeps the choice
    assert code in expander_labels(linked)
    assert code in expander_labels(open_page("train", {"present": "1", "hide": "none"}))
    assert code not in expander_labels(open_page("train", {"present": "1", "hide": "seed,code"}))


def test_hidden_controls_keep_their_values():
    at = open_page("train", {"seed": "42", "present": "1"})
    assert at.session_state["nnlab.config"].seed == 42 and link(at)["seed"] == "42"


def _loss_figure():
    return base.style({"data": [{"type": "scatter", "x": [1, 2, 3], "y": [1.0, 0.5, 0.25], "mode": "lines"}],
                       "layout": {"xaxis": base.axis("epoch"), "yaxis": base.axis("loss")}}, "Loss")


def test_presenter_charts_have_larger_text_and_lines():
    plain = figure_spec(_loss_figure(), key="k")
    big = figure_spec(_loss_figure(), key="k", scale=presenter.CHART_SCALE)
    assert big["layout"]["xaxis"]["tickfont"]["size"] == pytest.approx(base.TICK_SIZE * presenter.CHART_SCALE, abs=0.1)
    assert big["layout"]["title"]["font"]["size"] > plain["layout"]["title"]["font"]["size"]
    assert big["layout"]["legend"]["font"]["size"] > plain["layout"]["legend"]["font"]["size"]
    assert big["data"][0]["line"]["width"] > (plain["data"][0].get("line") or {}).get("width", 2)
    assert big["layout"]["height"] == plain["layout"]["height"]  # the page does not move
    assert big["data"][0]["y"] == plain["data"][0]["y"]  # the data stay as they are


def test_enlarge_reaches_every_font_of_a_real_live_chart():
    snap = {"history": {"epoch": [1, 2], "loss": [1.0, 0.5], "val_loss": [1.1, 0.6]},
            "config": {"activation": "relu"}}
    spec = figure_spec(run_charts.loss_figure(snap, "en"), key="k", scale=2.0)
    sizes = []

    def collect(node):
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if key in ("font", "tickfont") and isinstance(value, dict) and "size" in value:
                sizes.append(value["size"])
            if isinstance(value, (dict, list)):
                collect(value)
    collect(spec["layout"])
    assert sizes and min(sizes) >= 2 * base.TEXT_SIZE
