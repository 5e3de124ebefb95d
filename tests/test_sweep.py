"""Sweeps (nnlab.sweep, python -m nnlab sweep): a 2 × 2 × 1-seed grid on both backends with
identical rows, resuming, bad grids and bad files, the command end to end.

The grid varies the initializer and the learning rate: one network shape, so each process
traces one trainer and the file stays well under two minutes (Ray starts once, for the module).
"""

import json
import os
import shutil
import subprocess
import sys
import threading

import pandas as pd
import pytest

from nnlab import sweep
from nnlab.config import ConfigError, RunConfig

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASE = RunConfig(dataset="spiral", n_samples=200, epochs=3, width=4, depth=2)
GRID = {"initializer": ("glorot_uniform", "he_normal"), "learning_rate": (0.03, 0.1)}
SAME = ["trial", "seed", "initializer", "learning_rate", "dataset", "status", "epochs_trained", "train_loss",
        "val_loss", "test_loss", "test_metric", "metric_name", "grad_ratio"]  # every column but seconds/backend


def tiny() -> sweep.Sweep:
    return sweep.Sweep(BASE, GRID, seeds=1)


@pytest.fixture(scope="module")
def local_csv(tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "sweep.csv"
    table = sweep.run_sweep(tiny(), "local", out)
    return out, table


@pytest.fixture(scope="module")
def ray_started():
    """A local Ray for the whole module (CI installs it: requirements-dev.txt includes requirements-ray.txt)."""
    if os.environ.get("NNLAB_REQUIRE_RAY") != "1":
        pytest.importorskip("ray")
    import ray

    sweep.start_ray()
    yield ray
    ray.shutdown()


def test_trials_are_the_grid_times_the_seeds_in_a_stable_order():
    s = sweep.Sweep(BASE, {"depth": [2, "6"], "activation": ["tanh", "relu"]}, seeds=3)
    trials = s.trials()
    assert s.size == len(trials) == 12
    assert [t.key for t in trials] == [t.key for t in s.trials()]
    assert trials[0].key == "depth=2&activation=tanh&seed=0" and trials[-1].key == "depth=6&activation=relu&seed=2"
    assert [t.config.seed for t in trials] == [0] * 4 + [1] * 4 + [2] * 4  # seeds outermost
    assert trials[2].config.depth == 6 and trials[2].values == {"depth": 6, "activation": "tanh", "seed": 0}
    # the key does not depend on the order the grid was given in
    other = sweep.Sweep(BASE, {"activation": ["tanh", "relu"], "depth": [2, 6]}, seeds=3)
    assert {t.key for t in other.trials()} == {t.key for t in trials}


def test_local_backend_writes_one_row_and_one_record_per_trial(local_csv):
    out, table = local_csv
    assert len(table) == 4 and list(table.columns) == sweep.columns_for(GRID)
    assert set(table["status"]) == {"finished"} and set(table["backend"]) == {"local"}
    assert (table["epochs_trained"] == 3).all() and table["metric_name"].eq("accuracy").all()
    assert table["test_metric"].between(0, 1).all() and table["grad_ratio"].gt(0).all()
    assert sweep.grid_columns(table) == ["initializer", "learning_rate"]
    lines = sweep.records_path(out).read_text().splitlines()
    assert len(lines) == 4
    first = json.loads(lines[0])
    assert first["trial"] == table["trial"][0]
    assert first["record"]["status"] == "finished" and first["record"]["config"] == first["config"]
    assert RunConfig.from_dict(first["config"]) == tiny().trials()[0].config
    assert sweep.read_table(out).equals(table)


def test_ray_backend_gives_the_same_rows(local_csv, ray_started, tmp_path):
    out = tmp_path / "ray.csv"
    seen = []
    table = sweep.run_sweep(tiny(), "ray", out, progress=seen.append)
    assert set(table["backend"]) == {"ray"} and len(table) == 4
    local = local_csv[1]
    # training is deterministic per RunConfig: the numbers are equal, not just close
    pd.testing.assert_frame_equal(table[SAME], local[SAME], check_exact=True)
    assert [p.done for p in seen] == [0, 1, 2, 3, 4] and seen[-1].eta_seconds == 0
    assert len(sweep.records_path(out).read_text().splitlines()) == 4
    assert ray_started.is_initialized()  # started by the fixture: run_sweep leaves it running


def test_a_resumed_sweep_skips_finished_trials_and_retries_the_rest(local_csv, tmp_path):
    src, table = local_csv
    out = tmp_path / "resume.csv"
    shutil.copy(src, out)
    shutil.copy(sweep.records_path(src), sweep.records_path(out))
    seen = []
    again = sweep.run_sweep(tiny(), "local", out, progress=seen.append)
    assert seen[0].skipped == 4 and len(seen) == 1  # nothing trained
    assert again.equals(table)
    # delete one row, mark another failed, and leave half-written last lines (a killed sweep)
    lines = out.read_text().splitlines(keepends=True)
    deleted, failed = table["trial"][1], table["trial"][2]
    lines = [ln for ln in lines if not ln.startswith(deleted + ",")]
    lines = [ln.replace(",finished,", ",failed,") if ln.startswith(failed + ",") else ln for ln in lines]
    out.write_text("".join(lines) + table["trial"][3] + ",0,he_nor")
    with open(sweep.records_path(out), "a") as fh:
        fh.write('{"trial": "half')
    seen.clear()
    again = sweep.run_sweep(tiny(), "local", out, progress=seen.append)
    assert seen[0].skipped == 2 and [p.last_row["trial"] for p in seen[1:]] == [deleted, failed]
    pd.testing.assert_frame_equal(again[SAME], table[SAME], check_exact=True)  # same numbers, same order
    text = out.read_text()
    assert "he_nor\n" not in text and text.count(failed) == 2  # the failed row, then its retry (read_table keeps the last)
    records = [json.loads(ln) for ln in sweep.records_path(out).read_text().splitlines()]  # every line is whole
    assert [r["trial"] for r in records[-2:]] == [deleted, failed]


def test_stop_ends_the_sweep_and_a_rerun_finishes_it(tmp_path):
    out = tmp_path / "stop.csv"
    stop = threading.Event()

    def progress(p):
        if p.done == 1:
            stop.set()

    table = sweep.run_sweep(tiny(), "local", out, progress=progress, stop=stop)
    assert len(table) == 1
    seen = []
    table = sweep.run_sweep(tiny(), "local", out, progress=seen.append)
    assert seen[0].skipped == 1 and len(table) == 4


def test_an_output_file_of_another_sweep_is_refused(local_csv, tmp_path):
    out = tmp_path / "other.csv"
    shutil.copy(local_csv[0], out)
    shutil.copy(sweep.records_path(local_csv[0]), sweep.records_path(out))
    with pytest.raises(sweep.SweepFileError) as err:
        sweep.run_sweep(sweep.Sweep(BASE, {"depth": (1, 2)}), "local", out)
    assert err.value.code == "other_grid"
    with pytest.raises(sweep.SweepFileError) as err:  # same grid, other base settings
        sweep.run_sweep(sweep.Sweep(BASE.replace(epochs=4), GRID), "local", out)
    assert err.value.code == "other_settings"


@pytest.mark.parametrize("grid, field, code", [
    ({"nope": [1, 2]}, "nope", "unknown"),
    ({"depth": ["2", "x"]}, "depth", "int"),
    ({"depth": [2, 99]}, "depth", "range"),
    ({"activation": ["relu", "bogus"]}, "activation", "choice"),
    ({"csv_path": ["a.csv", "b.csv"]}, "csv_path", "not_in_grid"),
    ({"layer_widths": ["4,4"]}, "layer_widths", "not_in_grid"),
    ({"seed": [1, 2]}, "seed", "grid_seed"),
    ({"depth": []}, "depth", "grid_values"),
    ({"depth": [2], "lr": [0.1], "learning_rate": [0.3]}, "learning_rate", "twice"),
])
def test_bad_grids_raise_coded_config_errors(grid, field, code):
    with pytest.raises(ConfigError) as err:
        sweep.Sweep(BASE, grid)
    assert (err.value.field, err.value.code) == (field, code)


def test_an_empty_grid_too_many_trials_and_bad_seeds_are_refused():
    with pytest.raises(sweep.SweepError) as err:
        sweep.Sweep(BASE, {})
    assert err.value.code == "empty_grid"
    with pytest.raises(sweep.SweepError) as err:
        sweep.Sweep(BASE, {"depth": range(1, 51), "width": range(1, 11)}, seeds=11)
    assert err.value.code == "too_many" and "5500 trials" in str(err.value) and "5000" in str(err.value)
    for seeds, code in [(0, "range"), ("x", "int"), (101, "range")]:
        with pytest.raises(ConfigError) as err:
            sweep.Sweep(BASE, {"depth": [1]}, seeds=seeds)
        assert err.value.code == code
    for text, code in [("depth", "grid_syntax"), ("=1,2", "grid_syntax"), ("depth=", "grid_values"),
                       ("depth=1,,2", "grid_syntax")]:
        with pytest.raises(ConfigError) as err:
            sweep.parse_grid_arg(text)
        assert err.value.code == code
    assert sweep.parse_grid_arg("lr=0.1, 0.3") == ("lr", ["0.1", "0.3"])


def test_the_ray_backend_without_ray_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray → ImportError
    with pytest.raises(sweep.SweepError) as err:
        sweep.run_sweep(tiny(), "ray", None)
    assert err.value.code == "ray_missing"
    assert "\n" not in str(err.value) and sweep.INSTALL_RAY in str(err.value)
    assert sweep.INSTALL_RAY in err.value.text("ko")


@pytest.mark.parametrize("content, code", [
    (b"\x00\x01\x02\xff\xfe binary", "unreadable"),
    (b"", "unreadable"),
    (b"a,b\n1,2\n", "columns"),
    (None, "empty"),  # the header only
    ("status", "values"),  # a status that is not one of STATUSES
    ("test_metric", "values"),  # text where a number belongs
    ("extra", "columns"),  # a column that is neither a result nor a grid field
])
def test_read_table_rejects_broken_files_with_a_code(local_csv, tmp_path, content, code):
    text = local_csv[0].read_text()
    header, *rows = text.splitlines()
    if content is None:
        content = (header + "\n").encode()
    elif content == "status":
        content = text.replace(",finished,", ",exploded,", 1).encode()
    elif content == "test_metric":
        cols = header.split(",")
        cells = rows[0].split(",")
        cells[cols.index("test_metric")] = "high"
        content = "\n".join([header, ",".join(cells), *rows[1:]]).encode()
    elif content == "extra":
        content = text.replace("seed,", "seed,colour,", 1).encode()
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(sweep.SweepFileError) as err:
        sweep.read_table(path)
    assert err.value.code == code
    with pytest.raises(sweep.SweepFileError):  # the page hands it the uploaded bytes
        sweep.read_table(content)
    with pytest.raises(sweep.SweepFileError) as err:
        sweep.read_table(tmp_path / "missing.csv")
    assert err.value.code == "missing"


def test_read_table_drops_a_half_written_last_row_only(local_csv, tmp_path):
    text = local_csv[0].read_text()
    path = tmp_path / "killed.csv"
    path.write_text(text + "initializer=he_normal&learning_rate=0.1&seed=1,1,he_nor")
    assert len(sweep.read_table(path)) == 4
    path.write_text(text.rstrip("\n"))  # saved without a final line break: every row kept
    assert len(sweep.read_table(path)) == 4
    with open(path, "rb") as fh:  # an upload: a file-like object
        assert len(sweep.read_table(fh)) == 4


def test_read_table_keeps_a_retried_trials_last_row(local_csv, tmp_path):
    text = local_csv[0].read_text()
    header, first, *rest = text.splitlines()
    path = tmp_path / "dup.csv"
    path.write_text("\n".join([header, first.replace(",finished,", ",failed,"), *rest, first]) + "\n")
    table = sweep.read_table(path)
    assert len(table) == 4 and set(table["status"]) == {"finished"}


def test_metrics_say_which_way_is_better():
    assert sweep.lower_is_better("test_metric", "accuracy") is False
    assert sweep.lower_is_better("test_metric", "mae") is True
    assert sweep.lower_is_better("test_loss") is True
    assert sweep.metric_label("test_metric", "ko", "accuracy") == "테스트 정확도"
    assert all(m.label.startswith("sweep.metric.") for m in sweep.METRICS.values())


def nnlab(*args, timeout=300):
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-m", "nnlab", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=timeout, env=env)


FLAGS = ["--dataset", "spiral", "--n-samples", "200", "--epochs", "3", "--width", "4", "--depth", "2",
         "--grid", "initializer=glorot_uniform,he_normal", "--grid", "lr=0.03,0.1"]


def test_cli_sweep_end_to_end_and_resume(local_csv, tmp_path):
    out = tmp_path / "cli.csv"
    run = nnlab("sweep", *FLAGS, "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert "2 initializer × 2 learning_rate × 1 seed = 4 trials" in run.stdout
    assert "trial 4/4" in run.stderr and "ETA" in run.stderr  # the progress bar (plain lines: not a terminal)
    assert "Best trials by test accuracy" in run.stdout
    table = sweep.read_table(out)
    pd.testing.assert_frame_equal(table[SAME], local_csv[1][SAME], check_exact=True)
    again = nnlab("sweep", *FLAGS, "--out", str(out), "--quiet")
    assert again.returncode == 0, again.stderr
    assert "4 of 4 trials are already in" in again.stdout and "0 trials trained" in again.stdout
    assert again.stderr.strip() == ""


@pytest.mark.parametrize("grid, says", [
    ("colour=red,blue", "colour='red,blue' is invalid: unknown setting"),
    ("depth=2,x", "depth='x' is invalid: expected a whole number"),
    ("csv=a.csv,b.csv", "csv_path='a.csv,b.csv' is invalid: cannot vary in a sweep"),
    ("depth", "expected FIELD=value1,value2"),
])
def test_cli_bad_grids_exit_2_with_one_line_and_write_nothing(tmp_path, capsys, grid, says):
    from nnlab import cli

    out = tmp_path / "never.csv"
    assert cli.main(["sweep", "--grid", grid, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and says in err, err
    assert not out.exists()
