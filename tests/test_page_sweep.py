"""AppTest of the Sweep page: a sweep file from the command line shows the heatmap of its
means, the parallel coordinates, the best configurations and the table; a bad file gives a
coded message in the user's language; a tiny 2 × 2 × 1-seed grid trains to the end through
the app's scheduler, shows the heatmap of its own numbers and has the command line's numbers; the size limit, the lesson
button, Stop and the page's link."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from chart_elements import chart_figures  # noqa: E402

from nnlab import i18n, sweep  # noqa: E402
from nnlab.ui import sweep_grid  # noqa: E402
from nnlab.ui.sweep_view import table_csv  # noqa: E402

# The lesson's grid (nnlab.ui.sweep_grid.LESSON) as nnlab.sweep.run_sweep wrote it; again with
# python -m nnlab sweep --dataset spiral --depth 5 --width 16 --epochs 20 --seeds 2
#   --grid activation=sigmoid,tanh,relu --grid initializer=glorot_uniform,he_normal,random_normal --out FILE
SWEEP_CSV = ROOT / "tests" / "data" / "sweep_glorot.csv"
TINY = {"dataset": "spiral", "n_samples": "200", "epochs": "3", "width": "4", "depth": "2",
        "fields": "activation,initializer", "grid.activation": "sigmoid,relu",
        "grid.initializer": "glorot_uniform,he_normal", "seeds": "1"}


def open_sweep(query: dict | None = None, language: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in {**(query or {}), **({"lang": language} if language != "en" else {})}.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pages/sweep.py").run()
    assert not at.exception, at.exception
    return at


def charts(at: AppTest) -> dict[str, dict]:
    return {fig["key"]: fig for fig in chart_figures(at)}


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="sweep_upload").set_value((name, data, "text/csv"))
    at.run()
    assert not at.exception, at.exception
    return at


def test_a_sweep_file_shows_the_heatmap_of_its_means_and_every_view():
    at = upload(open_sweep(), "sweep.csv", SWEEP_CSV.read_bytes())
    table = pd.read_csv(SWEEP_CSV)
    figs = charts(at)
    assert set(figs) == {"sweep_file_heatmap", "sweep_file_parallel", "sweep_file_best"}
    heat = figs["sweep_file_heatmap"]["data"][0]
    assert heat["y"] == ["Sigmoid", "Tanh", "ReLU"]
    assert heat["x"] == [i18n.display_name("initializer", n) for n in ("glorot_uniform", "he_normal", "random_normal")]
    for i, act in enumerate(("sigmoid", "tanh", "relu")):  # each cell: the mean over the two seeds, in %
        for j, init in enumerate(("glorot_uniform", "he_normal", "random_normal")):
            rows = table[(table.activation == act) & (table.initializer == init)]
            assert len(rows) == 2
            assert heat["z"][i][j] == pytest.approx(100 * rows.test_metric.mean())
    assert heat["z"][0] == pytest.approx([50.0, 50.0, 50.0])  # sigmoid at 5 layers stays at chance
    assert "Test accuracy (%)" in figs["sweep_file_heatmap"]["layout"]["title"]["text"]
    assert len(figs["sweep_file_parallel"]["data"][0]["dimensions"]) == 3
    best, whole = (d.value for d in at.dataframe)
    assert best.iloc[0]["Test accuracy (%): mean"] == pytest.approx(100 * table.groupby(
        ["activation", "initializer"]).test_metric.mean().max())
    assert len(whole) == len(table) == 18
    assert at.get("download_button")


def test_the_heatmap_follows_the_chosen_metric_and_axes():
    at = upload(open_sweep(), "sweep.csv", SWEEP_CSV.read_bytes())
    at.selectbox(key="sweep_metric").set_value("grad_ratio").run()
    at.selectbox(key="sweep_hx").set_value("activation").run()
    heat = charts(at)["sweep_file_heatmap"]
    assert heat["data"][0]["x"] == ["Sigmoid", "Tanh", "ReLU"] and len(heat["data"][0]["y"]) == 3
    assert "Gradient ratio" in heat["layout"]["title"]["text"]
    assert at.query_params["metric"] == "grad_ratio" and at.query_params["hx"] == "activation"
    at.selectbox(key="sweep_hy").set_value("-").run()  # one row: the mean over every initializer and seed
    assert len(charts(at)["sweep_file_heatmap"]["data"][0]["z"]) == 1


@pytest.mark.parametrize("data, code", [(b"a,b\n1,2\n", "columns"), (b"\xff\xfe\x00garbage", "unreadable"),
                                        (SWEEP_CSV.read_bytes().replace(b"finished", b"happy", 1), "values")])
def test_a_bad_file_gives_a_coded_message_in_korean_and_no_charts(data, code):
    at = upload(open_sweep(language="ko"), "bad.csv", data)
    (error,) = [e.value for e in at.error]
    assert f"`sweep.file.{code}`" in error and "보여 줄 수 없습니다" in error
    assert not charts(at)


def test_a_tiny_grid_runs_to_the_end_and_shows_its_heatmap():
    at = open_sweep(TINY)
    assert any("4 trials" in m.value for m in at.markdown)
    at.button(key="sweep_start").click().run()
    run = at.session_state["sweep.run"]
    (bar,) = at.get("progress")  # while it trains: trials done of all, and the time left
    assert "of 4 trials" in bar.proto.text and "left" in bar.proto.text
    assert at.button(key="sweep_start").disabled and not at.button(key="sweep_stop").disabled
    deadline = time.monotonic() + 240
    while not run.ended and time.monotonic() < deadline:
        time.sleep(0.5)
        at.run()  # run_every never fires in AppTest
    assert run.ended, "the sweep did not end in time"
    at.run()
    assert not at.exception, at.exception
    table = run.table()
    assert list(table.status) == ["finished"] * 4
    assert list(zip(table.activation, table.initializer)) == [("sigmoid", "glorot_uniform"), ("sigmoid", "he_normal"),
                                                              ("relu", "glorot_uniform"), ("relu", "he_normal")]
    assert table.epochs_trained.tolist() == [3] * 4 and table.backend.tolist() == ["local"] * 4
    heat = charts(at)["sweep_run_heatmap"]["data"][0]
    assert heat["y"] == ["Sigmoid", "ReLU"]
    assert heat["z"][0] + heat["z"][1] == pytest.approx([100 * v for v in table.test_metric])  # one seed: its value
    assert any("All 4 trials done" in s.value for s in at.success)
    # the same numbers as the command line's local backend (nnlab.sweep.run_sweep) for the same grid
    cli = sweep.run_sweep(run.sweep, "local")
    assert cli.trial.tolist() == table.trial.tolist()
    for column in ("test_metric", "test_loss", "val_loss", "train_loss"):
        assert table[column].tolist() == pytest.approx(cli[column].tolist(), rel=1e-5), column
    again = sweep.read_table(table_csv(table))  # the download reads back as the command line's file
    assert again.test_metric.tolist() == pytest.approx(table.test_metric.tolist())
    assert again.trial.tolist() == table.trial.tolist()


def test_stop_ends_the_sweep_and_keeps_the_trials_so_far():
    at = open_sweep({**TINY, "epochs": "200", "n_samples": "2000"})
    at.button(key="sweep_start").click().run()
    run = at.session_state["sweep.run"]
    at.button(key="sweep_stop").click().run()
    deadline = time.monotonic() + 60
    while not run.ended and time.monotonic() < deadline:
        time.sleep(0.3)
        at.run()
    assert run.ended and run.stop_requested
    at.run()
    assert run.table().status.tolist() == ["stopped"]  # the trial that was training; no other started
    assert any("Stopped after 1 of 4" in w.value for w in at.warning)


def test_a_sweep_over_the_limit_is_refused_with_a_message():
    at = open_sweep({"epochs": "200", "fields": "activation,initializer"}, language="ko")  # 18 × 200 epochs
    assert at.button(key="sweep_start").disabled
    (warning,) = [w.value for w in at.warning]
    assert "너무 큽니다" in warning and "3,600" in warning


def test_sweep_limits_come_from_the_environment():
    from nnlab.limits import Limits, SweepTooLarge

    limits = Limits.from_env({"NNLAB_MAX_SWEEP_TRIALS": "10", "NNLAB_MAX_SWEEP_EPOCHS": "100"})
    limits.check_sweep(10, 10)
    with pytest.raises(SweepTooLarge) as too_many:
        limits.check_sweep(11, 1)
    assert too_many.value.params == {"trials": 11, "epochs": 11, "max_trials": 10, "max_epochs": 100}
    with pytest.raises(SweepTooLarge):
        limits.check_sweep(5, 21)  # 105 epochs in all
    Limits.from_env({"NNLAB_LIMITS": "off"}).check_sweep(5000, 5000)
    Limits.from_env({"NNLAB_MAX_SWEEP_TRIALS": "0", "NNLAB_MAX_SWEEP_EPOCHS": "0"}).check_sweep(5000, 5000)
    assert (Limits().max_sweep_trials, Limits().max_sweep_epochs) == (60, 1200)


def test_the_lesson_button_loads_the_glorot_bengio_grid():
    at = open_sweep({"fields": "depth", "grid.depth": "1,2"})
    at.button(key="sweep_lesson").click().run()
    assert at.multiselect(key=sweep_grid.FIELDS_KEY).value == ["activation", "initializer"]
    assert at.multiselect(key="sweep_values.activation").value == ["sigmoid", "tanh", "relu"]
    assert at.multiselect(key="sweep_values.initializer").value == ["glorot_uniform", "he_normal", "random_normal"]
    assert at.number_input(key=sweep_grid.SEEDS_KEY).value == 2
    assert at.session_state["nnlab.config"].depth == 5 and at.session_state["nnlab.config"].epochs == 20
    assert any("18 trials" in m.value for m in at.markdown)


def test_the_link_restores_the_grid_and_a_bad_value_is_named():
    at = open_sweep({"fields": "depth,optimizer", "grid.depth": "2,6,10", "grid.optimizer": "sgd,adam",
                     "seeds": "3"})
    assert at.multiselect(key=sweep_grid.FIELDS_KEY).value == ["depth", "optimizer"]
    assert at.multiselect(key="sweep_values.depth").value == [2, 6, 10]
    assert at.number_input(key=sweep_grid.SEEDS_KEY).value == 3
    assert not at.warning
    bad = open_sweep({"fields": "depth", "grid.depth": "2,banana"})
    assert any("`grid.depth`" in w.value for w in bad.warning)


def test_a_trial_stopped_from_outside_ends_the_sweep():
    """A closed tab's clean-up stops the session's jobs (``nnlab.ui.live``): the sweep sees its
    trial stopped, keeps its row and starts no other trial."""
    from nnlab import runtime
    from nnlab.config import RunConfig
    from nnlab.sweep_run import SweepRun

    jobs = []
    base = RunConfig(dataset="xor", n_samples=100, depth=1, width=4, epochs=500)
    run = SweepRun(sweep.Sweep(base, {"activation": ["relu", "tanh"]}), runtime.SCHEDULER, runtime.LATER,
                   on_job=jobs.append).start()
    jobs[0].stop()
    deadline = time.monotonic() + 60
    while not run.ended and time.monotonic() < deadline:
        time.sleep(0.2)
    assert run.ended and run.stop_requested and len(jobs) == 1
    table = run.table()
    assert table.status.tolist() == ["stopped"] and table.activation.tolist() == ["relu"]
    assert run.progress().done == 1 and run.progress().total == 2
