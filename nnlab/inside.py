"""Inside the network: what the neuron maps and the network diagram record and read.

Owns, in plain NumPy (TensorFlow only through the trainer it is handed):

- ``Probe``: which moments of a run get a frame (about ``FRAMES_PER_RUN`` evenly spaced
  epochs, at least every ``EVERY_SECONDS`` while a run trains, and the last epoch, within
  the inside views' share of the run's ``nnlab.frame_budget``), and what one frame holds,
  captured from a ``CompiledTrainer`` at an epoch end (never in the per-step loop):
  - ``maps`` (2-D data sets): every hidden layer's output over a coarse
    ``MAP_RESOLUTION`` × ``MAP_RESOLUTION`` grid spanning the decision boundary's plane,
    the first ``MAX_UNITS_STORED`` units of each layer, float16 ``[units, ny, nx]``;
  - ``unit_mean``: each unit's mean output on up to ``PROBE_SAMPLES`` validation samples;
  - small networks (``unit_diagram_fits``): ``kernels`` (float16) and ``unit_grad`` (per
    unit, the norm of the loss gradient of its incoming weights on those samples).
- ``unit_flags``: which tiles show a dead unit (zero everywhere), a saturated one (flat at
  a limit of a saturating activation) or a flat one (the same value everywhere).
- The diagram's geometry: ``diagram_positions`` and ``edge_groups`` (edges bucketed by the
  weight's sign and |w|, so a figure draws one trace per bucket, not one per edge).
- ``encode`` / ``decode``: float16 arrays in the JSON record (base64, little-endian).

The record keeps the frames (``RunRecord.add_inside_frame``: bounded in count and bytes,
thinned like the boundary frames); ``nnlab.snapshot`` reads them; ``nnlab.charts.inside``
draws them.
"""

from __future__ import annotations

import base64
import math
import time

import numpy as np

MAP_RESOLUTION = 25
MAX_UNITS_STORED = 32  # per layer, in the neuron maps
MAX_FRAMES = 64
MAX_BYTES = 4_000_000  # of one run's frames (thinned beyond)
FRAMES_PER_RUN = 20  # a replay shows 10 (normal pace) to 20 (slow) epochs of a run
EVERY_SECONDS = 0.5  # live views redraw once a second: a fresh frame at least that often
PROBE_SAMPLES = 256
UNIT_DIAGRAM_MAX_LAYERS = 8  # hidden layers
UNIT_DIAGRAM_MAX_UNITS = 16  # per layer, inputs and outputs too
FLAT_TOLERANCE = 1e-3  # a tile whose values span less than this (relative) is flat
SATURATED_MARGIN = 0.02  # within 2% of the activation's range from one of its limits
FLAGS = ("dead", "saturated", "flat")  # what unit_flags can say about a unit
FILLS = ("activation", "gradient")  # what can fill the diagram's nodes


# -- what fits where ---------------------------------------------------------------------------

def unit_diagram_fits(widths, input_dim: int, n_outputs: int) -> bool:
    """One node per unit is readable up to ``UNIT_DIAGRAM_MAX_LAYERS`` hidden layers of at most
    ``UNIT_DIAGRAM_MAX_UNITS`` units (and as many inputs and outputs); larger networks get the
    layer-level diagram."""
    widths = list(widths)
    return (len(widths) <= UNIT_DIAGRAM_MAX_LAYERS and max([input_dim, n_outputs, *widths]) <= UNIT_DIAGRAM_MAX_UNITS)


def map_grid(boundary_grid, resolution: int = MAP_RESOLUTION):
    """(xs, ys, points) of a coarse grid over the decision boundary's plane (``grid_for``'s
    range), points in ``np.meshgrid(xs, ys)`` order, float32."""
    bx, by = boundary_grid[0], boundary_grid[1]
    xs = np.linspace(float(bx[0]), float(bx[-1]), resolution).astype(np.float32)
    ys = np.linspace(float(by[0]), float(by[-1]), resolution).astype(np.float32)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, np.column_stack([gx.ravel(), gy.ravel()]).astype(np.float32)


# -- recording -------------------------------------------------------------------------------------

class Probe:
    """Captures a run's inside-the-network frames; see the module docstring.

    ``Probe.for_run(...)`` is None when there is nothing to record (neither a 2-D data set
    nor a network small enough for the unit diagram)."""

    def __init__(self, arch, total_epochs: int, grid=None, x_probe=None, y_probe=None):
        self.arch = arch
        self.total_epochs = max(1, int(total_epochs))
        self.maps = grid is not None and len(arch.widths) > 0
        self.units = unit_diagram_fits(arch.widths, arch.input_dim, arch.n_outputs)
        self.grid = map_grid(grid) if self.maps else None
        n = 0 if x_probe is None else min(PROBE_SAMPLES, len(x_probe))
        self.x_probe = None if n == 0 else np.asarray(x_probe[:n], np.float32)
        self.y_probe = None if n == 0 else np.asarray(
            y_probe[:n], np.int32 if arch.task == "classification" else np.float32)
        # No more frames than the record keeps (MAX_BYTES): a frame captured only to be
        # thinned away later would cost training time for nothing.
        per_frame = 2 * sum(min(w, MAX_UNITS_STORED) for w in arch.widths) * MAP_RESOLUTION ** 2 if self.maps else 0
        frames = max(4, min(FRAMES_PER_RUN, MAX_BYTES // max(1, per_frame) - 1))
        self.stride = max(1, self.total_epochs // frames)
        self.budget = None  # the run's FrameBudget, see ``planned``

    @classmethod
    def for_run(cls, arch, total_epochs: int, grid, x_probe, y_probe) -> "Probe | None":
        probe = cls(arch, total_epochs, grid, x_probe, y_probe)
        return probe if (probe.maps or probe.units) and len(arch.widths) > 0 and probe.x_probe is not None else None

    def meta(self) -> dict:
        """The frames' fixed facts (the record's ``inside`` entry without its frames)."""
        widths = list(self.arch.widths)
        return {"map_x": None if self.grid is None else np.round(self.grid[0], 4).tolist(),
                "map_y": None if self.grid is None else np.round(self.grid[1], 4).tolist(),
                "widths": widths, "activations": list(self.arch.activations),
                "units_stored": [min(w, MAX_UNITS_STORED) for w in widths] if self.maps else [],
                "diagram": "units" if self.units else "layers"}

    KIND = "inside"

    def planned(self, budget) -> "Probe":
        """Take frames on ``budget``'s plan (``nnlab.frame_budget``): this probe's stride and a
        refresh every ``EVERY_SECONDS`` while within the budget."""
        self.budget = budget
        budget.add(self.KIND, self.stride, refresh=EVERY_SECONDS)
        return self

    def capture_if_due(self, trainer, epoch: int) -> dict | None:
        """The frame of ``epoch`` if the plan has one there (and its cost told to the budget)."""
        if not self.budget.due(self.KIND, epoch):
            return None
        traced = not trainer.inside_probe.traced
        t0 = time.perf_counter()
        frame = self.capture(trainer, epoch)
        self.budget.took(self.KIND, epoch, time.perf_counter() - t0, traced=traced)
        return frame

    def capture(self, trainer, epoch: int) -> dict:
        """One frame from ``trainer`` (holding the run's weights) at the end of ``epoch``: one
        compiled call (``CompiledTrainer.inside_probe``)."""
        import tensorflow as tf

        x_map = self.grid[2] if self.grid is not None else np.zeros((0, self.arch.input_dim), np.float32)
        maps, means, grads, kernels = trainer.inside_probe(tf.constant(x_map), tf.constant(self.x_probe),
                                                           tf.constant(self.y_probe))
        frame: dict = {"epoch": int(epoch), "unit_mean": [half(m.numpy()) for m in means]}
        if self.grid is not None:
            ny, nx = len(self.grid[1]), len(self.grid[0])
            frame["maps"] = [half(o.numpy()[:, :MAX_UNITS_STORED].T.reshape(-1, ny, nx)) for o in maps]
        if self.units:
            frame["kernels"] = [half(k.numpy()) for k in kernels]
            frame["unit_grad"] = [g.numpy().astype(np.float32) for g in grads]
        return frame


FLOAT16_MAX = 65504.0


def half(values) -> np.ndarray:
    """``values`` as float16, clipped to its largest finite value (a diverging run's outputs
    overflow it); NaN stays NaN."""
    return np.clip(np.asarray(values, np.float32), -FLOAT16_MAX, FLOAT16_MAX).astype(np.float16)


def frame_bytes(frame: dict) -> int:
    """The bytes a frame's arrays hold."""
    return sum(a.nbytes for key in ("maps", "kernels", "unit_mean", "unit_grad") for a in frame.get(key) or ())


# -- reading ---------------------------------------------------------------------------------------

def encode(array) -> dict:
    """A float array as JSON: ``{"dtype": "float16"|"float32", "shape": [...], "b64": ...}``
    (little-endian bytes, base64); NaN and Inf survive, unlike JSON numbers."""
    a = np.asarray(array)
    dtype = "float16" if a.dtype == np.float16 else "float32"
    a = np.ascontiguousarray(a.astype("<f2" if dtype == "float16" else "<f4"))
    return {"dtype": dtype, "shape": list(a.shape), "b64": base64.b64encode(a.tobytes()).decode("ascii")}


def decode(value) -> np.ndarray | None:
    """An array from a frame: NumPy as the record keeps it, ``encode``'s dict as the JSON
    file has it, or plain nested lists; None stays None. Always float32."""
    if value is None:
        return None
    if isinstance(value, dict) and "b64" in value:
        dtype = "<f2" if value.get("dtype") == "float16" else "<f4"
        flat = np.frombuffer(base64.b64decode(value["b64"]), dtype=dtype)
        return flat.reshape(value.get("shape") or (-1,)).astype(np.float32)
    return np.asarray(value, dtype=np.float32)


def encode_frame(frame: dict) -> dict:
    """A frame with its arrays encoded for JSON."""
    out = {"epoch": frame["epoch"]}
    for key in ("maps", "kernels", "unit_mean", "unit_grad"):
        if frame.get(key) is not None:
            out[key] = [encode(a) for a in frame[key]]
    return out


def activation_limits(name: str) -> tuple[float, float] | None:
    """The limits a saturating activation flattens at (sigmoid: 0 and 1; tanh: -1 and 1), or
    None for an activation that does not saturate on both sides (ReLU, ELU, …)."""
    from nnlab import activations

    try:
        act = activations.get(name)
    except Exception:  # noqa: BLE001 — an unknown name in a loaded file: no limits
        return None
    if not act.saturating:
        return None
    with np.errstate(all="ignore"):
        lo, hi = (float(v) for v in act.f(np.array([-60.0, 60.0])))
    if not (math.isfinite(lo) and math.isfinite(hi)) or abs(hi) > 10 or abs(lo) > 10:
        return None
    return lo, hi


def unit_flags(tiles, activation: str) -> list[str | None]:
    """Per unit (``tiles``: [units, …] outputs over the grid): ``"dead"`` (exactly 0
    everywhere), ``"saturated"`` (a saturating activation flat at one of its limits),
    ``"flat"`` (the same value everywhere, elsewhere) or None."""
    tiles = np.asarray(tiles, dtype=np.float32)
    limits = activation_limits(activation)
    out: list[str | None] = []
    for tile in tiles.reshape(len(tiles), -1):
        lo, hi = float(np.nanmin(tile)), float(np.nanmax(tile))
        if hi == 0.0 and lo == 0.0:
            out.append("dead")
        elif limits is not None and (max(abs(lo - limits[0]), abs(hi - limits[0])) <= SATURATED_MARGIN * (limits[1] - limits[0])
                                     or max(abs(lo - limits[1]), abs(hi - limits[1])) <= SATURATED_MARGIN * (limits[1] - limits[0])):
            out.append("saturated")
        elif hi - lo <= FLAT_TOLERANCE * max(1.0, abs(hi), abs(lo)):
            out.append("flat")
        else:
            out.append(None)
    return out


def layer_range(tiles) -> tuple[float, float]:
    """(min, max) of a layer's tiles (finite values); (0, 1) when there are none; a
    constant layer gets a small range around its value, so colours stay defined."""
    a = np.asarray(tiles, dtype=np.float32)
    a = a[np.isfinite(a)]
    if not a.size:
        return 0.0, 1.0
    lo, hi = float(a.min()), float(a.max())
    if hi - lo < 1e-6:
        lo, hi = lo - 0.5, hi + 0.5
    return lo, hi


# -- the diagram's geometry --------------------------------------------------------------------------

def diagram_positions(sizes: list[int]) -> list[np.ndarray]:
    """Node centres per column (inputs, hidden layers, outputs): column ``i`` at x = i, its
    ``n`` nodes spread evenly over y in [0, 1] (one node sits at 0.5), top to bottom in unit
    order. Returns [n_i, 2] arrays."""
    out = []
    for i, n in enumerate(sizes):
        ys = np.array([0.5]) if n == 1 else np.linspace(1.0, 0.0, n)
        out.append(np.column_stack([np.full(n, float(i)), ys]))
    return out


WIDTHS = (0.6, 1.6, 3.2, 5.0)  # px of the |w| buckets, thinnest first


def edge_groups(kernels, positions: list[np.ndarray], n_widths: int = len(WIDTHS)) -> list[dict]:
    """The edges of a unit diagram bucketed by sign (``+1``/``-1``) and |w| (``level``
    0 … n_widths-1 by |w| / max |w| of the whole network, in equal steps): one dict per
    non-empty bucket, ``{"sign", "level", "width", "x", "y", "count", "range": (min, max |w|)}``
    with ``x``/``y`` the segments separated by None, ready for one Plotly line trace."""
    kernels = [np.asarray(k, dtype=np.float32) for k in kernels]
    top = max((float(np.nanmax(np.abs(k))) for k in kernels if k.size), default=0.0)
    buckets: dict[tuple[int, int], dict] = {}
    for layer, k in enumerate(kernels):
        src, dst = positions[layer], positions[layer + 1]
        for i in range(k.shape[0]):
            for j in range(k.shape[1]):
                w = float(k[i, j])
                if not math.isfinite(w):
                    continue
                sign = 1 if w >= 0 else -1
                level = 0 if top <= 0 else min(n_widths - 1, int(abs(w) / top * n_widths))
                b = buckets.setdefault((sign, level), {"sign": sign, "level": level, "width": WIDTHS[level],
                                                       "x": [], "y": [], "count": 0, "range": [abs(w), abs(w)]})
                b["x"] += [src[i, 0], dst[j, 0], None]
                b["y"] += [src[i, 1], dst[j, 1], None]
                b["count"] += 1
                b["range"] = [min(b["range"][0], abs(w)), max(b["range"][1], abs(w))]
    return [buckets[key] for key in sorted(buckets, key=lambda kv: (kv[1], -kv[0]))]


__all__ = ["EVERY_SECONDS", "FILLS", "FLAGS", "FRAMES_PER_RUN", "MAP_RESOLUTION", "MAX_BYTES", "MAX_FRAMES", "MAX_UNITS_STORED",
           "Probe", "activation_limits", "decode", "diagram_positions", "edge_groups", "encode", "encode_frame",
           "frame_bytes", "half", "layer_range", "map_grid", "unit_diagram_fits", "unit_flags"]
