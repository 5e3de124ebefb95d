"""AppTest tests of the Train page: render, sidebar → RunConfig, URL round trip, presets,
a tiny real training run with live charts and results, Stop, CSV upload errors, page switches.

``run_every`` never fires in AppTest, so the tests call ``at.run()`` while waiting for a job.
"""

import hashlib
import time
from pathlib import Path

from chart_elements import chart_figures_by_title
from streamlit.testing.v1 import AppTest

from nnlab import presets, snapshot
from nnlab.config import FIELD_SPECS, RunConfig
from nnlab.i18n import t
from nnlab.i18n.numbers import ratio_words

APP = str(Path(__file__).resolve().parents[1] / "app.py")
TINY = {"sb.dataset": "xor", "sb.depth": 2, "sb.width": 8, "sb.epochs": 5}


def open_train(query: dict | None = None, pace: str = "instant") -> AppTest:
    """The Train page; charts show the latest numbers unless ``pace`` replays them."""
    at = AppTest.from_file(APP, default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.session_state["train_pace"] = pace
    at.run()
    at.switch_page("pages/train.py")
    at.run()
    assert not at.exception, at.exception
    return at


def widget(at: AppTest, key: str):
    for kind in ("selectbox", "slider", "number_input", "select_slider", "toggle", "text_input"):
        for w in getattr(at.sidebar, kind):
            if w.key == key:
                return w
    raise KeyError(key)


def set_widgets(at: AppTest, values: dict) -> None:
    for key, value in values.items():
        widget(at, key).set_value(value)
    at.run()
    assert not at.exception, at.exception


def config(at: AppTest) -> RunConfig:
    return at.session_state["nnlab.config"]


def job(at: AppTest):
    return at.session_state["nnlab.jobs"].get("train")


def wait_until_ended(at: AppTest, timeout: float = 180.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        j = job(at)
        if j.ended:
            at.run()
            return j
        time.sleep(0.3)
        at.run()  # run_every does not fire in AppTest
    raise AssertionError(f"job did not end within {timeout} s: {job(at).status()}")


def plotly_specs(at: AppTest) -> dict[str, dict]:
    return chart_figures_by_title(at)


def test_page_renders_with_controls_and_hint():
    at = open_train()
    assert at.title[0].value == t("train.title")
    labels = [b.label for b in at.button]
    assert labels[:4] == [t("train.btn.train"), t("train.btn.stop"), t("train.btn.pause"), t("train.btn.reset")]
    assert at.button(key="stop_btn").disabled and not at.button(key="train_btn").disabled
    assert any(t("train.empty")[:20] in i.value for i in at.info)
    for key in ("sb.dataset", "sb.depth", "sb.activation", "sb.initializer", "sb.optimizer", "sb.learning_rate"):
        assert widget(at, key).help, key  # every control explains itself


def test_sidebar_values_become_the_run_config_and_the_url():
    at = open_train()
    set_widgets(at, {"sb.dataset": "moons", "sb.noise": 0.3, "sb.n_samples": 400, "sb.depth": 4, "sb.width": 12,
                     "sb.activation": "tanh", "sb.initializer": "glorot_normal", "sb.dropout": 0.1,
                     "sb.batchnorm": True, "sb.l2": 1e-4, "sb.optimizer": "sgd", "sb.learning_rate": 0.03,
                     "sb.batch_size": 16, "sb.epochs": 30, "sb.seed": 7})
    expected = RunConfig(dataset="moons", noise=0.3, n_samples=400, depth=4, width=12, activation="tanh",
                         initializer="glorot_normal", dropout=0.1, batchnorm=True, l2=1e-4, optimizer="sgd",
                         learning_rate=0.03, batch_size=16, epochs=30, seed=7)
    assert config(at) == expected
    assert dict(at.query_params) == expected.to_flat(only_changed=True)


def test_every_field_with_a_widget_is_drawn_from_its_spec():
    at = open_train()
    default = RunConfig()
    drawn = 0
    for name, fs in FIELD_SPECS.items():
        if not fs.widget or not (fs.shown_if is None or fs.shown_if(lambda n: getattr(default, n))):
            continue
        w = widget(at, "sb.per_layer" if name == "layer_activations" else f"sb.{name}")
        assert w.label == t(fs.label), name
        assert w.help.startswith(t(fs.help)), name  # the one help text, shared with the CLI
        if fs.widget in ("slider", "number"):
            low, high = fs.ui_bounds()
            assert (w.min, w.max) == (low, high), name
        if fs.widget == "select_slider":
            assert list(w.options) == [f"{v:g}" if not (fs.ui_zero and v == 0) else t(fs.ui_zero)
                                       for v in fs.ui_options], name
        if fs.widget == "select":
            assert len(w.options) == len(fs.options()), name
        drawn += 1
    assert drawn >= 16
    at.selectbox(key="lang").set_value("ko")
    at.run()
    assert widget(at, "sb.shuffle").label == t("field.shuffle", "ko")
    assert widget(at, "sb.shuffle").help.startswith(t("field.shuffle.help", "ko"))


def test_the_shuffle_toggle_sets_the_config_and_the_link():
    at = open_train()
    assert widget(at, "sb.shuffle").value is True
    set_widgets(at, {"sb.shuffle": False})
    assert config(at) == RunConfig(shuffle=False)
    assert dict(at.query_params) == {"shuffle": "false"}
    again = open_train({"shuffle": "false"})
    assert config(again).shuffle is False and widget(again, "sb.shuffle").value is False


def test_per_layer_activations_and_layer_widths():
    at = open_train()
    set_widgets(at, {"sb.layer_widths": "32,16,8"})
    assert config(at).hidden_widths == (32, 16, 8) and config(at).depth == 3
    set_widgets(at, {"sb.per_layer": True})
    set_widgets(at, {"sb.layer_act.0": "sigmoid"})
    assert config(at).layer_activations == ("sigmoid", "relu", "relu")


def test_url_preset_is_read_and_bad_value_warns_and_keeps_defaults():
    at = open_train({"dataset": "xor", "depth": "10", "activation": "sigmoid"})
    assert config(at) == RunConfig(dataset="xor", depth=10, activation="sigmoid")
    assert widget(at, "sb.depth").value == 10
    bad = open_train({"depth": "ten", "activation": "sigmoid"})
    assert any("depth" in w.value for w in bad.warning)
    assert config(bad).depth == RunConfig().depth and config(bad).activation == "sigmoid"
    worse = open_train({"activation": "banana"})
    assert any("activation" in w.value for w in worse.warning)
    assert config(worse) == RunConfig()


def test_preset_selectbox_applies_a_lecture_preset():
    at = open_train()
    widget(at, "sb.preset").set_value("deep_sigmoid_spiral")
    at.run()
    assert config(at) == presets.apply("deep_sigmoid_spiral")
    assert widget(at, "sb.depth").value == 10 and widget(at, "sb.activation").value == "sigmoid"
    assert any(presets.title("deep_sigmoid_spiral") in c.value for c in at.sidebar.caption)


def test_training_a_tiny_network_ends_with_charts_and_results():
    at = open_train()
    set_widgets(at, TINY)
    at.button(key="train_btn").click()
    at.run()
    assert widget(at, "sb.depth").disabled  # locked while training (unless it already ended)
    j = wait_until_ended(at)
    assert j.status() == "finished", j.snapshot().get("error")
    assert not at.exception, at.exception
    progress = [el.proto.text for el in at.get("progress")]
    assert any(t("live.finished", epochs=5, seconds="")[:10] in text for text in progress), progress

    specs = plotly_specs(at)
    loss = specs[t("charts.loss.title")]
    epoch_traces = [d for d in loss["data"] if d["name"] in (t("charts.train"), t("charts.val"))]
    assert [len(d["x"]) for d in epoch_traces] == [5, 5]
    grads = specs[t("charts.grad.lines.title")]
    assert sorted(d["name"] for d in grads["data"]) == ["L1", "L2", "out"]  # one trace per layer
    assert grads["layout"]["yaxis"]["type"] == "log"
    heat = specs[t("charts.grad.heat.title")]["data"][0]
    assert len(heat["z"]) == 3 and len(heat["z"][0]) == 5
    boundary = specs[t("charts.boundary.title")]
    assert boundary["data"][0]["type"] == "heatmap" and len(boundary["data"]) >= 3
    assert t("charts.cm.title") in specs
    # The key sentence states the gradient ratio (first / last hidden layer) at the step the
    # profile shows, and the page defines the ratio as the Compare page does.
    ratio = snapshot.gradient_ratio(j.snapshot(), latest_step=True)
    sentence = t("ratio.sentence", first="L1", last="L2", words=ratio_words(ratio))
    markdown = [m.value for m in at.markdown]
    assert f"**{sentence}**" in markdown and t("ratio.definition") in markdown

    assert [m.label for m in at.metric][:2] == [t("results.test_loss"), t("results.test_accuracy")]
    # the results' three downloads, then "Show the code"'s .py file
    assert [b.key for b in at.get("download_button")] == ["dl_csv", "dl_json", "dl_keras", "dl_code"]
    assert not widget(at, "sb.depth").disabled  # unlocked again
    rows = [r for r in at.dataframe if "formula" in str(r.value.columns).lower() or
            t("results.col.formula") in list(r.value.columns)]
    assert rows and rows[0].value.iloc[0][t("results.col.params")] == (2 + 1) * 8


def test_a_network_without_hidden_layers_trains_as_softmax_regression():
    """Depth 0 (the first rung of the lecture's MNIST ladder): one layer, the output."""
    at = open_train({"dataset": "iris", "depth": "0", "epochs": "5"})
    assert widget(at, "sb.depth").value == 0 and config(at).hidden_widths == ()
    at.button(key="train_btn").click()
    at.run()
    j = wait_until_ended(at)
    assert j.status() == "finished", j.snapshot().get("error")
    assert not at.exception, at.exception
    assert [layer["label"] for layer in j.snapshot()["layers"]] == ["out"]
    grads = plotly_specs(at)[t("charts.grad.lines.title")]
    assert [d["name"] for d in grads["data"]] == ["out"]


def test_the_click_itself_draws_the_first_chart_when_the_network_is_compiled():
    """Train's own page run waits (up to ``live.FIRST_CHART_WAIT``) for the first chunk, so the
    first chart needs no second redraw from the browser's timer."""
    from nnlab import runtime

    at = open_train()
    set_widgets(at, dict(TINY, **{"sb.epochs": 3000}))
    warm = runtime.SCHEDULER.submit(config(at).replace(epochs=1))  # compile the shape first
    assert warm.wait(120) and warm.status() == "finished"
    at.button(key="train_btn").click()
    at.run()
    try:
        loss = plotly_specs(at)[t("charts.loss.title")]
        assert max(len(d.get("x") or []) for d in loss["data"]) >= 1
        assert not job(at).ended
    finally:
        job(at).stop()


def test_a_page_run_does_not_hold_the_page_while_a_fresh_server_imports_tensorflow(monkeypatch):
    """While the start-up is still importing TensorFlow, the click's page run neither waits for
    the first numbers nor naps in the live view's first call (on a warm server it does both):
    the browser keeps the page's previous elements on screen, faded, until a page run ends (on
    Compare, a second row of buttons for seconds). The live view's polls bring the first charts
    instead."""
    from nnlab import runtime
    from nnlab.jobs import TrainingJob
    from nnlab.ui import live

    waits, naps = [], []
    monkeypatch.setattr(runtime, "tensorflow_importing", lambda: True)
    monkeypatch.setattr(live, "_nap_for_numbers", lambda jobs, seconds: naps.append(seconds))
    at = open_train()
    set_widgets(at, dict(TINY, **{"sb.epochs": 3000}))
    at.button(key="train_btn").click()
    monkeypatch.setattr(TrainingJob, "wait_for_numbers", lambda self, timeout=None: waits.append(timeout) or False)
    at.run()
    try:
        assert not at.exception
        assert (waits, naps) == ([], [])
        assert not job(at).ended  # it trains; the polls will show it
    finally:
        job(at).stop()


def test_stop_ends_a_long_run_with_stopped_status():
    at = open_train()
    set_widgets(at, dict(TINY, **{"sb.epochs": 3000}))
    at.button(key="train_btn").click()
    at.run()
    deadline = time.time() + 120
    while not (job(at).snapshot()["steps"]["step"]) and time.time() < deadline:
        time.sleep(0.3)
    at.run()
    assert not at.button(key="stop_btn").disabled
    at.button(key="stop_btn").click()
    at.run()
    j = wait_until_ended(at, 60)
    assert j.status() == "stopped"
    assert any(t("live.stopped", epoch=0, epochs=3000).split(" ")[0] in w.value for w in at.warning)


def test_bad_csv_upload_shows_error_and_keeps_previous_settings():
    at = open_train()
    set_widgets(at, TINY)
    before = config(at)
    set_widgets(at, {"sb.dataset": "csv"})
    at.sidebar.file_uploader[0].set_value(("bad.csv", b"name,colour\nfoo,red\nbar,blue\n", "text/csv"))
    at.run()
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert any("not numeric" in e for e in errors), errors
    assert config(at) == before
    assert at.button(key="train_btn").disabled


def test_good_csv_upload_sets_csv_dataset_and_target():
    at = open_train()
    set_widgets(at, {"sb.dataset": "csv"})
    rows = "\n".join(f"{i % 7},{(i * 3) % 5},{int(i % 7 > 3)}" for i in range(60))
    data = f"a,b,label\n{rows}\n".encode()
    at.sidebar.file_uploader[0].set_value(("mine.csv", data, "text/csv"))
    at.run()
    assert not at.exception, at.exception
    assert config(at).dataset == "csv" and config(at).target == "label"
    assert config(at).csv_sha256 == hashlib.sha256(data).hexdigest()  # the record will name this exact file
    assert "csv_sha256" not in at.query_params and "dataset" not in at.query_params  # a link cannot carry it
    assert not at.button(key="train_btn").disabled
    set_widgets(at, {"sb.dataset": "xor"})
    assert (config(at).csv_path, config(at).csv_sha256) == ("", "")  # leaving csv forgets the file


def test_settings_and_running_job_survive_a_page_switch():
    at = open_train()
    set_widgets(at, dict(TINY, **{"sb.epochs": 3000, "sb.activation": "sigmoid"}))
    at.button(key="train_btn").click()
    at.run()
    running = job(at)
    at.switch_page("app.py")
    at.run()
    at.switch_page("pages/train.py")
    at.run()
    assert not at.exception, at.exception
    assert job(at) is running and not running.ended
    assert widget(at, "sb.activation").value == "sigmoid" and widget(at, "sb.depth").value == 2
    assert widget(at, "sb.depth").disabled
    at.button(key="reset_btn").click()
    at.run()
    assert job(at) is None
    assert running.wait(60) and running.status() == "stopped"


def test_korean_page_renders():
    at = open_train()
    at.selectbox(key="lang").set_value("ko")
    at.run()
    assert not at.exception, at.exception
    assert at.title[0].value == t("train.title", "ko")
    assert widget(at, "sb.dataset").label == t("field.dataset", "ko")


class _FakeJob:
    def __init__(self):
        self.stopped = 0

    def stop(self):
        self.stopped += 1


def test_session_release_stops_jobs_only_when_the_session_is_gone(monkeypatch):
    from nnlab.ui import live

    monkeypatch.setattr(live, "RELEASE_GRACE_SECONDS", 0.0)
    gone = live.SessionJobs(session_id=None)  # no runtime knows it: gone
    job = _FakeJob()
    gone.put("train", job)
    live._stop_if_gone(gone, released_at=time.time())
    assert job.stopped == 1

    reconnected = live.SessionJobs(session_id=None)
    other = _FakeJob()
    reconnected.put("train", other)
    released = time.time()
    reconnected.heartbeat = released + 1  # the page polled again after the release
    live._stop_if_gone(reconnected, released_at=released)
    assert other.stopped == 0


def test_a_gone_session_about_to_expire_drops_its_jobs_and_is_closed(monkeypatch):
    """Streamlit keeps an expired session until it next stores one: the tab's jobs and their
    records must go when its time to come back runs out, and the session be closed."""
    from nnlab.ui import live, streamlit_internals

    closed = []

    class FakeRuntime:
        @staticmethod
        def instance():
            return FakeRuntime()

        def clear_user_info_for_session(self, session_id):
            closed.append(session_id)

    monkeypatch.setattr(streamlit_internals, "Runtime", FakeRuntime)
    monkeypatch.setattr(live, "_session_gone", lambda holder: holder.session_id == "gone")
    gone, back = live.SessionJobs(session_id="gone"), live.SessionJobs(session_id="back")
    jobs = {holder.session_id: _FakeJob() for holder in (gone, back)}
    for holder in (gone, back):
        holder.put("train", jobs[holder.session_id])
        live._close_if_gone(holder, released_at=time.time())
    assert gone.all() == {} and jobs["gone"].stopped == 1 and closed == ["gone"]
    assert back.all() == {"train": jobs["back"]} and jobs["back"].stopped == 0


def test_status_text_covers_every_status():
    from nnlab.jobs import pending_snapshot
    from nnlab.ui.live import status_text

    snap = pending_snapshot(RunConfig(epochs=9, learning_rate=3.0, activation="sigmoid"), "queued")
    snap["queue_position"], snap["estimated_wait"] = 2, 75.0
    level, text = status_text(snap)
    assert level == "info" and "2" in text and "1:15" in text  # place in line and the estimated wait
    levels = {}
    for status in ("running", "paused", "finished", "stopped", "diverged", "failed"):
        s = dict(snap, status=status, hint="lower the learning rate", diverged_at_step=17, error="boom <b>x</b>")
        levels[status] = status_text(s)
    assert levels["diverged"][0] == "error" and "17" in levels["diverged"][1]
    assert "(3)" in levels["diverged"][1] and "Sigmoid" in levels["diverged"][1]  # what to try, from the config
    assert levels["finished"][0] == "success" and levels["stopped"][0] == "warning"
    assert "boom" in levels["failed"][1] and "<b>" not in levels["failed"][1]  # user text never becomes HTML


def test_a_failed_run_says_what_to_try_in_korean_and_draws_no_empty_charts(monkeypatch):
    monkeypatch.setenv("NNLAB_MAX_RUN_COST", "1000")
    from nnlab import runtime
    from nnlab.limits import Limits

    monkeypatch.setattr(runtime.SCHEDULER, "limits", Limits.from_env())
    at = open_train({"lang": "ko", "dataset": "xor", "depth": "2", "width": "8", "epochs": "5"})
    at.button(key="train_btn").click()
    at.run()
    j = wait_until_ended(at, timeout=60)
    assert j.status() == "failed"
    errors = [e.value for e in at.error]
    assert errors and "에포크" in errors[0] and "NNLAB" not in errors[0]  # Korean, with what to change
    assert not plotly_specs(at)  # no empty charts waiting forever
    assert t("live.ended_without_data", "ko") in [c.value for c in at.caption]


def test_pause_and_resume_leave_no_stray_element():
    at = open_train()
    set_widgets(at, dict(TINY, **{"sb.epochs": 3000}))
    at.button(key="train_btn").click()
    at.run()
    deadline = time.time() + 60
    while not job(at).has_numbers and time.time() < deadline:
        time.sleep(0.1)
    for key in ("pause_btn", "pause_btn"):  # pause, then resume
        at.button(key=key).click()
        at.run()
        assert not at.exception
        texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
        assert not any(str(v).strip() == "None" for v in texts), texts
    assert not job(at).paused_requested
    at.button(key="stop_btn").click()
    at.run()
    assert job(at).wait(30)


def test_the_redraw_interval_counts_open_tabs_not_only_training_runs(monkeypatch):
    import weakref

    from nnlab.ui import live

    monkeypatch.setattr(live, "_SESSIONS", weakref.WeakSet())  # not the other tests' sessions
    assert live.poll_interval() == live.POLL_SECONDS  # alone on the server
    tabs = [live.SessionJobs(f"s{i}") for i in range(30)]  # a class opened the link
    for holder in tabs:
        live._SESSIONS.add(holder)
    assert live.active_sessions() >= 30
    assert live.poll_interval() == live.MAX_POLL_SECONDS  # before anyone pressed Train
    for holder in tabs:
        holder.heartbeat -= live.ACTIVE_SESSION_SECONDS + 1  # they left long ago
    assert live.poll_interval() == live.POLL_SECONDS


def test_settings_survive_a_visit_to_another_page_and_back():
    """Streamlit drops a page's widget state when another page runs; the sidebar must come
    back with the user's settings, not every control at its minimum (found in a browser:
    Train → Compare → Train gave XOR, depth 0, width 1, learning rate 1e-05, batch 1)."""
    at = open_train({"depth": "4", "width": "32", "epochs": "20", "dataset": "moons"})
    before = config(at)
    assert (before.depth, before.width, before.dataset) == (4, 32, "moons")
    for page in ("pages/compare.py", "pages/explorer.py", "pages/train.py"):
        at.switch_page(page).run()
        assert not at.exception, at.exception
        if page != "pages/explorer.py":
            assert widget(at, "sb.depth").value == 4 and widget(at, "sb.dataset").value == "moons", page
    assert config(at) == before
