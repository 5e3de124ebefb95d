"""The UI text catalog: every string a page shows, in English and Korean.

The catalog is one dictionary assembled from one module per area (``common``, ``train``,
``live``, ``compare``, ``explorer``, ``neuron``, ``softmax``, ``registries``, ``code``) so
that pages can grow their text without editing each other's; a key may be defined only once.
``t(key, lang, **fmt)`` looks a string up and formats it; a missing Korean string falls
back to English (``tests/test_korean_ui.py`` checks that none is missing).

Registry entries (activations, initializers, optimizers, data sets, presets) carry keys,
not texts: ``display_name(kind, name, lang)`` and ``summary(kind, name, lang)`` look their
texts up (``<prefix>.<name>.display`` / ``.summary`` in ``registries.py``).
"""

from __future__ import annotations

import importlib

LANGUAGES = {"en": "English", "ko": "한국어"}
_AREAS = ("common", "fields", "train", "live", "compare", "explorer", "neuron", "softmax", "lessons",
          "registries", "share", "code", "inside", "histograms", "replay", "sweep", "sweep_page")


def _assemble() -> dict[str, dict[str, str]]:
    catalog: dict[str, dict[str, str]] = {}
    for area in _AREAS:
        try:
            module = importlib.import_module(f"{__name__}.{area}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{area}":
                raise
            continue
        for key, text in module.TEXT.items():
            if key in catalog:
                raise RuntimeError(f"UI text key {key!r} is defined twice (second time in {area}.py)")
            catalog[key] = text
    return catalog


CATALOG = _assemble()


def t(key: str, lang: str = "en", **fmt) -> str:
    entry = CATALOG.get(key)
    if entry is None:
        return key  # visible, so a missing key is noticed rather than hidden
    text = entry.get(lang) or entry["en"]
    return text.format(**fmt) if fmt else text


# catalog prefix of each registry kind (nnlab.registry.Registry.prefix)
PREFIXES = {"activation": "act", "initializer": "init", "optimizer": "opt", "dataset": "dataset", "preset": "preset"}


def _registry_text(kind: str, name: str, part: str, lang: str) -> str:
    prefix = PREFIXES.get(kind, kind)
    key = f"{prefix}.{name}.{part}"
    if key not in CATALOG and isinstance(name, str):
        key = f"{prefix}.{name.strip().lower()}.{part}"
    return t(key, lang) if key in CATALOG else str(name)


def display_name(kind: str, name: str, lang: str = "en") -> str:
    """How the UI names registry entry ``name`` of ``kind`` ("activation", "initializer",
    "optimizer", "dataset", "preset") in ``lang``: ``display_name("initializer", "zeros", "ko")``
    is "모두 0". An unknown name is shown as it is."""
    return _registry_text(kind, name, "display", lang)


def summary(kind: str, name: str, lang: str = "en") -> str:
    """The one-line explanation of registry entry ``name`` of ``kind`` in ``lang``."""
    return _registry_text(kind, name, "summary", lang)


def describe(entry, lang: str = "en") -> str:
    """The one-line explanation of a registry entry (anything with ``PREFIX`` and ``name``)."""
    return t(f"{entry.PREFIX}.{entry.name}.summary", lang)


def target_name(dataset: str, column: str, lang: str = "en") -> str:
    """A built-in data set's target column as shown ("progression" → "진행 정도"); a CSV
    file's own column names are data and are shown as they are."""
    key = f"dataset.{dataset}.target"
    return t(key, lang) if key in CATALOG and dataset != "csv" else column


def feature_names(dataset: str, columns, lang: str = "en") -> list[str]:
    """A built-in data set's feature columns as shown (iris: "꽃잎 길이 (cm)", …); others as they are."""
    keys = [f"dataset.{dataset}.feature.{i}" for i in range(len(columns))]
    return [t(k, lang) if k in CATALOG else str(c) for k, c in zip(keys, columns)]
