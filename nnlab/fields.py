"""Field specs: everything NN Lab knows about one RunConfig setting, declared once.

Every ``RunConfig`` field is declared with ``spec(default, kind, …)``, which keeps a
``FieldSpec`` in the dataclass field's metadata. Everything else is derived from it:

* ``nnlab.config`` parses text (``parse``), checks types (``coerce``) and the field's own
  rule (``check``: range, choices, pattern), and writes text back (``format``);
* ``nnlab.cli`` makes the ``--flag`` (and the ``alias``), its metavar and its help;
* the URL round-trip (``nnlab.config.parse_query``/``to_query``) reads and writes the
  fields with ``in_url``, under their name or ``alias``;
* ``nnlab.ui.sidebar`` draws the ``widget`` in its ``section`` with ``ui_range``,
  ``ui_step``, ``ui_options`` and the choices' display names, when ``shown_if`` holds.

Texts live in the catalog (``nnlab/i18n/fields.py``): ``field.<name>`` is the label and
``field.<name>.help`` the one help text, used by the CLI (English) and the sidebar (the
user's language). Rules between fields are not here: they live in ``RunConfig``.
"""

from __future__ import annotations

import dataclasses
import importlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# kind -> the ConfigError code of a value of the wrong type, and the CLI's metavar
KINDS = {"bool": ("bool", "BOOL"), "int": ("int", "INT"), "float": ("float", "FLOAT"), "text": ("text", "TEXT"),
         "choice": ("text", "NAME"), "int_list": ("int_list", "INTS"), "name_list": ("name_list", "NAMES")}
WIDGETS = ("", "select", "slider", "select_slider", "number", "toggle", "text")
SECTIONS = ("", "data", "network", "training")


@dataclass(frozen=True)
class FieldSpec:
    """One setting: how it is typed, checked, named on the command line and in links, and drawn.

    kind: "bool", "int", "float", "text", "choice" (a lower-case name), "int_list" or
      "name_list" (comma-separated in text form, tuples in a RunConfig).
    range: inclusive (low, high) of a number; item_range/max_items: of a list's items and
      their count (ConfigError codes ``layer_width``/``layer_count``: only layer widths have them).
    choices: the allowed names (of a choice or a name list): a tuple, or the name of a
      registry module (``"activations"`` → ``activations.names()``).
    pattern: a text value must match this regular expression whole ("" = any text);
      ``pattern_code`` is the ConfigError code when it does not.
    alias: a short name, also a CLI flag and a URL key (``"lr"`` → ``--lr``, ``?lr=``).
    in_url: whether a link may carry the field (a file cannot travel in a link).
    section/widget/group: where and how the sidebar draws it ("" widget = not drawn by the
      sidebar's generic code; a few fields have drawing code of their own there); fields
      of one ``group`` share an expander (label ``sidebar.<group>``).
    ui_range/ui_step/ui_options/ui_zero/ui_placeholder: the widget's narrower range, its
      step, the stops of a select slider, the catalog key shown for 0, a text placeholder.
    option_key: catalog key of a non-registry choice's display name, "{}" = the value.
    advanced: presenter mode hides the control unless the teacher shows it (``nnlab.ui.presenter``).
    shown_if: f(value) → bool, where value(name) is the current value of any field: the
      sidebar draws the widget only when it matters (e.g. noise only for 2-D data).
    """

    kind: str
    range: tuple[float, float] | None = None
    item_range: tuple[int, int] | None = None
    max_items: int | None = None
    choices: tuple[str, ...] | str = ()
    pattern: str = ""
    pattern_code: str = ""
    alias: str = ""
    in_url: bool = True
    section: str = ""
    widget: str = ""
    group: str = ""
    ui_range: tuple[float, float] | None = None
    ui_step: float | None = None
    ui_options: tuple = ()
    ui_zero: str = ""
    ui_placeholder: str = ""
    option_key: str = ""
    advanced: bool = False
    shown_if: Callable[[Callable[[str], Any]], bool] | None = dataclasses.field(default=None, compare=False)
    name: str = ""  # set by ``bind`` from the dataclass field
    label: str = ""  # catalog key of the label (default ``field.<name>``)
    help: str = ""  # catalog key of the help text (default ``field.<name>.help``)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown field kind {self.kind!r}")
        if self.widget not in WIDGETS or self.section not in SECTIONS:
            raise ValueError(f"unknown widget {self.widget!r} or section {self.section!r}")

    def bind(self, name: str) -> FieldSpec:
        return dataclasses.replace(self, name=name, label=self.label or f"field.{name}",
                                   help=self.help or f"field.{name}.help")

    # -- facts derived from the spec ------------------------------------------------------------
    @property
    def type_code(self) -> str:
        """The ConfigError code of a value that is not of this field's type."""
        return KINDS[self.kind][0]

    @property
    def metavar(self) -> str:
        return KINDS[self.kind][1]

    @property
    def flags(self) -> list[str]:
        """The CLI flags: ``--batch-size`` (and ``--lr`` for a field with an alias)."""
        return ["--" + self.name.replace("_", "-")] + (["--" + self.alias] if self.alias else [])

    @property
    def keys(self) -> tuple[str, ...]:
        """The flat keys (URL, CLI) that set this field: its name and its alias."""
        return (self.name, self.alias) if self.alias else (self.name,)

    @property
    def registry(self):
        """The registry module the choices come from (``nnlab.activations`` …), or None."""
        return importlib.import_module(f"nnlab.{self.choices}") if isinstance(self.choices, str) else None

    def options(self) -> list[str]:
        """The allowed names of a choice or name-list field ([] for other kinds)."""
        registry = self.registry
        return list(registry.names()) if registry else list(self.choices)

    def ui_bounds(self) -> tuple[float, float]:
        """The widget's range: ``ui_range`` or else the validation range."""
        return self.ui_range or self.range

    # -- values -------------------------------------------------------------------------------
    def parse(self, text: str) -> Any:
        """A value from its text form (URL, CLI); ValueError when the text is not of the kind."""
        kind = self.kind
        if kind == "bool":
            low = text.strip().lower()
            if low in ("1", "true", "yes", "on"):
                return True
            if low in ("0", "false", "no", "off"):
                return False
            raise ValueError(text)
        if kind == "int":
            return int(ascii_number(text))
        if kind == "float":
            return float(ascii_number(text))
        if kind == "int_list":
            return tuple(int(ascii_number(t)) for t in text.split(",") if t.strip())
        if kind == "name_list":
            return tuple(t.strip().lower() for t in text.split(",") if t.strip())
        if kind == "choice":
            return text.strip().lower()  # names are lower case; "ReLU" in a link means relu
        return text

    def coerce(self, value: Any) -> Any:
        """``value`` (from Python or a JSON record) as this field's type; TypeError when it is not
        one, OverflowError for an int too large to be a float."""
        kind = self.kind
        if kind == "bool":
            ok = isinstance(value, bool)
        elif kind == "int":
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif kind == "float":
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            if ok:
                return float(value)
        elif kind in ("text", "choice"):
            ok = isinstance(value, str)
        else:
            item = int if kind == "int_list" else str
            ok = isinstance(value, (list, tuple)) and all(
                isinstance(v, item) and not isinstance(v, bool) for v in value)
            if ok:
                return tuple(value)
        if not ok:
            raise TypeError(self.name)
        return value

    def format(self, value: Any) -> str:
        """The text form of a value; ``parse`` reads it back exactly."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, tuple):
            return ",".join(str(v) for v in value)
        if isinstance(value, float):
            return repr(value)  # repr round-trips floats exactly
        return str(value)

    def problem(self, value: Any) -> tuple[str, Any, dict] | None:
        """Why ``value`` (already of the right type) is invalid on its own: (code, the value as
        shown, params) of a ConfigError, or None."""
        if self.range is not None:
            low, high = self.range
            if isinstance(value, float) and not math.isfinite(value):
                return "finite", value, {"low": low, "high": high}
            if not low <= value <= high:
                return "range", value, {"low": low, "high": high}
        if self.kind in ("int_list", "name_list"):
            shown = ",".join(map(str, value))
            if self.item_range and not all(self.item_range[0] <= v <= self.item_range[1] for v in value):
                return "layer_width", shown, {"high": int(self.item_range[1])}
            if self.max_items is not None and len(value) > self.max_items:
                return "layer_count", shown, {"high": self.max_items}
            if self.choices and any(v not in self.options() for v in value):
                return "choice", shown, {"choices": self.options()}
        elif self.kind == "choice" and value not in self.options():
            return "choice", value, {"choices": self.options()}
        if self.pattern and not re.fullmatch(self.pattern, value):
            return self.pattern_code, value, {}
        return None


def spec(default: Any, kind: str, **facts) -> Any:
    """A RunConfig field: ``default`` plus its ``FieldSpec`` (see there for ``facts``)."""
    return dataclasses.field(default=default, metadata={"spec": FieldSpec(kind, **facts)})


def specs_of(cls) -> dict[str, FieldSpec]:
    """Every field's spec, in declaration order (each field must have one)."""
    out = {}
    for f in dataclasses.fields(cls):
        if "spec" not in f.metadata:
            raise TypeError(f"RunConfig field {f.name!r} has no spec: declare it with fields.spec(...)")
        out[f.name] = f.metadata["spec"].bind(f.name)
    return out


def ascii_number(text: str) -> str:
    """Refuse digits other than 0-9 (Python's int() reads "٣" and "３"), underscores and
    more than 40 characters: a number in a link or flag is plain ASCII."""
    stripped = text.strip()
    if not stripped or len(stripped) > 40 or not stripped.isascii() or "_" in stripped:
        raise ValueError(text)
    return stripped


__all__ = ["FieldSpec", "KINDS", "ascii_number", "spec", "specs_of"]
