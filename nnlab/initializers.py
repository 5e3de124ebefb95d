"""Initializer registry: one table of how a layer's first weights are drawn.

Each entry maps a name to a Keras initializer class and says which keyword its optional
parameter (``RunConfig.init_param``) sets and its default; its display name, summary and
the parameter's label are catalog texts (``init.<name>.display`` / ``.summary``,
``init.param.<keyword>``). ``make(name, param, seed)`` returns a seeded Keras
initializer, so the same seed gives the same weights in any thread; the NumPy versions
of the same rules (``nnlab.teaching.sample_weights``) use the same names, aliases and
defaults. Lookup (aliases, case folding, the error) is ``nnlab.registry``.
"""

from __future__ import annotations

from dataclasses import dataclass

from nnlab.registry import Entry, Registry


@dataclass(frozen=True)
class Initializer(Entry):
    PREFIX = "init"

    name: str
    keras_class: str
    param_name: str = ""  # keyword of the Keras class that init_param sets ("" = none)
    param_default: float = 0.0  # what init_param = 0 means
    seeded: bool = True

    @property
    def param_label(self) -> str:
        """Catalog key of the parameter's label (``init.param.stddev``, …), "" without one."""
        return f"init.param.{self.param_name}" if self.param_name else ""

    def param_value(self, param: float = 0.0) -> float:
        """The parameter actually used: ``param``, or the default when it is 0."""
        return param if param > 0 else self.param_default

    def make(self, param: float = 0.0, seed: int | None = None):
        from nnlab.tf_import import import_keras

        keras = import_keras()

        cls = getattr(keras.initializers, self.keras_class)
        kwargs = {}
        if self.seeded:
            kwargs["seed"] = seed
        if self.param_name:
            value = self.param_value(param)
            if self.param_name == "limit":
                kwargs.update(minval=-value, maxval=value)
            else:
                kwargs[self.param_name] = value
        return cls(**kwargs)


REGISTRY: Registry[Initializer] = Registry("initializer", "init", [
    Initializer("zeros", "Zeros", seeded=False),
    Initializer("constant", "Constant", "value", 0.1, seeded=False),
    Initializer("random_normal", "RandomNormal", "stddev", 0.05),
    Initializer("random_uniform", "RandomUniform", "limit", 0.05),
    Initializer("glorot_uniform", "GlorotUniform"),
    Initializer("glorot_normal", "GlorotNormal"),
    Initializer("he_normal", "HeNormal"),
    Initializer("he_uniform", "HeUniform"),
    Initializer("lecun_normal", "LecunNormal"),
    Initializer("lecun_uniform", "LecunUniform"),
    Initializer("orthogonal", "Orthogonal", "gain", 1.0),
], aliases={"normal": "random_normal", "uniform": "random_uniform", "xavier": "glorot_uniform",
            "xavier_uniform": "glorot_uniform", "xavier_normal": "glorot_normal"})

names = REGISTRY.names
get = REGISTRY.get  # by name or alias, any case; an unknown name raises registry.UnknownName (a KeyError)
