"""The command line end to end, as a teacher would use it from a terminal."""

import hashlib
import json
import os
import re
import subprocess
import sys

import pytest

from nnlab import activations, cli, datasets, i18n, initializers, optimizers
from nnlab.config import FIELD_SPECS, ConfigError, RunConfig, parse_query

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOT_DATA = __import__("pathlib").Path(ROOT) / "data"


def nnlab(*args, timeout=300):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    return subprocess.run([sys.executable, "-m", "nnlab", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout, env=env)


def test_list_shows_every_registry_entry_without_tensorflow():
    out = nnlab("list")
    assert out.returncode == 0, out.stderr
    for table in (activations.REGISTRY, initializers.REGISTRY, optimizers.REGISTRY, datasets.REGISTRY):
        for name, entry in table.items():
            assert f"  {name} " in out.stdout
            assert entry.summary[:30] in out.stdout
    from nnlab import lessons

    for name in lessons.names():  # the lessons too, with their titles
        assert re.search(rf"^  {name} +{lessons.get(name).page} +{re.escape(i18n.t(f'lesson.{name}.title'))}$",
                         out.stdout, re.M), name
    probe = subprocess.run([sys.executable, "-c", "import sys; from nnlab.cli import main; main(['list']); "
                            "print('TF', 'tensorflow' in sys.modules)"], capture_output=True, text=True, cwd=ROOT)
    assert probe.stdout.strip().endswith("TF False")


def test_iris_reaches_ninety_percent_and_writes_the_documented_record(tmp_path):
    out_file = tmp_path / "r.json"
    out = nnlab("train", "--dataset", "iris", "--depth", "2", "--width", "64", "--activation", "relu",
                "--optimizer", "adam", "--epochs", "50", "--out", str(out_file))
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    record = json.loads(out_file.read_text())
    assert record["status"] == "finished"
    assert record["config"]["dataset"] == "iris" and record["config"]["width"] == 64
    assert record["test"]["accuracy"] >= 0.9
    h = record["history"]
    assert h["epoch"] == list(range(1, 51))
    for key in ("loss", "val_loss", "accuracy", "val_accuracy", "grad_norm", "weight_norm", "act_mean", "act_std",
                "saturated_fraction", "dead_fraction"):
        assert len(h[key]) == 50, key
    assert len(h["grad_norm"][0]) == 3 == len(record["layers"])
    assert record["timing"]["seconds"] > 0 and record["timing"]["samples_per_second"] > 0
    assert record["steps"]["step"] and len(record["steps"]["grad_norm"][0]) == 3
    assert "test accuracy" in out.stdout and str(out_file) in out.stdout


def test_xor_flags_map_one_to_one_and_regression_uses_mae(tmp_path):
    out_file = tmp_path / "x.json"
    out = nnlab("train", "--dataset", "xor", "--n-samples", "200", "--noise", "0.05", "--depth", "3", "--width", "8",
                "--activation", "tanh", "--initializer", "glorot_uniform", "--optimizer", "sgd", "--lr", "0.3",
                "--batch-size", "16", "--epochs", "40", "--dropout", "0.1", "--seed", "5", "--batchnorm", "true",
                "--l2", "0.0001", "--out", str(out_file), "--quiet")
    assert out.returncode == 0, out.stderr
    cfg = json.loads(out_file.read_text())["config"]
    assert (cfg["n_samples"], cfg["noise"], cfg["depth"], cfg["learning_rate"], cfg["batch_size"], cfg["dropout"],
            cfg["seed"], cfg["batchnorm"], cfg["l2"]) == (200, 0.05, 3, 0.3, 16, 0.1, 5, True, 0.0001)
    assert json.loads(out_file.read_text())["test"]["accuracy"] > 0.8

    reg = tmp_path / "d.json"
    out = nnlab("train", "--dataset", "diabetes", "--depth", "2", "--width", "16", "--epochs", "3", "--out", str(reg),
                "--quiet")
    assert out.returncode == 0, out.stderr
    rec = json.loads(reg.read_text())
    assert set(rec["test"]) == {"loss", "mae"} and len(rec["history"]["val_mae"]) == 3


def test_a_diverged_run_exits_3_with_its_step_and_a_hint_not_a_traceback():
    out = nnlab("train", "--dataset", "diabetes", "--optimizer", "sgd", "--lr", "10", "--epochs", "5", "--quiet")
    assert out.returncode == 3, out.stderr
    assert out.stdout.startswith("diverged: test mae n/a, test loss n/a")
    assert "diverged at step" in out.stderr and "Traceback" not in out.stderr


def test_csv_in_digit_recognizer_layout(tmp_path):
    out_file = tmp_path / "c.json"
    out = nnlab("train", "--dataset", "csv", "--csv", "data/digit_recognizer_sample.csv", "--target", "label",
                "--layer-widths", "32", "--epochs", "2", "--out", str(out_file), "--quiet")
    assert out.returncode == 0, out.stderr
    rec = json.loads(out_file.read_text())
    assert rec["dataset"]["classes"] == [str(i) for i in range(10)]
    assert rec["layers"][0]["width"] == 32 and len(rec["dataset"]["features"]) == 784
    digest = hashlib.sha256((ROOT_DATA / "digit_recognizer_sample.csv").read_bytes()).hexdigest()
    assert rec["config"]["csv_sha256"] == digest  # the record names exactly the data it was trained on


def test_a_replay_with_a_different_csv_file_is_refused_with_a_clear_message():
    iris = hashlib.sha256((ROOT_DATA / "iris_sample.csv").read_bytes()).hexdigest()
    out = nnlab("train", "--dataset", "csv", "--csv", "data/digit_recognizer_sample.csv", "--csv-sha256", iris,
                timeout=120)
    assert out.returncode == 2, out.stderr
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr
    assert "not the file this run was set up with" in lines[0] and iris[:12] in lines[0]
    config = RunConfig(dataset="csv", csv_path=str(ROOT_DATA / "iris_sample.csv"), csv_sha256=iris)
    assert datasets.load(config).sha256 == iris  # the right file trains


@pytest.mark.parametrize("args,needle", [
    (["train", "--depht", "3"], "unrecognized arguments: --depht"),
    (["train", "--depth", "-1"], "depth=-1 is invalid: must be between 0 and 50"),
    (["train", "--depth", "three"], "expected a whole number"),
    (["train", "--activation", "sigmod"], "choose one of"),
    (["train", "--lr", "100"], "learning_rate=100.0 is invalid"),
    (["train", "--dataset", "csv"], "needs a file"),
    (["train", "--dataset", "csv", "--csv", "missing.csv"], "missing.csv"),
    (["train", "--dataset", "csv", "--csv", "data/iris_sample.csv", "--target", "colour"], "colour"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_input_exits_2_with_one_clear_line(args, needle):
    out = nnlab(*args, timeout=120)
    assert out.returncode == 2, (out.stdout, out.stderr)
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, out.stderr
    assert needle in lines[0]
    assert "Traceback" not in out.stderr


def test_malformed_and_empty_csv(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00binary")
    for path in (empty, broken):
        out = nnlab("train", "--dataset", "csv", "--csv", str(path), timeout=120)
        assert out.returncode == 2
        assert len(out.stderr.strip().splitlines()) == 1 and "Traceback" not in out.stderr
        assert path.name in out.stderr


def test_unwritable_out_fails_before_training(tmp_path):
    out = nnlab("train", "--dataset", "xor", "--out", str(tmp_path / "no" / "such" / "dir.json"), timeout=120)
    assert out.returncode == 2 and "cannot write --out" in out.stderr


def test_help_lists_every_field_with_its_catalog_help_and_default():
    out = nnlab("train", "--help", timeout=120)
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.split())
    defaults = RunConfig().to_flat()
    for name, fs in FIELD_SPECS.items():
        for flag in fs.flags:
            assert flag in text, flag
        help_text = " ".join(i18n.t(fs.help, "en").split())
        assert help_text[:40].replace("- ", "-") in text.replace("- ", "-"), name  # argparse wraps at hyphens
        assert f"default: {defaults[name] or 'none'})" in text, name


def test_every_field_is_a_flag_that_sets_it():
    parser = cli.build_parser()
    changed = {"dataset": "iris", "noise": "0.3", "n_samples": "99", "test_fraction": "0.3", "val_fraction": "0.1",
               "scaling": "minmax", "csv_path": "x.csv", "target": "y", "task": "regression", "csv_sha256": "ab" * 32,
               "depth": "4", "width": "9", "activation": "tanh", "layer_widths": "", "layer_activations": "",
               "initializer": "zeros", "init_param": "0.5", "dropout": "0.2", "batchnorm": "true", "l2": "0.01",
               "optimizer": "adam", "learning_rate": "0.1", "batch_size": "7", "shuffle": "false", "epochs": "3", "stats_every_step": "true",
               "seed": "11"}
    assert set(changed) == set(FIELD_SPECS)  # a new field: add a value here
    argv = ["train"] + [item for name, value in changed.items() for item in (FIELD_SPECS[name].flags[0], value)]
    config = cli.config_from_args(parser.parse_args(argv))
    assert config.to_flat() == {**RunConfig().to_flat(), **changed}
    assert cli.config_from_args(parser.parse_args(["train", "--shuffle", "off"])).shuffle is False


@pytest.mark.parametrize("name,text", [
    ("depth", "-1"), ("depth", "ten"), ("width", "2000"), ("learning_rate", "100"), ("learning_rate", "nan"),
    ("activation", "sigmod"), ("batchnorm", "maybe"), ("shuffle", "sometimes"), ("layer_widths", "8,0"),
    ("layer_activations", "relu,banana"), ("dataset", "cifar"), ("csv_sha256", "xyz"), ("epochs", "٣"),
])
def test_a_bad_value_gives_the_same_config_error_from_cli_url_and_constructor(name, text, capsys):
    fs = FIELD_SPECS[name]

    def error_of(make):
        with pytest.raises(ConfigError) as err:
            make()
        return err.value.field, err.value.code, err.value.params, str(err.value)

    from_cli = error_of(lambda: cli.config_from_args(cli.build_parser().parse_args(["train", fs.flags[0], text])))
    try:
        value = fs.parse(text)
    except ValueError:
        value = text  # not even of the field's type: the constructor gets the text itself
    from_constructor = error_of(lambda: RunConfig(**{name: value}))
    if name == "layer_activations":  # one activation per layer: also a rule about the depth
        from_constructor = error_of(lambda: RunConfig(depth=2, layer_activations=value))
    assert from_cli[:3] == from_constructor[:3]
    if fs.in_url:
        _, issues = parse_query([(name, text)])
        url = issues[0].error
        assert (url.field, url.code, url.params) == from_cli[:3]
    assert cli.main(["train", fs.flags[0], text]) == cli.EXIT_USAGE
    assert capsys.readouterr().err.strip() == f"nnlab: error: {from_cli[3]}"
    assert re.match(rf"{name}=", from_cli[3])


def test_a_lesson_runs_headless_prints_its_verdict_and_writes_its_runs(tmp_path):
    out_path = tmp_path / "lesson.json"
    out = nnlab("lesson", "zero_init", "--quick", "--quiet", "--lang", "ko", "--out", str(out_path))
    assert out.returncode == 0, out.stderr
    assert i18n.t("lesson.zero_init.title", "ko") in out.stdout
    assert out.stdout.strip().splitlines()[-1].startswith(i18n.t("lesson.claim.held", "ko", text="")[:8])
    doc = json.loads(out_path.read_text(encoding="utf-8"))
    assert doc["lesson"] == "zero_init" and doc["quick"] is True and doc["claim"]["held"] is True
    (run,) = doc["runs"].values()
    assert run["config"]["initializer"] == "zeros" and run["status"] == "finished"
    assert doc["claim"]["seen"]["spread"] == 0.0 and max(run["unit_spread"][:-1]) == 0.0


def test_a_teaching_lesson_checks_its_claim_without_training():
    out = nnlab("lesson", "single_neuron", "--quiet")
    assert out.returncode == 0, out.stderr
    assert "without bias 0.50" in out.stdout


def test_an_unknown_lesson_exits_2_naming_the_lessons():
    out = nnlab("lesson", "nope")
    assert out.returncode == 2 and "vanishing_gradients" in out.stderr and "Traceback" not in out.stderr
