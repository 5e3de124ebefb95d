"""Show the code (``nnlab.codegen``): the generated Keras script runs, trains, and builds the
app's network on the app's data.

Each configuration is generated in both styles and executed in a fresh namespace (small
data, one to three epochs). Checked against NN Lab itself: ``model.summary()`` and every
layer's parameter count equal the parameter table (``report.parameter_rows``); the first
weights equal ``model.initial_dense_weights`` (read just before ``fit``); the train, validation
and test rows equal ``datasets.load``'s; the loss is finite and, for the runs long enough,
falls. Then the CLI (``python -m nnlab code``) and the Train page's expander in both languages.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nnlab import codegen, datasets, i18n, report
from nnlab.config import RunConfig
from nnlab.model import Architecture, initial_dense_weights

ROOT = Path(__file__).resolve().parents[1]


def _diabetes_csv(tmp: Path) -> str:
    """A regression CSV file (the diabetes table with its target last, 120 rows)."""
    from sklearn.datasets import load_diabetes

    d = load_diabetes(as_frame=True)
    frame = d.frame.head(120)
    path = tmp / "diabetes.csv"
    frame.to_csv(path, index=False)
    return str(path)


# name → (config, whether its loss must fall over its epochs)
CASES = {
    "spiral_lecture_defaults": (RunConfig(dataset="spiral", n_samples=300, epochs=3, optimizer="adam",
                                          learning_rate=0.01), True),
    "xor_batchnorm_dropout": (RunConfig(dataset="xor", n_samples=200, depth=2, width=8, batchnorm=True,
                                        dropout=0.2, epochs=2, initializer="glorot_uniform"), False),
    "iris_per_layer_activations_l2": (RunConfig(dataset="iris", layer_widths=(16, 8, 4),
                                                layer_activations=("swish", "leaky_relu", "tanh"), l2=1e-3,
                                                optimizer="adam", learning_rate=0.01, epochs=3, batch_size=16,
                                                initializer="random_normal", init_param=0.3), True),
    "boston_regression_batchnorm": (RunConfig(dataset="boston", layer_widths=(64, 64), activation="swish",
                                              batchnorm=True, optimizer="adam", learning_rate=0.01,
                                              val_fraction=0.0, epochs=2), False),
    "blobs_no_hidden_layer": (RunConfig(dataset="blobs", n_samples=150, depth=0, initializer="zeros",
                                        scaling="minmax", optimizer="nesterov", epochs=2, shuffle=False), False),
    "mnist_lecture_mlp": (RunConfig(dataset="mnist", layer_widths=(256, 128), activation="relu",
                                    initializer="he_normal", optimizer="sgd", learning_rate=0.1, batch_size=100,
                                    epochs=1), False),
    "digits_dropout_orthogonal": (RunConfig(dataset="digits", depth=2, width=32, dropout=0.3,
                                            initializer="orthogonal", optimizer="rmsprop", learning_rate=0.001,
                                            scaling="none", epochs=1, seed=7), False),
    # a class of one row: the app cuts the test rows without stratifying, the validation rows with
    "csv_class_too_small_to_stratify": (RunConfig(dataset="csv", csv_path="<small_class>", depth=1, width=4,
                                                  epochs=1), False),
    "csv_regression_elu": (RunConfig(dataset="csv", csv_path="<diabetes>", depth=1, width=8, activation="elu",
                                     initializer="lecun_uniform", l2=1e-4, optimizer="adam", learning_rate=0.01,
                                     epochs=2, batch_size=16), False),
}


def run_code(code: str) -> tuple[dict, str, list]:
    """Execute ``code`` as a script; returns its namespace, what it printed and the model's
    weights just before training (layer by layer, Keras order)."""
    import keras

    before = []
    fit = keras.Model.fit

    def recording_fit(self, *args, **kwargs):
        before.extend(layer.get_weights() for layer in self.layers)
        return fit(self, *args, **kwargs)

    namespace = {"__name__": "__main__"}
    out = io.StringIO()
    keras.Model.fit = recording_fit
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, codegen.FILE_NAME, "exec"), namespace)
    finally:
        keras.Model.fit = fit
    return namespace, out.getvalue(), before


def _small_class_csv(tmp: Path) -> str:
    rows = [f"{i % 7},{(i * 3) % 5},{int(i % 7 > 3)}" for i in range(60)] + ["9,9,2"]
    path = tmp / "small_class.csv"
    path.write_text("a,b,label\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def csv_files(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("codegen")
    return {"<diabetes>": _diabetes_csv(tmp), "<small_class>": _small_class_csv(tmp)}


@pytest.fixture(scope="module")
def csv_path(csv_files):
    return csv_files["<diabetes>"]


def _config(name: str, csv_files: dict) -> tuple[RunConfig, bool]:
    config, falls = CASES[name]
    if config.dataset == "csv":
        config = config.replace(csv_path=csv_files[config.csv_path])
    return config, falls


@pytest.mark.parametrize("style", codegen.STYLES)
@pytest.mark.parametrize("name", list(CASES))
def test_generated_code_trains_the_apps_network_on_the_apps_data(name, style, csv_files):
    config, falls = _config(name, csv_files)
    code = codegen.keras_code(config, style)
    assert "nnlab" not in code.replace("NN Lab", "")  # self-contained: no NN Lab import
    ns, printed, before = run_code(code)
    model = ns["model"]
    data = datasets.load(config)
    arch = Architecture.of(config, data.input_dim, data.n_outputs, data.task)

    # the parameter table, layer by layer and in total, and what model.summary() printed
    rows = report.parameter_rows(arch)
    weighted = [layer for layer in model.layers if layer.weights]
    assert [type(layer).__name__ for layer in weighted] == [
        "Dense" if r["kind"] == "dense" else "BatchNormalization" for r in rows]
    assert [layer.count_params() for layer in weighted] == [r["params"] for r in rows]
    total = report.total_parameters(arch)
    assert model.count_params() == total
    assert f"Total params: {total:,}" in printed
    table = report.parameter_table(arch)
    assert int(table.iloc[-1][report.header("params")]) == total

    # the app's first weights (the kernels; biases zero, BatchNorm the identity)
    dense_before = [w for layer, w in zip(model.layers, before) if type(layer).__name__ == "Dense"]
    expected = initial_dense_weights(arch, config.initializer, config.init_param, config.seed)
    assert len(dense_before) == len(expected)
    for (kernel, bias), (want_kernel, want_bias) in zip(dense_before, expected):
        np.testing.assert_allclose(kernel, want_kernel, rtol=1e-6, atol=1e-7)
        np.testing.assert_array_equal(bias, want_bias)

    # the app's rows, split and scaling
    for split in ("train", "val", "test"):
        if split == "val" and config.val_fraction == 0:
            assert "X_val" not in ns
            continue
        np.testing.assert_allclose(np.asarray(ns[f"X_{split}"], np.float64), getattr(data, f"x_{split}"),
                                   rtol=1e-5, atol=1e-5)
        np.testing.assert_array_equal(np.asarray(ns[f"y_{split}"]).astype(getattr(data, f"y_{split}").dtype),
                                      getattr(data, f"y_{split}"))

    # it trained, and tested
    losses = ns["results"].history["loss"]
    assert len(losses) == config.epochs and all(math.isfinite(v) for v in losses)
    if falls:
        assert losses[-1] < losses[0], losses
    assert math.isfinite(ns["test_loss"])
    metric = "test_acc" if data.task == "classification" else "test_mae"
    assert math.isfinite(ns[metric]) and "test loss" in printed


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
@pytest.mark.parametrize("style", codegen.STYLES)
def test_every_data_set_and_option_gives_code_that_compiles(style, lang, csv_path):
    """Every data set, activation, initializer, optimizer and scaling (not run: compiled)."""
    from nnlab import activations, initializers, optimizers

    configs = [RunConfig(dataset=name) for name in datasets.names() if name != "csv"]
    configs += [RunConfig(dataset="csv", csv_path=csv_path), RunConfig(dataset="csv", csv_path="upload:x.csv"),
                RunConfig(dataset="csv", csv_path=str(ROOT / "data" / "digit_recognizer_sample.csv"))]
    configs += [RunConfig(activation=a) for a in activations.names()]
    configs += [RunConfig(initializer=i, init_param=0.5) for i in initializers.names()]
    configs += [RunConfig(optimizer=o, l2=0.01, dropout=0.5, batchnorm=True) for o in optimizers.names()]
    configs += [RunConfig(dataset=d, scaling=s, val_fraction=v) for d in ("moons", "digits", "diabetes")
                for s in ("standard", "minmax", "none") for v in (0.0, 0.1)]
    for config in configs:
        code = codegen.keras_code(config, style, lang)
        compile(code, codegen.FILE_NAME, "exec")
        assert "import nnlab" not in code, config.dataset  # every built-in set loads without NN Lab
        assert max(len(line) for line in code.splitlines()) <= 120, config


@pytest.mark.parametrize("name", [n for n in datasets.names() if n not in ("csv", "mnist_full")])
def test_the_facts_of_every_built_in_data_set_are_its_loaders(name):
    config = RunConfig(dataset=name)
    raw = datasets.get(name).loader(config)
    facts = codegen.data_facts(config)
    n_outputs = len(raw.class_names) if raw.task == "classification" else 1
    assert (facts.task, facts.kind, facts.input_dim, facts.n_outputs, facts.pixel_max, facts.target) == (
        raw.task, raw.kind, raw.x.shape[1], n_outputs, raw.pixel_max, raw.target_name)
    assert codegen.BUILT_IN["mnist_full"] == codegen.BUILT_IN["mnist"]  # the same images, more of them


@pytest.mark.parametrize("name", list(codegen.GENERATORS))
def test_the_copied_generators_make_the_apps_points(name):
    config = RunConfig(dataset=name, n_samples=101, noise=0.3, seed=5)
    code = codegen.keras_code(config)
    head = code[:code.index("\nn_test = ")]  # imports and data, before the split
    ns = {}
    exec(compile(head, codegen.FILE_NAME, "exec"), ns)
    raw = datasets.get(name).loader(config)
    np.testing.assert_array_equal(ns["X"], raw.x)
    np.testing.assert_array_equal(ns["y"], raw.y)
    assert '"""' not in head and "np.ndarray" not in head  # no English docstring, no annotations


def test_korean_code_comments_are_korean():
    """The comments of Korean code pass the Korean UI's word check (names of code in backticks),
    whatever the data set, activations and initializer."""
    from test_korean_ui import foreign_words

    from nnlab import activations, initializers

    configs = [RunConfig(dataset=name, batchnorm=True, dropout=0.1, l2=0.01) for name in datasets.names()
               if name != "csv"]
    configs += [RunConfig(dataset="csv", csv_path="upload:x.csv"), RunConfig(dataset="csv", csv_path="upload:y.csv",
                                                                             task="regression")]
    configs += [RunConfig(depth=len(activations.names()), layer_activations=tuple(activations.names()),
                          initializer=name, val_fraction=0.0, scaling="minmax") for name in initializers.names()]
    configs += [RunConfig(dataset="digits", scaling=s) for s in ("standard", "none")] + [RunConfig(depth=0)]
    for config in configs:
        for style in codegen.STYLES:
            code = codegen.keras_code(config, style, "ko")
            comments = [line.lstrip()[1:] for line in code.splitlines() if line.lstrip().startswith("#")]
            printed = [line for line in code.splitlines() if line.startswith("print(")]
            assert comments and printed
            for text in comments + printed:
                if text.startswith("print("):
                    text = text.split("'")[1]  # the printed text, not the code around it
                text = re.sub(r"\{[^}]*\}", " ", text)
                assert not foreign_words(text), (config, text)


def test_a_csv_file_names_its_target_and_task(csv_files):
    import pandas as pd

    digits_csv = ROOT / "data" / "digit_recognizer_sample.csv"
    code = codegen.keras_code(RunConfig(dataset="csv", csv_path=str(digits_csv)))
    assert f"pd.read_csv({str(digits_csv)!r})" in code and "target = 'label'" in code
    assert "X = X / 255.0" in code and "Input(shape=(784,))" in code and "softmax" in code
    upload = codegen.keras_code(RunConfig(dataset="csv", csv_path="upload:my file.csv", target="price",
                                          task="regression"))
    assert "pd.read_csv('my file.csv')" in upload and "target = 'price'" in upload and "'mse'" in upload
    uploaded = codegen.keras_code(RunConfig(dataset="csv", csv_path="upload:d.csv"), frame=pd.read_csv(digits_csv))
    assert "pd.read_csv('d.csv')" in uploaded and "Input(shape=(784,))" in uploaded  # an upload: the frame tells
    small = codegen.keras_code(RunConfig(dataset="csv", csv_path=csv_files["<small_class>"]))
    assert "stratify=y)" not in small and "stratify=y_rest)" in small
    unknown = codegen.keras_code(RunConfig(dataset="csv", csv_path="upload:x.csv"))
    assert "X_train.shape[1]" in unknown and "len(class_names)" in unknown
    assert i18n.t("code.c.task_guess") in unknown.replace("\n# ", " ")


def test_comments_follow_the_language():
    config = RunConfig(batchnorm=True, dropout=0.1, l2=0.01)
    ko = codegen.keras_code(config, "functional", "ko")
    en = codegen.keras_code(config, "functional", "en")
    assert "데이터" in ko and "데이터" not in en
    # the code lines differ only in comments and the printed text
    strip = [line for line in ko.splitlines() if not line.startswith("#") and "print(" not in line]
    assert strip == [line for line in en.splitlines() if not line.startswith("#") and "print(" not in line]
    with pytest.raises(ValueError):
        codegen.keras_code(config, "keras")


# -- the command line ----------------------------------------------------------------------------

def nnlab(*args, cwd=ROOT):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    return subprocess.run([sys.executable, "-m", "nnlab", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120, env=env)


def test_cli_writes_code_that_compiles(tmp_path):
    out_file = tmp_path / "x.py"
    out = nnlab("code", "--depth", "2", "--out", str(out_file))
    assert out.returncode == 0, out.stderr
    code = out_file.read_text(encoding="utf-8")
    compile(code, str(out_file), "exec")
    assert code == codegen.keras_code(RunConfig(depth=2))
    assert str(out_file) in out.stdout
    out = nnlab("code", "--dataset", "boston", "--style", "functional", "--lang", "ko", "--lr", "0.01")
    assert out.returncode == 0, out.stderr
    assert out.stdout == codegen.keras_code(RunConfig(dataset="boston", learning_rate=0.01), "functional", "ko")


def test_cli_code_runs_on_its_own_without_tensorflow_in_the_cli(tmp_path):
    """The CLI writes the code without importing TensorFlow; the script then runs in a folder
    where NN Lab cannot be imported, and prints its summary and test line."""
    probe = subprocess.run([sys.executable, "-c", "import sys; from nnlab.cli import main; "
                            "main(['code', '--dataset', 'moons', '--n-samples', '200', '--epochs', '2', "
                            "'--dropout', '0.2', '--out', 'm.py']); print('TF', 'tensorflow' in sys.modules)"],
                           capture_output=True, text=True, cwd=tmp_path, timeout=120,
                           env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert probe.stdout.strip().endswith("TF False"), probe.stderr
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    run = subprocess.run([sys.executable, "m.py"], capture_output=True, text=True, cwd=tmp_path, timeout=300,
                         env=dict(env, TF_CPP_MIN_LOG_LEVEL="3"))
    assert run.returncode == 0, run.stderr[-2000:]
    # the default 3 × 16 net: (2 + 1)·16 + 2·(16 + 1)·16 + (16 + 1)·2 = 626
    assert "Total params: 626" in run.stdout and "Epoch 2/2" in run.stdout
    assert "test loss" in run.stdout


def test_cli_code_takes_the_same_setting_flags_as_train():
    import argparse

    from nnlab import cli

    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))

    def flags(command):
        return {s for a in sub.choices[command]._actions for s in a.option_strings}

    assert flags("code") - {"--style", "--lang"} == flags("train") - {"--save-model", "--quiet"}


def test_cli_code_refuses_bad_flags_like_train(capsys):
    from nnlab import cli

    def call(*args):
        status = cli.main(list(args))
        out = capsys.readouterr()
        return status, out.out, out.err

    for args in (["--depth", "ten"], ["--activation", "banana"], ["--bogus", "1"], ["--style", "keras"],
                 ["--dataset", "csv"], ["--dataset", "csv", "--csv", "missing.csv"]):
        status, out, err = call("code", *args)
        assert status == 2 and out == "", args
        assert err.startswith("nnlab: error: ") and len(err.strip().splitlines()) == 1, err
        if args[0] != "--style":
            assert err.replace("nnlab code", "nnlab train") == call("train", *args)[2], args


# -- the Train page -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_train_page_shows_the_code_of_the_sidebar_settings(lang):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    for key, value in {"dataset": "iris", "depth": "2", "batchnorm": "true", "dropout": "0.1"}.items():
        at.query_params[key] = value
    at.session_state["train_pace"] = "instant"
    at.run()
    at.switch_page("pages/train.py")
    at.run()
    assert not at.exception, at.exception
    expander = next(e for e in at.expander if e.label == i18n.t("code.title", lang))
    config = at.session_state["nnlab.config"]
    assert config.dataset == "iris" and config.batchnorm
    (block,) = expander.code
    assert block.language == "python" and "Dense" in block.value and "BatchNormalization(momentum=0.9)" in block.value
    assert block.value == codegen.keras_code(config, "sequential", lang).rstrip("\n")  # st.code drops the last newline
    assert i18n.t("code.c.compile", lang) in block.value  # comments in the page's language
    radio = expander.radio(key="code_style")
    assert radio.options == [i18n.t(f"code.style.{s}", lang) for s in codegen.STYLES]
    radio.set_value("functional").run()
    (block,) = next(e for e in at.expander if e.label == i18n.t("code.title", lang)).code
    assert block.value == codegen.keras_code(config, "functional", lang).rstrip("\n")
    assert "tf.keras.Model(inputs, outputs)" in block.value and "layers.Dense(" in block.value
    at.sidebar.slider(key="sb.depth").set_value(4).run()  # the code follows the sidebar
    (block,) = next(e for e in at.expander if e.label == i18n.t("code.title", lang)).code
    assert block.value.count("layers.BatchNormalization(momentum=0.9)") == 4
