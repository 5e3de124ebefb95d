"""RunConfig: the one serializable description of a training run.

The sidebar builds it, the URL query string and the CLI flags round-trip it through a
flat ``dict[str, str]``, and the JSON run record embeds it. Every field is declared once,
in ``RunConfig``, with its spec (``nnlab.fields``: type, range, choices, CLI alias, in a
link or not, sidebar widget; label and help in the catalog, ``field.<name>``): the CLI,
the URL round-trip, validation and the sidebar are derived from ``FIELD_SPECS``. Rules
between fields (layer widths set the depth, one activation per layer, the csv data set
needs a file, the splits leave data to train on) live in ``RunConfig`` itself:
``validate`` checks them and ``edit`` applies them when a person changes some fields.

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
import numbers
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from nnlab import i18n
from nnlab.fields import FieldSpec, spec, specs_of

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
MAX_DEPTH = 50
MAX_WIDTH = 1024
LR_STOPS = (1e-5, 3e-5, 1e-4, 3e-4, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
BATCH_STOPS = (1, 2, 4, 8, 16, 32, 64, 100, 128, 256, 512, 1024, 2048)
L2_STOPS = (0.0, 1e-5, 1e-4, 1e-3, 1e-2, 0.1)


# When the sidebar shows a field (``shown_if``): ``value(name)`` is a field's current value.
def _generated_data(value) -> bool:
    from nnlab import datasets

    try:
        return datasets.get(value("dataset")).uses_noise
    except KeyError:
        return False


def _csv_data(value) -> bool:
    return value("dataset") == "csv"


def _initializer_has_param(value) -> bool:
    from nnlab import initializers

    try:
        return bool(initializers.get(value("initializer")).param_name)
    except KeyError:
        return False


@dataclass(frozen=True)
class RunConfig:
    """Every setting of a run. Each field is one ``spec(default, kind, …)`` (``nnlab.fields``)
    plus its label and help in ``nnlab/i18n/fields.py``; nothing else needs to know it."""

    # data
    dataset: str = spec("spiral", "choice", choices="datasets", section="data", widget="select")
    noise: float = spec(0.1, "float", range=(0.0, 2.0), section="data", widget="slider", ui_range=(0.0, 1.0),
                        ui_step=0.05, shown_if=_generated_data)
    n_samples: int = spec(600, "int", range=(20, 20000), section="data", widget="slider", ui_range=(100, 3000),
                          ui_step=50, shown_if=_generated_data, advanced=True)
    test_fraction: float = spec(0.2, "float", range=(0.05, 0.5), section="data", widget="slider", ui_step=0.05, advanced=True)
    val_fraction: float = spec(0.2, "float", range=(0.0, 0.5))
    scaling: str = spec("standard", "choice", choices=SCALINGS, section="data", widget="select",
                        option_key="sidebar.scaling.{}", advanced=True)
    # a CSV file: the sidebar's uploader sets csv_path ("upload:<name>") and csv_sha256
    csv_path: str = spec("", "text", alias="csv", in_url=False, section="data", shown_if=_csv_data)
    target: str = spec("", "text", section="data", shown_if=_csv_data)
    task: str = spec("auto", "choice", choices=TASKS, section="data", widget="select", option_key="sidebar.task.{}",
                     shown_if=_csv_data)
    csv_sha256: str = spec("", "text", pattern="|[0-9a-f]{64}", pattern_code="sha256", in_url=False)
    # network
    depth: int = spec(3, "int", range=(0, MAX_DEPTH), section="network", widget="slider", ui_range=(0, 30),
                      ui_step=1)
    width: int = spec(16, "int", range=(1, MAX_WIDTH), section="network", widget="slider", ui_range=(1, 256),
                      ui_step=1)
    activation: str = spec("relu", "choice", choices="activations", section="network", widget="select")
    layer_widths: tuple[int, ...] = spec((), "int_list", item_range=(1, MAX_WIDTH), max_items=MAX_DEPTH,
                                         section="network", widget="text", group="advanced",
                                         ui_placeholder="256,128", advanced=True)
    layer_activations: tuple[str, ...] = spec((), "name_list", choices="activations", section="network",
                                              widget="toggle", group="advanced", advanced=True)
    initializer: str = spec("he_normal", "choice", choices="initializers", section="network", widget="select")
    init_param: float = spec(0.0, "float", range=(0.0, 100.0), section="network", widget="number", ui_step=0.01,
                             shown_if=_initializer_has_param, advanced=True)
    dropout: float = spec(0.0, "float", range=(0.0, 0.95), section="network", widget="slider", ui_range=(0.0, 0.9),
                          ui_step=0.05)
    batchnorm: bool = spec(False, "bool", section="network", widget="toggle")
    l2: float = spec(0.0, "float", range=(0.0, 1.0), section="network", widget="select_slider", ui_options=L2_STOPS,
                     ui_zero="sidebar.off", advanced=True)
    # training
    # SGD with momentum 0.9 at 0.03, measured on the spiral set in 50 epochs: a 3×16 ReLU
    # net reaches 98% test accuracy; with 8 layers ReLU/ELU reach 98–100%, GELU/swish/tanh
    # 82–87%, while sigmoid stays at 50% with first-layer gradients four orders of
    # magnitude smaller. Adam's per-weight scaling would hide that gap by the end of a run.
    optimizer: str = spec("momentum", "choice", choices="optimizers", section="training", widget="select")
    learning_rate: float = spec(0.03, "float", range=(1e-6, 10.0), alias="lr", section="training",
                                widget="select_slider", ui_options=LR_STOPS)
    batch_size: int = spec(32, "int", range=(1, 8192), section="training", widget="select_slider",
                           ui_options=BATCH_STOPS)
    shuffle: bool = spec(True, "bool", section="training", widget="toggle", advanced=True)
    epochs: int = spec(50, "int", range=(1, 5000), section="training", widget="number", ui_step=10)
    # Per-layer statistics are taken over whole epochs (small nets) or on a sample of the steps
    # (nnlab.engine.sample_mask): on every step they cost +30% to +160% of a step; this switch
    # takes them on every step, exactly.
    stats_every_step: bool = spec(False, "bool", section="training", widget="toggle", advanced=True)
    seed: int = spec(0, "int", range=(0, 2**31 - 1), section="training", widget="number", ui_range=(0, 1_000_000),
                     ui_step=1, advanced=True)

    def __post_init__(self):
        for name, fs in FIELD_SPECS.items():  # wrong types (a hand-edited JSON record) raise ConfigError
            value = getattr(self, name)
            try:
                typed = fs.coerce(value)
            except TypeError:
                raise ConfigError(name, value, fs.type_code) from None
            except OverflowError:
                raise ConfigError(name, value, "finite", low=fs.range[0], high=fs.range[1]) from None
            if typed is not value:
                object.__setattr__(self, name, typed)
        if self.layer_widths:
            object.__setattr__(self, "depth", len(self.layer_widths))
        self.validate()

    # -- rules between fields: the one place they live ------------------------------------------
    # Fields that take part in a rule (``parse_flat`` drops the fewest of them to satisfy the rules).
    RULE_FIELDS = ("dataset", "csv_path", "test_fraction", "val_fraction", "depth", "layer_widths",
                   "layer_activations")

    def validate(self) -> None:
        """Raise ConfigError for the first invalid field (explicit layer widths before the depth
        they set), then for the first rule between fields that does not hold."""
        for name in ("layer_widths", *FIELD_NAMES):
            check_field(name, getattr(self, name))
        if self.layer_activations and len(self.layer_activations) != self.depth:
            raise ConfigError("layer_activations", ",".join(self.layer_activations), "per_layer", depth=self.depth)
        if self.dataset == "csv" and not self.csv_path:
            raise ConfigError("csv_path", self.csv_path, "csv_file")
        if self.test_fraction + self.val_fraction >= 0.8:
            raise ConfigError("val_fraction", self.val_fraction, "fractions")

    def edit(self, **changes) -> "RunConfig":
        """``replace`` as a person means it (the sidebar, a link, CLI flags): explicit layer
        widths set the depth (a depth given with them is ignored); a depth or width without
        layer widths means the uniform shape; leaving the csv data set forgets its file (unless
        one is given)."""
        changes = dict(changes)
        if changes.get("layer_widths"):
            changes.pop("depth", None)
        elif "layer_widths" not in changes and ("depth" in changes or "width" in changes):
            changes["layer_widths"] = ()
        if self.dataset == "csv" and changes.get("dataset", "csv") != "csv":
            changes.setdefault("csv_path", "")
            changes.setdefault("csv_sha256", "")
        return dataclasses.replace(self, **changes)

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
        out = {}
        for name, fs in FIELD_SPECS.items():
            value = getattr(self, name)
            if only_changed and value == getattr(DEFAULT, name):
                continue
            out[name] = fs.format(value)
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
            changes[name] = parse_value(name, str(text))
        return base.edit(**changes)


FIELD_SPECS: dict[str, FieldSpec] = specs_of(RunConfig)
FIELD_NAMES = tuple(FIELD_SPECS)
# Short names accepted for a field by the CLI (``--lr``) and the URL (``?lr=``).
FLAT_ALIASES = {fs.alias: name for name, fs in FIELD_SPECS.items() if fs.alias}
# Validation ranges: (low, high) inclusive. The UI may offer a narrower range (``FieldSpec.ui_range``).
RANGES: dict[str, tuple[float, float]] = {name: fs.range for name, fs in FIELD_SPECS.items() if fs.range}


def field_for_key(key: str) -> str | None:
    """The field a flat key (field name or alias) sets, or None for an unknown key."""
    key = str(key)
    return key if key in FIELD_SPECS else FLAT_ALIASES.get(key)


def parse_value(name: str, text: str) -> Any:
    """Field ``name``'s value from its text form; ConfigError (the field's type code) when it is not one."""
    fs = FIELD_SPECS[name]
    try:
        return fs.parse(text)
    except ValueError:
        raise ConfigError(name, text, fs.type_code) from None


def check_field(name: str, value: Any) -> None:
    """Raise ConfigError when ``value`` is invalid for ``name`` whatever the other fields are."""
    problem = FIELD_SPECS[name].problem(value)
    if problem is not None:
        code, shown, params = problem
        raise ConfigError(name, shown, code, **params)


DEFAULT = RunConfig()


# -- lenient parsing (URL query strings) -------------------------------------------------------

@dataclass(frozen=True)
class FlatIssue:
    """One thing ``parse_flat`` or ``parse_query`` ignored.

    kind: "unknown" (``key`` is no setting; ``suggestion`` is a close field name or ""),
    "repeated" (``key`` was given ``count`` times; the last value, ``value``, is used),
    "invalid" (``value`` is not valid for ``key`` on its own: ``error`` says why),
    "conflict" (``value`` is valid alone, but not together with the others: ``error``),
    "no_file" (a link cannot choose a file: ``key`` is a field a link does not carry, or
    the csv data set).
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
            value = parse_value(name, text)
            check_field(name, value)
        except ConfigError as exc:
            issues.append(FlatIssue("invalid", name, text, exc))
        else:
            values[name] = value
    config, dropped, error = _fewest_drops(base, values)
    issues += [FlatIssue("conflict", name, given[name][-1], error) for name in dropped]
    return config, issues


def _fewest_drops(base: RunConfig, values: dict[str, Any]) -> tuple[RunConfig, tuple[str, ...], ConfigError | None]:
    try:
        return base.edit(**values), (), None
    except ConfigError as exc:
        first = exc
    # Every field is valid alone, so only fields in a rule can be at fault. Try dropping
    # 1, then 2, … of them; among drops of one size, those that hold more of the fields the
    # errors so far have named come first.
    suspects = [n for n in FIELD_NAMES if n in values and n in RunConfig.RULE_FIELDS]
    named = [first.field]
    for size in range(1, len(suspects) + 1):
        ranked = sorted(itertools.combinations(suspects, size), key=lambda d: -sum(n in d for n in named))
        for drop in ranked:
            try:
                return base.edit(**{k: v for k, v in values.items() if k not in drop}), drop, first
            except ConfigError as exc:
                if exc.field not in named:
                    named.append(exc.field)
    return base, tuple(values), first  # not reached while ``base`` is valid; kept as a safe floor


# -- links: the query string of a page ---------------------------------------------------------------

# With the csv data set a link carries none of these: the file itself cannot travel in a link.
CSV_ONLY_IN_LINKS = ("dataset", "target", "task")


def parse_query(pairs: Iterable[tuple[str, str]]) -> tuple[RunConfig, list[FlatIssue]]:
    """The settings of a link's (key, value) pairs and what was ignored (``parse_flat``).

    A field a link cannot carry (``in_url`` is false: a file path, a file's hash), and
    ``dataset=csv`` (which needs a file), give an issue of kind "no_file" instead.
    """
    kept, no_file = [], []
    for key, value in pairs:
        name = field_for_key(key)
        if name is not None and (not FIELD_SPECS[name].in_url
                                 or (name == "dataset" and str(value).strip().lower() == "csv")):
            no_file.append(FlatIssue("no_file", name, str(value)))
        else:
            kept.append((key, value))
    config, issues = parse_flat(kept)
    return config, no_file + issues


def to_query(config: RunConfig) -> dict[str, str]:
    """The changed fields of ``config`` that a link carries (``parse_query`` reads them back)."""
    skip = CSV_ONLY_IN_LINKS if config.dataset == "csv" else ()
    return {name: text for name, text in config.to_flat(only_changed=True).items()
            if FIELD_SPECS[name].in_url and name not in skip}


def query_keys() -> tuple[str, ...]:
    """Every query key that sets a field (names and aliases)."""
    return (*FIELD_NAMES, *FLAT_ALIASES)
