"""NN Lab: a classroom library for seeing why activations, initializers, dropout and
optimizers matter. Plain Python (no Streamlit); TensorFlow is imported only when a model
is built or trained.

    from nnlab import RunConfig, train
    record = train(RunConfig(dataset="iris", depth=2, width=64, epochs=50))
"""

from nnlab.config import ConfigError, RunConfig

__all__ = ["RunConfig", "ConfigError", "train"]


def train(config: RunConfig, observer=None, control=None, frame=None):
    """Train synchronously; returns the finished ``RunRecord`` (``.snapshot()`` is the JSON)."""
    from nnlab import datasets, engine

    data = datasets.load(config, frame=frame)
    return engine.run(config, data, observer=observer, control=control)
