"""RunConfig: the one serializable description of a training run.

The sidebar builds it, the URL query string and the CLI flags round-trip it through a
flat ``dict[str, str]``, and the JSON run record embeds it. Every field is declared once,
in ``RunConfig``; its range and help text live in ``RANGES`` and ``HELP`` below it.

Bad settings raise ``ConfigError``, which carries a code and parameters as well as an
English message, so the UI can say the same thing in the user's language (catalog keys
``config.err.<code>``). ``from_flat`` is strict (the CLI); ``parse_flat`` is lenient (the
URL): it keeps every good field, drops each bad one with a ``FlatIssue``, and when only a
combination is invalid it drops the fewest fields that make it valid. ``explain`` renders
error codes of this module and of ``datasets`` from the catalog.
"""

from __future__ import annotations

import dataclasses
import difflib
import itertools
import json
import math
import numbers
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from nnlab import i18n

MAX_SHOWN_CHARS = 80  # a value quoted back in a message is cut to about this many characters
MAX_SHOWN_ITEMS = 30  # a list quoted back in a message shows this many items (every registry fits)


def cut_text(text: str, limit: int = MAX_SHOWN_CHARS, lang: str = "en") -> tuple[str, str]:
    """(``text`` or, when longer than ``limit``, its start + "…" + its end; "(N characters)" or "").

    The end is kept because it is what tells long paths apart (the file name).
    """
    text = str(text)
    if len(text) <= limit:
        return text, ""
    tail = limit // 3
    return text[:limit - tail - 1] + "…" + text[-tail:], i18n.t("value.truncated", lang, n=f"{len(text):,}")


def visible(text: str) -> str:
    """``text`` with control, line-break and bidi-override characters shown as ``\\uXXXX``."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in text)


def shorten(text: str, limit: int = MAX_SHOWN_CHARS, lang: str = "en") -> str:
    """``text`` cut to ``limit`` characters (saying how long it was) with invisible characters made visible."""
    cut, suffix = cut_text(text, limit, lang)
    return visible(cut) + (" " + suffix if suffix else "")


def _repr_quote(text: str) -> str:
    # repr escapes control characters, so a CLI message stays on one line
    cut, suffix = cut_text(text)
    return repr(cut) + (" " + suffix if suffix else "")


def format_params(params: Mapping[str, Any], quote: Callable[[str], str] = _repr_quote,
                  plain: Callable[[str], str] = shorten, lang: str = "en") -> dict[str, str]:
    """Message parameters as text: strings through ``quote`` (user values), numbers with ``:g``,
    lists and tuples joined with commas (items through ``plain``; long lists shortened)."""
    out = {}
    for key, value in params.items():
        if isinstance(value, numbers.Integral):
            out[key] = str(int(value))
        elif isinstance(value, numbers.Real):
            out[key] = f"{float(value):g}"
        elif isinstance(value, (list, tuple)):
            items = [plain(str(v)) for v in value]
            if len(items) > MAX_SHOWN_ITEMS:
                count = i18n.t("value.items", lang, n=f"{len(items):,}")
                items = items[:MAX_SHOWN_ITEMS - 2] + ["…"] + items[-2:]
                out[key] = ", ".join(items) + " " + count
            else:
                out[key] = ", ".join(items)
        else:
            out[key] = quote(str(value))
    return out


def explain(key: str, params: Mapping[str, Any], lang: str = "en", quote: Callable[[str], str] = _repr_quote,
            plain: Callable[[str], str] = shorten) -> str:
    """The catalog text ``key`` in ``lang`` with ``params`` formatted by ``format_params``."""
    return i18n.t(key, lang, **format_params(params, quote, plain, lang))


class ConfigError(ValueError):
    """A setting is invalid. The message names the field, the bad value and what is allowed.

    ``code`` and ``params`` say the same in data (catalog key ``config.err.<code>``);
    ``allowed`` is the English rule.
    """

    def __init__(self, field_name: str, value: Any, code: str, **params):
        self.field = field_name
        self.value = value
        self.code = code
        self.params = params
        self.allowed = explain(f"config.err.{code}", params)
        shown = _repr_quote(value) if isinstance(value, str) else repr(value)
        super().__init__(f"{field_name}={shown} is invalid: {self.allowed}")


SCALINGS = ("standard", "minmax", "none")
TASKS = ("auto", "classification", "regression")


@dataclass(frozen=True)
class RunConfig:
    # data
    dataset: str = "spiral"
    noise: float = 0.1
    n_samples: int = 600
    test_fraction: float = 0.2
    val_fraction: float = 0.2
    scaling: str = "standard"
    csv_path: str = ""
    target: str = ""
    task: str = "auto"
    # network
    depth: int = 3
    width: int = 16
    layer_widths: tuple[int, ...] = ()
    activation: str = "relu"
    layer_activations: tuple[str, ...] = ()
    initializer: str = "he_normal"
    init_param: float = 0.0
    dropout: float = 0.0
    batchnorm: bool = False
    l2: float = 0.0
    # training
    # SGD with momentum 0.9 at 0.03, measured on the spiral set in 50 epochs: a 3×16 ReLU
    # net reaches 98% test accuracy; with 8 layers ReLU/ELU reach 98–100%, GELU/swish/tanh
    # 82–87%, while sigmoid stays at 50% with first-layer gradients four orders of
    # magnitude smaller. Adam's per-weight scaling would hide that gap by the end of a run.
    optimizer: str = "momentum"
    learning_rate: float = 0.03
    batch_size: int = 32
    epochs: int = 50
    seed: int = 0

    def __post_init__(self):
        _normalise_types(self)  # wrong types (a hand-edited JSON record) raise ConfigError, not TypeError
        if self.layer_widths:
            object.__setattr__(self, "depth", len(self.layer_widths))
        validate(self)

    # -- derived views -------------------------------------------------------------
    @property
    def hidden_widths(self) -> tuple[int, ...]:
        """Width of every hidden layer, input side first."""
        return self.layer_widths or (self.width,) * self.depth

    @property
    def hidden_activations(self) -> tuple[str, ...]:
        """Activation name of every hidden layer, input side first."""
        return self.layer_activations or (self.activation,) * self.depth

    def replace(self, **changes) -> "RunConfig":
        return dataclasses.replace(self, **changes)

    # -- serialization -------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["layer_widths"] = list(self.layer_widths)
        d["layer_activations"] = list(self.layer_activations)
        return d

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RunConfig":
        if not isinstance(data, dict):
            raise ConfigError("config", data, "not_a_dict")
        unknown = set(data) - set(FIELD_NAMES)
        if unknown:
            name = sorted(map(str, unknown))[0]
            raise ConfigError(name, data.get(name), "unknown", known=FIELD_NAMES)
        return cls(**data)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> "RunConfig":
        return cls.from_dict(json.loads(text))

    def to_flat(self, only_changed: bool = False) -> dict[str, str]:
        """Every field as a string (for URL query params and CLI flags)."""
        default = RunConfig()
        out = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if only_changed and value == getattr(default, f.name):
                continue
            out[f.name] = _format(value)
        return out

    @classmethod
    def from_flat(cls, flat: Mapping[str, str], base: "RunConfig | None" = None) -> "RunConfig":
        """Parse strings back into a RunConfig; missing keys keep ``base``'s values.

        Strict: the first unknown key, bad value or invalid combination raises ConfigError.
        Keys may be field names or their short aliases (``FLAT_ALIASES``), not both.
        """
        base = base or cls()
        changes = {}
        seen: dict[str, str] = {}
        for key, text in flat.items():
            name = field_for_key(key)
            if name is None:
                raise ConfigError(str(key), text, "unknown", known=FIELD_NAMES)
            if name in seen:
                raise ConfigError(name, text, "twice", keys=[seen[name], str(key)])
            seen[name] = str(key)
            changes[name] = _parse(name, str(text))
        return _build(base, changes)


FIELD_NAMES = tuple(f.name for f in dataclasses.fields(RunConfig))
FIELD_TYPES = {f.name: f.type for f in dataclasses.fields(RunConfig)}
# Short names accepted for a field by the CLI (``--lr``) and the URL (``?lr=``).
FLAT_ALIASES = {"lr": "learning_rate", "csv": "csv_path"}
CHOICE_FIELDS = ("dataset", "scaling", "task", "activation", "initializer", "optimizer")
# Fields that take part in a rule about several fields (see ``_check_combination``).
COMBINED_FIELDS = ("dataset", "csv_path", "test_fraction", "val_fraction", "depth", "layer_widths",
                   "layer_activations")


def field_for_key(key: str) -> str | None:
    """The field a flat key (field name or alias) sets, or None for an unknown key."""
    key = str(key)
    return key if key in FIELD_TYPES else FLAT_ALIASES.get(key)


def _build(base: RunConfig, changes: dict[str, Any]) -> RunConfig:
    changes = dict(changes)
    if "layer_widths" not in changes and ("depth" in changes or "width" in changes):
        changes["layer_widths"] = ()  # a depth or width from the URL/CLI means the uniform shape
    return dataclasses.replace(base, **changes)


# -- lenient parsing (URL query strings) -------------------------------------------------------

@dataclass(frozen=True)
class FlatIssue:
    """One thing ``parse_flat`` ignored.

    kind: "unknown" (``key`` is no setting; ``suggestion`` is a close field name or ""),
    "repeated" (``key`` was given ``count`` times; the last value, ``value``, is used),
    "invalid" (``value`` is not valid for ``key`` on its own: ``error`` says why),
    "conflict" (``value`` is valid alone, but not together with the others: ``error``).
    """

    kind: str
    key: str
    value: str = ""
    error: ConfigError | None = None
    count: int = 1
    suggestion: str = ""


def suggest(key: str) -> str:
    """The field name (or alias) closest to a misspelt key, or ""."""
    candidates = list(FIELD_NAMES) + list(FLAT_ALIASES)
    match = difflib.get_close_matches(str(key).strip().lower(), candidates, n=1, cutoff=0.75)
    return field_for_key(match[0]) if match else ""


def parse_flat(items: Mapping[str, str] | Iterable[tuple[str, str]],
               base: RunConfig | None = None) -> tuple[RunConfig, list[FlatIssue]]:
    """Lenient ``from_flat``: never raises; returns the config and what was ignored.

    ``items``: a mapping or (key, value) pairs, in order; a key given twice (or as a field
    name and as its alias) uses the last value. Each field that cannot be parsed or is out
    of range keeps ``base``'s value; the other fields still apply. When the remaining
    fields are valid one by one but not together, the smallest set of them that makes the
    rest valid is dropped (preferring the field the error names).
    """
    base = base or RunConfig()
    pairs = list(items.items()) if isinstance(items, Mapping) else list(items)
    issues: list[FlatIssue] = []
    given: dict[str, list[str]] = {}
    unknown: dict[str, list[str]] = {}
    for key, text in pairs:
        key, text = str(key), str(text)
        name = field_for_key(key)
        if name is None:
            unknown.setdefault(key, []).append(text)
        else:
            given.setdefault(name, []).append(text)
    for key, texts in unknown.items():
        issues.append(FlatIssue("unknown", key, texts[-1], count=len(texts), suggestion=suggest(key)))
    values: dict[str, Any] = {}
    for name, texts in given.items():
        text = texts[-1]
        if len(texts) > 1:
            issues.append(FlatIssue("repeated", name, text, count=len(texts)))
        try:
            value = _parse(name, text)
            _check_field(name, value)
        except ConfigError as exc:
            issues.append(FlatIssue("invalid", name, text, exc))
        else:
            values[name] = value
    config, dropped, error = _fewest_drops(base, values)
    issues += [FlatIssue("conflict", name, given[name][-1], error) for name in dropped]
    return config, issues


def _fewest_drops(base: RunConfig, values: dict[str, Any]) -> tuple[RunConfig, tuple[str, ...], ConfigError | None]:
    try:
        return _build(base, values), (), None
    except ConfigError as exc:
        first = exc
    # Every field is valid alone, so only fields in a combined rule can be at fault. Try
    # dropping 1, then 2, … of them; among drops of one size, those that hold more of the
    # fields the errors so far have named come first.
    suspects = [n for n in FIELD_NAMES if n in values and n in COMBINED_FIELDS]
    named = [first.field]
    for size in range(1, len(suspects) + 1):
        ranked = sorted(itertools.combinations(suspects, size), key=lambda d: -sum(n in d for n in named))
        for drop in ranked:
            try:
                return _build(base, {k: v for k, v in values.items() if k not in drop}), drop, first
            except ConfigError as exc:
                if exc.field not in named:
                    named.append(exc.field)
    return base, tuple(values), first  # not reached while ``base`` is valid; kept as a safe floor


def _format(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    if isinstance(value, float):
        return repr(value)  # repr round-trips floats exactly
    return str(value)


_KIND = {"bool": "bool", "int": "int", "float": "float", "str": "text", "tuple[int, ...]": "int_list",
         "tuple[str, ...]": "name_list"}


def _parse(name: str, text: str) -> Any:
    type_name = FIELD_TYPES[name]
    try:
        if type_name == "bool":
            low = text.strip().lower()
            if low in ("1", "true", "yes", "on"):
                return True
            if low in ("0", "false", "no", "off"):
                return False
            raise ValueError
        if type_name == "int":
            return int(_ascii_number(text))
        if type_name == "float":
            return float(_ascii_number(text))
        if type_name == "tuple[int, ...]":
            return tuple(int(_ascii_number(t)) for t in text.split(",") if t.strip())
        if type_name == "tuple[str, ...]":
            return tuple(t.strip().lower() for t in text.split(",") if t.strip())
        if name in CHOICE_FIELDS:
            return text.strip().lower()  # names are lower case; "ReLU" in a link means relu
        return text
    except ValueError:
        raise ConfigError(name, text, _KIND[type_name]) from None


def _ascii_number(text: str) -> str:
    """Refuse digits other than 0-9 (Python's int() reads "٣" and "３"), underscores and
    more than 40 characters: a number in a link or flag is plain ASCII."""
    stripped = text.strip()
    if not stripped or len(stripped) > 40 or not stripped.isascii() or "_" in stripped:
        raise ValueError(text)
    return stripped


def _normalise_types(cfg: RunConfig) -> None:
    for name, type_name in FIELD_TYPES.items():
        value = getattr(cfg, name)
        ok = True
        if type_name == "bool":
            ok = isinstance(value, bool)
        elif type_name == "int":
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif type_name == "float":
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            if ok and not isinstance(value, float):
                try:
                    object.__setattr__(cfg, name, float(value))
                except OverflowError:
                    raise ConfigError(name, value, "finite", low=RANGES[name][0], high=RANGES[name][1]) from None
        elif type_name == "str":
            ok = isinstance(value, str)
        else:
            item = str if type_name == "tuple[str, ...]" else int
            ok = isinstance(value, (list, tuple)) and all(
                isinstance(v, item) and not isinstance(v, bool) for v in value)
            if ok:
                object.__setattr__(cfg, name, tuple(value))
        if not ok:
            raise ConfigError(name, value, _KIND[type_name])


# Ranges: (low, high) inclusive. The UI may offer a narrower range than these.
RANGES: dict[str, tuple[float, float]] = {
    "noise": (0.0, 2.0),
    "n_samples": (20, 20000),
    "test_fraction": (0.05, 0.5),
    "val_fraction": (0.0, 0.5),
    "depth": (1, 50),
    "width": (1, 1024),
    "init_param": (0.0, 100.0),
    "dropout": (0.0, 0.95),
    "l2": (0.0, 1.0),
    "learning_rate": (1e-6, 10.0),
    "batch_size": (1, 8192),
    "epochs": (1, 5000),
    "seed": (0, 2**31 - 1),
}


def _choices(name: str) -> list[str]:
    from nnlab import activations, datasets, initializers, optimizers

    return {"dataset": datasets.names, "scaling": lambda: list(SCALINGS), "task": lambda: list(TASKS),
            "activation": activations.names, "layer_activations": activations.names,
            "initializer": initializers.names, "optimizer": optimizers.names}[name]()


def _check_field(name: str, value: Any) -> None:
    """Raise ConfigError when ``value`` is invalid for ``name`` whatever the other fields are."""
    if name in RANGES:
        low, high = RANGES[name]
        if isinstance(value, float) and not math.isfinite(value):
            raise ConfigError(name, value, "finite", low=low, high=high)
        if not (low <= value <= high):
            raise ConfigError(name, value, "range", low=low, high=high)
    elif name == "layer_widths":
        shown = ",".join(map(str, value))
        if not all(1 <= w <= RANGES["width"][1] for w in value):
            raise ConfigError(name, shown, "layer_width", high=int(RANGES["width"][1]))
        if len(value) > RANGES["depth"][1]:
            raise ConfigError(name, shown, "layer_count", high=int(RANGES["depth"][1]))
    elif name == "layer_activations":
        for a in value:
            if a not in _choices(name):
                raise ConfigError(name, ",".join(value), "choice", choices=_choices(name))
    elif name in CHOICE_FIELDS:
        if value not in _choices(name):
            raise ConfigError(name, value, "choice", choices=_choices(name))


def _check_combination(cfg: RunConfig) -> None:
    if cfg.layer_activations and len(cfg.layer_activations) != cfg.depth:
        raise ConfigError("layer_activations", ",".join(cfg.layer_activations), "per_layer", depth=cfg.depth)
    if cfg.dataset == "csv" and not cfg.csv_path:
        raise ConfigError("csv_path", cfg.csv_path, "csv_file")
    if cfg.test_fraction + cfg.val_fraction >= 0.8:
        raise ConfigError("val_fraction", cfg.val_fraction, "fractions")


def validate(cfg: RunConfig) -> None:
    """Raise ConfigError for the first invalid field (explicit layer widths before the depth they set)."""
    _check_field("layer_widths", cfg.layer_widths)
    for name in FIELD_NAMES:
        _check_field(name, getattr(cfg, name))
    _check_combination(cfg)


# One-line help per field: CLI --help, sidebar tooltips (English; the UI catalog
# translates by field name).
HELP: dict[str, str] = {
    "dataset": "Which data to learn from.",
    "noise": "How much random noise is added to generated 2-D data sets.",
    "n_samples": "How many points a generated 2-D data set has.",
    "test_fraction": "Share of the data held out for the final test.",
    "val_fraction": "Share of the remaining data used to validate after every epoch.",
    "scaling": "How features are scaled (fit on the training split only).",
    "csv_path": "Path of a CSV file (dataset=csv).",
    "target": "Target column of the CSV file.",
    "task": "classification or regression; auto decides from the target column.",
    "depth": "Number of hidden layers.",
    "width": "Neurons per hidden layer.",
    "layer_widths": "Explicit hidden widths, e.g. 256,128 (overrides depth and width).",
    "activation": "Activation function of every hidden layer.",
    "layer_activations": "One activation per hidden layer, e.g. sigmoid,relu (overrides activation).",
    "initializer": "How the initial weights are drawn.",
    "init_param": "Parameter of the initializer: stddev (random_normal), limit (random_uniform), value (constant); 0 = default.",
    "dropout": "Fraction of hidden units switched off at random in each training step.",
    "batchnorm": "Normalise every hidden layer's pre-activations over the batch.",
    "l2": "Weight decay: L2 penalty on the kernels added to the loss.",
    "optimizer": "The update rule.",
    "learning_rate": "Step size of every update.",
    "batch_size": "Samples per gradient step.",
    "epochs": "Passes over the training data.",
    "seed": "Random seed: the same seed gives the same data split, weights and batch order.",
}
