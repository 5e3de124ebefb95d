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
    assert len(frames) >= 10, "a 20-epoch run records the boundary at most epochs"
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


def test_the_json_record_leaves_the_replay_frames_out(spiral_data):
    import json

    cfg = RunConfig(dataset="spiral", n_samples=400, depth=1, width=4, epochs=3, seed=1)
    record = engine.run(cfg, spiral_data)
    assert record.snapshot()["boundary_frames"]
    assert "boundary_frames" not in json.loads(record.to_json())
