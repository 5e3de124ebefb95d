"""nnlab.replay: frames of a real run and the pace that plays them."""

import pytest

from nnlab import engine, replay
from nnlab.config import RunConfig


@pytest.fixture(scope="module")
def snap(spiral_data):
    cfg = RunConfig(dataset="spiral", n_samples=400, depth=2, width=8, epochs=20, batch_size=32, seed=3)
    return engine.run(cfg, spiral_data).snapshot()


def test_a_frame_is_the_run_as_it_was_at_that_epoch(snap):
    per_epoch = snap["timing"]["steps_per_epoch"]
    f = replay.frame(snap, 7)
    assert f["history"]["epoch"] == list(range(1, 8))
    assert f["history"]["loss"] == snap["history"]["loss"][:7]
    assert f["history"]["grad_norm"] == snap["history"]["grad_norm"][:7]
    assert f["steps"]["step"] and max(f["steps"]["step"]) <= 7 * per_epoch
    assert len(f["steps"]["loss"]) == len(f["steps"]["step"]) == len(f["steps"]["grad_norm"])
    assert f["progress"]["epoch"] == 7 and f["progress"]["fraction"] == pytest.approx(7 / 20)
    assert f["status"] == snap["status"] and f["replaying"] is True
    # the snapshot itself is left alone, and the last epoch is the snapshot
    assert len(snap["history"]["epoch"]) == 20
    assert replay.frame(snap, 20) is snap
    assert replay.frame(snap, 0)["steps"]["step"] == []


def test_the_boundary_of_a_frame_is_the_one_recorded_by_then(snap):
    frames = snap["boundary_frames"]
    # at most epochs, as the training-time budget allows (engine.FRAME_BUDGET), first and last always
    assert len(frames) >= 3, [f["epoch"] for f in frames]
    assert frames[0]["epoch"] == 1 and frames[-1]["epoch"] == 20
    assert [f["epoch"] for f in frames] == sorted(f["epoch"] for f in frames)
    early = replay.frame(snap, frames[1]["epoch"])["boundary"]
    late = replay.frame(snap, 20)["boundary"]
    assert early["x"] == late["x"] and early["kind"] == late["kind"]
    assert early["z"] != late["z"]  # the boundary moved while it trained
    assert early["z"][0][0] == pytest.approx(float(frames[1]["z"][0][0]), abs=1e-3)
    assert replay.boundary_at(snap, 0) is None


def test_the_pace_unfolds_a_run_in_a_number_of_redraws_but_never_past_what_trained():
    normal, slow, instant = replay.Pace("normal"), replay.Pace("slow"), replay.Pace("instant")
    shown, frames = 0, []
    while shown < 100:
        shown = normal.next_epoch(shown, 100, 100)
        frames.append(shown)
    assert frames == list(range(10, 101, 10))  # ten redraws: about 10 s at one a second
    assert slow.next_epoch(0, 100, 100) == 5
    assert normal.next_epoch(40, 100, 45) == 45  # training is behind the replay: show what exists
    assert instant.next_epoch(0, 100, 42) == 42
    assert normal.next_epoch(0, 7, 7) == 1  # a short run still unfolds frame by frame


def test_the_json_record_holds_the_replay_frames(spiral_data):
    import json

    cfg = RunConfig(dataset="spiral", n_samples=400, depth=1, width=4, epochs=3, seed=1)
    record = engine.run(cfg, spiral_data)
    frames = record.snapshot()["boundary_frames"]
    saved = json.loads(record.to_json())["boundary_frames"]
    assert [f["epoch"] for f in saved] == [f["epoch"] for f in frames] and saved[-1]["epoch"] == 3
    assert saved[0]["z"][5][7] == pytest.approx(float(frames[0]["z"][5][7]), abs=1e-3)
    assert len(saved[0]["z"]) == len(record.boundary["y"]) and len(saved[0]["z"][0]) == len(record.boundary["x"])
    assert "test_output" not in json.loads(record.to_json())


def test_thinning_keeps_the_first_and_last_and_spreads_the_rest_evenly():
    items = [{"epoch": e} for e in range(1, 201)]
    kept = [f["epoch"] for f in replay.thin_evenly(items, 11)]
    assert kept == [1, 21, 41, 61, 81, 100, 120, 140, 160, 180, 200]  # nearest to 1 + 19.9·k
    assert replay.thin_evenly(items[:5], 11) == items[:5]
    uneven = [{"epoch": e} for e in (1, 2, 3, 4, 5, 50, 100)]
    assert [f["epoch"] for f in replay.thin_evenly(uneven, 3)] == [1, 50, 100]


def test_a_long_run_keeps_a_bounded_number_of_frames_spread_over_it(spiral_data):
    """5,000 epochs, a boundary each: at most MAX_BOUNDARY_FRAMES, the first and the last kept,
    no gap much wider than an even spread's."""
    import numpy as np

    from nnlab import datasets, record
    from nnlab.model import Architecture

    cfg = RunConfig(dataset="spiral", n_samples=400, depth=1, width=4, epochs=5000)
    rec = record.RunRecord(cfg, spiral_data, Architecture.of(cfg, 2, spiral_data.n_outputs, spiral_data.task))
    grid = datasets.grid_for(spiral_data)
    out = np.full((len(grid[2]), spiral_data.n_outputs), 0.5, dtype=np.float32)
    stats = np.zeros((2, len(record.STAT_NAMES)))
    most = 0
    for epoch in range(1, 5001):
        rec.add_epoch(epoch, 1.0, 0.5, 1.0, 0.5, stats, 0.0)
        rec.set_boundary(grid, out)
        most = max(most, len(rec.snapshot()["boundary_frames"])) if epoch % 97 == 0 else most
    epochs = [f["epoch"] for f in rec.snapshot()["boundary_frames"]]
    assert most <= record.MAX_BOUNDARY_FRAMES and len(epochs) <= record.MAX_BOUNDARY_FRAMES
    assert len(epochs) >= record.MAX_BOUNDARY_FRAMES // 2
    assert epochs[0] == 1 and epochs[-1] == 5000
    gaps = np.diff(epochs)
    assert gaps.max() <= 2.5 * 5000 / len(epochs), gaps


def test_a_view_finds_its_frame_at_the_epoch_shown(snap):
    items = [{"epoch": 1, "v": "a"}, {"epoch": 4, "v": "b"}, {"epoch": 9, "v": "c"}]
    assert [replay.at_epoch(items, e)["v"] for e in (1, 3, 4, 8, 9, 50)] == ["a", "a", "b", "b", "c", "c"]
    assert replay.at_epoch(items, 0) is None and replay.at_epoch(items, None)["v"] == "c"
    assert replay.at_epoch([], 3) is None
    assert replay.shown_epoch(replay.frame(snap, 7)) == 7
    assert replay.shown_epoch(snap) is None and replay.shown_epoch(replay.frame(snap, 20)) is None
    assert replay.last_epoch([snap, replay.frame(snap, 7)]) == 20
