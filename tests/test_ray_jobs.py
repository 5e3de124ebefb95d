"""The app's runs on Ray (nnlab.ray_jobs, NNLAB_RAY_ADDRESS): with a local Ray, a run trains in
an actor to the same numbers as ``engine.run`` here, stops, pauses and resumes, leaves no actor
behind, and fails as a local run does when too large or when Ray is missing; the Train page with
``NNLAB_RAY_ADDRESS=local`` (a fresh process: the runtime is made once per process) trains on
Ray, draws its charts, stops a run, and never imports TensorFlow.

Each actor is a new Ray worker process that imports TensorFlow, so every run here pays a cold
start of several seconds; the runs are small, and the module starts Ray once.
"""

import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nnlab import datasets, engine, ray_actor, ray_jobs
from nnlab.config import RunConfig
from nnlab.limits import Limits

ROOT = Path(__file__).resolve().parents[1]
SMALL = RunConfig(dataset="spiral", n_samples=200, epochs=6, width=4, depth=2)
LONG = SMALL.replace(epochs=3000)


@pytest.fixture(scope="module")
def ray_local():
    """A local Ray for the module (CI installs it: requirements-dev.txt includes requirements-ray.txt)."""
    if os.environ.get("NNLAB_REQUIRE_RAY") != "1":
        pytest.importorskip("ray")
    import ray

    ray_actor.connect(ray_actor.LOCAL)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def needs_ray():
    if os.environ.get("NNLAB_REQUIRE_RAY") != "1":
        pytest.importorskip("ray")


PAGE = """
import json, sys, time
sys.path.insert(0, "tests")
from chart_elements import chart_figures_by_title
from streamlit.testing.v1 import AppTest
from nnlab import runtime
from nnlab.config import RunConfig
from nnlab.i18n import t

def widget(key):
    return next(w for kind in ("selectbox", "slider", "number_input") for w in getattr(at.sidebar, kind) if w.key == key)

def train(epochs):
    for key, value in {"sb.dataset": "xor", "sb.depth": 2, "sb.width": 8, "sb.epochs": epochs}.items():
        widget(key).set_value(value)
    at.run()
    clicked = time.monotonic()
    at.button(key="train_btn").click().run()
    job = at.session_state["nnlab.jobs"].get("train")
    first = None
    while not job.ended and time.monotonic() < clicked + 240:
        if first is None and job.has_numbers:
            first = time.monotonic() - clicked
            if epochs > 100:
                break
        time.sleep(0.2)
        at.run()  # run_every does not fire in AppTest
    return job, first

out = {}
at = AppTest.from_file("app.py", default_timeout=120)
at.session_state["train_pace"] = "instant"
at.run()
at.switch_page("pages/train.py").run()
job, out["first_numbers_s"] = train(5)
at.run()
out["kind"] = type(job).__name__
out["status"] = job.status()
out["progress"] = [el.proto.text for el in at.get("progress")]
out["charts"] = sorted(chart_figures_by_title(at))
out["results"] = [h.value for h in at.header]
out["finished_text"] = t("live.finished", epochs=5, seconds="")[:10]
long_job, out["long_first_numbers_s"] = train(3000)
at.run()
at.button(key="stop_btn").click().run()
long_job.wait(120)
at.run()
at.run()
out["stopped"] = long_job.status()
out["stopped_epochs"] = len(long_job.snapshot()["history"]["epoch"])
out["stopped_steps"] = len(long_job.snapshot()["steps"]["step"])
out["warnings"] = [w.value for w in at.warning]
out["stopped_text"] = t("live.stopped", epoch=0, epochs=3000).split(" ")[0]
out["exception"] = [e.value for e in at.exception]
out["errors"] = [e.value for e in at.error]

cmp = AppTest.from_file("app.py", default_timeout=120)  # Compare: a group of runs, the data loaded once
cmp.session_state["nnlab.config"] = RunConfig(dataset="xor", n_samples=200, depth=2, width=8, epochs=5)
cmp.session_state["compare_pace"] = "instant"
cmp.run()
cmp.switch_page("pages/compare.py").run()
cmp.multiselect(key="compare_values").set_value(["relu", "tanh"]).run()
cmp.button(key="compare_btn").click().run()
holder = cmp.session_state["nnlab.jobs"]
deadline = time.monotonic() + 240
while not all(j.ended for j in holder.all().values()) and time.monotonic() < deadline:
    time.sleep(0.3)
    cmp.run()
cmp.run()
out["compare"] = sorted((type(j).__name__, j.label, j.status()) for j in holder.all().values())
out["compare_charts"] = sorted(chart_figures_by_title(cmp))
out["compare_exception"] = [e.value for e in cmp.exception] + [e.value for e in cmp.error]
out["tensorflow"] = "tensorflow" in sys.modules
out["poll_seconds"] = runtime.SCHEDULER.poll_seconds
runtime.shutdown(30)
import ray
ray.shutdown()  # the local Ray this process started, its agents included
print(json.dumps(out))
"""


def test_the_train_page_trains_on_ray_draws_its_charts_and_stops_a_run_and_compare_trains_too(needs_ray):
    env = dict(os.environ, NNLAB_RAY_ADDRESS="local", NNLAB_PREWARM="1", TF_CPP_MIN_LOG_LEVEL="2")
    env.pop("RAY_ADDRESS", None)
    proc = subprocess.run([sys.executable, "-c", PAGE], capture_output=True, text=True, timeout=600, cwd=ROOT, env=env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["kind"] == "RayJob" and got["status"] == "finished", got
    assert got["exception"] == [] and got["errors"] == [], got
    assert any(got["finished_text"] in text for text in got["progress"]), got["progress"]
    from nnlab.i18n import t

    assert {t("charts.loss.title"), t("charts.grad.lines.title"), t("charts.boundary.title"),
            t("charts.cm.title")} <= set(got["charts"]), got["charts"]
    assert t("results.title") in got["results"]
    assert got["stopped"] == "stopped" and got["stopped_steps"] and got["stopped_epochs"] < 3000, got
    assert any(got["stopped_text"] in w for w in got["warnings"]), got["warnings"]
    assert got["compare"] == [["RayJob", "relu", "finished"], ["RayJob", "tanh", "finished"]], got["compare"]
    assert got["compare_exception"] == [] and "Validation loss per epoch" in got["compare_charts"], got
    assert got["tensorflow"] is False, "the server process imported TensorFlow"


@pytest.fixture(scope="module")
def scheduler(ray_local):
    sched = ray_jobs.RayScheduler(ray_actor.LOCAL, limits=Limits(max_active_runs=1))
    sched.connect_soon()  # and a spare actor, warming up
    yield sched
    sched.shutdown(20)


def started_actor(job, timeout=120.0):
    deadline = time.monotonic() + timeout
    while job.actor is None and not job.wait(0) and time.monotonic() < deadline:
        time.sleep(0.05)
    return job.actor


def test_a_run_on_ray_gives_the_numbers_of_a_local_run_and_its_actor_is_gone_after(scheduler, ray_local):
    job = scheduler.submit(SMALL)
    actor = started_actor(job)
    assert actor is not None and ray_local.get(actor.ping.remote(), timeout=60)
    assert job.wait(120), job.status()
    local = engine.run(SMALL, datasets.load(SMALL))
    snap, mine = job.snapshot(), local.snapshot()
    assert snap["status"] == mine["status"] == "finished" and job.ended
    assert snap["history"]["epoch"] == mine["history"]["epoch"] == list(range(1, 7))
    assert snap["history"]["loss"] == pytest.approx(mine["history"]["loss"], abs=1e-6)
    assert snap["test"]["loss"] == pytest.approx(mine["test"]["loss"], abs=1e-6)
    assert snap["job_id"] == job.id and snap["error_key"] is None
    # the whole record came back (the results section and the downloads read it)
    assert job.record is not None and job.record.weights is not None and json.loads(job.record.to_json())
    assert job.data is not None and job.data.is_2d  # the boundary chart's points
    assert len(snap["boundary_frames"]) >= 2 and snap["inside"]["frames"]  # the frames came back too
    with pytest.raises(ray_local.exceptions.RayActorError):
        ray_local.get(actor.ping.remote(), timeout=60)  # killed once the run ended
    assert not scheduler.busy() and scheduler.running_count() == 0


def test_frame_deltas_send_each_frame_once_and_rebuild_the_lists():
    f = [{"epoch": i} for i in range(3)]
    first = {"boundary_frames": f[:2], "inside": None, "histograms": {"frames": [f[0]]}}
    sent = ray_actor.encode_frames(first, {})
    assert first["boundary_frames"] == f[:2]  # nothing sent before: every frame goes
    wire = pickle.loads(pickle.dumps(first))
    held = ray_actor.decode_frames(wire, {})
    assert wire["boundary_frames"] == f[:2] and wire["histograms"]["frames"] == [f[0]]
    latest = {"epoch": 1, "z": "again"}  # the latest frame replaced by a new one of the same epoch, one more
    second = {"boundary_frames": [f[0], latest, f[2]], "inside": None, "histograms": {"frames": [f[0]]}}
    sent = ray_actor.encode_frames(second, sent)
    assert second["boundary_frames"] == [0, latest, f[2]] and second["histograms"]["frames"] == [0]
    wire = pickle.loads(pickle.dumps(second))
    ray_actor.decode_frames(wire, held)
    assert wire["boundary_frames"] == [f[0], latest, f[2]] and wire["histograms"]["frames"] == [f[0]]
    assert wire["inside"] is None


def _wait(predicate, timeout=120.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def _epoch(job) -> int:
    return len(job.snapshot()["history"]["epoch"])


def test_pause_holds_a_run_on_ray_resume_goes_on_and_stop_ends_it(scheduler):
    job = scheduler.submit(LONG)
    assert job.wait_for_numbers(120) and job.has_numbers
    job.pause()
    assert job.paused_requested
    _wait(lambda: job.status() == "paused")
    held = _epoch(job)
    time.sleep(1.0)
    assert job.status() == "paused" and _epoch(job) == held
    job.resume()
    _wait(lambda: _epoch(job) > held + 2)
    assert job.status() == "running"
    job.stop()
    assert job.wait(60)
    snap = job.snapshot()
    assert snap["status"] == "stopped" and 0 < len(snap["history"]["epoch"]) < LONG.epochs
    assert snap["test"]["loss"] is not None  # a stopped run still has its test metrics


def test_a_run_stopped_while_waiting_in_line_never_starts(scheduler):
    first, second = scheduler.submit(LONG), scheduler.submit(SMALL)  # one run at a time (the fixture's limit)
    assert second.queue_position == 1 and second.status() == "queued"
    second.stop()
    assert second.wait(5) and second.status() == "stopped" and second.actor is None
    first.stop()  # at once: it ends without training (and without a record)
    assert first.wait(120) and first.status() == "stopped" and first.ended


def test_a_run_too_large_fails_with_the_same_message_without_an_actor(ray_local):
    sched = ray_jobs.RayScheduler(ray_actor.LOCAL, limits=Limits(max_run_cost=1000), spares=0)
    try:
        job = sched.submit(SMALL)
        assert job.wait(30) and job.status() == "failed" and job.actor is None
        assert job.snapshot()["error_key"][0] == "live.error.too_large"
    finally:
        sched.shutdown(5)


def test_without_ray_the_app_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray → ImportError
    sched = ray_jobs.RayScheduler("auto", spares=0)
    assert sched.problem() == ("live.error.ray_missing", {})
    job = sched.submit(SMALL)
    assert job.wait(30) and job.status() == "failed"
    assert job.snapshot()["error_key"][0] == "live.error.ray_missing"
    assert "requirements-ray.txt" in job.snapshot()["error"]
    sched.shutdown(5)


def test_a_cluster_that_does_not_answer_is_named_on_the_pages_after_a_while():
    sched = ray_jobs.RayScheduler("ray://head:10001", spares=0)
    assert sched.problem() in (None, ("live.error.ray_missing", {}))
    sched._connecting_since = time.monotonic() - ray_jobs.SLOW_CONNECT_SECONDS - 1  # ray.init still retrying
    key, params = sched.problem()
    assert key == "live.error.ray_connecting" and params["address"] == "ray://head:10001" and params["seconds"] > 20
