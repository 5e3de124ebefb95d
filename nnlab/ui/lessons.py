"""Lessons in the app: Home's lesson cards, ``?lesson=<name>`` on a page, and the lesson box.

``arrive(page, apply)`` (called before a page draws its widgets) reads ``?lesson=`` and,
when it names a lesson not yet open on that page (or comes from a card on Home), applies
its settings once through the page's ``apply(lesson, url_pairs)``; settings in the same link (``&epochs=10``) override the
lesson's. The open lesson is kept per page in session state and written back to the URL,
so the link shared while a lesson is open gives every student the same setup (``lang``
stays its own parameter). ``lesson_box`` draws the explanation above the charts: title,
source, what to watch for, what the class should see, "reset to lesson", "leave lesson",
and — once the lesson's runs have finished — the claim's verdict with its numbers
(``Lesson.check``; a teaching page judges the numbers it computed itself, ``verdict_text``). The lesson table and its claims are ``nnlab.lessons``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import streamlit as st

from nnlab import lessons, snapshot
from nnlab.config import RunConfig, field_for_key, parse_flat
from nnlab.lessons import Lesson
from nnlab.ui.common import PAGES, lang, t
from nnlab.ui.sidebar import STATE_KEY, current_config, md_value, set_config

PARAM = "lesson"
OPEN = "lesson.open"  # {page: name of the lesson open on it}
FROM_HOME = "lesson.from_home"  # the visitor comes from Home's cards: a card's lesson is applied afresh
_ICONS = {path.split("/")[-1].removesuffix(".py"): icon for path, _, icon in PAGES}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def page_file(page: str) -> str:
    return f"pages/{page}.py"


def link_params(name: str) -> dict[str, str]:
    """The query parameters of a link that opens lesson ``name`` in the current language."""
    language = lang()
    return {PARAM: name, **({"lang": language} if language != "en" else {})}


def source_text(lesson: Lesson, language: str) -> str:
    """"lecture 002" in the user's language; a paper's authors and year as written."""
    if lesson.source.startswith("lecture "):
        return t("lesson.source.lecture", n=lesson.source.removeprefix("lecture "))
    return lesson.source.replace(" et al.", " " + t("lesson.source.et_al"))


def first_sentences(text: str, short: int = 80) -> str:
    """The first sentence of ``text``, and the second too when the first is short."""
    parts = _SENTENCE_END.split(text.strip())
    return " ".join(parts[:2]) if len(parts) > 1 and len(parts[0]) < short else parts[0]


def _width(text: str) -> int:
    """Display width: a Hangul or other wide character takes about two Latin letters' room."""
    return sum(2 if ord(c) >= 0x1100 else 1 for c in text)


def snippet(text: str, width: int = 100) -> str:
    """The first sentence or two of ``text``, cut at a word to about ``width`` (a card stays short)."""
    text = first_sentences(text)
    if _width(text) <= width:
        return text
    words, out = text.split(), ""
    for word in words:
        if _width(f"{out} {word}") > width - 1:
            break
        out = f"{out} {word}".strip()
    return out.rstrip(",;:—") + "…"


# -- Home -----------------------------------------------------------------------------------------

def home_cards(per_row: int = 3) -> None:
    """Every lesson as a card, grouped by topic: title, source and page, what to watch for
    (its first sentence or two, cut short) and a link that opens the lesson on its page."""
    L = lang()
    st.session_state[FROM_HOME] = True
    st.markdown(f"#### {t('lesson.home.heading')}")
    st.caption(t("lesson.home.intro"))
    for topic in lessons.TOPICS:
        st.markdown(f"##### {t(f'lesson.topic.{topic}')}")
        items = [lesson for lesson in lessons.LESSONS.values() if lesson.topic == topic]
        for start in range(0, len(items), per_row):
            for col, lesson in zip(st.columns(per_row), items[start:start + per_row]):
                with col.container(border=True, height="stretch", gap="small"):
                    st.markdown(f"**{t(f'lesson.{lesson.name}.title')}**")
                    st.caption(f"{source_text(lesson, L)} · {t(f'nav.{lesson.page}')} — "
                               + snippet(t(f"lesson.{lesson.name}.watch")))
                    st.page_link(page_file(lesson.page), label=t("lesson.card.open"), icon=_ICONS.get(lesson.page),
                                 query_params=link_params(lesson.name), help=t("lesson.open", page=t(f"nav.{lesson.page}")))


# -- arriving on a page -----------------------------------------------------------------------------

def url_setting_pairs() -> list[tuple[str, str]]:
    """The (key, value) pairs of the URL that set a RunConfig field (``lang``, ``lesson`` left out)."""
    return [(key, value) for key in st.query_params for value in st.query_params.get_all(key)
            if field_for_key(key) is not None]


def apply_run_settings(lesson: Lesson, url_pairs: list[tuple[str, str]]) -> RunConfig:
    """Train and Compare: the sidebar gets the lesson's settings, with the link's own settings on top."""
    current_config()  # a first visit reads the link once, as without a lesson
    config, issues = parse_flat(url_pairs, base=lesson.config())
    set_config(config)
    st.session_state[f"{STATE_KEY}.frame"] = None
    st.session_state[f"{STATE_KEY}.url_warnings"] = issues
    return config


def arrive(page: str, apply: Callable[[Lesson, list[tuple[str, str]]], object]) -> Lesson | None:
    """The lesson open on ``page``: a new ``?lesson=`` is applied once (``apply``); an unknown
    name or a lesson of another page gives a warning in the user's language."""
    opened: dict = st.session_state.setdefault(OPEN, {})
    wanted = st.query_params.get(PARAM)
    # a card clicked on Home applies its lesson even when it is open already (with changes since)
    fresh = st.session_state.pop(FROM_HOME, False)
    if wanted is not None and (wanted != opened.get(page) or fresh):
        lesson = lessons.LESSONS.get(wanted)
        if lesson is None:
            st.warning(t("lesson.unknown", name=md_value(wanted, lang()),
                         names=", ".join(f"`{name}`" for name in lessons.LESSONS)), icon="⚠️")
        elif lesson.page != page:
            st.warning(t("lesson.wrong_page", title=t(f"lesson.{lesson.name}.title")), icon="⚠️")
            st.page_link(page_file(lesson.page), label=t("lesson.open", page=t(f"nav.{lesson.page}")),
                         icon=_ICONS.get(lesson.page), query_params=link_params(lesson.name))
        else:
            apply(lesson, url_setting_pairs())
            opened[page] = wanted
    name = opened.get(page)
    if name is None:
        return None
    if st.query_params.get(PARAM) != name:
        st.query_params[PARAM] = name
    return lessons.LESSONS[name]


def _leave(page: str) -> None:
    st.session_state.setdefault(OPEN, {}).pop(page, None)
    if PARAM in st.query_params:
        del st.query_params[PARAM]


# -- the lesson box --------------------------------------------------------------------------------

def verdict(lesson: Lesson, runs: Mapping[str, dict]) -> tuple[bool, str] | None:
    """Whether the claim held on the finished runs (snapshots by the lesson's run labels), as
    (held, sentence with the numbers); None when there is nothing to judge."""
    if not runs or any(snapshot.status(s) != "finished" for s in runs.values()):
        return None
    try:
        result = lesson.check(dict(runs))
        if result is None:
            return None
        return verdict_text(lesson, result)
    except (KeyError, IndexError, ValueError, TypeError):  # a run the claim needs is missing or empty
        return None


def verdict_text(lesson: Lesson, result: lessons.Verdict) -> tuple[bool, str]:
    """(held, the sentence the lesson box shows): the claim with the numbers ``result`` measured.
    A teaching page judges its own numbers (``lessons.single_neuron_verdict``, …) and shows this."""
    text = t(f"lesson.{lesson.name}.claim", **result.seen)
    return result.held, t("lesson.claim.held" if result.held else "lesson.claim.missed", text=text)


def lesson_box(page: str, lesson: Lesson, apply: Callable[[Lesson, list[tuple[str, str]]], object],
               result: tuple[bool, str] | None = None, note: str | None = None,
               disabled: bool = False, compact: bool = False, run: dict | None = None,
               can_run: bool = True) -> None:
    """The open lesson above the charts: title and source with the run, reset and leave
    controls, what to watch for, what the class should see, then the verdict (``result``) or
    ``note``.

    ``run``: the button arguments (``on_click``…) of the page's own run button: the lesson box
    has one too, so a teacher opens a lesson and presses the button right under its title.
    ``compact`` (once the lesson's runs have started): what to watch for and what to see move
    into a popover beside the title, so the first charts stay on a 1280×720 projector's first
    screen."""
    L = lang()
    with st.container(border=True, key=f"lesson_box_{page}"):
        st.markdown(f"🎓 **{t(f'lesson.{lesson.name}.title')}** · {source_text(lesson, L)}")
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            if run is not None:
                st.button(t("lesson.btn.run"), key=f"lesson_run_{page}", icon="▶️", type="primary",
                          disabled=disabled or not can_run, help=t("lesson.btn.run_help"), **run)
            watch = st.popover(t("lesson.watch"), icon="👀") if compact else None
            st.button(t("lesson.btn.reset"), key=f"lesson_reset_{page}", icon="↩️", type="tertiary",
                      on_click=apply, args=(lesson, []), disabled=disabled, help=t("lesson.btn.reset_help"))
            st.button(t("lesson.btn.leave"), key=f"lesson_leave_{page}", icon="✖️", type="tertiary",
                      on_click=_leave, args=(page,), disabled=disabled, help=t("lesson.btn.leave_help"))
        with watch if compact else st.container(key=f"lesson_text_{page}"):
            st.markdown(f"**{t('lesson.watch')}:** {t(f'lesson.{lesson.name}.watch')}")
            st.markdown(f"**{t('lesson.see')}:** {t(f'lesson.{lesson.name}.see')}")
        if result is not None:
            held, text = result
            (st.success if held else st.warning)(text, icon="✅" if held else "🤔")
        elif note:
            st.caption(note)


__all__ = ["OPEN", "PARAM", "apply_run_settings", "arrive", "first_sentences", "home_cards", "lesson_box",
           "link_params", "page_file", "snippet", "source_text", "url_setting_pairs", "verdict", "verdict_text"]
