"""Memory a long-lived server keeps per compiled network shape: a dropped trainer must leave
nothing traced behind, and what TensorFlow cannot free (XLA's executables) is bounded."""

import gc

import pytest

from nnlab import compiled
from nnlab.compiled import CompiledTrainer, TrainerPool
from nnlab.config import RunConfig
from nnlab.limits import Limits
from nnlab.model import Architecture
from nnlab.scheduler import Scheduler


def _traced_chunk_graphs() -> int:
    from tensorflow.python.framework.func_graph import FuncGraph

    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, FuncGraph) and o.name.startswith("_chunk"))


def test_a_dropped_trainer_leaves_no_traced_graph_behind(xor_data):
    """Keras's optimizer summed gradients over replicas with ``all_reduce``, which registered a
    custom gradient per trace in TensorFlow's process-wide registry; its closure held the
    traced graph, so every shape ever compiled stayed in memory (about 5 MB each)."""
    pool = TrainerPool(max_idle=1, xla=False)
    scheduler = Scheduler(pool, workers=1, limits=Limits(max_active_runs=1))
    before = _traced_chunk_graphs()
    for width in (5, 6, 7, 9):  # four shapes, one after the other; the pool keeps one
        job = scheduler.submit(RunConfig(dataset="xor", depth=2, width=width, epochs=2, batch_size=50),
                               data=xor_data)
        assert job.wait(120) and job.status() == "finished"
    scheduler.shutdown()
    del job
    kept = sum(len(trainers) for trainers in pool._idle.values())
    assert kept == 1
    assert _traced_chunk_graphs() - before == kept, "traced graphs of dropped trainers are still alive"


def test_xla_compiles_stop_at_the_budget_and_new_shapes_compile_without_xla(monkeypatch):
    if not compiled.USE_XLA:
        pytest.skip("XLA is switched off (NNLAB_XLA=0)")
    monkeypatch.setattr(compiled, "XLA_COMPILE_BUDGET", compiled._xla_compiles + 1)
    big = [Architecture.of(RunConfig(dataset="xor", depth=2, width=width), 2, 2, "classification")
           for width in (240, 250)]
    assert all(a.n_kernel_weights >= compiled.XLA_MIN_WEIGHTS for a in big)
    first, second = (CompiledTrainer(a, "sgd") for a in big)
    assert first.uses_xla and not second.uses_xla
    assert CompiledTrainer(big[1], "sgd", xla=True).uses_xla  # an explicit choice is not budgeted
