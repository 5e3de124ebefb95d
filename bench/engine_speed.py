"""Engine speed, measured side by side in one process (interleaved, medians):

(a) the engine's samples/s vs plain ``model.fit`` on the lecture's MNIST MLP, instrumentation on;
(b) the engine's achieved GFLOP/s vs a large float32 matmul measured here;
(e) the cost of instrumentation: the engine with vs without per-layer statistics.

Run: python bench/engine_speed.py [--repeats 4] [--epochs 3]
"""

from __future__ import annotations

import argparse

import numpy as np
from common import MNIST_MLP, load, median, mlp_flops_per_sample, timed

from nnlab import engine, optimizers
from nnlab.compiled import TrainerPool
from nnlab.model import build_model
from nnlab.runtime import POOL

GRAPH_POOL = TrainerPool(xla=False)


def engine_samples_per_second(config, data, instrument: bool, pool=POOL) -> float:
    record = engine.run(config, data, instrument=instrument, pool=pool)
    return record.timing["samples_per_second"]


def fit_samples_per_second(config, data) -> float:
    import keras

    model = build_model(config, data.input_dim, data.n_outputs, data.task)
    model.compile(optimizer=optimizers.get(config.optimizer).make(config.learning_rate),
                  loss=keras.losses.SparseCategoricalCrossentropy(), metrics=["accuracy"])
    # warm-up epoch (tracing), then timed epochs — validation on, as the engine does every epoch
    model.fit(data.x_train, data.y_train, batch_size=config.batch_size, epochs=1, verbose=0,
              validation_data=(data.x_val, data.y_val))
    seconds, _ = timed(lambda: model.fit(data.x_train, data.y_train, batch_size=config.batch_size,
                                         epochs=config.epochs, verbose=0, shuffle=True,
                                         validation_data=(data.x_val, data.y_val)))
    steps = int(np.ceil(len(data.x_train) / config.batch_size)) * config.epochs
    return steps * config.batch_size / seconds


def matmul_gflops(n: int = 2048, repeats: int = 5) -> float:
    import tensorflow as tf

    a = tf.random.normal((n, n))
    b = tf.random.normal((n, n))
    mm = tf.function(lambda x, y: tf.matmul(x, y))
    mm(a, b).numpy()
    best = min(timed(lambda: mm(a, b).numpy())[0] for _ in range(repeats))
    return 2.0 * n**3 / best / 1e9


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=3)
    args = parser.parse_args()
    config = MNIST_MLP.replace(epochs=args.epochs)
    data = load(config)
    print(f"MNIST MLP 784-256-128-10, {len(data.x_train)} training images, batch {config.batch_size}, "
          f"{args.epochs} epochs per measurement, {args.repeats} interleaved repeats")
    engine_samples_per_second(config, data, True)  # trace both trainers before timing
    engine_samples_per_second(config, data, False)
    engine_samples_per_second(config, data, True, GRAPH_POOL)
    engine_samples_per_second(config, data, False, GRAPH_POOL)
    on, off, fit, mm, g_on, g_off = [], [], [], [], [], []
    for _ in range(args.repeats):
        on.append(engine_samples_per_second(config, data, True))
        fit.append(fit_samples_per_second(config, data))
        off.append(engine_samples_per_second(config, data, False))
        g_on.append(engine_samples_per_second(config, data, True, GRAPH_POOL))
        g_off.append(engine_samples_per_second(config, data, False, GRAPH_POOL))
        mm.append(matmul_gflops())
    flops = mlp_flops_per_sample()
    e_on, e_off, e_fit, peak = median(on), median(off), median(fit), median(mm)
    print(f"model.fit                       {e_fit:10,.0f} samples/s")
    print(f"engine, instrumented            {e_on:10,.0f} samples/s")
    print(f"engine, no statistics           {e_off:10,.0f} samples/s")
    print(f"  same, XLA off, instrumented   {median(g_on):10,.0f} samples/s")
    print(f"  same, XLA off, no statistics  {median(g_off):10,.0f} samples/s")
    print(f"large matmul (2048²)            {peak:10.1f} GFLOP/s")
    print(f"(a) engine / model.fit          {e_on / e_fit:10.2f}×   (target ≥ 3.0)")
    print(f"(b) achieved / matmul GFLOP/s   {e_on * flops / 1e9 / peak:10.2f}    "
          f"({e_on * flops / 1e9:.1f} of {peak:.1f} GFLOP/s; target ≥ 0.60)")
    print(f"(e) instrumentation overhead    {(e_off / e_on - 1) * 100:9.1f} %   (target ≤ 10%; "
          f"XLA off: {(median(g_off) / median(g_on) - 1) * 100:.1f} %)")


if __name__ == "__main__":
    main()
