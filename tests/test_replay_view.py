"""AppTest of the epoch scrubber (``nnlab.ui.replay_view``): after a tiny Train run and a tiny
Compare group, the page offers an epoch slider and Play; moving the slider redraws the charts
as at that epoch (the loss so far with a marker, the gradient profile at that epoch's last
step, the boundary recorded by then); Play steps through to the end. A run.json uploaded on the
Train page opens as a finished run in the scrubber, with its results; a bad file says why.

``run_every`` never fires in AppTest: each ``at.run()`` stands for one tick of the timer.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import pytest  # noqa: E402
from chart_elements import chart_figures  # noqa: E402
from test_page_compare import open_compare, run_until_done  # noqa: E402
from test_page_train import open_train, set_widgets, wait_until_ended  # noqa: E402

from nnlab import engine, replay, snapshot  # noqa: E402
from nnlab.config import RunConfig  # noqa: E402
from nnlab.i18n import t  # noqa: E402

TINY = {"sb.dataset": "xor", "sb.depth": 2, "sb.width": 8, "sb.epochs": 5}


def by_key(at) -> dict[str, dict]:
    return {fig["key"]: fig for fig in chart_figures(at)}


def scrubber(at, key: str = "train"):
    found = [s for s in at.slider if s.key == f"{key}_replay_epoch"]
    return found[0] if found else None


def epoch_trace(fig: dict, name: str) -> dict:
    return next(d for d in fig["data"] if d["name"] == name)


def marker_at(fig: dict):
    lines = [s for s in fig["layout"].get("shapes") or () if s.get("type") == "line" and s.get("yref") == "paper"]
    return lines[0]["x0"] if lines else None


@pytest.fixture(scope="module")
def finished_train():
    at = open_train()
    set_widgets(at, TINY)
    at.button(key="train_btn").click()
    at.run()
    job = wait_until_ended(at)
    at.run()
    assert not at.exception, at.exception
    return at, job


def test_an_ended_run_opens_in_the_scrubber_at_its_last_epoch(finished_train):
    at, job = finished_train
    slider = scrubber(at)
    assert slider is not None and (slider.min, slider.max, slider.value) == (1, 5, 5)
    assert at.button(key="train_replay_play").label == t("replay.play")
    figs = by_key(at)
    assert epoch_trace(figs["train_loss"], t("charts.train"))["x"] == [1, 2, 3, 4, 5]
    assert marker_at(figs["train_loss"]) is None  # the run as it ended: nothing replayed


def test_moving_the_slider_redraws_the_charts_as_at_that_epoch(finished_train):
    at, job = finished_train
    snap = job.snapshot()
    scrubber(at).set_value(2)
    at.run()
    assert not at.exception, at.exception
    figs = by_key(at)
    train = epoch_trace(figs["train_loss"], t("charts.train"))
    assert train["x"] == [1, 2] and train["y"] == snapshot.epoch_series(snap, "loss")[:2]
    assert epoch_trace(figs["train_loss"], t("charts.val"))["y"] == snapshot.epoch_series(snap, "val_loss")[:2]
    assert marker_at(figs["train_loss"]) == 2 and marker_at(figs["train_metric"]) == 2
    assert figs["train_loss"]["layout"]["xaxis"]["range"][1] >= 5  # the axis holds the whole run
    # the profile: the gradient at epoch 2's last recorded step, not the run's last
    per_epoch = snapshot.steps_per_epoch(snap)
    steps = snapshot.step_numbers(snap)
    i = max(k for k, s in enumerate(steps) if s <= 2 * per_epoch)
    dots = figs["train_grad_bar"]["data"][0]["y"]
    assert dots == pytest.approx(snapshot.step_series(snap, "grad_norm")[i])
    assert dots != pytest.approx(snapshot.step_series(snap, "grad_norm")[-1])
    assert str(steps[i]) in figs["train_grad_bar"]["layout"]["title"]["text"]
    # the boundary recorded last by epoch 2
    frame = replay.at_epoch(snap["boundary_frames"], 2)
    z = figs["train_boundary"]["data"][0]["z"]
    assert z[10][10] == pytest.approx(float(frame["z"][10][10]), abs=1e-3)
    assert t("play.showing", shown=2, epochs=5, trained=5) in [c.value for c in at.caption]


def test_play_steps_through_to_the_end_and_stops(finished_train):
    at, _ = finished_train
    scrubber(at).set_value(2)
    at.run()
    at.button(key="train_replay_play").click()
    at.run()
    assert not at.exception, at.exception
    assert at.button(key="train_replay_play").label == t("replay.pause")
    assert scrubber(at).value == 2  # the first redraw after Play shows where it starts
    seen = []
    for _ in range(6):
        at.run()  # one tick of the timer each
        seen.append(scrubber(at).value)
    assert seen[:3] == [3, 4, 5] and set(seen[3:]) == {5}
    assert at.button(key="train_replay_play").label == t("replay.play")  # stopped at the end
    at.button(key="train_replay_play").click()  # Play at the end starts from epoch 1
    at.run()
    assert scrubber(at).value == 1
    at.button(key="train_replay_play").click()  # Pause
    at.run()
    at.run()
    assert scrubber(at).value == 1 and at.button(key="train_replay_play").label == t("replay.play")


def test_compare_offers_the_scrubber_after_the_group_ends():
    at = open_compare()
    at.button(key="compare_btn").click()
    at.run()
    run_until_done(at)
    at.run()
    slider = scrubber(at, "compare")
    assert slider is not None and (slider.min, slider.max, slider.value) == (1, 6, 6)
    holder = at.session_state["nnlab.jobs"]
    snaps = {snapshot.label(j.snapshot()): j.snapshot() for j in holder.all().values()}
    slider.set_value(3)
    at.run()
    assert not at.exception, at.exception
    loss = by_key(at)["compare_loss"]
    lines = [d for d in loss["data"] if d.get("x")]
    assert lines and all(d["x"] == [1, 2, 3] for d in lines)
    relu = next(d for d in lines if d["name"] == "ReLU" or d["name"] == "relu")
    assert relu["y"] == pytest.approx(snapshot.epoch_series(snaps["relu"], "val_loss")[:3])
    assert marker_at(loss) == 3
    for job in holder.all().values():
        job.stop()


@pytest.fixture(scope="module")
def saved_json(spiral_data):
    cfg = RunConfig(dataset="spiral", n_samples=400, noise=0.1, seed=0, depth=2, width=8, epochs=8)
    record = engine.run(cfg, spiral_data)
    return record, record.to_json().encode()


def test_a_saved_run_opens_in_the_scrubber_with_its_results(saved_json):
    record, data = saved_json
    snap = record.snapshot()
    at = open_train()
    at.file_uploader(key="train_saved_upload_0").set_value(("lesson-run.json", data, "application/json"))
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["nnlab.saved.train"]["name"] == "lesson-run.json"
    assert any("lesson\\-run\\.json" in i.value or "lesson-run.json" in i.value for i in at.info)
    slider = scrubber(at)
    assert slider is not None and (slider.max, slider.value) == (8, 8)
    assert [m.label for m in at.metric][:2] == [t("results.test_loss"), t("results.test_accuracy")]
    slider.set_value(3)
    at.run()
    figs = by_key(at)
    train = epoch_trace(figs["train_loss"], t("charts.train"))
    assert train["x"] == [1, 2, 3] and train["y"] == snapshot.epoch_series(snap, "loss")[:3]
    boundary = figs["train_boundary"]["data"]
    frame = replay.at_epoch(snap["boundary_frames"], 3)
    assert boundary[0]["z"][20][30] == pytest.approx(float(frame["z"][20][30]), abs=1e-3)
    assert len(boundary) >= 3  # the spiral's points were loaded again from the record's settings
    # "Use its settings" puts them into the sidebar; Train would train the same network again
    at.button(key="train_saved_use").click()
    at.run()
    assert at.session_state["nnlab.config"] == RunConfig.from_dict(snap["config"])
    at.button(key="train_saved_close").click()
    at.run()
    assert scrubber(at) is None and "nnlab.saved.train" not in at.session_state


def test_a_bad_file_says_what_is_wrong_and_keeps_the_page(saved_json):
    _, data = saved_json
    at = open_train()
    at.file_uploader(key="train_saved_upload_0").set_value(("cut.json", data[: len(data) // 3], "application/json"))
    at.run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert any(t("runfile.err.truncated") in e and "cut.json" in e for e in errors), errors
    assert scrubber(at) is None
    at.file_uploader(key="train_saved_upload_0").set_value(("notes.json", b'{"title": "notes"}', "application/json"))
    at.run()
    assert any(t("runfile.err.not_a_run") in e for e in (e.value for e in at.error))
