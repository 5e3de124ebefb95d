"""The Korean UI is Korean.

Every page is rendered with AppTest in Korean — home, train, compare, sweep, explorer,
neuron, softmax — together with the error paths a test can provoke (bad values in a link, a bad
CSV upload, a setting that does not parse, a run that diverges, a run too large for the
server, a file that is not a sweep table) and a finished run with its results, a finished
sweep and a sweep file. Every visible text is collected: markdown,
captions, alerts, labels, options, help, placeholders, metrics, progress text, expander
labels, table headers and cells, and chart titles, axis titles, annotations and legend
names (from ``json.loads(el.proto.spec)`` of the Plotly elements). A text fails when it
holds a word that is not Korean, apart from ``ALLOWED``: names and formulas kept as they
are in Korean. Code spans (values from the user or a link, shown literally) and LaTeX
are not words.

The catalog tests check that every key has both languages — including the keys built at
run time with f-strings, enumerated from the registries and the tables that build them —
and that every Korean catalog text passes the same word check.

``open_page`` is the one place that knows how a test opens a page.
"""

from __future__ import annotations

import json
import math
import re
import time
from pathlib import Path

import pandas as pd
import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from nnlab import (
    activations,
    codegen,
    comparison,
    datasets,
    histograms,
    i18n,
    initializers,
    lessons,
    optimizers,
    presets,
    replay,
    runfile,
)
from nnlab.charts import comparison as compare_charts
from nnlab.config import FIELD_SPECS, SCALINGS, TASKS
from nnlab.fields import SECTIONS
from nnlab.i18n import CATALOG

ROOT = Path(__file__).resolve().parents[1]

# Words kept as they are in the Korean UI (compared in lower case). Keep it small: a word
# belongs here only when Korean writes it this way too.
ALLOWED = {
    # activation functions (their names; "Leaky ReLU" is a phrase below)
    "relu", "relu6", "elu", "selu", "gelu", "swish", "silu", "mish", "softplus", "softsign", "sigmoid", "tanh",
    "softmax",
    # optimizers and the people initializers are named after
    "sgd", "adam", "adamw", "nadam", "adagrad", "rmsprop", "nesterov", "xavier", "glorot", "he", "lecun",
    # authors of the papers the lessons cite
    "bengio", "ioffe", "szegedy", "klambauer", "srivastava",
    # data sets, libraries, layers and file formats
    "xor", "mnist", "csv", "json", "keras", "numpy", "dense", "ray",
    # iris species (Latin names)
    "setosa", "versicolor", "virginica",
    # formulas, special values, metrics, units, and the charts' label of the output layer
    "max", "exp", "log", "fan_in", "fan_out", "nan", "inf", "mae", "mse", "cm", "mb", "out",
    # the keyboard key that leaves full screen
    "esc",
}
ALLOWED_PHRASES = ("NN Lab", "Leaky ReLU", "UTF-8")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*")
CODE = re.compile(r"(`+)(?:.+?)\1", re.S)  # markdown code spans: user values, link values, code
LATEX = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.S)
HTML_TAG = re.compile(r"</?[a-z]+(?:\s[^<>]*)?/?>")
# the language picker names each language in its own language, on purpose
SKIP_WIDGETS = {"lang"}


def foreign_words(text: str) -> list[str]:
    """The words of ``text`` that are neither Korean nor allowed. A single letter with or
    without a subscript (x, W_out, z_h1, F1) is a formula symbol, not a word."""
    text = HTML_TAG.sub(" ", LATEX.sub(" ", CODE.sub(" ", str(text))))
    for phrase in ALLOWED_PHRASES:
        text = text.replace(phrase, " ")
    bad = []
    for word in WORD.findall(text):
        base = word.split("_")[0]
        if sum(c.isalpha() for c in base) >= 2 and word.lower() not in ALLOWED:
            bad.append(word)
    return bad


# -- opening pages and collecting their texts ----------------------------------------------------

def open_page(name: str, query: dict | None = None, state: dict | None = None) -> AppTest:
    """Page ``name`` ("home", "train", "compare", "sweep", "explorer", "neuron", "softmax") in Korean
    (``?lang=ko``), as a visitor's first run of a link shows it, with ``query`` in the link
    and ``state`` in the session. The one place that knows how the app routes to a page."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = "ko"
    for key, value in (query or {}).items():
        at.query_params[key] = value
    for key, value in {"train_pace": "instant", "compare_pace": "instant", **(state or {})}.items():
        at.session_state[key] = value
    at.run()
    if name != "home":
        at.switch_page(f"pages/{name}.py")
        at.run()
    assert not at.exception, at.exception
    assert at.session_state["lang"] == "ko"
    return at


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


# fields of an element's proto that hold text a user reads
TEXT_FIELDS = {"body", "label", "help", "placeholder", "text", "options", "delta", "caption", "content"}


def _plotly_texts(spec: dict) -> list[str]:
    texts = []

    def layout_texts(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "text" and isinstance(value, str):
                    texts.append(value)
                elif key not in ("template",):
                    layout_texts(value)
        elif isinstance(node, list):
            for v in node:
                layout_texts(v)

    layout_texts(spec.get("layout") or {})
    for trace in spec.get("data") or []:
        if isinstance(trace.get("name"), str):
            texts.append(trace["name"])
        layout_texts(trace.get("colorbar") or {})
        layout_texts((trace.get("marker") or {}).get("colorbar") or {})
    return texts


def _table_texts(node, where: str) -> list[tuple[str, str]]:
    frame: pd.DataFrame = node.value
    proto = node.proto
    shown = list(proto.column_order) or [c for c in frame.columns]
    frame = frame[[c for c in shown if c in frame.columns]]
    out = [(where + " column", str(c)) for c in frame.columns]
    if not isinstance(frame.index, pd.RangeIndex):
        out += [(where + " row", str(i)) for i in frame.index]
    for col in frame.columns:
        for v in frame[col]:
            if isinstance(v, str):
                out.append((where + " cell", v))
            elif v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
                if not proto.HasField("placeholder"):
                    out.append((where + " cell", "None"))  # what Streamlit shows for a missing value
    return out


def visible_texts(at: AppTest) -> list[tuple[str, str]]:
    """(where, text) for every text a user can read on the page AppTest ran last."""
    out: list[tuple[str, str]] = []

    def walk(node):
        kind = getattr(node, "type", type(node).__name__)
        proto = getattr(node, "proto", None)
        children = getattr(node, "children", None)
        if proto is not None and getattr(node, "key", None) not in SKIP_WIDGETS and kind != "latex":
            if kind == "plotly_chart":
                out.extend((kind, text) for text in _plotly_texts(json.loads(proto.spec)))
            elif kind in ("dataframe", "table"):
                out.extend(_table_texts(node, kind))
            else:
                data = MessageToDict(proto, preserving_proto_field_name=True)
                if "expandable" in data:  # an expander's label
                    data = data["expandable"]
                for field, value in data.items():
                    if field in TEXT_FIELDS:
                        out.extend((f"{kind}.{field}", text) for text in _strings(value))
        if children:
            for child in (children.values() if isinstance(children, dict) else children):
                walk(child)

    walk(at._tree)
    return out


def assert_korean(at: AppTest, what: str) -> list[tuple[str, str]]:
    assert not at.exception, at.exception
    texts = visible_texts(at)
    assert len(texts) > 5, (what, texts)
    problems = [(where, text[:160], bad) for where, text in texts if (bad := foreign_words(text))]
    assert not problems, f"{what}: text that is not Korean:\n" + "\n".join(map(str, problems))
    return texts


def joined(texts: list[tuple[str, str]]) -> str:
    return "\n".join(text for _, text in texts)


def wait_until_ended(at: AppTest, slots: list[str], timeout: float = 180.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        holder = at.session_state["nnlab.jobs"]
        jobs = [holder.get(s) for s in slots]
        if all(j is not None and j.ended for j in jobs):
            at.run()
            at.run()  # the live view reruns the page once its runs have ended
            return
        time.sleep(0.3)
        at.run()  # run_every does not fire in AppTest
    raise AssertionError(f"runs did not end within {timeout} s")


# -- the word check itself ------------------------------------------------------------------------

def test_the_word_check_catches_english_and_passes_names_and_formulas():
    assert foreign_words("100 에포크를 4 s에 마쳤습니다.") == []
    assert foreign_words("300 epoch 학습") == ["epoch"]
    assert foreign_words("정확도 None") == ["None"]
    assert foreign_words("dense_1") == ["dense_1"]
    assert foreign_words("(γ, β trainable; mean, var not)") == ["trainable", "mean", "var", "not"]
    assert foreign_words("macro avg") == ["macro", "avg"]
    assert foreign_words("Spiral") == ["Spiral"] and foreign_words("Random normal") == ["Random", "normal"]
    assert foreign_words("ReLU, Leaky ReLU, Adam, MNIST, f′(x), ‖∂L/∂W_out‖, L1 / out, 3 × 16, 0.25^10") == []
    assert foreign_words("`learning_rate` “학습률”: 1e-06에서 10 사이여야 합니다") == []
    assert foreign_words("$$\\frac{\\partial L}{\\partial w}$$ 목표 y = 0.5<br>손실") == []


# -- every page, in Korean -----------------------------------------------------------------------

@pytest.mark.parametrize("page", ["home", "train", "compare", "sweep", "explorer", "neuron", "softmax"])
def test_every_page_renders_in_korean(page):
    at = open_page(page)
    texts = assert_korean(at, page)
    assert re.search("[가-힣]", joined(texts))


def test_train_sidebar_in_korean_with_every_control_open():
    at = open_page("train", {"dataset": "moons", "initializer": "random_normal", "optimizer": "nesterov",
                             "batchnorm": "true", "dropout": "0.1"})
    at.sidebar.toggle(key="sb.per_layer").set_value(True).run()
    texts = assert_korean(at, "train sidebar")
    text = joined(texts)
    for kind, name in (("dataset", "moons"), ("initializer", "random_normal"), ("optimizer", "nesterov")):
        assert i18n.display_name(kind, name, "ko") in text  # the Korean display name, not the English one
    assert i18n.t("init.param.stddev", "ko") in text  # the initializer's parameter by its Korean name
    assert i18n.t("summary.batchnorm", "ko") in text  # in the settings line


def test_explorer_with_every_activation_and_initializer_in_korean():
    at = open_page("explorer")
    at.multiselect(key="explorer_chosen").set_value(activations.names())
    at.selectbox(key="explorer_init").set_value("random_uniform").run()
    texts = assert_korean(at, "explorer, all activations")
    assert i18n.display_name("activation", "linear", "ko") in joined(texts)


def test_bad_link_values_warn_in_korean():
    at = open_page("train", {"depth": "ten", "activation": "banana", "learning_rate": "100", "batchnorm": "maybe",
                             "dataset": "csv", "foo": "1", "layer_widths": "8,x"})
    texts = assert_korean(at, "bad link")
    warnings = [w.value for w in at.warning]
    assert len(warnings) >= 6, warnings
    assert all(re.search("[가-힣]", w) for w in warnings)
    assert i18n.display_name("dataset", "csv", "ko") in joined(texts)


def test_csv_uploads_and_a_bad_setting_in_korean():
    at = open_page("train")
    at.sidebar.selectbox(key="sb.dataset").set_value("csv").run()
    assert_korean(at, "csv chosen, no file yet")
    bad = "이름,색\n" + "foo,red\nbar,blue\n" * 10
    at.sidebar.file_uploader[0].set_value(("나쁜.csv", bad.encode(), "text/csv"))
    at.run()
    assert_korean(at, "non-numeric csv")
    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors  # the reason is shown once: in the sidebar, not again on the page
    rows = "\n".join(f"{i % 7},{(i * 3) % 5},{int(i % 7 > 3)}" for i in range(60))
    at.sidebar.file_uploader[0].set_value(("좋은.csv", f"가,나,정답\n{rows}\n".encode(), "text/csv"))
    at.run()
    assert_korean(at, "good csv")
    assert not at.error
    at.sidebar.file_uploader[0].set_value(("작은.csv", "가,나,정답\n1,2,0\n3,4,1\n".encode(), "text/csv"))
    at.run()
    assert_korean(at, "two-row csv")
    at.sidebar.selectbox(key="sb.target").set_value("가").run()
    at.sidebar.selectbox(key="sb.task").set_value("classification").run()
    assert_korean(at, "csv target and task changed")


def test_a_setting_that_does_not_parse_in_korean():
    at = open_page("train")
    at.sidebar.text_input(key="sb.layer_widths").set_value("8,x").run()
    assert_korean(at, "a layer width that does not parse")
    assert len(at.error) == 1 and not at.main.error  # the reason once, in the sidebar
    assert any(i18n.t("sidebar.see_error", "ko") in i.value for i in at.main.info)  # the page points to it


def test_a_run_that_diverges_says_so_in_korean():
    at = open_page("train", {"dataset": "diabetes", "optimizer": "sgd", "learning_rate": "10", "epochs": "5",
                             "depth": "2", "width": "8", "initializer": "he_uniform"})
    at.button(key="train_btn").click()
    at.run()
    wait_until_ended(at, ["train"])
    job = at.session_state["nnlab.jobs"].get("train")
    assert job.status() == "diverged"
    texts = assert_korean(at, "diverged run")
    text = joined(texts)
    assert i18n.display_name("initializer", "he_uniform", "ko") in text  # the hint names the settings in Korean
    assert "배치 정규화" in text


def test_a_run_too_large_for_the_server_fails_in_korean(monkeypatch):
    monkeypatch.setenv("NNLAB_MAX_RUN_COST", "1000")
    from nnlab import runtime
    from nnlab.limits import Limits

    monkeypatch.setattr(runtime.SCHEDULER, "limits", Limits.from_env())
    at = open_page("train", {"dataset": "xor", "depth": "2", "width": "8", "epochs": "5"})
    at.button(key="train_btn").click()
    at.run()
    wait_until_ended(at, ["train"], timeout=60)
    assert at.session_state["nnlab.jobs"].get("train").status() == "failed"
    assert_korean(at, "failed run")


def test_a_finished_run_and_its_results_in_korean():
    at = open_page("train", {"dataset": "xor", "depth": "2", "width": "8", "epochs": "3", "batchnorm": "true",
                             "n_samples": "200"})
    at.button(key="train_btn").click()
    at.run()
    wait_until_ended(at, ["train"])
    assert at.session_state["nnlab.jobs"].get("train").status() == "finished"
    texts = assert_korean(at, "finished run")
    text = joined(texts)
    for key in ("results.row.macro_avg", "results.row.weighted_avg", "results.row.total", "results.params_help_bn"):
        assert i18n.t(key, "ko") in text, key
    assert i18n.t("results.layer.bn", "ko", layer="L1") in text and "dense_1" not in text
    assert "초에 마쳤습니다" in text  # "3 에포크를 2초에 마쳤습니다", not "2 s에"


def test_a_saved_run_replayed_and_a_bad_file_in_korean(spiral_data):
    from nnlab import engine
    from nnlab.config import RunConfig

    cfg = RunConfig(dataset="spiral", n_samples=400, noise=0.1, seed=0, depth=2, width=8, epochs=4)
    data = engine.run(cfg, spiral_data).to_json().encode()
    at = open_page("train")
    at.file_uploader(key="train_saved_upload_0").set_value(("run.json", data, "application/json"))
    at.run()
    next(s for s in at.slider if s.key == "train_replay_epoch").set_value(2)
    at.run()
    texts = joined(assert_korean(at, "saved run replayed at epoch 2"))
    for key in ("replay.epoch", "replay.play", "saved.use_settings", "saved.close"):
        assert i18n.t(key, "ko") in texts, key
    from chart_elements import chart_figures

    loss = next(f for f in chart_figures(at) if f["key"] == "train_loss")
    notes = [a.get("text") for a in loss["layout"].get("annotations") or ()]
    assert i18n.t("replay.mark", "ko", epoch=2) in notes  # the marker on the loss chart
    assert not [w for n in notes if n for w in foreign_words(n)], notes
    at.file_uploader(key="train_saved_upload_0").set_value(("cut.json", data[:500], "application/json"))
    at.run()
    texts = joined(assert_korean(at, "a cut-off run file"))
    assert i18n.t("runfile.err.truncated", "ko") in texts


def test_a_finished_regression_run_names_its_target_in_korean():
    at = open_page("train", {"dataset": "diabetes", "depth": "1", "width": "8", "epochs": "2"})
    at.button(key="train_btn").click()
    at.run()
    wait_until_ended(at, ["train"])
    texts = assert_korean(at, "finished regression run")
    assert i18n.target_name("diabetes", "progression", "ko") in joined(texts)


def test_a_finished_comparison_in_korean():
    at = open_page("compare", {"dataset": "xor", "depth": "2", "width": "8", "epochs": "3", "n_samples": "200"},
                   state={"compare_values": ["sigmoid", "relu"], "compare_inside_open": True,
                          "compare_hist.open": True})  # with "Look inside one run" open
    at.button(key="compare_btn").click()
    at.run()
    wait_until_ended(at, ["compare:sigmoid", "compare:relu"])
    texts = assert_korean(at, "finished comparison")
    assert i18n.t("compare.summary.heading", "ko") in joined(texts)
    from chart_elements import chart_figures

    figs = {f["key"]: f for f in chart_figures(at)}  # "Look inside one run": the first run's charts
    for key in ("compare_neuron_maps", "compare_diagram", "compare_hist"):
        words = [(text, bad) for text in _plotly_texts(figs[key]) if (bad := foreign_words(text))]
        assert not words, (key, words)
    assert figs["compare_neuron_maps"]["layout"]["title"]["text"].startswith(i18n.t("inside.maps.title", "ko", epoch=3))
    table = next(d for d in at.dataframe if i18n.t("compare.col.run", "ko") in list(d.value.columns))
    assert table.proto.placeholder == "–"  # a run that never reached the target: "–", not "None"


def test_a_comparison_of_initializers_names_them_in_korean():
    at = open_page("compare", {"dataset": "xor", "depth": "1", "width": "4", "epochs": "2", "n_samples": "100"},
                   state={"compare_variable": "initializer", "compare_values": ["random_normal", "he_normal"]})
    at.button(key="compare_btn").click()
    at.run()
    wait_until_ended(at, ["compare:random_normal", "compare:he_normal"])
    texts = assert_korean(at, "initializer comparison")
    assert i18n.display_name("initializer", "random_normal", "ko") in joined(texts)


@pytest.mark.parametrize("name", ["vanishing_gradients", "selu", "zero_init", "single_neuron", "softmax_by_hand"])
def test_a_lesson_page_in_korean(name):
    lesson = lessons.get(name)
    at = open_page(lesson.page, {"lesson": name})
    texts = joined(assert_korean(at, f"lesson {name}"))
    assert i18n.t(f"lesson.{name}.title", "ko") in texts and i18n.t(f"lesson.{name}.see", "ko") in texts


def test_a_finished_lesson_and_its_verdict_in_korean():
    lesson = lessons.get("zero_init")
    at = open_page("train", {"lesson": "zero_init", "epochs": str(lesson.quick["epochs"])})
    at.button(key="train_btn").click()
    at.run()
    wait_until_ended(at, ["train"])
    texts = joined(assert_korean(at, "finished lesson"))
    assert i18n.t("lesson.claim.held", "ko", text="").strip() in texts


def test_a_sweep_file_a_bad_one_and_a_finished_sweep_in_korean():
    at = open_page("sweep")
    at.file_uploader(key="sweep_upload").set_value(("스윕.csv", (ROOT / "tests/data/sweep_glorot.csv").read_bytes(),
                                                    "text/csv"))
    at.run()
    text = joined(assert_korean(at, "a sweep file"))
    assert i18n.display_name("initializer", "random_normal", "ko") in text
    at.file_uploader(key="sweep_upload").set_value(("나쁜.csv", b"x,y\n1,2\n", "text/csv"))
    at.run()
    assert_korean(at, "a file that is not a sweep table")
    at = open_page("sweep", {"dataset": "xor", "n_samples": "100", "epochs": "2", "width": "4", "depth": "1",
                             "fields": "activation", "grid.activation": "sigmoid,relu", "seeds": "1"})
    at.button(key="sweep_start").click()
    at.run()
    run = at.session_state["sweep.run"]
    deadline = time.time() + 180
    while not run.ended and time.time() < deadline:
        time.sleep(0.3)
        at.run()
    at.run()
    assert run.ended
    text = joined(assert_korean(at, "a finished sweep"))
    assert "시행 2개를" in text


def test_softmax_iris_model_in_korean():
    at = open_page("softmax")
    at.button(key="softmax_iris_btn").click()
    at.run()
    texts = assert_korean(at, "softmax with the iris model")
    assert i18n.t("dataset.iris.feature.2", "ko") in joined(texts)  # the iris features in Korean


def test_neuron_page_with_every_activation_and_example_in_korean():
    at = open_page("neuron")
    for name in activations.names():
        at.selectbox(key="neuron_activation").set_value(name).run()
        assert_korean(at, f"neuron, {name}")
    for example in ("lecture_no_bias", "relu_stall"):
        at.selectbox(key="neuron_preset").set_value(example).run()
        assert_korean(at, f"neuron, {example}")


# -- the catalog -------------------------------------------------------------------------------

def built_keys() -> list[str]:
    """Every key the code builds at run time with an f-string, from the tables it builds them from."""
    from nnlab import inside
    from nnlab.ui.live import HOLD

    keys = []
    for registry in (activations.REGISTRY, initializers.REGISTRY, optimizers.REGISTRY, datasets.REGISTRY,
                     presets.REGISTRY):
        keys += registry.text_keys() + [f"registry.kind.{registry.kind}"]
    keys += [init.param_label for init in initializers.REGISTRY.values() if init.param_name]
    keys += [key for fs in FIELD_SPECS.values() for key in (fs.label, fs.help)]  # field.<name>, field.<name>.help
    keys += [f"sidebar.section.{section}" for section in SECTIONS if section]
    keys += sorted({f"sidebar.{fs.group}" for fs in FIELD_SPECS.values() if fs.group})
    keys += [f"sidebar.scaling.{v}" for v in SCALINGS] + [f"sidebar.task.{v}" for v in TASKS]
    keys += [f"compare.var.{v}" for v in comparison.VARIABLES] + [f"compare.same.{v}" for v in comparison.VARIABLES]
    keys += [f"compare.label.{v}" for v in comparison.VARIABLES if v not in comparison.REGISTRY_VARIABLES]
    keys += [f"compare.col.{c}" for c in comparison.SUMMARY_COLUMNS]
    keys += [f"compare.loss_view.{v}" for v in compare_charts.LOSS_VIEWS]
    keys += [f"compare.metric.{m}" for m in ("accuracy", "mae")]
    keys += [f"compare.status.{s}" for s in ("queued", "running", "paused", "finished", "stopped", "diverged",
                                             "failed")]
    keys += [f"play.{p}" for p in (*replay.PACES, HOLD)]
    keys += [f"runfile.err.{code}" for code in runfile.ERROR_CODES]
    keys += [f"lesson.{name}.{part}" for name in lessons.names() for part in ("title", "watch", "claim")]
    keys += [f"lesson.topic.{topic}" for topic in lessons.TOPICS]
    keys += [f"lesson.run.{label}" for name in lessons.names() for label, _ in lessons.get(name).runs
             if f"lesson.run.{label}" in CATALOG]
    keys += [f"home.{p}" for p in ("train", "compare", "sweep", "explorer", "neuron", "softmax")]
    keys += [f"nav.{p}" for p in ("home", "train", "compare", "sweep", "explorer", "neuron", "softmax")]
    keys += [f"sweep.col.{c}" for c in ("mean", "std", "min", "max")]
    keys += [f"neuron.rule.{r}" for r in ("hand", "gradient")] + [f"neuron.dist.{d}" for d in ("normal", "uniform")]
    keys += [f"explorer.why.{k}{part}" for k in ("sigmoid", "relu", "fixes", "smooth") for part in ("", ".title")]
    keys += [f"dataset.iris.feature.{i}" for i in range(4)]
    keys += [f"neuron.preset.{k}" for k in ("lecture_sigmoid", "lecture_no_bias", "lecture_bias", "relu_stall")]
    keys += [f"charts.boundary.{split}" for split in ("train", "test")]
    keys += [f"inside.flag.{flag}" for flag in inside.FLAGS] + [f"inside.fill.{fill}" for fill in inside.FILLS]
    keys += [f"code.{part}.{task}" for part in ("print", "c.out") for task in ("classification", "regression")]
    keys += [f"code.c.scale.{v}" for v in SCALINGS] + [f"code.style.{style}" for style in codegen.STYLES]
    keys += [f"charts.{m}.{part}" for m in ("accuracy", "mae") for part in ("title", "y")]
    keys += [f"hist.{part}.{kind}" for part in ("kind", "x") for kind in histograms.KINDS]
    keys += [f"compare.chart.test_{m}.{part}" for m in ("accuracy", "mae") for part in ("title", "y")] + [f"compare.chart.val_{m}.title" for m in ("accuracy", "mae")]
    keys += [f"compare.chart.{stat}.{part}" for stat in ("dead_fraction", "saturated_fraction") for part in ("title", "y")]
    keys += [f"lesson.{name}.{part}" for name in lessons.names() for part in ("title", "watch", "claim", "see")]
    keys += [f"lesson.topic.{topic}" for topic in lessons.TOPICS]
    keys += [f"lesson.run.{label}" for name in lessons.names() for label, _ in lessons.get(name).runs
             if f"lesson.run.{label}" in CATALOG]
    from nnlab.sweep import METRICS as SWEEP_METRICS  # sweep metric labels, sweep error and sweep file codes

    keys += [m.label for m in SWEEP_METRICS.values()] + [f"sweep.metric.test_{m}" for m in ("accuracy", "mae")]
    keys += [k for k in CATALOG if k.startswith(("sweep.err.", "sweep.file."))]
    return keys


F_STRING_KEY = re.compile(r"""\bt\(f(["'])(.+?)\1""")


def test_every_key_pattern_in_the_code_is_enumerated():
    """Every ``t(f"…{x}…")`` in the app builds keys this file enumerates in ``built_keys``, so
    a new one cannot slip past the both-languages test."""
    built = built_keys()
    sources = [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("nnlab/**/*.py")]
    patterns = {m.group(2) for path in sources for m in F_STRING_KEY.finditer(path.read_text(encoding="utf-8"))}
    assert len(patterns) > 15
    for pattern in patterns:
        regex = re.compile(re.sub(r"\\\{[^}]*\\\}", "[^.]+(?:[.][^.]+)*?", re.escape(pattern)) + "$")
        assert any(regex.match(key) for key in built), f"built_keys() does not enumerate the keys of {pattern!r}"


def test_every_key_built_at_run_time_exists_in_both_languages():
    missing = [k for k in built_keys() if not (CATALOG.get(k, {}).get("en") and CATALOG.get(k, {}).get("ko"))]
    assert not missing, missing


def test_every_catalog_text_has_both_languages_and_the_same_placeholders():
    import string

    def fields(text):
        return {f.split(":")[0] for _, f, _, _ in string.Formatter().parse(text) if f}

    for key, entry in CATALOG.items():
        assert entry.get("en") and entry.get("ko"), key
        assert fields(entry["en"]) == fields(entry["ko"]), key


def test_every_korean_catalog_text_is_korean():
    """The same word check on the catalog itself: a Korean text that only some run or some
    choice would show (a registry summary, a rare error) is checked too."""
    problems = {key: bad for key, entry in CATALOG.items() if key != "lang.label"
                if (bad := foreign_words(re.sub(r"\{[^}]*\}", " ", entry["ko"])))}
    assert not problems, problems


def test_registry_entries_carry_keys_not_texts():
    for registry in (activations.REGISTRY, initializers.REGISTRY, optimizers.REGISTRY, datasets.REGISTRY,
                     presets.REGISTRY):
        assert i18n.PREFIXES[registry.kind] == registry.prefix  # display_name finds the registry's texts
        for entry in registry.values():
            fields = set(getattr(entry, "__dataclass_fields__", {}))
            assert not fields & {"display", "summary", "summary_ko", "title", "title_ko"}, (registry.kind, fields)


def test_the_check_sees_every_kind_of_text():
    """The same page in English fails the check in every kind of text it collects, so a
    Korean page passing it means something."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["train_pace"] = "instant"
    at.run()
    at.switch_page("pages/train.py")
    at.run()
    kinds = {where for where, text in visible_texts(at) if foreign_words(text)}
    for kind in ("title.body", "caption.body", "info.body", "button.label", "button.help", "selectbox.options",
                 "selectbox.help", "slider.label", "expander.label", "button_group.options"):
        assert any(k.startswith(kind) for k in kinds), (kind, sorted(kinds))
