"""A page's own settings in its URL, for the pages whose state is plain widgets (Compare's
variable and values, the activation explorer, the single neuron, the softmax page).

The run settings of Train and Compare travel through ``nnlab.ui.sidebar`` (one spec per
RunConfig field); this module does the same for the few widgets a page draws itself, so
the link a teacher copies (``nnlab.ui.share``) gives a student the page exactly as shown.

A page lists its ``Param``s — query name, widget key, default, parse and format — and calls
``restore(page, params)`` before drawing its widgets and ``publish(page, params)`` after.

- ``restore`` reads the link when it says something the page has not written itself (the
  first visit, a pasted link): each value is parsed on its own, and one that cannot be read
  gives a warning in the user's language naming the parameter and what it accepts, while
  every other value is still used. Without such a link, the values the page last had in
  this session come back: Streamlit forgets the state of a page's widgets when the user
  visits another page, and the class expects to find the page as they left it.
- ``publish`` writes every value that differs from its default into the URL and removes
  the others, so an untouched page keeps a short link.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import streamlit as st

from nnlab.ui.common import lang, t, visit
from nnlab.ui.sidebar import md_value

_PUBLISHED = "url.published.{page}"  # {param: text} the page last wrote into the URL
_SAVED = "url.saved.{page}"  # {widget key: value} the page last had (restored after a visit elsewhere)
_WARNINGS = "url.warnings.{page}"


@dataclass(frozen=True)
class Param:
    """One widget of a page in its URL."""

    name: str  # the query parameter
    key: str  # the widget's key in session state
    default: object  # the widget's value when the link does not set it
    parse: Callable[[str], object] = str  # text → value; ValueError when it cannot be read
    format: Callable[[object], str] = str  # value → text (parse(format(v)) == v)
    accepts: str = ""  # what the parameter accepts, shown when a value cannot be read
    extra: Sequence[str] = field(default_factory=tuple)  # more query names it owns (none so far)

    def text(self, value) -> str:
        return self.format(value)


# -- small parsers pages share -------------------------------------------------------------------

def choice(options: Sequence) -> Callable[[str], object]:
    """Parse one of ``options``: by its text (case-insensitively, ``1``/``0`` for booleans) or,
    for numbers, by value (``0.50`` is ``0.5``)."""
    by_text = {}
    for option in options:
        by_text[str(option).lower()] = by_text[short(option)] = option

    def parse(text: str):
        key = text.strip().lower()
        if key in by_text:
            return by_text[key]
        value = float(key)  # ValueError when it is not a number either
        for option in options:
            if isinstance(option, (int, float)) and not isinstance(option, bool) and float(option) == value:
                return option
        raise ValueError(text)
    return parse


def number(low: float, high: float, kind: type = float) -> Callable[[str], object]:
    """Parse an int or float within [low, high]."""
    def parse(text: str):
        value = kind(float(text)) if kind is int and float(text).is_integer() else kind(text)
        if not low <= value <= high or value != value:
            raise ValueError(text)
        return value
    return parse


def boolean(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(text)


def listing(item: Callable[[str], object], low: int = 1, high: int = 64) -> Callable[[str], list]:
    """Parse a comma-separated list of ``item``s, ``low`` to ``high`` long."""
    def parse(text: str) -> list:
        values = [item(part) for part in text.split(",") if part.strip()]
        if not low <= len(values) <= high:
            raise ValueError(text)
        return values
    return parse


def joined(values) -> str:
    return ",".join(short(v) for v in values)


def short(value) -> str:
    """A value as the shortest text that reads back exactly the same (0.1, not 0.1000000000000000055)."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value).removesuffix(".0")
    return str(value)


# -- restore and publish -----------------------------------------------------------------------

def _link_says(page: str, params: Sequence[Param]) -> dict[str, str]:
    """The page's parameters in the URL that the page did not write itself."""
    published = st.session_state.get(_PUBLISHED.format(page=page), {})
    here = {p.name: st.query_params.get(p.name) for p in params if p.name in st.query_params}
    return {} if here == published else here


def restore(page: str, params: Sequence[Param]) -> None:
    """Before the page draws its widgets: the link's values (when the link is new), else the
    values the page had when the user left it; warnings for values that cannot be read."""
    ss = st.session_state
    from_link = _link_says(page, params)
    warnings = []
    if from_link:
        read = {}
        for p in params:
            if p.name not in from_link:
                ss[p.key] = p.default
                continue
            try:
                ss[p.key] = p.parse(from_link[p.name])
            except (ValueError, TypeError, OverflowError):
                ss[p.key] = p.default
                warnings.append((p.name, from_link[p.name], p.accepts))
            else:
                if p.text(ss[p.key]) != p.text(p.default):
                    read[p.name] = p.text(ss[p.key])
        # what publish will write for these values: the link's warnings stay until the user changes something
        ss[_PUBLISHED.format(page=page)] = read
        ss[_WARNINGS.format(page=page)] = (visit(), warnings)
    else:
        saved = ss.get(_SAVED.format(page=page), {})
        for p in params:
            if p.key not in ss:
                ss[p.key] = saved.get(p.key, p.default)
        now = {p.name: p.text(ss[p.key]) for p in params if p.text(ss[p.key]) != p.text(p.default)}
        if now != ss.get(_PUBLISHED.format(page=page)):  # the user changed something since the link
            ss[_WARNINGS.format(page=page)] = (None, [])
    seen_on, warnings = ss.get(_WARNINGS.format(page=page), (None, []))
    for name, value, accepts in warnings if seen_on == visit() else ():  # not again after a visit elsewhere
        st.warning(t("share.url_bad", param=md_value(name, lang()), value=md_value(value, lang()),
                     accepts=accepts or "—"), icon="⚠️")


def publish(page: str, params: Sequence[Param]) -> None:
    """After the page drew its widgets: the values that differ from their defaults into the
    URL (the others out of it), remembered for the next visit."""
    ss = st.session_state
    before = ss.get(_PUBLISHED.format(page=page))
    written, saved = {}, {}
    for p in params:
        if p.key not in ss:
            continue
        value = ss[p.key]
        saved[p.key] = value
        text = p.text(value)
        if text == p.text(p.default):
            if p.name in st.query_params:
                del st.query_params[p.name]
        else:
            written[p.name] = text
            if st.query_params.get_all(p.name) != [text]:
                st.query_params[p.name] = text
    ss[_PUBLISHED.format(page=page)] = written
    ss[_SAVED.format(page=page)] = saved
    if written != before:  # the user changed something since the link: its warnings are history
        ss[_WARNINGS.format(page=page)] = (None, [])


__all__ = ["Param", "boolean", "choice", "joined", "listing", "number", "publish", "restore", "short"]
