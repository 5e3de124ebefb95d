"""Sweeps: trials per minute with the local backend vs Ray on this machine, side by side,
and Ray's startup cost (``ray.init`` until the first trial starts training).

Each backend runs the same small grid in a fresh Python process (so each pays its own
TensorFlow import and tracing, as a real ``python -m nnlab sweep`` does), one after the
other: the local backend one trial at a time (the default, ``sweep.LOCAL_WORKERS``), the
local backend on two threads (to check that default), and Ray Tune started locally with one
CPU per trial (as many trials at once as the machine has CPUs). Printed per backend: the
whole time from process start, trials per minute over the whole time and over the training
span (first trial start → last trial end: what a long sweep tends to), and for Ray the
``ray.init`` time and the time from ``ray.init`` to the first trial's start.

    python bench/sweep_throughput.py [--seeds N] [--epochs E]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRID = {"activation": ("relu", "tanh", "sigmoid"), "initializer": ("glorot_uniform", "he_normal"), "depth": (2, 4)}
MODES = ("local", "local-2-threads", "ray")


def child(mode: str, seeds: int, epochs: int, out: str) -> dict:
    """One backend's run of the grid, in this (fresh) process."""
    t_start = time.time()
    sys.path.insert(0, ROOT)
    from nnlab import sweep
    from nnlab.config import RunConfig

    plan = sweep.Sweep(RunConfig(dataset="spiral", n_samples=300, width=8, epochs=epochs), GRID, seeds)
    result = {"mode": mode, "trials": plan.size, "cpus": os.cpu_count()}
    if mode == "ray":
        t0 = time.time()
        sweep.start_ray()
        result["ray_init_s"] = time.time() - t0
        result["ray_init_at"] = t0
        sweep.run_sweep(plan, "ray", out, shutdown_ray=False)
        t_end = time.time()
        import ray

        ray.shutdown()
    else:
        sweep.run_sweep(plan, "local", out, workers=2 if mode == "local-2-threads" else 1)
        t_end = time.time()
    lines = [json.loads(line) for line in open(sweep.records_path(out), encoding="utf-8")]
    starts = [line["started_at"] for line in lines]
    ends = [line["started_at"] + line["seconds"] for line in lines]
    result.update(total_s=t_end - t_start, first_start=min(starts) - t_start, span_s=max(ends) - min(starts),
                  statuses=sorted({line["row"]["status"] for line in lines}), rows=len(lines))
    if mode == "ray":
        result["init_to_first_trial_s"] = min(starts) - result["ray_init_at"]
    table = sweep.read_table(out)
    result["test_metric"] = table.sort_values("trial")["test_metric"].round(6).tolist()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--only", choices=MODES, help="run one backend (default: all, one after the other)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        out = args.child.split("|", 1)
        print("RESULT " + json.dumps(child(out[0], args.seeds, args.epochs, out[1])))
        return
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", PYTHONPATH=ROOT)
    results = []
    with tempfile.TemporaryDirectory(prefix="sweep-bench-") as tmp:
        for mode in [args.only] if args.only else MODES:
            out = os.path.join(tmp, f"{mode}.csv")
            proc = subprocess.run([sys.executable, __file__, "--seeds", str(args.seeds), "--epochs", str(args.epochs),
                                   "--child", f"{mode}|{out}"], capture_output=True, text=True, env=env)
            line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
            if line is None:
                print(f"{mode}: failed\n{proc.stderr[-2000:]}", file=sys.stderr)
                continue
            results.append(json.loads(line[len("RESULT "):]))
    if not results:
        sys.exit(1)
    n = results[0]["trials"]
    print(f"grid: spiral n=300, width 8, {args.epochs} epochs; activation×initializer×depth "
          f"(3×2×2) × {args.seeds} seeds = {n} trials; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    print(f"{'backend':<17}{'whole s':>9}{'trials/min':>12}{'span s':>9}{'trials/min':>12}"
          f"{'1st trial at s':>16}{'ray.init s':>12}{'init→1st s':>12}")
    print(f"{'':<17}{'':>9}{'(whole)':>12}{'':>9}{'(span)':>12}")
    for r in results:
        ray_cols = (f"{r['ray_init_s']:>12.1f}{r['init_to_first_trial_s']:>12.1f}" if r["mode"] == "ray"
                    else f"{'':>12}{'':>12}")
        print(f"{r['mode']:<17}{r['total_s']:>9.1f}{60 * r['rows'] / r['total_s']:>12.1f}{r['span_s']:>9.1f}"
              f"{60 * r['rows'] / r['span_s']:>12.1f}{r['first_start']:>16.1f}{ray_cols}")
    same = len({json.dumps(r["test_metric"]) for r in results}) == 1
    print(f"same test metrics on every backend: {same}; statuses: {sorted({s for r in results for s in r['statuses']})}")


if __name__ == "__main__":
    main()
