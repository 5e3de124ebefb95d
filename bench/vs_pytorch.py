"""NN Lab's training speed against a plain PyTorch eager loop, side by side in one run (issue 15).

For each network the issue names -- the lecture MLPs 784-256-128-10 and 784-256-256-10 (ReLU,
He normal, SGD 0.1, batch 100, the MNIST sample nnlab ships: 3,000 training images) and the
classroom spiral nets 8x16 and 3x16 (RunConfig's defaults: momentum SGD 0.03, batch 32, 600
points, 360 to train) -- this trains, interleaved, ``--repeats`` times each:

* NN Lab through its real training path, ``nnlab.engine.run(config, data, instrument=True)``
  (what the app and ``python -m nnlab train`` run: statistics, histograms, frames and all);
* a plain PyTorch eager loop of the same shape, initial weights, batch, optimizer and data split:
  a torch.randperm shuffle per epoch (the last partial batch dropped, as nnlab does), and an
  evaluation on the validation split after every epoch (as nnlab does);
* NN Lab again with ``instrument=False``, and once more with the statistics on and the
  histograms over time off: the statistics overhead is the last against the one before (the
  histograms are frames with a budget of their own, issue 14; the overhead with them is
  printed too).

Both speeds are measured the same way: the training samples of epochs 2..N over the wall time
of epochs 2..N, the per-epoch evaluation included (nnlab: the epoch-end times of its run
record). Epoch 1 is warm-up (tracing, compiling) for both; its seconds are printed, and so is
nnlab's first chunk. Printed: medians, nnlab ÷ torch against the targets (≥ 1.15× for the
MLPs, ≥ 1.5× for the spiral nets), the overhead of statistics on vs off (≤ 10%), and each
loop's final validation accuracy, so one can see that both learn the same thing.

    python bench/vs_pytorch.py [--repeats 3] [--mlp-epochs 60] [--spiral-epochs 500]
                               [--cases mlp-256-128,spiral-8x16] [--threads N] [--json out.json]
    python bench/vs_pytorch.py --quick        # a seconds-long smoke run (1 repeat, few epochs)

The default epochs make one measured run last about 2-5 s at the issue's speeds on an idle
2-core machine (60 x 3,000 MNIST images, 500 x 352 spiral points, ~65k samples/s).
On a busy machine (load average above the core count) the figures are unreliable, and a
warning says so: torch's OpenMP threads then slow down far more than TensorFlow's.

PyTorch is a benchmark-only dependency: ``pip install -r requirements-bench.txt``. Without it,
the nnlab figures (and the overhead) are still printed.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from dataclasses import dataclass

from common import MNIST_MLP, load, median

from nnlab import engine, histograms
from nnlab.config import RunConfig
from nnlab.model import Architecture, initial_dense_weights

MLP_TARGET, SPIRAL_TARGET, OVERHEAD_TARGET = 1.15, 1.5, 10.0
MOMENTUM = {"sgd": 0.0, "momentum": 0.9}  # nnlab's optimizer registry: plain SGD, SGD with momentum 0.9


@dataclass(frozen=True)
class Case:
    name: str
    label: str
    config: RunConfig  # epochs are set from the command line
    kind: str  # "mlp" | "spiral"
    target: float


CASES = [
    Case("mlp-256-128", "MNIST MLP 784-256-128-10", MNIST_MLP.edit(layer_widths=(256, 128)), "mlp", MLP_TARGET),
    Case("mlp-256-256", "MNIST MLP 784-256-256-10", MNIST_MLP.edit(layer_widths=(256, 256)), "mlp", MLP_TARGET),
    Case("spiral-8x16", "spiral 8x16", RunConfig().edit(depth=8, width=16), "spiral", SPIRAL_TARGET),
    Case("spiral-3x16", "spiral 3x16", RunConfig().edit(depth=3, width=16), "spiral", SPIRAL_TARGET),
]


def measured_speed(epoch_ends: list[float], samples_per_epoch: int) -> float:
    """Samples/s of epochs 2..N: their training samples over their wall time."""
    return (len(epoch_ends) - 1) * samples_per_epoch / (epoch_ends[-1] - epoch_ends[0])


def run_nnlab(config: RunConfig, data, instrument: bool, with_histograms: bool = True) -> dict:
    """``with_histograms=False``: the histograms over time switched off (they are frames with a
    budget of their own, issue 14), so that on vs off measures the per-layer statistics alone."""
    enabled = histograms.ENABLED
    histograms.ENABLED = with_histograms
    cpu = time.process_time()
    try:
        record = engine.run(config, data, instrument=instrument)
    finally:
        histograms.ENABLED = enabled
    cpu = time.process_time() - cpu
    ends = record.history["seconds"]  # seconds since the run started, at each epoch's end
    if record.status != "finished" or len(ends) != config.epochs:
        raise RuntimeError(f"nnlab run ended {record.status!r} after {len(ends)} of {config.epochs} epochs")
    batch = min(config.batch_size, len(data.x_train))
    steps = record.timing.get("steps_per_epoch") or len(data.x_train) // batch
    # CPU seconds of the whole run per training sample: what a server shared by a class pays,
    # and steadier than wall time on a VM whose cores are taken away at times (steal time)
    return {"samples_per_second": measured_speed(ends, steps * batch), "warmup_seconds": ends[0],
            "cpu_microseconds_per_sample": 1e6 * cpu / (config.epochs * steps * batch),
            "first_chunk_seconds": record.timing.get("first_chunk_seconds"),
            "val_accuracy": record.history["val_accuracy"][-1]}


def torch_version() -> str | None:
    try:
        import torch
    except ImportError:
        return None
    return torch.__version__


def run_torch(config: RunConfig, data, seed: int) -> dict:
    """The plain eager loop a PyTorch user would write, started from nnlab's initial weights."""
    import torch

    torch.manual_seed(seed)
    arch = Architecture.of(config, data.input_dim, data.n_outputs, data.task)
    assert set(arch.activations) == {"relu"} and not (arch.batchnorm or arch.dropout or arch.l2)
    layers = []
    for kernel, bias in initial_dense_weights(arch, config.initializer, config.init_param, config.seed):
        dense = torch.nn.Linear(*kernel.shape)
        with torch.no_grad():
            dense.weight.copy_(torch.from_numpy(kernel.T))
            dense.bias.copy_(torch.from_numpy(bias))
        layers += [dense, torch.nn.ReLU()]
    net = torch.nn.Sequential(*layers[:-1])
    opt = torch.optim.SGD(net.parameters(), lr=config.learning_rate, momentum=MOMENTUM[config.optimizer])
    loss_fn = torch.nn.CrossEntropyLoss()
    x, y = torch.from_numpy(data.x_train), torch.from_numpy(data.y_train).long()
    x_val, y_val = torch.from_numpy(data.x_val), torch.from_numpy(data.y_val).long()
    n = len(x)
    batch = min(config.batch_size, n)
    steps = n // batch
    ends, started = [], time.perf_counter()
    for _ in range(config.epochs):
        net.train()
        total = torch.zeros(())
        for idx in torch.randperm(n)[: steps * batch].view(steps, batch):
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(net(x[idx]), y[idx])
            loss.backward()
            opt.step()
            total += loss.detach()
        train_loss = total.item() / steps  # noqa: F841  (what a loop would log, as nnlab records it)
        net.eval()
        with torch.no_grad():
            out = net(x_val)
            val_loss = loss_fn(out, y_val).item()  # noqa: F841
            val_accuracy = (out.argmax(1) == y_val).float().mean().item()
        ends.append(time.perf_counter() - started)
    return {"samples_per_second": measured_speed(ends, steps * batch), "warmup_seconds": ends[0],
            "val_accuracy": val_accuracy}


def summarize(runs: list[dict]) -> dict:
    out = {key: [r[key] for r in runs] for key in runs[0]}
    out["median_samples_per_second"] = median(out["samples_per_second"])
    out["median_val_accuracy"] = median(out["val_accuracy"])
    return out


def measure(case: Case, epochs: int, repeats: int, with_torch: bool) -> dict:
    config = case.config.replace(epochs=epochs)
    data = load(config)
    on, off, eager, stats_only = [], [], [], []
    for rep in range(repeats):  # interleaved: nnlab, torch, nnlab without statistics, ...
        on.append(run_nnlab(config, data, True))
        if with_torch:
            eager.append(run_torch(config, data, seed=rep))
        off.append(run_nnlab(config, data, False))
        stats_only.append(run_nnlab(config, data, True, with_histograms=False))
    result = {"label": case.label, "kind": case.kind, "epochs": epochs, "batch_size": config.batch_size,
              "optimizer": config.optimizer, "learning_rate": config.learning_rate,
              "n_train": len(data.x_train), "n_val": len(data.x_val),
              "nnlab": summarize(on), "nnlab_no_stats": summarize(off), "torch": summarize(eager) if eager else None,
              "ratio_target": case.target, "overhead_target_percent": OVERHEAD_TARGET}
    result["nnlab_stats_no_histograms"] = summarize(stats_only)
    s_on, s_off = result["nnlab"]["median_samples_per_second"], result["nnlab_no_stats"]["median_samples_per_second"]
    s_stats = result["nnlab_stats_no_histograms"]["median_samples_per_second"]
    result["overhead_percent"] = (s_off / s_stats - 1) * 100  # the statistics alone
    result["overhead_with_histograms_percent"] = (s_off / s_on - 1) * 100
    cpu = {name: median(result[name]["cpu_microseconds_per_sample"])
           for name in ("nnlab", "nnlab_stats_no_histograms", "nnlab_no_stats")}
    result["cpu_overhead_percent"] = (cpu["nnlab_stats_no_histograms"] / cpu["nnlab_no_stats"] - 1) * 100
    result["cpu_overhead_with_histograms_percent"] = (cpu["nnlab"] / cpu["nnlab_no_stats"] - 1) * 100
    result["overhead_pass"] = result["overhead_percent"] <= OVERHEAD_TARGET
    result["ratio"] = s_on / result["torch"]["median_samples_per_second"] if eager else None
    result["ratio_pass"] = result["ratio"] >= case.target if eager else None
    return result


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else "PASS" if ok else "MISS"


def report(results: dict, machine: dict) -> None:
    print(f"\nmedians of {machine['repeats']} interleaved repeats; samples/s of epochs 2..N incl. per-epoch "
          f"evaluation; load average {machine['load_before']} before, {machine['load_after']} after")
    print(f"{'case':26s} {'epochs':>6s} {'nnlab':>10s} {'torch':>10s} {'ratio':>7s} {'target':>7s}  "
          f"{'':4s} {'no stats':>10s} {'overhead':>9s}  (≤ {OVERHEAD_TARGET:g}%)  {'+ histograms':>12s}")
    for r in results.values():
        torch_speed = f"{r['torch']['median_samples_per_second']:10,.0f}" if r["torch"] else f"{'-':>10s}"
        ratio = f"{r['ratio']:6.2f}×" if r["ratio"] is not None else f"{'-':>7s}"
        print(f"{r['label']:26s} {r['epochs']:6d} {r['nnlab']['median_samples_per_second']:10,.0f} {torch_speed} "
              f"{ratio} {'≥ ' + format(r['ratio_target'], 'g'):>7s}  {verdict(r['ratio_pass']):4s} "
              f"{r['nnlab_no_stats']['median_samples_per_second']:10,.0f} {r['overhead_percent']:+8.1f}%  "
              f"{verdict(r['overhead_pass']):4s} {r['overhead_with_histograms_percent']:+11.1f}%")
    print(f"\n{'statistics overhead in CPU time':32s} {'alone':>8s} {'+ histograms':>13s}   (CPU seconds of whole runs "
          "per training sample, medians; wall-time figures above move with the VM's steal time)")
    for r in results.values():
        print(f"{r['label']:32s} {r['cpu_overhead_percent']:+7.1f}% {r['cpu_overhead_with_histograms_percent']:+12.1f}%")
    print(f"\n{'warm-up and accuracy':26s} {'nnlab 1st chunk':>15s} {'nnlab epoch 1':>13s} {'torch epoch 1':>13s} "
          f"{'val acc nnlab':>13s} {'torch':>6s}   (cold run / median of the rest)")
    for r in results.values():
        n, t = r["nnlab"], r["torch"]
        print(f"{r['label']:26s} {cold_warm(n['first_chunk_seconds']):>15s} {cold_warm(n['warmup_seconds']):>13s} "
              f"{cold_warm(t['warmup_seconds']) if t else '-':>13s} {n['median_val_accuracy']:13.3f} "
              f"{t['median_val_accuracy'] if t else float('nan'):6.3f}")


def cold_warm(seconds: list) -> str:
    if seconds[0] is None:
        return "-"
    rest = [s for s in seconds[1:] if s is not None]
    return f"{seconds[0]:.2f}/{median(rest):.2f} s" if rest else f"{seconds[0]:.2f} s"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="interleaved repeats of each loop (default 3)")
    parser.add_argument("--mlp-epochs", type=int, default=60, help="epochs of each MNIST MLP run (default 60)")
    parser.add_argument("--spiral-epochs", type=int, default=500, help="epochs of each spiral run (default 500)")
    parser.add_argument("--cases", default=",".join(c.name for c in CASES), help="comma-separated case names")
    parser.add_argument("--threads", type=int, default=os.cpu_count(), help="torch.set_num_threads (default: cores)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 1 repeat, 3 MLP and 10 spiral epochs")
    parser.add_argument("--json", help="write every figure to this file")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeats, args.mlp_epochs, args.spiral_epochs = 1, 3, 10
    if min(args.mlp_epochs, args.spiral_epochs) < 2:
        parser.error("at least 2 epochs: the first one is warm-up")
    cases = [c for c in CASES if c.name in args.cases.split(",")]
    version = torch_version()
    if version is None:
        print("PyTorch is not installed, so only nnlab's figures follow: pip install -r requirements-bench.txt")
    else:
        import torch

        torch.set_num_threads(args.threads)
    print(f"nnlab vs PyTorch {version or '-'} eager ({args.threads} threads), {os.cpu_count()} cores, "
          f"{args.repeats} interleaved repeats")
    load_before = " ".join(f"{v:.2f}" for v in os.getloadavg())
    if os.getloadavg()[0] > os.cpu_count():
        print(f"warning: load average {load_before} on {os.cpu_count()} cores: the figures are not reliable, "
              "and torch's OpenMP threads slow down far more than TensorFlow's under contention "
              "(try --threads 1 to see)")
    results = {}
    for case in cases:
        epochs = args.mlp_epochs if case.kind == "mlp" else args.spiral_epochs
        t0 = time.perf_counter()
        results[case.name] = measure(case, epochs, args.repeats, version is not None)
        print(f"  {case.label}: measured in {time.perf_counter() - t0:.0f} s", flush=True)
    machine = {"cores": os.cpu_count(), "torch_threads": args.threads, "torch": version, "repeats": args.repeats,
               "load_before": load_before, "load_after": " ".join(f"{v:.2f}" for v in os.getloadavg())}
    report(results, machine)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"machine": machine, "cases": results}, f, indent=1)


if __name__ == "__main__":
    main()
