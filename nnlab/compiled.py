"""Compiled trainers: a Keras model, its optimizer and the tf.functions that train it.

A ``CompiledTrainer`` owns one Keras model of a given ``Architecture`` and three compiled
functions: ``chunk`` runs K training steps in-graph (a ``tf.range`` loop around a
``GradientTape`` step) and returns per-step loss, metric and per-layer statistics;
``evaluate`` and ``predict`` run the model with ``training=False``.

Building a Keras model and tracing its functions costs memory TensorFlow never gives
back, so trainers are pooled: ``acquire`` hands out a free trainer of the same
architecture and optimizer when there is one, reset to the run's initial weights,
instead of building a new one. That is what keeps a long classroom session's memory flat.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict

import numpy as np

from nnlab import activations, optimizers
from nnlab.model import BUILD_LOCK, Architecture, build_from_architecture, set_initial_weights

# Per-layer statistics, in this order along the last axis of the chunk's ``stats`` output.
STAT_NAMES = ("grad_norm", "bias_grad_norm", "grad_mean_abs", "weight_norm",
              "act_mean", "act_std", "saturated_fraction", "dead_fraction")
SATURATION_THRESHOLD = 0.05  # |f'(z)| below 5% of its maximum counts as saturated
_DROPOUT_SEED_STRIDE = 64  # per-step seed space for the dropout masks of up to 64 layers
USE_XLA = os.environ.get("NNLAB_XLA", "1") != "0"
# XLA compiles for seconds but then runs a step about twice as fast: worth it for networks
# with many weights (the MNIST MLP has 235k), not for the small classroom nets that would
# spend longer compiling than training. The choice depends on the architecture only (until
# the budget below is spent), so a given RunConfig trains the same way (reproducibility).
XLA_MIN_WEIGHTS = 50_000
# TensorFlow never frees what XLA compiled, even after the function is gone (its compilation
# cache has no eviction, tensorflow#64170): measured, about 8 MB per network shape. A server
# that a class keeps trying new shapes on would fill up, so after this many XLA compiles a
# process compiles new shapes without XLA (slower on big nets; the same numbers up to float
# rounding). Explicit ``xla=True`` (benchmarks) is not counted.
XLA_COMPILE_BUDGET = int(os.environ.get("NNLAB_XLA_COMPILES", "32"))
_xla_compiles = 0
_xla_lock = threading.Lock()
TWIN_AFTER_MISSES = 3  # see TrainerPool.borrow


def _is_compile_error(exc: Exception) -> bool:
    text = f"{type(exc).__name__} {exc}"
    return any(word in text for word in ("XLA", "xla", "jit", "Unimplemented", "not supported"))


def _trace_locked(function):
    """``function`` (a tf.function) whose first call, the one that traces the Keras layers,
    holds ``BUILD_LOCK``. Keras 3 is not safe to trace from two threads at once the first
    time: the server's start-up run and a warm-up tracing side by side failed with "Only
    input tensors may be passed as positional arguments" (cf. tensorflow#35813). Later calls
    run in parallel; tracing holds the GIL anyway. ``.traced`` tells whether the first call
    happened (a frame's first call costs tracing, not what its next calls will)."""

    def call(*args):
        if call.traced:
            return function(*args)
        with BUILD_LOCK:
            out = function(*args)
        call.traced = True
        return out

    call.traced = False
    return call


def _take_xla_compile() -> bool:
    """True (and counted) while the process is within ``XLA_COMPILE_BUDGET``."""
    global _xla_compiles
    with _xla_lock:
        if _xla_compiles >= XLA_COMPILE_BUDGET:
            return False
        _xla_compiles += 1
        return True


def _skip_all_reduce(optimizer) -> None:
    """Make ``optimizer`` apply gradients without summing them over replicas (there is one).

    Keras's TensorFlow optimizer sums the gradients with the replica context's
    ``all_reduce``, which in a traced function registers a new ``CustomGradient-N`` in
    TensorFlow's process-wide gradient registry whose closure holds tensors of the traced
    graph. Every network shape ever compiled then stayed in memory after its trainer was
    dropped: measured, about 5 MB per shape (11 MB with XLA) that no collection returned,
    so a long class that tries many widths would fill the server. With one replica the
    sum is the gradient itself."""
    if hasattr(optimizer, "_all_reduce_sum_gradients"):
        optimizer._all_reduce_sum_gradients = lambda grads_and_vars: list(grads_and_vars)


def stats_over_epochs(arch: Architecture) -> bool:
    """Whether a net takes its per-layer statistics in one pass over each epoch's batches at
    the epoch's end (``CompiledTrainer._epoch_stats``) rather than on sampled steps: small
    nets without BatchNorm. On a small net each op costs microseconds whatever its size, so
    a pass over the epoch costs about what one sampled step does; on a large one it would
    cost an epoch's arithmetic. BatchNorm would update its moving averages in that pass."""
    return not arch.batchnorm and arch.n_kernel_weights < XLA_MIN_WEIGHTS


def plain_runs(special: np.ndarray) -> np.ndarray:
    """For each position in an epoch, how many plain steps (no statistics, no evaluation) run
    from it before the next special one: a True position of ``special`` or the epoch's last."""
    special = np.asarray(special, bool).copy()
    special[-1] = True
    runs = np.zeros(len(special), np.int32)
    for p in range(len(special) - 2, -1, -1):
        runs[p] = 0 if special[p] else runs[p + 1] + 1
    return runs


class CompiledTrainer:
    def __init__(self, arch: Architecture, optimizer_name: str, instrument: bool = True, xla: bool | None = None):
        import keras
        import tensorflow as tf

        self.arch = arch
        self.optimizer_name = optimizer_name
        self.instrument = instrument
        self.model = build_from_architecture(arch)
        n_hidden = len(arch.widths)
        self.dense = [self.model.get_layer(n) for n in arch.dense_names]
        self.bn = [self.model.get_layer(f"bn_{i}") if arch.batchnorm else None for i in range(1, n_hidden + 1)]
        self.act = [self.model.get_layer(f"act_{i}") for i in range(1, n_hidden + 1)]
        self.saturation = [activations.saturation_intervals(a, SATURATION_THRESHOLD) for a in arch.activations]
        self._unit_layout()
        self.optimizer = optimizers.get(optimizer_name).make(0.01)
        _skip_all_reduce(self.optimizer)
        self.optimizer.build(self.model.trainable_variables)
        self._optimizer_start = [v.numpy() for v in self.optimizer.variables]
        if arch.task == "classification":
            self.loss_fn = keras.losses.SparseCategoricalCrossentropy()
        else:
            self.loss_fn = keras.losses.MeanSquaredError()
        x_spec = tf.TensorSpec([None, arch.input_dim], tf.float32)
        y_spec = tf.TensorSpec([None], tf.int32 if arch.task == "classification" else tf.float32)
        chunk_signature = [x_spec, y_spec, tf.TensorSpec([None, None], tf.int32), tf.TensorSpec([], tf.int32),
                           tf.TensorSpec([], tf.int32), tf.TensorSpec([], tf.int64), tf.TensorSpec([], tf.int64),
                           tf.TensorSpec([None], tf.bool), tf.TensorSpec([None], tf.int32), x_spec, y_spec,
                           tf.TensorSpec([], tf.int32)]
        # XLA fuses the many small ops of a step and of its statistics. It compiles once per
        # input shape, which a pooled trainer keeps across runs.
        self.uses_xla = xla if xla is not None else (
            USE_XLA and arch.n_kernel_weights >= XLA_MIN_WEIGHTS and _take_xla_compile())
        # One compiled chunk function per kind of call (see _chunk), traced on first use. No input
        # signature for XLA: it traces once per concrete shape (the run's data and batch shape),
        # so the per-step output arrays have a static size, as XLA requires.
        self._chunk_signature = chunk_signature
        self._chunk_functions = {}
        # Small nets take their statistics over each whole epoch at its end; the others on
        # sampled steps (see stats_over_epochs).
        self.epoch_stats = instrument and not self.uses_xla and stats_over_epochs(arch)
        self.holder: RunState | None = None  # whose weights the variables hold now
        # Swapping runs in and out is one compiled call each way, not one eager call per
        # variable: with thirty runs taking turns, per-variable assigns were the hot spot.
        state_specs = [tf.TensorSpec(v.shape, v.dtype) for v in self._state_variables()]
        self._load = _trace_locked(tf.function(self._assign_state, input_signature=[state_specs], autograph=False))
        self._save = _trace_locked(tf.function(self._read_state, input_signature=[], autograph=False))
        self.warm = False  # its chunk function has been traced (set after the first call)
        self.evaluate = _trace_locked(tf.function(self._evaluate, input_signature=[x_spec, y_spec], autograph=False))
        self.predict = _trace_locked(tf.function(self._predict, input_signature=[x_spec], autograph=False))
        # For the "inside the network" views (nnlab.inside): called at frame moments only,
        # never in the per-step loop; traced on first use.
        self.layer_outputs = _trace_locked(tf.function(self._layer_outputs, input_signature=[x_spec],
                                                       autograph=False))
        self.inside_probe = _trace_locked(tf.function(self._inside_probe, input_signature=[x_spec, x_spec, y_spec],
                                                      autograph=False))
        self._histograms = None  # traced on first use: see histogram_counts

    # -- run lifecycle -------------------------------------------------------------
    def reset(self, initializer: str, init_param: float, seed: int, learning_rate: float) -> None:
        set_initial_weights(self.model, self.arch, initializer, init_param, seed)
        for var, start in zip(self.optimizer.variables, self._optimizer_start):
            var.assign(start)
        self.optimizer.learning_rate = learning_rate

    def hold(self, state: "RunState") -> None:
        """Load ``state``'s run into this trainer (its initial weights on its first turn),
        first saving the run it held before, unless that one ended."""
        if self.holder is state:
            return
        self.release_holder()
        if state.values is None:
            self.reset(state.initializer, state.init_param, state.seed, state.learning_rate)
        else:
            self._load(state.values)
            state.values = None
        self.holder = state

    def release_holder(self) -> None:
        """Copy the held run's values out (it may take its next turn on another trainer)."""
        held, self.holder = self.holder, None
        if held is not None and not held.done:
            held.values = [t.numpy() for t in self._save()]

    def _assign_state(self, values):
        for var, value in zip(self._state_variables(), values):
            var.assign(value)
        return 0

    def _read_state(self):
        import tensorflow as tf

        return [tf.identity(v.value) for v in self._state_variables()]

    def _state_variables(self) -> list:
        # Every model weight (BatchNorm statistics too) and every optimizer slot, iteration
        # count and learning rate included: a run resumes exactly where it stopped.
        return list(self.model.weights) + list(self.optimizer.variables)

    # -- compiled pieces -----------------------------------------------------------
    def _forward(self, x, training, step=None, seed=None, dense_io: list | None = None):
        """Run the layers one by one; returns (output, [pre-activation z per hidden layer],
        [output of every Dense block, input side first]). ``dense_io``, if given, receives each
        Dense layer's (input, output)."""
        import tensorflow as tf

        zs, outs = [], []
        rate = self.arch.dropout
        for i, dense in enumerate(self.dense[:-1]):
            z = dense(x)
            if dense_io is not None:
                dense_io.append((x, z))
            if self.bn[i] is not None:
                z = self.bn[i](z, training=training)
            a = self.act[i](z)
            zs.append(z)
            outs.append(a)
            if training and rate > 0:
                # Stateless dropout: the mask depends only on (seed, step, layer), so runs are
                # reproducible in any thread and a reused trainer carries no random state.
                mask_seed = tf.stack([seed, step * _DROPOUT_SEED_STRIDE + i])
                keep = tf.random.stateless_uniform(tf.shape(a), seed=mask_seed) >= rate
                a = tf.where(keep, a / (1.0 - rate), tf.zeros_like(a))
            x = a
        logits = self.dense[-1](x)
        if dense_io is not None:
            dense_io.append((x, logits))
        y = tf.nn.softmax(logits) if self.arch.task == "classification" else logits
        outs.append(y)
        return y, zs, outs

    def _loss_and_metric(self, y_true, y_pred):
        import tensorflow as tf

        loss = self.loss_fn(y_true, y_pred)
        if self.arch.l2 > 0:
            loss += tf.add_n([self.arch.l2 * tf.reduce_sum(tf.square(d.kernel)) for d in self.dense])
        if self.arch.task == "classification":
            hit = tf.cast(tf.equal(tf.argmax(y_pred, axis=-1, output_type=tf.int32), y_true), tf.float32)
            metric = tf.reduce_mean(hit)
        else:
            metric = tf.reduce_mean(tf.abs(y_pred[:, 0] - y_true))
        return loss, metric

    def _layer_stats(self, grads, zs, outs):
        """[n_dense, len(STAT_NAMES)] for one step; see STAT_NAMES."""
        import tensorflow as tf

        sums = self._weight_sums(grads[0::2], grads[1::2], [d.kernel for d in self.dense])  # [layers, 4]
        return tf.concat([self._weight_columns(sums), self._activation_columns(zs, outs)], axis=-1)

    def _weight_columns(self, sums):
        """The first four STAT_NAMES from ``_weight_sums`` ([..., layers, 4] → [..., layers, 4])."""
        import tensorflow as tf

        return tf.stack([tf.sqrt(sums[..., 0]), tf.sqrt(sums[..., 1]), sums[..., 2] / self._kernel_sizes,
                         tf.sqrt(sums[..., 3])], axis=-1)

    def _activation_columns(self, zs, outs):
        """The last four STAT_NAMES, [layers, 4]: mean, spread, saturated and dead share of each
        layer's outputs over the batch.

        Activations are counted for all layers at once, their outputs side by side
        ([batch, all units]) and summed per layer by one product with ``_unit_layer``:
        without XLA each TensorFlow op costs microseconds whatever its size, and per-layer
        activation statistics were most of the ops of a small network's step."""
        import tensorflow as tf

        a = tf.concat(outs, 1) if len(outs) > 1 else outs[0]  # [batch, all units]
        batch = tf.cast(tf.shape(a)[0], tf.float32)
        per_layer = lambda columns: tf.linalg.matvec(self._unit_layer, columns, transpose_a=True)  # noqa: E731
        count = batch * self._layer_units
        mean = per_layer(tf.reduce_sum(a, 0)) / count
        centred = a - tf.gather(mean, self._unit_layer_index)
        std = tf.sqrt(per_layer(tf.reduce_sum(tf.square(centred), 0)) / count)
        dead = per_layer(tf.reduce_sum(tf.cast(tf.equal(a, 0.0), tf.float32), 0)) / count
        out = outs[-1]
        if self.arch.task == "classification":  # softmax's diagonal slope p(1-p), at most 0.25
            out_saturated = out * (1.0 - out) < SATURATION_THRESHOLD * 0.25
        else:
            out_saturated = tf.zeros_like(out, tf.bool)  # a linear output never saturates
        if zs:
            z = tf.concat(zs, 1) if len(zs) > 1 else zs[0]
            hidden_saturated = tf.zeros_like(z, tf.bool)
            for low, high in self._saturation_bounds:  # per unit, one (low, high) interval per slot
                hidden_saturated = tf.logical_or(hidden_saturated, tf.logical_and(z > low, z < high))
            saturated_units = tf.concat([hidden_saturated, out_saturated], 1)
        else:
            saturated_units = out_saturated
        saturated = per_layer(tf.reduce_sum(tf.cast(saturated_units, tf.float32), 0)) / count
        return tf.stack([mean, std, saturated, dead], axis=1)

    def _forward_backward(self, x, y, step, seed, with_variables: bool = True, with_dense: bool = False):
        """One training pass without the update: (loss, metric, gradients of the trainable
        variables (none without ``with_variables``), pre-activations, block outputs, and with
        ``with_dense`` each Dense layer's input and the loss's gradient with respect to each
        Dense layer's output (else empty))."""
        import tensorflow as tf

        dense_io = [] if with_dense else None
        with tf.GradientTape() as tape:
            y_pred, zs, outs = self._forward(x, True, step, seed, dense_io)
            loss, metric = self._loss_and_metric(y, y_pred)
        dense_io = dense_io or []
        variables = self.model.trainable_variables if with_variables else []
        grads = tape.gradient(loss, variables + [z for _, z in dense_io])
        return (loss, metric, grads[:len(variables)], zs, outs, [h for h, _ in dense_io],
                grads[len(variables):])

    def _epoch_stats(self, n_batches, zs, outs, inputs, deltas):
        """The statistics over ``n_batches`` batches of an epoch in one pass at the current
        weights ([n_dense, len(STAT_NAMES)]), from ``_forward_backward`` over their samples
        side by side: each batch gets its own gradient, as its step does, and the gradient
        columns are their means over the batches; the activation columns are over all of the
        batches' samples. ``_chunk`` takes it between two epochs over the next epoch's
        batches; an epoch's means are those of the passes before and after it (``engine``).

        For small nets (see ``stats_over_epochs``): there each TensorFlow op costs microseconds
        whatever its size, so this pass costs about what one sampled step's statistics do,
        where the four sampled steps an epoch that keep per-epoch means of noisy gradients
        faithful cost +15-35% of a spiral net's training time. The per-batch kernel gradients
        are one batched product of each layer's inputs and output gradients ([steps, in, out]);
        the dropout masks are drawn for the pass (the same rate, not the steps' own masks)."""
        import tensorflow as tf

        # The pass's loss is the mean over every sample: each batch's own mean loss is n_batches
        # times its share, so its gradients are n_batches times the pass's (scaled once, below).
        # Every layer's per-batch gradients side by side ([batches, all weights]) and summed per
        # layer by one product with a one-hot matrix: on a small net the ops' count is the cost.
        kernels, biases = [], []
        for h, delta in zip(inputs, deltas):
            out_grads = tf.reshape(delta, [n_batches, -1, delta.shape[-1]])
            g = tf.matmul(tf.reshape(h, [n_batches, -1, h.shape[-1]]), out_grads, transpose_a=True)
            kernels.append(tf.reshape(g, [n_batches, -1]))
            biases.append(tf.reduce_sum(out_grads, 1))
        scale = tf.cast(n_batches, tf.float32)
        g = tf.concat(kernels, 1) * scale  # [batches, all kernel weights]
        w = tf.concat([tf.reshape(d.kernel, [1, -1]) for d in self.dense], 1)  # [1, all kernel weights]
        if self.arch.l2 > 0:
            g += 2.0 * self.arch.l2 * w
        b = tf.concat(biases, 1) * scale
        per_kernel = self._kernel_layer
        w2 = tf.matmul(tf.square(w), per_kernel)  # [1, layers]
        sums = tf.stack([tf.matmul(tf.square(g), per_kernel), tf.matmul(tf.square(b), self._unit_layer),
                         tf.matmul(tf.abs(g), per_kernel), tf.broadcast_to(w2, [n_batches, len(self.dense)])],
                        axis=-1)  # [batches, layers, 4]
        gradient_columns = tf.reduce_mean(self._weight_columns(sums), 0)  # [layers, 4]
        return tf.concat([gradient_columns, self._activation_columns(zs, outs)], axis=-1)

    def _weight_sums(self, g_kernels, g_biases, kernels):
        """Per layer [sum g², sum b², sum |g|, sum w²] of the kernel gradient, bias gradient and
        kernel. Without XLA, all layers at once (each tensor flattened into one vector, summed
        per layer by a segment sum): a third of the ops of one reduction per layer and tensor,
        and on a small net the ops' count is the cost. With XLA one reduction per tensor,
        which it fuses (a segment sum over the MNIST input layer's 200,704 weights would be a
        scatter)."""
        import tensorflow as tf

        if self.uses_xla:
            return tf.stack([tf.stack([tf.reduce_sum(tf.square(g)), tf.reduce_sum(tf.square(b)),
                                       tf.reduce_sum(tf.abs(g)), tf.reduce_sum(tf.square(w))])
                             for g, b, w in zip(g_kernels, g_biases, kernels)])

        flat_shape = tf.constant([-1])  # one constant for every reshape (each op counts)

        def per_layer(tensors, values):
            sizes = [int(np.prod(t.shape)) for t in tensors]
            segments = np.repeat(np.arange(len(tensors), dtype=np.int32), sizes)  # a constant of the graph
            flat = tf.concat([t if t.shape.rank == 1 else tf.reshape(t, flat_shape) for t in tensors], 0)
            return [tf.math.segment_sum(v(flat), segments) for v in values]

        g2, g1 = per_layer(g_kernels, (tf.square, tf.abs))
        (b2,) = per_layer(g_biases, (tf.square,))
        (w2,) = per_layer(kernels, (tf.square,))
        return tf.stack([g2, b2, g1, w2], axis=1)

    def _unit_layout(self) -> None:
        """Constants of ``_layer_stats``: which layer each unit (column of all the layers'
        outputs side by side) belongs to, and each hidden unit's saturation intervals."""
        widths = list(self.arch.widths) + [self.arch.n_outputs]
        index = np.repeat(np.arange(len(widths)), widths)
        self._unit_layer_index = index.astype(np.int32)
        self._unit_layer = np.eye(len(widths), dtype=np.float32)[index]  # [units, layers] one-hot
        self._layer_units = np.asarray(widths, dtype=np.float32)
        fan_in = [self.arch.input_dim] + widths[:-1]
        self._kernel_sizes = np.asarray([i * o for i, o in zip(fan_in, widths)], dtype=np.float32)
        # which layer each kernel weight (in order, flattened) belongs to: [weights, layers]
        self._kernel_layer = np.eye(len(widths), dtype=np.float32)[np.repeat(np.arange(len(widths)),
                                                                             self._kernel_sizes.astype(int))]
        slots = max((len(s) for s in self.saturation), default=0)
        bounds = []
        for slot in range(slots):  # an empty slot: (+inf, -inf) holds no z
            low = [s[slot][0] if slot < len(s) else np.inf for s, w in zip(self.saturation, widths) for _ in range(w)]
            high = [s[slot][1] if slot < len(s) else -np.inf for s, w in zip(self.saturation, widths) for _ in range(w)]
            bounds.append((np.asarray(low, np.float32), np.asarray(high, np.float32)))
        self._saturation_bounds = bounds

    def _ordered_dense_grads(self, grads_by_var):
        return [g for d in self.dense for g in (grads_by_var[id(d.kernel)], grads_by_var[id(d.bias)])]

    def _chunk(self, mode, x_all, y_all, batches, start, count, step0, seed, sampled, plain_run, x_val, y_val,
               steps_per_epoch):
        """Train on rows ``start … start+count-1`` of ``batches`` ([steps, batch] sample indices:
        one epoch's, or several epochs' one after the other) and evaluate on (``x_val``,
        ``y_val``) after every row that ends an epoch (a multiple of ``steps_per_epoch``), in
        the same compiled call: a chunk may span epochs without returning to Python.

        Outputs have one row per row of ``batches`` (a fixed shape, so XLA compiles once per
        run shape); only the first ``count`` rows are filled: loss, metric, per-layer
        statistics (zeros on rows that hold none) and the evaluation (loss, metric; zeros on
        rows that end no epoch); and the ``opening`` statistics (below).

        Steps run in a loop of plain steps, the uninstrumented step itself, up to the next
        special one: ``plain_run[p]`` ([steps_per_epoch], see ``plain_runs``) is how many plain
        steps follow position ``p`` of an epoch before it. ``mode`` (a Python string: one
        traced function each) says what is special:

        - ``"steps"``: the steps ``sampled`` at their position in the epoch take their own
          statistics (before their update), and the epoch's last step, special too, the
          evaluation after it.
        - ``"epochs"``: after each epoch's last step, the evaluation and one pass over the
          next epoch's batches, whose rows follow in ``batches`` (``_epoch_stats``), in that
          step's statistics row; ``opening`` is the pass before the run's first step (zeros
          unless ``step0`` is 0).
        - ``"plain"``: after each epoch's last step, the evaluation.

        One step body traced in "epochs" and "plain": the first call traces (and TensorFlow
        optimises) every copy of the step's forward and backward pass in the graph, which a
        class of thirty clicking Train waits for. A branch in every step instead cost +10-20%
        even when never taken on small nets without XLA (each op costs microseconds, and a
        lowered branch routes every tensor it reads through a Switch op), and kept XLA from
        fusing a step as if it had none.
        """
        import tensorflow as tf

        size = tf.shape(batches)[0] if batches.shape[0] is None else batches.shape[0]
        n_dense = len(self.dense)
        # Rows no step writes (statistics of unsampled steps, evaluations of steps that end no
        # epoch) stack as zeros.
        losses = tf.TensorArray(tf.float32, size=size, element_shape=[])
        metrics = tf.TensorArray(tf.float32, size=size, element_shape=[])
        stats = tf.TensorArray(tf.float32, size=size, element_shape=[n_dense, len(STAT_NAMES)])
        evals = tf.TensorArray(tf.float32, size=size, element_shape=[2])
        variables = self.model.trainable_variables
        no_stats = lambda: tf.zeros([n_dense, len(STAT_NAMES)])  # noqa: E731
        evaluate = lambda: tf.stack(self._evaluate(x_val, y_val))  # noqa: E731

        def forward_backward(k):
            rows = tf.gather(batches, start + k)  # gather: XLA needs a constant index to slice
            return self._forward_backward(tf.gather(x_all, rows), tf.gather(y_all, rows),
                                          step0 + tf.cast(k, tf.int64), seed)[:5]

        def plain(k, losses, metrics, stats, evals):
            loss, metric, grads, _, _ = forward_backward(k)
            self._apply_gradients(grads, variables)
            return k + 1, losses.write(k, loss), metrics.write(k, metric), stats, evals

        def sampled_step(k, losses, metrics, stats, evals):
            loss, metric, grads, zs, outs = forward_backward(k)
            position = (start + k) % steps_per_epoch
            by_var = {id(v): g for v, g in zip(variables, grads)}
            step_stats = tf.cond(tf.gather(sampled, position),
                                 lambda: self._layer_stats(self._ordered_dense_grads(by_var), zs, outs), no_stats)
            with tf.control_dependencies([step_stats]):  # weight norms are read before the update
                iterations = self._apply_gradients(grads, variables)
            # after the update (the read of the step counter orders it; tf.function's automatic
            # control dependencies order the variables' reads after their assignments too)
            with tf.control_dependencies([tf.convert_to_tensor(iterations)]):
                evaluation = tf.cond(tf.equal(position, steps_per_epoch - 1), evaluate, lambda: tf.zeros([2]))
            return (k + 1, losses.write(k, loss), metrics.write(k, metric), stats.write(k, step_stats),
                    evals.write(k, evaluation))

        def up_to_special(k, *arrays):
            """The plain steps up to the next special one, then that one (if in the chunk)."""
            stop = tf.minimum(count, k + tf.gather(plain_run, (start + k) % steps_per_epoch))
            out = tf.while_loop(lambda k, *_: k < stop, plain, (k, *arrays))
            return tf.while_loop(lambda k, *_: tf.logical_and(k < count, tf.equal(k, stop)), sampled_step, out)

        def one_pass(first_row, step):
            rows = tf.reshape(batches[first_row:first_row + steps_per_epoch], [-1])
            _, _, _, zs, outs, inputs, deltas = self._forward_backward(tf.gather(x_all, rows), tf.gather(y_all, rows),
                                                                       step, seed, with_variables=False,
                                                                       with_dense=True)
            return self._epoch_stats(steps_per_epoch, zs, outs, inputs, deltas)

        # Over whole epochs: one traced pass, called before the run's first step and between epochs.
        epoch_pass = tf.function(one_pass, autograph=False)

        def through_epoch_end(k, losses, metrics, stats, evals):
            """Plain steps up to the end of the epoch (or of the chunk), then what follows an epoch."""
            stop = tf.minimum(count, k + tf.gather(plain_run, (start + k) % steps_per_epoch) + 1)
            k, losses, metrics, stats, evals = tf.while_loop(lambda k, *_: k < stop, plain,
                                                             (k, losses, metrics, stats, evals))
            ended = tf.equal((start + k) % steps_per_epoch, 0)
            evals = evals.write(k - 1, tf.cond(ended, evaluate, lambda: tf.zeros([2])))
            if mode == "epochs":  # between this epoch and the next, over the next one's batches
                next_rows = tf.minimum(start + k, size - steps_per_epoch)  # none given: the last epoch's
                stats = stats.write(k - 1, tf.cond(ended, lambda: epoch_pass(next_rows, step0 + tf.cast(k, tf.int64)),
                                                   no_stats))
            return k, losses, metrics, stats, evals

        opening = no_stats()
        if mode == "epochs":
            opening = tf.cond(tf.equal(step0, 0), lambda: epoch_pass(start, step0), no_stats)
        with tf.control_dependencies([opening]):  # before the first step's update
            k0 = tf.constant(0)
        # Explicit while loops (not tf.range: XLA would compile once per count), so the
        # function needs no AutoGraph: tracing it is about twice as fast.
        segment = up_to_special if mode == "steps" else through_epoch_end
        _, losses, metrics, stats, evals = tf.while_loop(lambda k, *_: k < count, segment,
                                                         (k0, losses, metrics, stats, evals))
        return losses.stack(), metrics.stack(), stats.stack(), evals.stack(), opening

    def _chunk_function(self, mode: str):
        """The compiled ``_chunk`` of ``mode``, traced on its first call."""
        import tensorflow as tf

        key = (mode, self.uses_xla)
        if key not in self._chunk_functions:
            def body(*args):
                return self._chunk(mode, *args)

            body.__name__ = f"_chunk_{mode}"  # the traced graph's name
            self._chunk_functions[key] = _trace_locked(
                tf.function(body, jit_compile=True, autograph=False) if self.uses_xla
                else tf.function(body, input_signature=self._chunk_signature, autograph=False))
        return self._chunk_functions[key]

    def _apply_gradients(self, grads, variables):
        """The optimizer's update; returns the new step count. Plain or momentum SGD (the
        lecture's and the app's defaults) without XLA update each variable with one fused
        kernel, with the formula of Keras's SGD (m = m·momentum − lr·g; w += m, or Nesterov's
        w += m·momentum − lr·g; else w −= lr·g): Keras's own update is five to six ops per
        variable, and on a small net each op's microseconds are most of a step. XLA fuses
        Keras's ops itself."""
        import tensorflow as tf

        opt = self.optimizer
        if self.uses_xla or type(opt).__name__ != "SGD" or opt.clipnorm or opt.clipvalue or opt.global_clipnorm \
                or opt.weight_decay or opt.use_ema or opt.gradient_accumulation_steps or opt.loss_scale_factor:
            return opt.apply_gradients(zip(grads, variables))
        lr = tf.cast(opt.learning_rate, tf.float32)
        if opt.momentum:
            momentum = tf.constant(opt.momentum, tf.float32)
            for g, v in zip(grads, variables):
                m = opt.momentums[opt._get_variable_index(v)]
                tf.raw_ops.ResourceApplyKerasMomentum(var=v.value.handle, accum=m.value.handle, lr=lr, grad=g,
                                                      momentum=momentum, use_nesterov=bool(opt.nesterov))
        else:
            for g, v in zip(grads, variables):
                tf.raw_ops.ResourceApplyGradientDescent(var=v.value.handle, alpha=lr, delta=g)
        return opt.iterations.assign_add(1)

    def chunk_mode(self, sample_mask: np.ndarray) -> str:
        """How ``train_steps`` takes the statistics of a run sampled by ``sample_mask`` (see
        ``_chunk``): "epochs" over whole epochs (small nets, unless every step is asked for),
        "steps" on the sampled steps, "plain" not at all (uninstrumented)."""
        if not self.instrument:
            return "plain"
        return "epochs" if self.epoch_stats and not np.all(sample_mask) else "steps"

    def stats_mask(self, sample_mask: np.ndarray) -> np.ndarray:
        """The positions of an epoch whose rows hold statistics, given the run's
        ``sample_mask``: those, or the epoch's last only when this trainer takes the
        statistics over whole epochs (``epoch_stats``; not for an every-step mask)."""
        if self.chunk_mode(sample_mask) != "epochs":
            return np.asarray(sample_mask, bool)
        return np.arange(len(sample_mask)) == len(sample_mask) - 1

    def train_steps(self, x_all, y_all, batches, start: int, count: int, step0: int, seed: int,
                    sample_mask: np.ndarray, x_val, y_val, steps_per_epoch: int):
        """Run ``count`` steps (see ``_chunk``); returns NumPy (loss[count], metric[count],
        stats[count, layers, stats], evaluation[count, 2], opening[layers, stats]). Only the
        rows of the steps whose position in their epoch is True in ``stats_mask(sample_mask)``
        hold statistics (``sample_mask``: [steps_per_epoch] bool, see ``engine.sample_mask``),
        and only the rows that end an epoch an evaluation. Over whole epochs (``epoch_stats``),
        an epoch's last row holds the pass between it and the next epoch, whose batches follow
        in ``batches``, and ``opening`` the pass before the run's first step (zeros unless
        ``step0`` is 0)."""
        import tensorflow as tf

        mode = self.chunk_mode(sample_mask)
        sampled = np.asarray(sample_mask, bool) if mode == "steps" else np.zeros(steps_per_epoch, bool)
        args = (x_all, y_all, batches, tf.constant(start, tf.int32), tf.constant(count, tf.int32),
                tf.constant(step0, tf.int64), tf.constant(seed, tf.int64), tf.constant(sampled),
                tf.constant(plain_runs(sampled)), x_val, y_val, tf.constant(steps_per_epoch, tf.int32))
        try:
            out = self._chunk_function(mode)(*args)
        except Exception as exc:  # noqa: BLE001 — an XLA failure must not end the lesson
            if not self.uses_xla or not _is_compile_error(exc):
                raise
            self.uses_xla = False
            out = self._chunk_function(mode)(*args)
        self.warm = True
        return tuple(t.numpy()[:count] for t in out[:4]) + (out[4].numpy(),)

    def _evaluate(self, x, y):
        y_pred, _, _ = self._forward(x, False)
        return self._loss_and_metric(y, y_pred)

    def _predict(self, x):
        return self._forward(x, False)[0]

    def _layer_outputs(self, x):
        """Every Dense block's output on ``x`` (inference mode): the hidden layers'
        post-activation outputs [n, width_i], then the model's output."""
        return self._forward(x, False)[2]

    def _inside_probe(self, x_map, x_probe, y_probe):
        """One call for a frame of ``nnlab.inside`` (inference mode, no update):
        (hidden layers' outputs on ``x_map`` [n_map, width_i],
         every Dense block's mean output on ``x_probe`` [width_i],
         per unit of every Dense layer the L2 norm of the loss gradient of its incoming
         weights on (``x_probe``, ``y_probe``) [width_i],
         the kernels [fan_in, width_i])."""
        import tensorflow as tf

        map_outs = self._forward(x_map, False)[2][:-1]
        kernels = [d.kernel for d in self.dense]
        with tf.GradientTape() as tape:
            y_pred, _, outs = self._forward(x_probe, False)
            loss, _ = self._loss_and_metric(y_probe, y_pred)
        grads = tape.gradient(loss, kernels)
        return (map_outs, [tf.reduce_mean(o, axis=0) for o in outs], [tf.norm(g, axis=0) for g in grads],
                [tf.identity(k.value) for k in kernels])

    def kernels(self) -> list[np.ndarray]:
        """The Dense layers' kernels [fan_in, fan_out], input side first."""
        return [np.asarray(d.kernel) for d in self.dense]

    def histogram_counts(self, x, y, edges, eager: bool = False):
        """Per-layer histograms of weights, pre-/post-activations and weight gradients on the
        batch (``x``, ``y``) into ``edges`` (``nnlab.histograms``, which owns bins and format):
        (counts [kinds, layers, bins], extents [kinds, layers, 2]) as tensors. Compiled on
        first use, outside the training chunk; ``eager``: if not compiled yet, run op by op
        (tens of ms, against up to a second of tracing) and leave the compiling for later."""
        import tensorflow as tf

        if eager and not self.histograms_traced():
            from nnlab import histograms

            return histograms.graph_counts(self, x, y, edges)
        if self._histograms is None:
            from nnlab import histograms

            # No input signature: traced for the batch's own number of rows (one per data-set
            # size, in practice EVAL_ROWS), so every tensor's size is known and the per-layer
            # padding is constants (a third fewer ops to trace).
            self._histograms = _trace_locked(tf.function(lambda x, y, e: histograms.graph_counts(self, x, y, e),
                                                         autograph=False))
        return self._histograms(x, y, edges)

    def histograms_traced(self) -> bool:
        return self._histograms is not None and self._histograms.traced

    def weights(self) -> list[np.ndarray]:
        return [np.array(w) for w in self.model.get_weights()]


class RunState:
    """One run's place in a shared trainer: its weights and optimizer slots between turns.

    Runs of the same architecture share a compiled trainer and take turns on it (see
    ``TrainerPool.borrow``). A trainer remembers whose weights it holds; only when another
    run borrows it are the holder's values copied out (``values``) and the borrower's
    copied in, so a run that keeps its trainer pays nothing.
    """

    def __init__(self, initializer: str, init_param: float, seed: int, learning_rate: float):
        self.initializer, self.init_param, self.seed = initializer, init_param, seed
        self.learning_rate = learning_rate
        self.values: list[np.ndarray] | None = None  # None: not started, or held by its trainer
        self.done = False  # an ended run's values are never needed again
        self.misses = 0  # turns in a row that found every trainer of its shape busy


class TrainerPool:
    """Compiled trainers by (architecture, optimizer, instrumented), shared by every run.

    ``borrow(arch, optimizer, instrument, state)`` lends a trainer for one turn with the
    run's own weights loaded; ``give_back`` returns it. A new trainer is built (and its
    functions traced) only when no trainer of that key exists or all of them are busy and
    fewer than ``per_key`` exist; otherwise ``borrow`` returns None and the caller tries
    again on its next turn. So a class training eight network shapes compiles eight
    networks, not thirty, and memory stays flat. At most ``max_idle`` idle trainers are
    kept (least recently used go first).
    """

    def __init__(self, max_idle: int = 24, xla: bool | None = None, per_key: int = 2):
        self.xla = xla  # None: decide per architecture (see XLA_MIN_WEIGHTS)
        self.max_idle = max_idle
        self.per_key = per_key
        self._idle: OrderedDict[tuple, list[CompiledTrainer]] = OrderedDict()
        self._busy: dict[tuple, int] = {}
        self._warm_keys: set[tuple] = set()  # keys with a trainer whose functions are traced
        self._lock = threading.Lock()
        self.built = 0

    @staticmethod
    def key(arch: Architecture, optimizer_name: str, instrument: bool = True) -> tuple:
        return (arch, optimizer_name, instrument)

    def has(self, arch: Architecture, optimizer_name: str, instrument: bool = True) -> bool:
        """True if a trainer of this key exists (idle or busy): a run of it compiles nothing."""
        key = self.key(arch, optimizer_name, instrument)
        with self._lock:
            return bool(self._idle.get(key)) or self._busy.get(key, 0) > 0

    def is_warm(self, arch: Architecture, optimizer_name: str, instrument: bool = True) -> bool:
        """True if a trainer of this key has traced its functions: a run of it starts at once."""
        with self._lock:
            return self.key(arch, optimizer_name, instrument) in self._warm_keys

    def borrow(self, arch: Architecture, optimizer_name: str, instrument: bool, state: RunState,
               build: bool = True) -> CompiledTrainer | None:
        """A trainer holding ``state``'s weights, or None if all trainers of the key are busy."""
        key = self.key(arch, optimizer_name, instrument)
        with self._lock:
            free = self._idle.get(key) or []
            trainer = next((tr for tr in free if tr.holder is state), None) or (
                next((tr for tr in free if tr.holder is None or tr.holder.done), None)) or (
                free[0] if free else None)
            if trainer is not None:
                free.remove(trainer)
                if not free:
                    del self._idle[key]
                if trainer.holder is not state:
                    # Under the lock: the run it held may borrow another trainer right after,
                    # and must find its values saved by then.
                    trainer.release_holder()
            elif not build or (self._busy.get(key, 0) and (
                    self._busy[key] >= self.per_key or key not in self._warm_keys
                    or state.misses < TWIN_AFTER_MISSES)):
                # Wait for the busy one rather than build a twin: a turn is ~75 ms, a compile
                # up to seconds (and while the first trainer of a shape compiles, a twin would
                # compile the same thing beside it). Only a run that keeps finding it busy
                # (many runs of one shape on several workers) gets a twin.
                state.misses += 1
                return None
            self._busy[key] = self._busy.get(key, 0) + 1
        try:
            if trainer is None:
                with BUILD_LOCK:
                    trainer = CompiledTrainer(arch, optimizer_name, instrument, self.xla)
                    self.built += 1
            trainer.hold(state)
            state.misses = 0
        except BaseException:
            self._unbusy(key)
            raise
        return trainer

    def give_back(self, trainer: CompiledTrainer) -> None:
        key = self.key(trainer.arch, trainer.optimizer_name, trainer.instrument)
        self._unbusy(key)
        with self._lock:
            if trainer.warm:
                self._warm_keys.add(key)
            self._idle.setdefault(key, []).append(trainer)
            self._idle.move_to_end(key)
            while sum(len(v) for v in self._idle.values()) > self.max_idle and self._evict_one():
                pass

    def _evict_one(self) -> bool:
        """Drop the least recently used idle trainer that no live run needs (lock held).

        A trainer still holding the weights of a run that has not ended is never dropped:
        that run comes back for it on its next turn, and dropping it would make the run
        compile its network again — with more live shapes than ``max_idle`` (ten Compare
        pages at once: 48 shapes) every turn evicted another live run's trainer and the
        class compiled in circles. So the cap bounds the trainers kept for later; the ones
        live runs use are bounded by the scheduler's admission limit."""
        for key, trainers in self._idle.items():
            spare = next((tr for tr in trainers if tr.holder is None or tr.holder.done), None)
            if spare is None:
                continue
            trainers.remove(spare)
            spare.release_holder()
            if not trainers:
                del self._idle[key]
                if not self._busy.get(key):
                    self._warm_keys.discard(key)
            return True
        return False

    def _unbusy(self, key) -> None:
        with self._lock:
            self._busy[key] -= 1
            if not self._busy[key]:
                del self._busy[key]

    def acquire(self, arch: Architecture, optimizer_name: str, instrument: bool = True) -> CompiledTrainer:
        """A trainer for exclusive use until ``release`` (tests and benchmarks)."""
        state = RunState("glorot_uniform", 0.0, 0, 0.01)
        while (trainer := self.borrow(arch, optimizer_name, instrument, state)) is None:
            time.sleep(0.01)
        return trainer

    def release(self, trainer: CompiledTrainer) -> None:
        self.give_back(trainer)
