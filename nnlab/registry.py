"""One small registry helper shared by every table of named things: activations,
initializers, optimizers, data sets and presets.

A ``Registry`` holds entries by their canonical name, in the order given, plus aliases.
Every registry follows the same rules:

* lookup folds case and surrounding spaces, then follows aliases ("SiLU" → "swish");
* ``names()`` lists the canonical names only, in table order;
* ``get(name)`` returns the entry or raises ``UnknownName`` — a ``KeyError`` with a
  catalog code (``registry.err.unknown``) and parameters (the kind, the name asked for,
  the valid names), whose English text is its ``str()`` and which the UI shows in the
  user's language (``UnknownName.text(lang)``).

Entries carry keys, not texts: an entry's display name and one-line summary live in the
UI text catalog (``nnlab/i18n/registries.py``) under ``<prefix>.<name>.display`` and
``<prefix>.<name>.summary``. ``Entry`` gives every entry class ``display`` and ``summary``
properties with the English text (for the CLI); the UI asks the catalog in the user's
language with ``i18n.display_name(kind, name, lang)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, ClassVar, Generic, TypeVar

from nnlab import i18n

E = TypeVar("E")


def fold(name: str) -> str:
    """The form names are compared in: no surrounding spaces, lower case."""
    return name.strip().lower()


class UnknownName(KeyError):
    """A registry has no entry of that name. ``code``/``params`` say so as catalog data."""

    code = "registry.err.unknown"

    def __init__(self, kind: str, name: Any, choices: Iterable[str]):
        self.kind = kind
        self.name = name
        self.choices = list(choices)
        self.params = {"kind": kind, "name": str(name), "choices": self.choices}
        super().__init__(self.text("en"))

    def text(self, lang: str = "en", quote: Callable[[str], str] | None = None,
             plain: Callable[[str], str] | None = None) -> str:
        """The message in ``lang``; ``quote`` formats the name asked for, ``plain`` each valid name
        (by default as the CLI shows them: the name in quotes, the valid names as they are)."""
        from nnlab.config import format_params  # config imports the registries lazily, never at import time

        kwargs = {k: v for k, v in (("quote", quote), ("plain", plain)) if v is not None}
        shown = format_params({"name": str(self.name), "choices": self.choices}, lang=lang, **kwargs)
        return i18n.t(self.code, lang, kind=i18n.t(f"registry.kind.{self.kind}", lang), **shown)

    def __str__(self) -> str:  # KeyError's own str() would show the message in quotes
        return self.args[0]


class Entry:
    """Mix-in of registry entries: English display name and summary from the catalog.

    Subclasses set ``PREFIX`` (the catalog prefix of their kind) and have a ``name``.
    """

    PREFIX: ClassVar[str] = ""
    name: str

    @property
    def display(self) -> str:
        """The English display name (the CLI's; the UI uses ``i18n.display_name``)."""
        return i18n.t(f"{self.PREFIX}.{self.name}.display", "en")

    @property
    def summary(self) -> str:
        """The English one-line summary (the CLI's; the UI uses ``i18n.summary``)."""
        return i18n.t(f"{self.PREFIX}.{self.name}.summary", "en")


class Registry(Generic[E]):
    """Entries of one kind by canonical name, with aliases; see the module docstring.

    Reads like a read-only dict of canonical names (``in``, iteration, ``[name]``,
    ``items()``), except that ``get`` raises for an unknown name instead of returning None.
    """

    def __init__(self, kind: str, prefix: str, entries: Iterable[E], aliases: Mapping[str, str] | None = None,
                 texts: tuple[str, ...] = ("display", "summary")):
        self.kind = kind  # "activation", "initializer", …: catalog key registry.kind.<kind>
        self.prefix = prefix  # catalog prefix of the entries' texts: <prefix>.<name>.display
        self.texts = texts  # the catalog texts every entry has
        self._entries: dict[str, E] = {}
        for entry in entries:
            name = entry.name
            if name != fold(name) or name in self._entries:
                raise ValueError(f"{kind} {name!r}: names must be unique, lower case and without spaces")
            self._entries[name] = entry
        self._aliases: dict[str, str] = {}
        for alias, target in (aliases or {}).items():
            if fold(alias) in self._entries or target not in self._entries:
                raise ValueError(f"{kind} alias {alias!r} → {target!r}: must not shadow a name and must point to one")
            self._aliases[fold(alias)] = target

    # -- lookup ---------------------------------------------------------------------------
    def names(self) -> list[str]:
        return list(self._entries)

    @property
    def aliases(self) -> dict[str, str]:
        return dict(self._aliases)

    def resolve(self, name: Any) -> str:
        """The canonical name of ``name`` (an alias or another case); UnknownName if none."""
        if isinstance(name, str):
            key = fold(name)
            key = self._aliases.get(key, key)
            if key in self._entries:
                return key
        raise UnknownName(self.kind, name, self._entries)

    def get(self, name: Any) -> E:
        return self._entries[self.resolve(name)]

    # -- texts ----------------------------------------------------------------------------
    def display(self, name: str, lang: str = "en") -> str:
        return i18n.t(f"{self.prefix}.{self.resolve(name)}.display", lang)

    def summary(self, name: str, lang: str = "en") -> str:
        return i18n.t(f"{self.prefix}.{self.resolve(name)}.summary", lang)

    def text_keys(self) -> list[str]:
        """Every catalog key the entries need (a test checks each exists in both languages)."""
        return [f"{self.prefix}.{name}.{part}" for name in self._entries for part in self.texts]

    # -- read-only mapping of canonical names -------------------------------------------------
    def __getitem__(self, name: Any) -> E:
        return self.get(name)

    def __contains__(self, name: object) -> bool:
        try:
            self.resolve(name)
        except UnknownName:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self) -> list[str]:
        return self.names()

    def values(self) -> list[E]:
        return list(self._entries.values())

    def items(self) -> list[tuple[str, E]]:
        return list(self._entries.items())

    def __repr__(self) -> str:
        return f"Registry({self.kind!r}, {self.names()!r})"


__all__ = ["Entry", "Registry", "UnknownName", "fold"]
