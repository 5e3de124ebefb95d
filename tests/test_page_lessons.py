"""AppTest of the lessons in the app: Home's cards, and every lesson opening on its page via
``?lesson=`` in both languages with its settings applied (Train: the sidebar's config;
Compare: the variable and values, or the fixed runs; neuron: the preset's values); link
settings on top of a lesson, reset to lesson, leave lesson, an unknown or misplaced lesson
name, the verdict of a finished Train and Compare lesson, and the verdict the neuron and softmax
pages give on their own numbers.

``run_every`` never fires in AppTest, so the tests call ``at.run()`` while waiting for a job.
"""

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from nnlab import comparison, lessons
from nnlab.config import RunConfig
from nnlab.i18n import t
from nnlab.ui import live

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_lesson(page: str, query: dict, language: str = "en") -> AppTest:
    """``/<page>?<query>`` as a fresh visitor's link opens it (``lang`` when not English)."""
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    if language != "en":
        at.query_params["lang"] = language
    at.session_state["train_pace"] = "instant"
    at.session_state["compare_pace"] = "instant"
    at.run()
    if page != "home":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception
    return at


def param(at: AppTest, key: str) -> str | None:
    """A query parameter of the page's URL (AppTest keeps a value as a string or a list)."""
    value = at.query_params.get(key)
    return value if value is None or isinstance(value, str) else value[-1]


def texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def wait_until_ended(at: AppTest, timeout: float = 240.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        holder = at.session_state["nnlab.jobs"]
        if holder.all() and all(job.ended for job in holder.all().values()):
            at.run()  # the final, static state
            assert not at.exception, at.exception
            return
        time.sleep(0.5)
        at.run()
        assert not at.exception, at.exception
    raise AssertionError("the lesson's runs did not finish in time")


@pytest.mark.parametrize("language", ["en", "ko"])
def test_home_shows_every_lesson_as_a_card_by_topic(language):
    at = open_lesson("home", {}, language)
    shown = texts(at)
    for topic in lessons.TOPICS:
        assert t(f"lesson.topic.{topic}", language) in shown
    for name in lessons.names():
        assert t(f"lesson.{name}.title", language) in shown, name
    links = [el for el in at.main if getattr(el, "type", "") == "page_link"] or at.get("page_link")
    opened = [el.proto.query_string for el in links if "lesson=" in el.proto.query_string]
    assert len(opened) == len(lessons.LESSONS)
    if language == "ko":
        assert all("lang=ko" in q for q in opened)  # the lesson opens in the language of the class


@pytest.mark.parametrize("language", ["en", "ko"])
@pytest.mark.parametrize("name", lessons.names())
def test_every_lesson_opens_on_its_page_with_its_settings(name, language):
    lesson = lessons.get(name)
    at = open_lesson(lesson.page, {"lesson": name}, language)
    if lesson.page != "neuron":  # (the neuron page itself warns that x = 0 needs a bias: the lesson's point)
        assert not at.warning, [w.value for w in at.warning]
    shown = texts(at)
    for part in ("title", "watch", "see"):
        assert t(f"lesson.{name}.{part}", language) in shown, part
    assert param(at, "lesson") == name
    ss = at.session_state
    if lesson.page in ("train", "compare"):
        assert ss["nnlab.config"] == lesson.config()
        assert not [k for k in at.query_params if k not in ("lesson", "lang")]  # the link is just the lesson
    if lesson.page == "compare" and lesson.variable:
        assert ss["compare_variable"] == lesson.variable
        assert list(at.multiselect(key="compare_values").value) == [c[lesson.variable] for _, c in lesson.runs]
    elif lesson.page == "compare":
        assert "compare_values" not in [w.key for w in at.multiselect]  # the fixed runs replace the picker
        names = [live.markdown_literal(comparison.label_text("", label, language)) for label, _ in lesson.runs]
        assert t("lesson.runs", language, runs=", ".join(f"**{name}**" for name in names)) in shown
        changed = {field for _, changes in lesson.runs for field in changes}
        assert not changed & {w.key.removeprefix("sb.") for w in at.sidebar.selectbox}
    if lesson.page == "neuron":
        preset = lesson.changes["preset"]
        assert ss["neuron_preset"] == preset
        assert ss["neuron_bias"] is False and ss["neuron_x"] == 0.0 and ss["neuron_target"] == 1.0


def test_link_settings_override_the_lesson_and_reset_restores_it():
    lesson = lessons.get("zero_init")
    at = open_lesson("train", {"lesson": "zero_init", "epochs": "7"})
    assert at.session_state["nnlab.config"] == lesson.config().edit(epochs=7)
    assert param(at, "epochs") == "7" and param(at, "lesson") == "zero_init"
    assert t("lesson.changed") in texts(at)
    at.sidebar.slider(key="sb.depth").set_value(5).run()
    assert at.session_state["nnlab.config"].depth == 5
    assert param(at, "depth") == "5"
    at.button(key="lesson_reset_train").click().run()
    assert not at.exception, at.exception
    assert at.session_state["nnlab.config"] == lesson.config()
    assert at.sidebar.slider(key="sb.depth").value == lesson.config().depth
    assert "depth" not in at.query_params and "epochs" not in at.query_params


def test_reset_to_lesson_on_compare_restores_the_values():
    at = open_lesson("compare", {"lesson": "dropout"})
    at.multiselect(key="compare_values").set_value([0.0, 0.2, 0.7]).run()
    at.button(key="lesson_reset_compare").click().run()
    assert list(at.multiselect(key="compare_values").value) == [0.0, 0.5]
    assert at.session_state["nnlab.config"] == lessons.get("dropout").config()


def test_leave_lesson_drops_it_from_the_page_and_the_link():
    at = open_lesson("train", {"lesson": "dying_relu"})
    at.button(key="lesson_leave_train").click().run()
    assert not at.exception, at.exception
    assert "lesson" not in at.query_params
    assert t("lesson.dying_relu.title") not in texts(at)
    assert at.session_state["nnlab.config"] == lessons.get("dying_relu").config()  # the settings stay
    assert param(at, "learning_rate") == "0.3"  # and the link carries them without the lesson


@pytest.mark.parametrize("language", ["en", "ko"])
def test_an_unknown_lesson_warns_and_changes_nothing(language):
    at = open_lesson("compare", {"lesson": "vanishing_gradient"}, language)
    (warning,) = at.warning
    assert "`vanishing_gradient`" in warning.value and "`vanishing_gradients`" in warning.value
    assert warning.value.startswith(t("lesson.unknown", language, name="X", names="Y").split("X")[0])
    assert at.session_state["nnlab.config"] == RunConfig()


def test_a_lesson_of_another_page_points_to_it():
    at = open_lesson("train", {"lesson": "selu"})
    (warning,) = at.warning
    assert t("lesson.selu.title") in warning.value
    assert at.session_state["nnlab.config"] == RunConfig()


def test_a_finished_train_lesson_says_its_claim_was_seen():
    lesson = lessons.get("zero_init")
    at = open_lesson("train", {"lesson": "zero_init", "epochs": str(lesson.quick["epochs"])})
    at.button(key="train_btn").click().run()
    wait_until_ended(at)
    snap = at.session_state["nnlab.jobs"].get("train").snapshot()
    verdict = lesson.check({"zero_init": snap})
    assert verdict.held, verdict
    expected = t("lesson.claim.held", text=t("lesson.zero_init.claim", **verdict.seen))
    assert expected in [s.value for s in at.success]


def test_a_finished_compare_lesson_says_its_claim_was_seen():
    lesson = lessons.get("vanishing_gradients")
    quick = {key: str(value) for key, value in lesson.quick.items()}
    at = open_lesson("compare", {"lesson": "vanishing_gradients", **quick}, "ko")
    assert at.session_state["nnlab.config"] == lesson.config(quick=True)
    at.button(key="compare_btn").click().run()
    wait_until_ended(at)
    jobs = at.session_state["nnlab.jobs"]
    verdict = lesson.check({label: jobs.get(f"compare:{label}").snapshot() for label in ("sigmoid", "relu")})
    assert verdict.held, verdict
    expected = t("lesson.claim.held", "ko", text=t("lesson.vanishing_gradients.claim", "ko", **verdict.seen))
    assert expected in [s.value for s in at.success]


def test_a_run_started_before_the_lesson_was_opened_gets_no_verdict():
    at = open_lesson("train", {"dataset": "xor", "depth": "2", "width": "8", "epochs": "2"})
    at.button(key="train_btn").click().run()
    wait_until_ended(at)
    at.query_params["lesson"] = "zero_init"
    at.run()
    assert not at.exception, at.exception
    assert t("lesson.zero_init.title") in texts(at)
    assert not [s.value for s in at.success if s.value.startswith(t("lesson.claim.held", text=""))]
    assert not [w.value for w in at.warning if w.value.startswith(t("lesson.claim.missed", text=""))]


def test_a_lesson_link_to_the_explorer_points_to_the_lesson_s_page():
    at = open_lesson("explorer", {"lesson": "xor_depth"}, "ko")
    (warning,) = at.warning
    assert t("lesson.xor_depth.title", "ko") in warning.value


def test_a_card_on_home_applies_its_lesson_afresh_but_a_page_switch_keeps_the_changes():
    lesson = lessons.get("dying_relu")
    at = open_lesson("train", {"lesson": "dying_relu"})
    at.sidebar.slider(key="sb.depth").set_value(2).run()
    at.switch_page("app.py").run()
    at.query_params.pop("lesson", None)  # back through the sidebar's page list: no lesson in the link
    at.switch_page("pages/train.py").run()
    assert at.session_state["nnlab.config"].depth == 2 and t("lesson.dying_relu.title") in texts(at)
    at.switch_page("app.py").run()
    at.query_params.clear()
    at.query_params["lesson"] = "dying_relu"  # what the card's link carries (and nothing else)
    at.switch_page("pages/train.py").run()
    assert not at.exception, at.exception
    assert at.session_state["nnlab.config"] == lesson.config()


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_neuron_page_judges_the_lesson_on_its_own_outputs(language):
    """The single-neuron lesson: the example without a bias is shown at its last step (a note
    asks for the bias), then with a bias: the box says the claim held, with the outputs the
    page showed; a changed example gets no verdict."""
    from nnlab import teaching

    at = open_lesson("neuron", {"lesson": "single_neuron"}, language)
    w0, b0 = teaching.initial_neuron_weights("normal", 0)
    out = {bias: float(teaching.neuron_train(0.0, 1.0, "sigmoid", bias, w0, b0, 0.1, 1000)["gradient"].output[-1])
           for bias in (False, True)}
    assert t("lesson.neuron.need_bias", language, without=out[False], steps=1000) in texts(at)
    assert not at.success or all(not s.value.startswith(t("lesson.claim.held", language, text="")) for s in at.success)
    at.checkbox(key="neuron_bias").check().run()
    assert not at.exception, at.exception
    verdict = lessons.single_neuron_verdict(out[False], out[True])
    assert verdict.held, verdict
    expected = t("lesson.claim.held", language, text=t("lesson.single_neuron.claim", language, **verdict.seen))
    assert expected in [s.value for s in at.success]
    at.select_slider(key="neuron_steps").set_value(100).run()  # not the lecture's example any more
    assert expected not in [s.value for s in at.success]
    assert t("lesson.changed", language) in texts(at)


@pytest.mark.parametrize("language", ["en", "ko"])
def test_the_softmax_page_judges_the_lesson_on_its_hand_computation(language):
    """The softmax lesson: before the iris model is trained the box says what to do; after, it
    says the hand computation shown matched the model's probabilities, with the gap."""
    at = open_lesson("softmax", {"lesson": "softmax_by_hand"}, language)
    assert t("lesson.softmax.todo", language) in texts(at)
    at.button(key="softmax_iris_btn").click().run()
    assert not at.exception, at.exception
    from nnlab import teaching

    iris, row = teaching.train_iris_softmax(0), at.number_input(key="softmax_iris_row").value  # the page's model (seeded)
    by_hand = teaching.softmax_steps(iris["X"][row] @ iris["W"] + iris["b"])["probs"]  # the row the page shows
    verdict = lessons.softmax_verdict(by_hand, iris["predict"][row])
    assert verdict.held, verdict
    expected = t("lesson.claim.held", language, text=t("lesson.softmax_by_hand.claim", language, **verdict.seen))
    assert expected in [s.value for s in at.success]
    assert t("lesson.softmax.todo", language) not in texts(at)


def test_a_finished_ensemble_lesson_compares_the_ensemble_with_its_runs():
    """Five seeds on Compare: the lesson box's verdict reads the same ensemble the page shows
    under the summary table."""
    lesson = lessons.get("ensemble")
    quick = {key: str(value) for key, value in lesson.quick.items()}
    at = open_lesson("compare", {"lesson": "ensemble", **quick})
    assert at.session_state["compare_variable"] == "seed"
    at.button(key="compare_btn").click().run()
    wait_until_ended(at)
    jobs = at.session_state["nnlab.jobs"]
    verdict = lesson.check({str(s): jobs.get(f"compare:seed={s}").snapshot() for s in range(5)})
    assert verdict.held, verdict
    expected = t("lesson.claim.held", text=t("lesson.ensemble.claim", **verdict.seen))
    assert expected in [s.value for s in at.success]
    (shown,) = [m.value for m in at.metric if m.label == t("compare.ensemble.acc")]
    assert shown == f"{100 * verdict.seen['ensemble']:.1f}%"
