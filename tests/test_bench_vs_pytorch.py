"""bench/vs_pytorch.py --quick runs end to end and its JSON holds every figure.

Only the figures' presence and sanity are checked here; the speed targets are printed by the
bench, never asserted. The PyTorch part is skipped where torch is not installed (CI).
"""

import importlib.util
import json
import math
import os
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASES = ("mlp-256-128", "mlp-256-256", "spiral-8x16", "spiral-3x16")
HAS_TORCH = importlib.util.find_spec("torch") is not None


@pytest.fixture(scope="module")
def quick(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "vs_pytorch.json"
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "bench", "vs_pytorch.py"), "--quick", "--json", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc.stdout, json.loads(out.read_text())


def _loop_figures(loop: dict, first_chunk: bool) -> None:
    assert len(loop["samples_per_second"]) == 1  # --quick: one repeat
    assert loop["median_samples_per_second"] > 0 and math.isfinite(loop["median_samples_per_second"])
    assert all(0 < s for s in loop["warmup_seconds"])
    assert 0.0 <= loop["median_val_accuracy"] <= 1.0
    if first_chunk:
        assert all(0 < s <= w for s, w in zip(loop["first_chunk_seconds"], loop["warmup_seconds"]))


def test_nnlab_figures_for_every_case(quick):
    stdout, result = quick
    assert set(result["cases"]) == set(CASES)
    assert result["machine"]["cores"] == os.cpu_count() and result["machine"]["repeats"] == 1
    for name, case in result["cases"].items():
        assert case["epochs"] == (3 if name.startswith("mlp") else 10)
        assert case["batch_size"] == (100 if name.startswith("mlp") else 32)
        assert case["optimizer"] == ("sgd" if name.startswith("mlp") else "momentum")
        _loop_figures(case["nnlab"], first_chunk=True)
        _loop_figures(case["nnlab_no_stats"], first_chunk=True)
        _loop_figures(case["nnlab_stats_no_histograms"], first_chunk=True)
        off = case["nnlab_no_stats"]["median_samples_per_second"]
        speeds = off / case["nnlab_stats_no_histograms"]["median_samples_per_second"]  # the statistics alone
        assert case["overhead_percent"] == pytest.approx((speeds - 1) * 100)
        with_histograms = off / case["nnlab"]["median_samples_per_second"]
        assert case["overhead_with_histograms_percent"] == pytest.approx((with_histograms - 1) * 100)
        cpu = {k: case[k]["cpu_microseconds_per_sample"][0] for k in ("nnlab_stats_no_histograms", "nnlab_no_stats")}
        assert all(0 < v < 1e4 for v in cpu.values())  # microseconds of CPU per training sample
        assert case["cpu_overhead_percent"] == pytest.approx(
            (cpu["nnlab_stats_no_histograms"] / cpu["nnlab_no_stats"] - 1) * 100)
        assert case["overhead_pass"] == (case["overhead_percent"] <= 10.0)
        assert case["label"] in stdout
    # the MNIST MLP learns even in 3 epochs (chance is 0.1)
    assert result["cases"]["mlp-256-128"]["nnlab"]["median_val_accuracy"] > 0.6


@pytest.mark.skipif(HAS_TORCH, reason="torch is installed: the no-torch message is not printed")
def test_without_torch_says_how_to_install(quick):
    stdout, result = quick
    assert "pip install -r requirements-bench.txt" in stdout
    assert result["machine"]["torch"] is None
    assert all(case["torch"] is None and case["ratio"] is None for case in result["cases"].values())


@pytest.mark.skipif(not HAS_TORCH, reason="torch is not installed (pip install -r requirements-bench.txt)")
def test_torch_figures_and_ratios(quick):
    stdout, result = quick
    assert result["machine"]["torch"].startswith("2.13.0")
    for name, case in result["cases"].items():
        _loop_figures(case["torch"], first_chunk=False)
        expected = case["nnlab"]["median_samples_per_second"] / case["torch"]["median_samples_per_second"]
        assert case["ratio"] == pytest.approx(expected)
        assert case["ratio_target"] == (1.15 if name.startswith("mlp") else 1.5)
        assert case["ratio_pass"] == (case["ratio"] >= case["ratio_target"])
    assert result["cases"]["mlp-256-128"]["torch"]["median_val_accuracy"] > 0.6
    assert "PASS" in stdout or "MISS" in stdout
