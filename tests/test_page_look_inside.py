"""AppTest of Compare's "Look inside one run" (``nnlab.ui.look_inside``) after a real tiny
comparison (spiral, 2 × 4 units, 3 epochs, ReLU against tanh).

- Folded at first, it builds no figure; opened, it shows the first run's neuron maps (one
  tile per unit: 8), its diagram and, opened too, its histograms, each drawn from that run's
  own record (the tiles' row labels name the run's activation and its layers' ranges).
- Choosing the other run changes what is shown and puts ``inside=<run>`` into the link; the
  epoch scrubber moves the maps to the frame recorded by the epoch it shows.
- A link that names a run opens the section on it; a run the comparison does not have gives
  a warning naming the value and shows the first run.
- Presenter mode's hide list leaves a hidden part out.
"""

from __future__ import annotations

import sys
from pathlib import Path

from chart_elements import chart_figures
from streamlit.testing.v1 import AppTest
from test_page_compare import open_compare, run_until_done, stop_everything

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nnlab import snapshot  # noqa: E402
from nnlab.charts.inside import neuron_maps_figure  # noqa: E402
from nnlab.config import RunConfig  # noqa: E402
from nnlab.i18n import display_name, t  # noqa: E402
from nnlab.ui import look_inside, replay_view  # noqa: E402

TINY = RunConfig(dataset="spiral", n_samples=200, depth=2, width=4, epochs=3, batch_size=32)
RUNS = ["relu", "tanh"]


def charts(at: AppTest) -> dict[str, dict]:
    return {f["key"]: f for f in chart_figures(at)}


def heatmaps(fig: dict) -> int:
    return sum(1 for trace in fig["data"] if trace.get("type") == "heatmap")


def row_labels(fig: dict) -> list[str]:
    """The maps' row labels: '<layer> · <activation> · range <lo> to <hi>'."""
    return [a["text"] for a in fig["layout"].get("annotations", []) if " · " in a.get("text", "")]


def expected_rows(at: AppTest, run: str, epoch: int | None = None) -> list[str]:
    """The row labels the chart function draws from run ``run``'s own record."""
    snap = at.session_state["nnlab.jobs"].get(f"compare:{run}").snapshot()
    return [a.text for a in neuron_maps_figure(snap, "en", epoch).layout.annotations if " · " in (a.text or "")]


def compared(query: dict[str, str] | None = None) -> AppTest:
    """A finished comparison of ``RUNS`` on ``TINY``, opened with ``query`` in the link."""
    if query:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.session_state["nnlab.config"] = TINY
        at.session_state["compare_pace"] = "instant"
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        at.switch_page("pages/compare.py").run()
    else:
        at = open_compare(TINY)
    at.multiselect(key="compare_values").set_value(RUNS).run()
    at.button(key="compare_btn").click().run()
    assert not at.exception, at.exception
    run_until_done(at)
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_section_shows_the_chosen_run_and_the_link_carries_it():
    at = compared()
    try:
        assert t("inside.compare.heading") in [e.label for e in at.expander]
        assert "compare_neuron_maps" not in charts(at)  # folded: nothing built
        at.session_state[look_inside.OPEN_KEY] = True
        at.session_state["compare_hist.open"] = True
        at.run()
        assert not at.exception, at.exception
        picker = at.segmented_control(key=look_inside.RUN_KEY)
        assert picker.value == "relu" and list(picker.options) == [display_name("activation", r) for r in RUNS]
        figs = charts(at)
        maps = figs["compare_neuron_maps"]
        assert heatmaps(maps) == TINY.depth * TINY.width == 8
        assert maps["layout"]["title"]["text"].startswith(t("inside.maps.title", epoch=TINY.epochs))
        assert row_labels(maps) == expected_rows(at, "relu") and "ReLU" in row_labels(maps)[0]
        assert "compare_diagram" in figs and "compare_hist" in figs
        assert figs["compare_hist"]["layout"]["title"]["text"] == t("hist.title", layer="L1",
                                                                    kind=t("hist.kind.weights"))
        assert "inside" not in at.query_params  # the default run stays out of the link
        relu_hist = figs["compare_hist"]["data"]

        picker.set_value("tanh").run()
        assert not at.exception, at.exception
        figs = charts(at)
        tanh = figs["compare_neuron_maps"]
        assert heatmaps(tanh) == 8 and row_labels(tanh) == expected_rows(at, "tanh")
        assert row_labels(tanh) != row_labels(maps) and "Tanh" in row_labels(tanh)[0]
        assert figs["compare_hist"]["data"] != relu_hist
        assert at.query_params["inside"] == "tanh"

        at.session_state[replay_view.slider_key("compare")] = 1  # scrub back to epoch 1
        at.run()
        assert not at.exception, at.exception
        snap = at.session_state["nnlab.jobs"].get("compare:tanh").snapshot()
        recorded = snapshot.frame_at(snapshot.neuron_map_frames(snap), 1)
        at_one = charts(at)["compare_neuron_maps"]
        assert at_one["layout"]["title"]["text"].startswith(t("inside.maps.title", epoch=recorded["epoch"]))
        assert row_labels(at_one) == expected_rows(at, "tanh", 1)

        at.session_state["presenter"] = {"on": True, "hide": ["inside"]}  # the teacher hides the maps
        at.run()
        assert not at.exception, at.exception
        assert "compare_neuron_maps" not in charts(at) and "compare_hist" in charts(at)
    finally:
        stop_everything(at)


def test_a_link_naming_a_run_opens_the_section_on_it():
    at = compared({"inside": "tanh"})
    try:
        assert at.session_state[look_inside.OPEN_KEY] is True
        assert at.segmented_control(key=look_inside.RUN_KEY).value == "tanh"
        assert row_labels(charts(at)["compare_neuron_maps"]) == expected_rows(at, "tanh")
        at.query_params["inside"] = "sigmoid"  # not one of the runs compared
        at.run()
        assert not at.exception, at.exception
        assert any("`sigmoid`" in w.value and "relu, tanh" in w.value for w in at.warning), [w.value for w in at.warning]
        assert at.segmented_control(key=look_inside.RUN_KEY).value == "relu"
        assert row_labels(charts(at)["compare_neuron_maps"]) == expected_rows(at, "relu")
    finally:
        stop_everything(at)
