"""What one live redraw of the Train page costs, st.plotly_chart next to NN Lab's chart
component (``nnlab.ui.plots.show``), in one run, without a browser.

Trains the default run (spiral 3×16, 100 epochs), replays it as the page does at the
normal pace (a frame every 10 epochs), builds the Train page's seven live figures of each
frame and draws every frame both ways inside one Streamlit script run (AppTest), timing
each call on the server and measuring what it sends: the size of the element protobuf that
goes into the frame's websocket message (``ByteSize``; the message's own envelope is the same
few bytes both ways). Also prints the one-time cost of loading plotly.js in the browser.

    python bench/redraw_cost.py            # about a minute (most of it training)
    python bench/redraw_cost.py --frames 5 --repeat 5
"""

from __future__ import annotations

import argparse
import gzip
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from nnlab import charts, replay  # noqa: E402
from nnlab.config import RunConfig  # noqa: E402

DEFAULT_RUN = RunConfig(dataset="spiral", depth=3, width=16, epochs=100)


def train(config: RunConfig):
    """The finished snapshot of ``config`` and its data (trained here, at full speed)."""
    from nnlab.compiled import TrainerPool
    from nnlab.limits import Limits
    from nnlab.scheduler import Scheduler

    scheduler = Scheduler(TrainerPool(), limits=Limits(max_active_runs=1))
    (job,) = scheduler.submit_group([config])
    while not job.ended:
        time.sleep(0.05)
    snap, data = job.snapshot(), job.data
    scheduler.shutdown()
    return snap, data


def train_figures(frame: dict, data, lang: str = "ko") -> dict:
    """The Train page's live figures of one frame (as ``pages/train.py`` builds them)."""
    figs = {"loss": charts.loss_figure(frame, lang), "grad_bar": charts.gradient_bar_figure(frame, lang),
            "metric": charts.metric_figure(frame, lang), "grad_lines": charts.gradient_lines_figure(frame, lang),
            "grad_heat": charts.gradient_heatmap_figure(frame, lang), "act": charts.activation_stats_figure(frame, lang)}
    if (frame.get("dataset") or {}).get("is_2d"):
        figs["boundary"] = charts.boundary_figure(frame, data, lang)
    return figs


def _draw_both(frames, repeat):
    """The AppTest script: draws every frame's figures with each method ``repeat`` times, in
    turns; a redraw's time is the median of its repeats."""
    import time

    import streamlit as st

    from nnlab.ui import plots

    def plotly_chart(fig, key):
        st.plotly_chart(fig, key=key, theme=None, config=plots.CONFIG, width="stretch")

    methods = {"st.plotly_chart": plotly_chart, "component": lambda fig, key: plots.show(fig, key=key)}
    warm_up = next(iter(frames[0].values()))
    plots.show(warm_up, key="warm-up")  # registers the component's assets once
    plotly_chart(warm_up, "warm-up-plotly")
    times = {name: [[] for _ in frames] for name in methods}
    for r in range(repeat):
        for i, figs in enumerate(frames):
            for name, draw in methods.items():
                start = time.perf_counter()
                for chart, fig in figs.items():
                    draw(fig, f"{name}-{r}-{i}-{chart}")
                times[name][i].append(time.perf_counter() - start)
    st.session_state["times"] = {name: [sorted(t)[len(t) // 2] for t in per_frame] for name, per_frame in times.items()}


def measure(frames: list[dict], repeat: int) -> dict:
    from streamlit.testing.v1 import AppTest

    from nnlab.ui.plots import COMPONENT

    at = AppTest.from_function(_draw_both, args=(frames, repeat), default_timeout=600).run()
    if at.exception:
        raise RuntimeError(at.exception)
    times = at.session_state["times"]
    sizes = {"st.plotly_chart": [0] * len(frames), "component": [0] * len(frames)}
    charts_seen = {"st.plotly_chart": set(), "component": set()}
    elements = [("st.plotly_chart", el) for el in at.get("plotly_chart")]
    elements += [("component", el) for el in at.get("bidi_component") if el.proto.component_name == COMPONENT]
    for name, el in elements:
        key = el.proto.id.split("-", 2)[2]  # "$$ID-<hash>-<key>", the key "<method>-<repeat>-<frame>-<chart>"
        if "warm-up" in key:
            continue
        _, r, frame, chart = key.rsplit("-", 3)
        if r != "0":
            continue
        sizes[name][int(frame)] += el.proto.ByteSize()
        charts_seen[name].add(chart)
    return {"times": times, "sizes": sizes, "charts": charts_seen}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frames", type=int, default=replay.FRAMES["normal"],
                        help="redraws to replay the run in (default: the normal pace's %(default)s)")
    parser.add_argument("--repeat", type=int, default=3, help="times each redraw is timed (median; default %(default)s)")
    args = parser.parse_args()

    t0 = time.perf_counter()
    snap, data = train(DEFAULT_RUN)
    print(f"trained the default run ({DEFAULT_RUN.epochs} epochs) in {time.perf_counter() - t0:.1f} s")
    epochs = len(snap["history"]["epoch"])
    shown = [round(epochs * (i + 1) / args.frames) for i in range(args.frames)]
    frames = [train_figures(replay.frame(snap, e), data) for e in shown]
    result = measure(frames, args.repeat)
    assert result["charts"]["component"] == result["charts"]["st.plotly_chart"] == set(frames[0]), result["charts"]

    from nnlab.ui.plots import PLOTLY_JS

    n = len(frames)
    print(f"\nTrain page, {n} redraws (epochs {shown[0]}…{shown[-1]}), {len(frames[0])} charts each; "
          "per redraw: median (min–max)\n")
    print(f"{'':18}{'bytes sent':>26}{'server time':>26}")
    for name in ("st.plotly_chart", "component"):
        kb = [s / 1024 for s in result["sizes"][name]]
        ms = [s * 1000 for s in result["times"][name]]
        print(f"{name:18}{statistics.median(kb):>12.1f} kB ({min(kb):.1f}–{max(kb):.1f})"
              f"{statistics.median(ms):>12.1f} ms ({min(ms):.1f}–{max(ms):.1f})")
    raw = PLOTLY_JS.read_bytes()
    print(f"\nplotly.js, once per page load: the component fetches {PLOTLY_JS.name} from the plotly package, "
          f"{len(raw) / 1e6:.1f} MB ({len(gzip.compress(raw, 6)) / 1e6:.1f} MB as Streamlit gzips it), "
          "and Streamlit's own Plotly bundle is then never loaded;\n"
          "st.plotly_chart loads Streamlit's bundle (PlotlyChart.*.js, about 4.7 MB, cached by the browser).")
    print("In the browser: st.plotly_chart mounts a new chart for every changed figure (the old one stays, "
          "faded, until it is drawn); the component calls Plotly.react on the chart it has.")


if __name__ == "__main__":
    main()
