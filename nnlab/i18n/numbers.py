"""Numbers in words a student reads: "about 1/600,000 of" and "약 60만분의 1", not "1.8e-06"."""

from __future__ import annotations

import math

from nnlab.i18n import t

SAME = 1.1  # within 10%: "about the same"


def round_number(x: float) -> int:
    """``x`` rounded to one significant digit below 100, two at or above (25, 600,000)."""
    if x < 10:
        return max(1, round(x))
    digits = 1 if x < 100 else 2
    scale = 10 ** (int(math.floor(math.log10(x))) - digits + 1)
    return int(round(x / scale) * scale)


def count(n: int, lang: str) -> str:
    """A count as people write it: 600,000 in English; 60만, 3억 in Korean."""
    if lang != "ko" or n < 10_000:
        return f"{n:,}"
    for unit, word in ((10**12, "조"), (10**8, "억"), (10**4, "만")):
        if n >= unit:
            value = n / unit
            return f"{value:,.0f}{word}" if value >= 10 or value == int(value) else f"{value:.1f}{word}"
    return f"{n:,}"


def ratio_words(ratio: float, lang: str = "en") -> str:
    """How ``ratio`` (a/b) compares a with b: "about 20 times", "about 77% of",
    "about 1/3 of", "about the same as"."""
    if not math.isfinite(ratio) or ratio <= 0:
        return "–"
    if 1 / SAME < ratio < SAME:
        return t("ratio.same", lang)
    if ratio >= SAME:
        text = f"{round(ratio, 1):g}" if ratio < 10 else count(round_number(ratio), lang)
        return t("ratio.times", lang, n=text)
    if ratio > 0.1:
        return t("ratio.percent", lang, n=round(100 * ratio))
    return t("ratio.fraction", lang, n=count(round_number(1 / ratio), lang))


__all__ = ["count", "ratio_words", "round_number"]
