"""The UI text catalog: every string a page shows, in English and Korean.

The catalog is one dictionary assembled from one module per area (``common``, ``train``,
``live``, ``compare``, ``explorer``, ``neuron``, ``softmax``) so that pages can grow their text
without editing each other's; a key may be defined only once. ``t(key, lang, **fmt)``
looks a string up and formats it; a missing Korean string falls back to English.
Registry entries (activations, initializers, …) carry their own two summaries:
``describe(entry, lang)`` picks one.
"""

from __future__ import annotations

import importlib

LANGUAGES = {"en": "English", "ko": "한국어"}
_AREAS = ("common", "fields", "train", "live", "compare", "explorer", "neuron", "softmax", "lessons")


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


def describe(entry, lang: str = "en") -> str:
    """The one-line explanation of a registry entry in the chosen language."""
    if lang == "ko" and getattr(entry, "summary_ko", ""):
        return entry.summary_ko
    return entry.summary
