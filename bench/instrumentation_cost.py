"""(e) broken down: what each group of per-step statistics costs on the lecture's MNIST MLP.

Trains the same network with the full statistics, with none, and with one group at a time
(gradient norms and mean |grad|; kernel norms; activation mean/std/dead share), interleaved
in one process, and prints each one's time per step against none. Groups are swapped in by
replacing ``CompiledTrainer._layer_stats`` before a pool builds its trainer; the other
columns are zeros.

    python bench/instrumentation_cost.py
"""

from __future__ import annotations

from common import MNIST_MLP, load, median

from nnlab import compiled, engine

GROUPS = {
    "gradient norms + mean |grad|": "g",
    "kernel norms": "w",
    "activation mean/std/dead": "a",
}


def stats_of(kind: str):
    def _layer_stats(self, grads, zs, outs):
        import tensorflow as tf

        rows = []
        for i, dense in enumerate(self.dense):
            g, a = grads[2 * i], outs[i]
            if kind == "g":
                values = [tf.norm(g), tf.norm(grads[2 * i + 1]), tf.reduce_mean(tf.abs(g))]
            elif kind == "w":
                values = [tf.norm(dense.kernel)]
            else:
                values = [tf.reduce_mean(a), tf.math.reduce_std(a), tf.reduce_mean(tf.cast(tf.equal(a, 0.0), tf.float32))]
            rows.append(tf.stack(values + [tf.constant(0.0)] * (len(compiled.STAT_NAMES) - len(values))))
        return tf.stack(rows)
    return _layer_stats


def main(repeats: int = 4) -> None:
    config = MNIST_MLP.replace(epochs=3)
    data = load(config)
    full_stats = compiled.CompiledTrainer._layer_stats
    variants = {"none": (None, False), "all statistics": (full_stats, True)}
    variants.update({name: (stats_of(kind), True) for name, kind in GROUPS.items()})
    pools = {}
    for name, (stats, instrument) in variants.items():  # build and trace each variant once
        compiled.CompiledTrainer._layer_stats = stats or full_stats
        pools[name] = compiled.TrainerPool()
        engine.run(config, data, instrument=instrument, pool=pools[name])
    compiled.CompiledTrainer._layer_stats = full_stats
    speed = {name: [] for name in variants}
    for _ in range(repeats):
        for name, (_, instrument) in variants.items():
            record = engine.run(config, data, instrument=instrument, pool=pools[name])
            speed[name].append(record.snapshot()["progress"]["samples_per_second"])
    base_ms = 1e3 * config.batch_size / median(speed["none"])
    print(f"MNIST MLP 784-256-128-10, batch {config.batch_size}; medians of {repeats} interleaved runs")
    for name in variants:
        ms = 1e3 * config.batch_size / median(speed[name])
        print(f"  {name:30s} {ms:6.3f} ms/step  {(ms / base_ms - 1) * 100:+6.1f}%")


if __name__ == "__main__":
    main()
