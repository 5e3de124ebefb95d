"""nnlab.runfile: a saved run record read back gives the same series, epochs and replay frames;
a bad, cut-off or foreign file gives one clear error code (and catalog text), never a traceback."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nnlab import engine, i18n, replay, runfile, snapshot
from nnlab.config import RunConfig

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def record(spiral_data):
    cfg = RunConfig(dataset="spiral", n_samples=400, depth=2, width=8, epochs=12, batch_size=32, seed=5)
    return engine.run(cfg, spiral_data)


@pytest.fixture(scope="module")
def text(record):
    return record.to_json()


def test_a_saved_run_reads_back_as_the_same_snapshot(record, text):
    live, saved = record.snapshot(), runfile.read(text.encode())
    assert snapshot.status(saved) == "finished" and snapshot.is_ended(saved)
    assert snapshot.epochs(saved) == snapshot.epochs(live) == list(range(1, 13))
    for key in ("loss", "val_loss", "accuracy", "grad_norm", "dead_fraction"):
        assert snapshot.epoch_series(saved, key) == snapshot.epoch_series(live, key)
    assert snapshot.layer_stat(saved, "grad_norm", 2) == snapshot.layer_stat(live, "grad_norm", 2)
    assert snapshot.step_numbers(saved) == snapshot.step_numbers(live)
    assert snapshot.step_series(saved, "grad_norm") == snapshot.step_series(live, "grad_norm")
    assert snapshot.config(saved) == snapshot.config(live) and snapshot.layer_labels(saved) == ["L1", "L2", "out"]
    assert saved["test"] == live["test"] and saved["confusion_matrix"] == live["confusion_matrix"]
    # the replay of the saved run: the same epochs, the same boundary at each (to the JSON's 3 decimals)
    assert [f["epoch"] for f in saved["boundary_frames"]] == [f["epoch"] for f in live["boundary_frames"]]
    for epoch in (1, 2, 6, 12):
        a, b = replay.frame(live, epoch), replay.frame(saved, epoch)
        assert a["history"] == b["history"] and a["steps"]["step"] == b["steps"]["step"]
        assert replay.shown_epoch(a) == replay.shown_epoch(b)
        za, zb = a["boundary"]["z"], b["boundary"]["z"]
        assert max(abs(x - y) for ra, rb in zip(za, zb) for x, y in zip(ra, rb)) <= 1e-3
    assert saved["test_output"] is None  # not in the JSON: no ensemble of saved runs


def test_the_cli_writes_a_record_that_replays(tmp_path):
    out = tmp_path / "run.json"
    done = subprocess.run([sys.executable, "-m", "nnlab", "train", "--dataset", "xor", "--n-samples", "200",
                           "--depth", "2", "--width", "4", "--epochs", "4", "--quiet", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    saved = runfile.read(out.read_bytes())
    assert snapshot.epochs(saved) == [1, 2, 3, 4]
    assert len(snapshot.epoch_series(saved, "grad_norm")[0]) == 3  # per epoch, one per Dense layer
    frames = saved["boundary_frames"]
    assert frames[0]["epoch"] == 1 and frames[-1]["epoch"] == 4
    assert replay.frame(saved, 1)["boundary"]["z"] == frames[0]["z"]


def _edited(text: str, change) -> bytes:
    doc = json.loads(text)
    change(doc)
    return json.dumps(doc).encode()


def _code(data) -> tuple[str, dict]:
    with pytest.raises(runfile.RunFileError) as info:
        runfile.read(data)
    return info.value.code, info.value.params


def test_a_file_cut_off_while_saving_is_named_as_such(text):
    assert _code(text[: len(text) // 2].encode())[0] == "truncated"
    assert _code(text[:-1].encode())[0] == "truncated"


def test_foreign_and_broken_files_each_get_their_own_code(text):
    assert _code(b"")[0] == "empty" and _code(b"  \n")[0] == "empty"
    assert _code(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")[0] == "not_text"
    code, params = _code(b'{"a": 1,\n "b": x}')
    assert code == "not_json" and params == {"line": 2, "column": 7}
    assert _code(b'{"name": "a package.json", "version": "1.0"}')[0] == "not_a_run"
    assert _code(b"[1, 2, 3]")[0] == "not_a_run"
    assert _code(b"[" * 100000)[0] in ("truncated", "not_json")  # deep nesting: no RecursionError
    assert _code(_edited(text, lambda d: d.update(schema_version=2))) == ("version", {"found": "2", "supported": 1})
    assert _code(_edited(text, lambda d: d.pop("history"))) == ("missing", {"part": "history"})
    assert _code(_edited(text, lambda d: d.update(status="running"))) == ("running", {"status": "running"})
    lesson = json.dumps({"lesson": "vanishing", "runs": {"relu": json.loads(text), "sigmoid": json.loads(text)}})
    assert _code(lesson.encode()) == ("lesson", {"runs": 2})


def test_a_record_that_does_not_add_up_names_the_part(text):
    code, params = _code(_edited(text, lambda d: d["config"].update(activation="nope")))
    assert code == "config" and params["field"] == "activation"
    assert _code(_edited(text, lambda d: d["config"].update(colour="red")))[1]["field"] == "colour"
    assert _code(_edited(text, lambda d: d["history"]["loss"].pop())) == ("mismatch", {"part": "history.loss"})
    assert _code(_edited(text, lambda d: d["history"]["grad_norm"][3].pop())) == ("mismatch",
                                                                                  {"part": "history.grad_norm"})
    assert _code(_edited(text, lambda d: d["history"]["loss"].__setitem__(0, "x")))[1] == {"part": "history.loss"}
    assert _code(_edited(text, lambda d: d["steps"]["loss"].pop()))[1] == {"part": "steps.loss"}
    assert _code(_edited(text, lambda d: d["boundary_frames"][0]["z"].pop())) == ("frames", {"part": "boundary_frames"})
    assert _code(_edited(text, lambda d: d["boundary_frames"].reverse())) == ("frames", {"part": "boundary_frames"})
    assert _code(_edited(text, lambda d: d.update(neuron_frames=[{"epoch": 3}, {"epoch": 1}]))) == (
        "frames", {"part": "neuron_frames"})
    assert _code(_edited(text, lambda d: d.update(layers=[])))[1] == {"part": "layers"}


def test_a_huge_file_is_refused_before_it_is_parsed(monkeypatch, text):
    monkeypatch.setattr(runfile, "MAX_BYTES", 1024 * 1024)
    code, params = _code(b" " * (1024 * 1024 + 1))
    assert code == "too_large" and params == {"mb": 1.0, "max_mb": 1}


def test_older_records_and_other_views_frames_still_open(text):
    without = runfile.read(_edited(text, lambda d: d.pop("boundary_frames")))  # written before frames were saved
    assert without["boundary_frames"] == [] and replay.frame(without, 3)["boundary"] is None
    other = runfile.read(_edited(text, lambda d: d.update(neuron_frames=[{"epoch": 1, "w": [1]}, {"epoch": 6}])))
    assert replay.at_epoch(other["neuron_frames"], 4) == {"epoch": 1, "w": [1]}


def test_a_lesson_file_gives_its_runs_as_a_group(text):
    doc = {"lesson": "x", "runs": {"relu": json.loads(text), "tanh": json.loads(text)}}
    group = runfile.read_group(json.dumps(doc))
    assert [label for label, _ in group] == ["relu", "tanh"] and snapshot.label(group[1][1]) == "tanh"
    assert [label for label, _ in runfile.read_group(text)] == ["relu"]


@pytest.mark.parametrize("code", runfile.ERROR_CODES)
def test_every_error_has_its_text_in_both_languages(code):
    from nnlab.ui.saved_run import error_text

    params = {"too_large": {"mb": 60.2, "max_mb": 50}, "not_json": {"line": 1, "column": 2},
              "lesson": {"runs": 3}, "version": {"found": "7", "supported": 1},
              "config": {"field": "activation", "error": "bad"}, "missing": {"part": "history"},
              "mismatch": {"part": "history.loss"}, "frames": {"part": "boundary_frames"},
              "running": {"status": "running"}}.get(code, {})
    exc = runfile.RunFileError(code, **params)
    english, korean = error_text(exc, "en"), error_text(exc, "ko")
    assert english and korean and english != korean and "{" not in english + korean
    assert f"runfile.err.{code}" in i18n.CATALOG
