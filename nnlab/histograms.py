"""Per-layer histograms over time: the bins, the in-graph counting, the record format.

At epoch 0 (before training), at evenly spaced epoch ends (``planned_epochs``: every epoch
for runs up to ``MAX_FRAMES`` epochs, thinned beyond, and more when frames would cost too
much, see ``Tracker.due``) and at the last epoch, the engine asks a ``Tracker`` to
count, on one FIXED evaluation batch (up to ``EVAL_ROWS`` training rows, chosen once per
run from the seed), four distributions per Dense layer:

- ``weights``: the layer's kernel;
- ``pre``: its pre-activation z = xW + b (after batch norm when the net has it; the
  output layer's logits);
- ``post``: its activation f(z) (the output layer's softmax probabilities, or its value
  in regression);
- ``grad``: the gradient of the batch's loss with respect to the kernel.

The counting runs in-graph (``graph_counts``, compiled by ``CompiledTrainer.histogram_counts``)
into ``N_BINS`` fixed bins per layer and kind and never inside the per-step training chunk.
Its cost is bounded three ways: per frame (at most ``EVAL_ROWS`` rows, and a tensor larger
than ``MAX_VALUES`` values is sampled with a fixed stride), per run (at most ``MAX_FRAMES``
frames), and in share of time (the histograms' share of ``nnlab.frame_budget``: while a frame
costs more than that share of the time of the epochs between two frames, the stride between
frames doubles; earlier frames off the new stride are dropped, so frames stay evenly spaced;
the start and the last epoch are always taken). Which epochs have frames can so vary with the machine's speed; a frame's counts do not.

**Bin edges are fixed per run** at the first frame (epoch 0), so frames are comparable
over time:

- weights, pre, post: ``N_BINS`` equal bins. A bound the activation has by nature is used
  as it is (sigmoid and softmax outputs [0, 1], tanh [-1, 1], ReLU's lower bound 0, from
  ``nnlab.activations``' output range); an open side goes to 1.5 × the largest magnitude of
  the first frame, symmetric about 0 (±R), so weights and activations can grow by half
  before reaching the edge. Values outside the range are counted in the edge bins (a
  pile-up at an edge says "grew beyond the start's range"). A layer that starts all zero
  (the "zeros" initializer) gets ±1.
- grad: gradients of different layers differ by orders of magnitude (the vanishing
  gradient is exactly a gap of decades between L1 and Ln), so a linear axis would show the
  small layers as one spike at 0. Gradients are binned by **magnitude on a log scale**:
  ``GRAD_DECADES`` decades at ``GRAD_BINS_PER_DECADE`` bins each, the top one decade above
  the largest |gradient| of the first frame over all layers (one range for every layer, so
  layers compare), plus a first bin [0, bottom) for gradients smaller than the range
  (exact zeros of dead ReLU units land there). The sign is dropped: for learning what
  matters is how large a step each weight gets.

Counts agree exactly with ``np.histogram`` of the same values clipped to the edges
(``reference_counts``): both compare float32 values against the same float32 edges.

Record format (``RunRecord.set_histograms`` / ``add_histogram_frame``; README "run record"):
``histograms = {"kinds", "scales" ({kind: "linear" | "log"}), "rows" (batch size),
"edges" ({kind: [[N_BINS + 1 edges] per layer]}), "frames": [{"epoch", kind: [[N_BINS
counts] per layer] …}]}``, at most ``MAX_FRAMES`` frames, the first and the latest always kept.
"""

from __future__ import annotations

import math
import os
import re

import numpy as np

from nnlab import frame_budget

ENABLED = os.environ.get("NNLAB_HISTOGRAMS", "1") != "0"  # the bench switches it off to compare
KINDS = ("weights", "pre", "post", "grad")
N_BINS = 37  # odd: a symmetric range has a bin centred on 0
GRAD_DECADES = 9
GRAD_BINS_PER_DECADE = 4
assert GRAD_DECADES * GRAD_BINS_PER_DECADE + 1 == N_BINS
MAX_FRAMES = 100
EVAL_ROWS = 256
MAX_VALUES = 8192  # per layer and kind; a larger tensor is sampled (see ``sample``)
RANGE_MARGIN = 1.5
ZERO_LAYER_RANGE = 1.0
_SEED_SALT = 14  # the evaluation batch's own random stream, apart from the shuffling's


# -- which epochs ----------------------------------------------------------------------------

def plan_stride(total_epochs: int, max_frames: int = MAX_FRAMES) -> int:
    """Epochs between frames so that a run takes at most ``max_frames`` (start and end included)."""
    return max(1, math.ceil(max(0, int(total_epochs)) / max(1, max_frames - 2)))


def planned_epochs(total_epochs: int, max_frames: int = MAX_FRAMES) -> set[int]:
    """Epochs whose end may get a frame: 0 (the start), every ``plan_stride``-th epoch, and the
    last epoch (the time budget may double the stride, see ``Tracker.due``)."""
    total = max(0, int(total_epochs))
    stride = plan_stride(total, max_frames)
    return {0, total} | set(range(stride, total + 1, stride))


def thin(frames: list, max_frames: int = MAX_FRAMES) -> list:
    """Every other frame, always keeping the first and the latest, until at most ``max_frames``."""
    while len(frames) > max_frames:
        frames = frames[:-1:2] + [frames[-1]]
    return frames


# -- bin edges -------------------------------------------------------------------------------

_BOUND = re.compile(r"^\s*[\[(]\s*([^,]+?)\s*,\s*([^,\])]+?)\s*[\])]\s*$")


def natural_bounds(activation: str) -> tuple[float, float]:
    """(low, high) an activation's output cannot leave (±inf where open), from its registry
    row's output range ("(0, 1)", "[0, ∞)"); softmax is [0, 1]; an unknown name (-inf, inf)."""
    if activation == "softmax":
        return 0.0, 1.0
    try:
        from nnlab import activations

        text = activations.get(activation).output_range
    except Exception:  # noqa: BLE001 — an unknown name just has no bounds
        return -math.inf, math.inf
    m = _BOUND.match(text.replace("∞", "inf"))
    if not m:
        return -math.inf, math.inf
    try:
        low, high = float(m.group(1)), float(m.group(2))
    except ValueError:
        return -math.inf, math.inf
    return low, high


def linear_edges(low: float, high: float, bounds=(-math.inf, math.inf)) -> np.ndarray:
    """``N_BINS + 1`` float32 edges for values seen between ``low`` and ``high`` at the start
    (see the module docstring: natural bounds kept, open sides at ±1.5 × the largest magnitude)."""
    big = max(abs(low), abs(high)) if math.isfinite(low) and math.isfinite(high) else 0.0
    r = RANGE_MARGIN * big if big > 0 else ZERO_LAYER_RANGE
    lo = bounds[0] if math.isfinite(bounds[0]) else -r
    hi = bounds[1] if math.isfinite(bounds[1]) else r
    if not hi > lo:
        lo, hi = -r, r
    return np.linspace(lo, hi, N_BINS + 1).astype(np.float32)


def gradient_edges(largest: float) -> np.ndarray:
    """``N_BINS + 1`` float32 edges of |gradient|: 0, then ``GRAD_DECADES`` decades on a log
    scale whose top is one decade above ``largest`` (rounded up to a power of ten)."""
    top = math.ceil(math.log10(largest)) + 1 if largest > 0 and math.isfinite(largest) else 0
    logs = np.linspace(top - GRAD_DECADES, top, GRAD_DECADES * GRAD_BINS_PER_DECADE + 1)
    return np.concatenate([[0.0], 10.0 ** logs]).astype(np.float32)


def edges_from_extents(extents: np.ndarray, activations: list[str]) -> np.ndarray:
    """[len(KINDS), layers, N_BINS + 1] edges from a first frame's ``extents``
    ([len(KINDS), layers, 2]: min and max of weights, pre, post, and of |grad|);
    ``activations``: one name per layer, the output layer's included ("softmax", "linear")."""
    extents = np.asarray(extents, dtype=np.float64)
    n_layers = extents.shape[1]
    out = np.zeros((len(KINDS), n_layers, N_BINS + 1), dtype=np.float32)
    grad_max = extents[KINDS.index("grad"), :, 1]
    grad_max = grad_max[np.isfinite(grad_max)]
    g_edges = gradient_edges(float(grad_max.max()) if grad_max.size else 0.0)
    for j in range(n_layers):
        for k, kind in enumerate(KINDS):
            if kind == "grad":
                out[k, j] = g_edges
                continue
            low, high = extents[k, j]
            bounds = natural_bounds(activations[j]) if kind == "post" else (-math.inf, math.inf)
            out[k, j] = linear_edges(float(low), float(high), bounds)
    return out


# -- counting ----------------------------------------------------------------------------------

def values_of(kind: str, tensor):
    """What a kind bins: |gradient| for ``grad``, the values themselves otherwise (NumPy or TF)."""
    return abs(tensor) if kind == "grad" else tensor


def reference_counts(values, edges) -> np.ndarray:
    """The NumPy reference of one histogram: ``np.histogram`` of ``values`` (float32, sampled
    as ``sample`` does) clipped to the edges (what lies outside is counted in the edge bins)."""
    v = sample(np.asarray(values, dtype=np.float32))
    e = np.asarray(edges, dtype=np.float32)
    counts, _ = np.histogram(np.clip(v, e[0], e[-1]), bins=e)
    return counts.astype(np.int32)


def sample(values):
    """The values a histogram counts: all of a tensor up to ``MAX_VALUES``, else every k-th of
    its flattened values (k = ceil(size / MAX_VALUES)), so a frame's cost is bounded however
    wide the net (the MNIST input kernel has 200,704 weights). Works on NumPy and TF alike."""
    size = int(np.prod(np.shape(values))) if isinstance(values, np.ndarray) else None
    if size is not None:
        flat = values.reshape(-1)
        return flat[:: max(1, -(-size // MAX_VALUES))]
    import tensorflow as tf

    flat = tf.reshape(values, [-1])
    shape = values.shape.as_list()
    if shape[0] is None and None not in shape[1:]:
        shape[0] = EVAL_ROWS  # a batch of activations: at most EVAL_ROWS rows
    if None not in shape and int(np.prod(shape)) <= MAX_VALUES:
        return flat  # small enough whatever the batch: no sampling ops in the graph
    stride = tf.maximum(1, (tf.size(flat) + MAX_VALUES - 1) // MAX_VALUES)
    return tf.strided_slice(flat, [0], [tf.size(flat)], tf.reshape(stride, [1]))


def _tf_counts(values: list, edges):
    """In-graph counts of each flat float32 tensor in ``values`` (one per layer) into its row
    of ``edges`` ([layers, N_BINS + 1]): bin i holds edges[i] <= v < edges[i+1] (the
    comparison ``np.histogram`` makes); values outside go to the edge bins, as
    ``reference_counts``. Returns (counts [layers, N_BINS], extents [layers, 2]).

    All layers in one batched search: each tensor is padded to the longest with +inf (which
    lands in the last bin and is taken out again), so a frame is a few dozen ops, not a few
    hundred (on a small net the ops' count, not their size, is the cost)."""
    import tensorflow as tf

    static = [v.shape.num_elements() for v in values]
    if None not in static:  # sizes known when tracing (the usual case): the padding is constants
        longest = max(static)
        padded = tf.stack([v if n == longest else tf.concat([v, tf.fill([longest - n], np.float32(np.inf))], 0)
                           for v, n in zip(values, static)])
        pads = np.zeros([len(values), N_BINS], np.int32)
        pads[:, -1] = [longest - n for n in static]
    else:
        sizes = tf.stack([tf.size(v, out_type=tf.int32) for v in values])
        longest = tf.reduce_max(sizes)
        padded = tf.stack([tf.pad(v, [[0, longest - tf.size(v, out_type=tf.int32)]], constant_values=np.inf)
                           for v in values])  # [layers, longest]
        pads = tf.one_hot(N_BINS - 1, N_BINS, dtype=tf.int32)[None, :] * (longest - sizes)[:, None]
    idx = tf.searchsorted(edges, padded, side="right") - 1
    counts = tf.math.bincount(tf.clip_by_value(idx, 0, N_BINS - 1), minlength=N_BINS, maxlength=N_BINS,
                              dtype=tf.int32, axis=-1)
    finite_max = tf.reduce_max(tf.where(tf.math.is_inf(padded), -np.inf, padded), axis=1)
    extents = tf.stack([tf.reduce_min(padded, axis=1), finite_max], axis=1)
    return counts - pads, extents


def graph_counts(trainer, x, y, edges):
    """The traced body of ``CompiledTrainer.histogram_counts``: forward and backward on the
    batch (``x``, ``y``) in inference mode, then per Dense layer and kind the counts into
    ``edges`` ([len(KINDS), layers, N_BINS + 1]) and the extents (min, max).

    Returns (counts int32 [len(KINDS), layers, N_BINS], extents float32 [len(KINDS), layers, 2])."""
    import tensorflow as tf

    kernels = [d.kernel for d in trainer.dense]
    with tf.GradientTape() as tape:
        y_pred, zs, outs = trainer._forward(x, False)  # zs: hidden layers' z; outs: every layer's output
        loss, _ = trainer._loss_and_metric(y, y_pred)
    grads = tape.gradient(loss, kernels)
    logits = trainer.dense[-1](outs[-2] if len(outs) > 1 else x)  # the output layer's own z
    by_kind = {"weights": [tf.convert_to_tensor(d.kernel) for d in trainer.dense], "pre": list(zs) + [logits],
               "post": list(outs), "grad": [tf.abs(g) for g in grads]}
    counts, extents = [], []
    for k, kind in enumerate(KINDS):
        values = [sample(v if v.dtype == tf.float32 else tf.cast(v, tf.float32)) for v in by_kind[kind]]
        c, e = _tf_counts(values, edges[k])
        counts.append(c)
        extents.append(e)
    return tf.stack(counts), tf.stack(extents)


# -- the engine's side -------------------------------------------------------------------------

def eval_rows(n_train: int, seed: int, rows: int = EVAL_ROWS) -> np.ndarray:
    """The fixed evaluation batch: up to ``rows`` training rows, chosen once from the seed."""
    take = min(int(rows), int(n_train))
    return np.sort(np.random.default_rng([int(seed), _SEED_SALT]).choice(int(n_train), take, replace=False))


class Tracker:
    """Takes a run's histogram frames: the fixed batch, the plan of epochs, the edges.

    ``capture(trainer, record, epoch)`` counts one frame (the first call also fixes the
    edges from what it sees) and writes it into the record, if ``due(epoch)``. Its share of
    the run's time comes from the run's ``nnlab.frame_budget.FrameBudget``."""

    KIND = "histograms"

    def __init__(self, total_epochs: int, x_train, y_train, seed: int, activations: list[str], budget):
        import tensorflow as tf

        rows = eval_rows(len(x_train), seed)
        self.x = tf.constant(np.asarray(x_train)[rows])
        self.y = tf.constant(np.asarray(y_train)[rows])
        self.n_rows = len(rows)
        self.total = int(total_epochs)
        self.stride = plan_stride(self.total)  # doubled while frames would cost more than their share
        self.widest = self.stride  # ... up to this: the run keeps frame_budget.MIN_FRAMES at least
        while self.widest * 2 <= frame_budget.floor_gap(self.total):
            self.widest *= 2
        self.budget = budget
        budget.add(self.KIND, self.stride)
        self.activations = list(activations)
        self.edges = None  # a tf constant once fixed
        self.seconds = 0.0  # time spent counting (the record's timing.histogram_seconds)

    def due(self, epoch: int) -> bool:
        """The start, the last epoch, and every ``stride``-th epoch, where the stride (a power of
        two times ``plan_stride``) doubles until a frame's cost is within the histograms' share
        of the training time of the epochs between two frames: frames stay evenly spaced (the
        record drops earlier frames off the doubled stride) and the run's cost bounded on any
        machine. The stride stops doubling at ``widest``, and a frame on it is always taken."""
        if epoch == 0 or epoch >= self.total or self.edges is None:
            return True
        self._restride()
        return epoch % self.stride == 0 and (self.stride >= self.widest or self.budget.within())

    def _restride(self) -> None:
        cost, per_epoch = self.budget.cost(self.KIND), self.budget.seconds_per_epoch()
        if cost is not None and per_epoch:
            while cost > self.budget.share() * per_epoch * self.stride and self.stride < self.widest:
                self.stride *= 2

    def next_planned(self, epoch: int) -> float:
        """The first epoch after ``epoch`` on the stride its cost allows (infinite when only the
        mandatory frames are taken)."""
        if self.budget.budget <= 0:
            return math.inf
        self._restride()
        return (epoch // self.stride + 1) * self.stride

    def capture(self, trainer, record, epoch: int) -> bool:
        """Count and record the frame of ``epoch`` if it is due; True if it did."""
        if not self.due(epoch):
            return False
        import time

        import tensorflow as tf

        traced = not trainer.histograms_traced()
        # The start's frame (before the first chunk, so before the first chart) runs op by op
        # rather than wait for the tracing: a class clicking Train on shapes the server has
        # not compiled yet queues behind each one's traces.
        eager = epoch == 0
        t0 = time.perf_counter()
        if self.edges is None:
            n_layers = len(self.activations)
            dummy = tf.zeros([len(KINDS), n_layers, N_BINS + 1], tf.float32)
            _, extents = trainer.histogram_counts(self.x, self.y, dummy, eager=eager)
            edges = edges_from_extents(extents.numpy(), self.activations)
            self.edges = tf.constant(edges)
            record.set_histograms(edges, {kind: ("log" if kind == "grad" else "linear") for kind in KINDS},
                                  self.n_rows)
        counts, _ = trainer.histogram_counts(self.x, self.y, self.edges, eager=eager)
        record.add_histogram_frame(epoch, counts.numpy(), self.stride)
        took = time.perf_counter() - t0
        self.seconds += took
        self.budget.took(self.KIND, epoch, took, traced=traced)
        return True


__all__ = ["EVAL_ROWS", "GRAD_BINS_PER_DECADE", "GRAD_DECADES", "KINDS", "MAX_FRAMES", "N_BINS", "Tracker",
           "edges_from_extents", "eval_rows", "gradient_edges", "graph_counts", "linear_edges", "natural_bounds",
           "plan_stride", "planned_epochs", "reference_counts", "thin", "values_of"]
