"""CPU cost of building the live charts, before and after a change to the chart builders.

Loads the chart modules of a reference commit (``--before``, default: the last commit with
the go.Figure builders; a commit from before or after ``nnlab/charts/`` became a package)
next to the working tree's (``nnlab.charts.run``, ``.comparison``, ``.teaching``), builds both
from the same snapshots of small real runs, checks that the figures are the same
(``fig.to_dict()`` as JSON) and times, in one process, the median of several repeats of:

- the 7 Train figures (loss, metric, gradient lines / dots / heatmap, activations, boundary),
- the 7 Compare figures (3 runs),
- Streamlit's serialisation of them (``plotly.io.to_json(fig.to_dict(), validate=False)``).

    python bench/chart_cost.py              # check + time (trains the runs first, about 1.5 min)
    python bench/chart_cost.py --check      # only check that the output is unchanged
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import types

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import plotly.io as pio  # noqa: E402

from nnlab import replay, teaching  # noqa: E402
from nnlab.charts import comparison as compare_charts  # noqa: E402
from nnlab.charts import run as run_charts  # noqa: E402
from nnlab.charts import teaching as teaching_charts  # noqa: E402
from nnlab.config import RunConfig  # noqa: E402
from nnlab.jobs import pending_snapshot  # noqa: E402

BEFORE = "a5acba2"  # the go.Figure builders
# The chart modules of a commit, by role (run, compare, teaching) and file, in import order.
FLAT = {"chart_style": "nnlab/chart_style.py", "compare": "nnlab/compare.py", "run": "nnlab/charts.py",
        "compare_charts": "nnlab/compare_charts.py", "teaching": "nnlab/teaching_charts.py"}
PACKAGE = {"snapshot": "nnlab/snapshot.py", "base": "nnlab/charts/base.py", "run": "nnlab/charts/run.py",
           "compare": "nnlab/charts/compare.py", "teaching": "nnlab/charts/teaching.py"}
# How those modules import each other: the text replaced to bind them to each other instead.
IMPORTS = {"from nnlab.chart_style import": "from _before_chart_style import",
           "from nnlab import compare\n": "import _before_compare as compare\n",
           "from nnlab.charts.base import": "from _before_base import",
           "from nnlab.charts import base\n": "import _before_base as base\n",
           "from nnlab import snapshot\n": "import _before_snapshot as snapshot\n"}


# -- the reference modules --------------------------------------------------------------------------

def _show(rev: str, path: str) -> str | None:
    out = subprocess.run(["git", "-C", ROOT, "show", f"{rev}:{path}"], capture_output=True, text=True)
    return out.stdout if out.returncode == 0 else None


def load_before(rev: str) -> dict[str, types.ModuleType]:
    """The chart modules as of ``rev``, imported as ``_before_<name>`` and bound to each other;
    returns them by role: ``{"run", "compare", "teaching"}`` (and their helpers)."""
    files = PACKAGE if _show(rev, PACKAGE["base"]) is not None else FLAT
    out = {}
    for name, path in files.items():
        source = _show(rev, path)
        if source is None:
            raise SystemExit(f"{rev} has no {path}")
        for old, new in IMPORTS.items():
            source = source.replace(old, new)
        module = types.ModuleType(f"_before_{name}")
        module.__file__ = f"{rev}:{path}"
        sys.modules[module.__name__] = module
        exec(compile(source, module.__file__, "exec"), module.__dict__)  # noqa: S102 — our own git history
        out[name] = module
    if files is FLAT:
        out["compare"] = out["compare_charts"]
    return out


# -- snapshots of small real runs -------------------------------------------------------------------

def _run(configs: list[RunConfig], labels: list[str] | None = None, mid: bool = False):
    """Train ``configs`` as one group; returns (jobs, final snapshots, a snapshot caught mid-run)."""
    from nnlab.compiled import TrainerPool
    from nnlab.limits import Limits
    from nnlab.scheduler import Scheduler

    scheduler = Scheduler(TrainerPool(), limits=Limits(max_active_runs=1))
    jobs = scheduler.submit_group(configs, labels=labels)
    caught = None
    while not all(j.ended for j in jobs):
        snap = jobs[0].snapshot()
        epochs = len(snap["history"]["epoch"])
        if mid and caught is None and 0 < epochs and epochs >= configs[0].epochs // 3:
            caught = snap
        time.sleep(0.01)
    snaps = [j.snapshot() for j in jobs]
    data = jobs[0].data
    scheduler.shutdown()
    return snaps, data, caught


def make_snapshots() -> dict:
    """Train the runs the charts are checked and timed on (about a minute on two cores)."""
    spiral = RunConfig(dataset="spiral", depth=9, width=12, activation="sigmoid", epochs=30, seed=1)
    (spiral_done,), spiral_data, spiral_mid = _run([spiral], mid=True)
    (iris,), _, _ = _run([RunConfig(dataset="iris", depth=3, width=16, epochs=20)])
    (blobs,), blobs_data, _ = _run([RunConfig(dataset="blobs", depth=2, width=8, epochs=10)])
    (diabetes,), _, _ = _run([RunConfig(dataset="diabetes", depth=3, width=16, epochs=20)])
    acts = ["sigmoid", "tanh", "relu"]
    group, group_data, _ = _run([spiral.replace(depth=5, activation=a, epochs=20) for a in acts], labels=acts)
    depths, _, _ = _run([spiral.replace(depth=d, epochs=10, activation="relu") for d in (2, 6)],
                        labels=["2", "6"])
    regression, _, _ = _run([RunConfig(dataset="diabetes", depth=2, width=8, epochs=10, activation=a)
                             for a in ("relu", "elu")], labels=["relu", "elu"])
    return {"spiral": spiral_done, "spiral_mid": spiral_mid, "spiral_data": spiral_data, "iris": iris,
            "blobs": blobs, "blobs_data": blobs_data, "diabetes": diabetes, "group": group,
            "group_data": group_data, "depths": depths, "regression_group": regression}


def snapshots() -> dict:
    """Trained afresh each time (about 1.5 min): the project unpickles nothing, not even its own cache."""
    return make_snapshots()


# -- the figures --------------------------------------------------------------------------------------

# A reference from before ``live_figures`` existed draws the same set, named here by builder.
TRAIN_SET = {"loss": "loss_figure", "profile": "gradient_bar_figure", "lines": "gradient_lines_figure",
             "heat": "gradient_heatmap_figure", "act": "activation_stats_figure", "metric": "metric_figure"}
COMPARE_SET = {"loss": ("val_loss_figure", ()), "metric": ("val_metric_figure", ("target",)),
               "profile": ("gradient_profile_figure", ("epoch",)), "ratio": ("gradient_ratio_figure", ()),
               "dead": ("activity_figure", ("epoch",)), "saturated": ("activity_figure", ("epoch",))}


def train_figures(mod, frame: dict, data, lang: str) -> dict:
    """The Train page's live figures (``nnlab.charts.run.live_figures``)."""
    if hasattr(mod, "live_figures"):
        return mod.live_figures(frame, data, lang)
    out = {key: getattr(mod, name)(frame, lang) for key, name in TRAIN_SET.items()}
    return out | ({"boundary": mod.boundary_figure(frame, data, lang)} if (frame.get("dataset") or {}).get("is_2d")
                  else {})


def compare_figures(mod, frames: list[dict], data, lang: str, target=None, epoch=None) -> dict:
    """The Compare page's live figures (``nnlab.charts.comparison.live_figures``)."""
    if hasattr(mod, "live_figures"):
        return mod.live_figures(frames, data, lang, target=target, epoch=epoch)
    given = {"target": target, "epoch": epoch}
    out = {}
    for key, (name, kwargs) in COMPARE_SET.items():
        stat = (f"{key}_fraction",) if name == "activity_figure" else ()
        out[key] = getattr(mod, name)(frames, *stat, lang, **{k: given[k] for k in kwargs})
    if any((f.get("dataset") or {}).get("is_2d") for f in frames):
        out["boundaries"] = mod.boundaries_figure(frames, data, lang)
    return out


def _teaching_figures(mod) -> dict:
    chains = [teaching.depth_chain(name, 10) for name in ("sigmoid", "tanh", "relu", "leaky_relu")]
    runs = teaching.neuron_train(1.0, 0.0, "sigmoid", True, 0.5, 0.1, 0.1, 20)
    tiny = teaching.tiny_net_forward_backward(teaching.TINY_DEFAULTS, 0.05, 0.10, 0.01)
    import numpy as np

    return {
        "activation": mod.activation_figure(["sigmoid", "tanh", "relu", "leaky_relu"], -6, 6, "ko"),
        "depth": mod.depth_figure(chains, "en"),
        "depth[zeros]": mod.depth_figure([teaching.depth_chain("relu", 10, "zeros")]),
        "neuron": mod.neuron_figure(runs, 5, "ko"),
        "neuron[no bias]": mod.neuron_figure(runs, 20, "en", use_bias=False),
        "softmax": mod.softmax_figure(teaching.softmax_steps(np.arange(4.0)), [f"z{i}" for i in range(4)]),
        "network": mod.network_figure(teaching.TINY_DEFAULTS, tiny),
        "network[portrait]": mod.network_figure(teaching.TINY_DEFAULTS, tiny, "ko", portrait=True),
    }


def every_case(s: dict) -> list[tuple[str, object]]:
    """(name, build(run, compare, teaching chart modules) -> {key: figure}) for the check."""
    pending = pending_snapshot(RunConfig(), "queued")
    half = replay.frame(s["spiral"], 12)
    group_mid = [replay.frame(g, 7) for g in s["group"]]
    pending_group = [dict(pending_snapshot(RunConfig(activation=a), "queued"), label=a) for a in ("relu", "tanh")]
    cases = []
    for lang in ("en", "ko"):
        for name, frame, data in (("spiral", s["spiral"], s["spiral_data"]), ("spiral_mid", s["spiral_mid"],
                                  s["spiral_data"]), ("spiral_replay", half, s["spiral_data"]),
                                  ("iris", s["iris"], None), ("blobs", s["blobs"], s["blobs_data"]),
                                  ("diabetes", s["diabetes"], None), ("pending", pending, None)):
            cases.append((f"train/{name}/{lang}", lambda c, cc, tc, f=frame, d=data, lg=lang: {
                **train_figures(c, f, d, lg), "boundary[no data]": c.boundary_figure(f, None, lg),
                "boundary[always]": c.boundary_figure(f, d, lg), "cm": c.confusion_figure(f, lg),
                "pred": c.prediction_figure(f, lg)}))
        for name, frames, data, kw in (("group", s["group"], s["group_data"], {"target": 0.8}),
                                       ("group_epoch", s["group"], s["group_data"], {"epoch": 3}),
                                       ("group_mid", group_mid, s["group_data"], {}),
                                       ("group_no_data", s["group"], None, {}),
                                       ("depths", s["depths"], s["spiral_data"], {}),
                                       ("regression", s["regression_group"], None, {"target": 50.0}),
                                       ("pending", pending_group, None, {})):
            cases.append((f"compare/{name}/{lang}", lambda c, cc, tc, f=frames, d=data, kw=kw, lg=lang: {
                **compare_figures(cc, f, d, lg, **kw), "boundaries[always]": cc.boundaries_figure(f, d, lg)}))
    cases.append(("teaching", lambda c, cc, tc: _teaching_figures(tc)))
    return cases


def as_json(fig) -> str:
    """What Streamlit sends to the browser, with sorted keys."""
    return json.dumps(json.loads(pio.to_json(fig.to_dict(), validate=False)), sort_keys=True)


def _diff(a, b, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        out = [f"{path}.{k}: only before = {json.dumps(a[k])[:120]}" for k in a.keys() - b.keys()]
        out += [f"{path}.{k}: only after = {json.dumps(b[k])[:120]}" for k in b.keys() - a.keys()]
        for k in sorted(a.keys() & b.keys()):
            out += _diff(a[k], b[k], f"{path}.{k}")
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _diff(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: before {json.dumps(a)[:120]} != after {json.dumps(b)[:120]}"]


def check(before: dict, snaps: dict) -> int:
    """Number of figures whose JSON differs between the reference and the working tree."""
    now = (run_charts, compare_charts, teaching_charts)
    old = (before["run"], before["compare"], before["teaching"])
    bad = total = 0
    for name, build in every_case(snaps):
        old_figs, new_figs = build(*old), build(*now)
        for key in old_figs:
            total += 1
            a, b = as_json(old_figs[key]), as_json(new_figs[key])
            if a != b:
                bad += 1
                diffs = _diff(json.loads(a), json.loads(b))
                print(f"DIFFERS {name}/{key}: {len(diffs)} places")
                for d in diffs[:8]:
                    print("   ", d)
    print(f"{total - bad}/{total} figures identical")
    return bad


# -- timing -------------------------------------------------------------------------------------------

def _medians_ms(fns: list, repeat: int) -> list[float]:
    """Median milliseconds of each of ``fns``, run in turn ``repeat`` times (interleaved, so
    that a busy moment on a shared machine hits before and after alike)."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, out in zip(fns, times):
            t0 = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t0)
    return [1000 * statistics.median(t) for t in times]


def _to_dict(fig) -> dict:
    return fig.to_dict()


def _to_json(fig) -> str:
    """Streamlit's ``st.plotly_chart``: ``return_figure_from_figure_or_data`` calls ``to_dict()``
    on a Figure (a dict would be validated again), then ``plotly.io.to_json(..., validate=False)``."""
    return pio.to_json(fig.to_dict(), validate=False)


def timing(before: dict, snaps: dict, repeat: int) -> None:
    frame, data = replay.frame(snaps["spiral"], 20), snaps["spiral_data"]
    frames, group_data = snaps["group"], snaps["group_data"]
    views = {
        "Train (7 figures)": lambda mod: train_figures(mod["run"], frame, data, "en"),
        "Compare (7 figures, 3 runs)": lambda mod: compare_figures(mod["compare"], frames, group_data, "en",
                                                                    target=0.8),
    }
    after = {"run": run_charts, "compare": compare_charts}
    print(f"median of {repeat} repeats, ms (Train: spiral, depth 9, epoch 20 of 30; Compare: 3 runs of depth 5)")
    print(f"{'':40s}{'before':>9s}{'after':>9s}{'ratio':>8s}")
    for label, build in views.items():
        build(before), build(after)  # warm caches (validators, colour scales) on both sides
        old, new = _medians_ms([lambda b=build: b(before), lambda b=build: b(after)], repeat)
        print(f"{'build ' + label:40s}{old:9.1f}{new:9.1f}{old / new:7.1f}×")
        old_figs, new_figs = build(before), build(after)
        for what, fn in (("fig.to_dict()", _to_dict), ("to_json(fig.to_dict())", _to_json)):
            old, new = _medians_ms([lambda f=fn, figs=old_figs: [f(fig) for fig in figs.values()],
                                    lambda f=fn, figs=new_figs: [f(fig) for fig in figs.values()]], repeat)
            print(f"{'  ' + what:40s}{old:9.1f}{new:9.1f}{old / new:7.1f}×")
        old, new = _medians_ms([lambda b=build: [_to_json(f) for f in b(before).values()],
                                lambda b=build: [_to_json(f) for f in b(after).values()]], repeat)
        print(f"{'  build + to_json (a redraw)':40s}{old:9.1f}{new:9.1f}{old / new:7.1f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default=BEFORE, help="git revision of the reference builders")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--check", action="store_true", help="only check the output")
    args = parser.parse_args()
    before = load_before(args.before)
    snaps = snapshots()
    bad = check(before, snaps)
    if not args.check:
        timing(before, snaps, args.repeat)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
