"""The run-settings sidebar shared by the Train and Compare pages: widgets → ``RunConfig``.

``config_sidebar(locked, exclude)`` draws one control per RunConfig field from its spec
(``config.FIELD_SPECS``: section, widget, range, step, choices, when it matters; label and
help from the catalog, ``field.<name>``), in the order the fields are declared, and returns
a ``SidebarResult``. Only a few fields have drawing code of their own (the network's shape,
per-layer activations, the initializer's parameter, the CSV upload); a new field with a
widget in its spec appears with no change here.

The canonical settings live in ``st.session_state[state_key]`` as a RunConfig (not in
widget state, which Streamlit deletes when a page stops drawing the widget), so they
survive page switches; widgets are re-seeded from it whenever their own state is
missing. Rules between fields are RunConfig's (``RunConfig.edit``). The config
round-trips through the URL query string (changed fields only), so a link can share a
preset.

Bad input never raises here. A link is read field by field (``parse_query``): an unknown
key, a repeated key, a bad value, a combination that does not fit and a file chosen by a
link each give their own warning naming the field, and only that field keeps its value.
An uploaded CSV is checked at once by the rules ``datasets.load`` applies after Train
(``datasets.check_table``), and its content hash becomes the config's ``csv_sha256``.
Messages come from the catalog in the user's language, and anything that came from a
URL, an upload or a CSV is shown through ``md_value``: a markdown code span, so it reads
literally and is never HTML, a link or emphasis.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from nnlab import datasets, i18n, initializers, presets
from nnlab.config import (
    CSV_ONLY_IN_LINKS,
    DEFAULT,
    FIELD_SPECS,
    MAX_SHOWN_CHARS,
    ConfigError,
    FlatIssue,
    RunConfig,
    cut_text,
    explain,
    parse_value,
    query_keys,
    to_query,
    visible,
)
from nnlab.config import parse_query as parse_link
from nnlab.fields import FieldSpec
from nnlab.registry import UnknownName
from nnlab.ui import presenter
from nnlab.ui.common import lang, t

STATE_KEY = "nnlab.config"
WIDGET_KEY = "sb"
# Query keys that are not settings but are not mistakes either: the app's language, the open
# lesson (``nnlab.ui.lessons``), presenter mode (``nnlab.ui.presenter``), Compare's variable
# and values and the run looked inside (pages/compare.py), the Sweep page's grid and view
# (``nnlab.ui.sweep_grid``, ``nnlab.ui.sweep_view``), and the tracking tags that mail and course
# platforms add to links.
URL_OTHER_KEYS = ("lang", "lesson", "present", "hide", "vary", "values", "inside", "fields", "seeds", "metric", "hx",
                  "hy", "fbclid", "gclid")
URL_OTHER_PREFIXES = ("utm_", "grid.")


@dataclass
class SidebarResult:
    config: RunConfig  # the last valid settings
    frame: pd.DataFrame | None  # the uploaded CSV table when dataset == "csv", else None
    error: str | None  # why the current widget values are not (yet) a runnable config


# -- canonical state --------------------------------------------------------------------------

def current_config(state_key: str = STATE_KEY) -> RunConfig:
    """The canonical settings (read from the URL on a session's first call)."""
    if state_key not in st.session_state:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        config, issues = parse_query(params)
        st.session_state[state_key] = config
        st.session_state[f"{state_key}.url_warnings"] = issues  # translated when shown, in the language of then
    return st.session_state[state_key]


def current_frame(state_key: str = STATE_KEY) -> pd.DataFrame | None:
    """The uploaded CSV table of the canonical settings (None unless dataset == "csv")."""
    if current_config(state_key).dataset != "csv":
        return None
    return st.session_state.get(f"{state_key}.frame")


def set_config(config: RunConfig, state_key: str = STATE_KEY, key: str = WIDGET_KEY) -> None:
    """Replace the canonical settings and make every widget re-read them (e.g. a preset)."""
    st.session_state[state_key] = config
    for k in [k for k in st.session_state if isinstance(k, str) and k.startswith(f"{key}.")]:
        if k not in (f"{key}.preset", f"{key}.csv_file"):
            del st.session_state[k]


# -- showing user input and errors safely -----------------------------------------------------

def md_value(text, language: str = "en", limit: int = MAX_SHOWN_CHARS) -> str:
    """``text`` from a URL, an upload or a CSV, ready to put into markdown (st.warning, st.error…).

    A code span: markdown, HTML, links, math and emoji codes inside it are shown literally.
    Long text is cut (saying how long it was) and invisible characters are shown as ``\\uXXXX``.
    """
    cut, suffix = cut_text(text, limit, language)
    cut = visible(cut)
    if not cut:
        return i18n.t("value.empty", language)
    fence = "`" * (max((len(run) for run in re.findall("`+", cut)), default=0) + 1)
    pad = " " if cut[0] == "`" or cut[-1] == "`" else ""
    return f"{fence}{pad}{cut}{pad}{fence}" + (" " + suffix if suffix else "")


def field_label(name: str, language: str = "en") -> str:
    """A setting's URL name and the sidebar's label for it, e.g. "`learning_rate` “Learning rate”"."""
    label = i18n.t(FIELD_SPECS[name].label, language) if name in FIELD_SPECS else ""
    code = md_value(name, language)
    return f"{code} “{label}”" if label and "{" not in label else code


def explain_error(exc: Exception, language: str = "en") -> str:
    """A ConfigError, DatasetError or registry error as markdown in ``language`` (other
    errors: their text, shown literally)."""
    def quote(value) -> str:
        return md_value(value, language)

    try:
        if isinstance(exc, ConfigError):
            reason = explain(f"config.err.{exc.code}", exc.params, language, quote, quote)
            return i18n.t("sidebar.invalid", language, field=field_label(exc.field, language), message=reason)
        if isinstance(exc, datasets.DatasetError) and exc.code:
            return explain(f"data.err.{exc.code}", exc.params, language, quote, quote)
        if isinstance(exc, UnknownName):
            return exc.text(language, quote, quote)
    except (KeyError, IndexError, ValueError):  # a text and its parameters out of step: say it in English
        pass
    return md_value(str(exc), language, limit=400)


# -- the URL ------------------------------------------------------------------------------------

def _query_pairs(params: Mapping[str, str | list[str]] | Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    items = params.items() if isinstance(params, Mapping) else params
    pairs = []
    for key, value in items:
        for v in (value if isinstance(value, (list, tuple)) else [value]):
            pairs.append((str(key), str(v)))
    return pairs


def parse_query(params: Mapping[str, str | list[str]] | Iterable[tuple[str, str]]) -> tuple[RunConfig, list[FlatIssue]]:
    """RunConfig from URL query params (a key may map to a list: ``?depth=3&depth=5``) and what was ignored.

    Field names and the CLI's short aliases (``lr``) are read; a repeated key uses its last
    value, as ``st.query_params[key]`` does. ``lang`` and tracking tags are not settings and
    are skipped silently. The rest is ``config.parse_query`` (a link cannot choose a file:
    ``csv_path``, ``csv_sha256`` and ``dataset=csv`` give an issue of kind "no_file").
    """
    pairs = [(key, value) for key, value in _query_pairs(params)
             if not (key in URL_OTHER_KEYS or key.startswith(URL_OTHER_PREFIXES))]
    return parse_link(pairs)


def url_message(issue: FlatIssue, config: RunConfig, language: str = "en") -> str:
    """One issue of ``parse_query`` as a warning in ``language`` (markdown; user text literal)."""
    def tr(text_key, **fmt):
        return i18n.t(text_key, language, **fmt)

    value = md_value(issue.value, language)
    if issue.kind == "unknown":
        text = tr("sidebar.url_unknown", param=md_value(issue.key, language))
        if issue.suggestion:
            text += " " + tr("sidebar.url_suggest", name=md_value(issue.suggestion, language))
        return text
    field = field_label(issue.key, language)
    if issue.kind == "repeated":
        return tr("sidebar.url_repeated", field=field, count=issue.count, value=value)
    if issue.kind == "no_file":
        return tr("sidebar.url_no_file", field=field, value=value,
                  dataset=f"“{i18n.display_name('dataset', 'csv', language)}”")
    used = md_value(config.to_flat()[issue.key], language)
    reason = explain(f"config.err.{issue.error.code}", issue.error.params, language,
                     lambda v: md_value(v, language), lambda v: md_value(v, language))
    key = "sidebar.url_conflict" if issue.kind == "conflict" else "sidebar.url_bad"
    return tr(key, field=field, value=value, reason=reason, used=used)


def config_from_query(params: Mapping[str, str | list[str]] | Iterable[tuple[str, str]],
                      language: str = "en") -> tuple[RunConfig, list[str]]:
    """``parse_query`` with its issues as warnings in ``language`` (pure: no Streamlit calls)."""
    config, issues = parse_query(params)
    return config, [url_message(issue, config, language) for issue in issues]


def sync_query_params(config: RunConfig, base: RunConfig | None = None) -> None:
    """Write the changed fields of ``config`` that a link carries into the URL; leave other params (``lang``) alone.

    ``base``: the settings the link starts from (an open lesson's): only fields that differ
    from it are written, so ``?lesson=zero_init&epochs=10`` stays that short."""
    flat = to_query(config)
    if base is not None:
        base_flat, own = base.to_flat(), config.to_flat()
        skip = CSV_ONLY_IN_LINKS if config.dataset == "csv" else ()
        flat = {name: text for name, text in own.items()
                if text != base_flat[name] and FIELD_SPECS[name].in_url and name not in skip}
    for name in query_keys():  # the link keeps one spelling of each setting: its field name
        if name in st.query_params and name not in flat:
            del st.query_params[name]
    for name, value in flat.items():
        if st.query_params.get_all(name) != [value]:  # also collapses a repeated key to its one value
            st.query_params[name] = value


# -- widgets ------------------------------------------------------------------------------------

class _Form:
    """The widgets of one sidebar run: their keys, seeds and values (field name → value).

    Option labels bind the language when drawn (``lambda v, L=lang(): …``): Streamlit's
    AppTest formats options again outside the session, where ``lang()`` would say "en".
    """

    def __init__(self, config: RunConfig, key: str, locked: bool, exclude: frozenset[str], state_key: str):
        self.config, self.key, self.locked, self.exclude, self.state_key = config, key, locked, exclude, state_key
        self.values: dict = {}
        self.texts: set[str] = set()  # fields whose widget gives text to parse (``FieldSpec.parse``)
        self.frame: pd.DataFrame | None = None
        self.error: str | None = None

    def k(self, name: str) -> str:
        return f"{self.key}.{name}"

    def seed(self, name: str, value) -> str:
        key = self.k(name)
        if key not in st.session_state:
            st.session_state[key] = value
        return key

    def value(self, name: str):
        """A field's value as the widgets drawn so far say (else the settings')."""
        return self.values.get(name, getattr(self.config, name))

    def shown(self, name: str) -> bool:
        return name not in self.exclude

    def label(self, name: str) -> str:
        return t(FIELD_SPECS[name].label)

    def help(self, name: str, choice: str | None = None) -> str:
        """The field's help; for a registry choice, the chosen entry's name and summary too."""
        text = t(FIELD_SPECS[name].help)
        if choice is not None and FIELD_SPECS[name].registry is not None:
            text += "\n\n" + _entry_summary(FIELD_SPECS[name], choice, lang())
        return text

    def draw(self, name: str) -> None:
        """The widget the field's spec asks for, with its range, step, choices and help."""
        fs = FIELD_SPECS[name]
        value = getattr(self.config, name)
        if fs.widget == "select":
            self.select(name)
        elif fs.widget == "slider":
            low, high = fs.ui_bounds()
            key = self.seed(name, value)
            self.values[name] = st.slider(self.label(name), min(low, value), max(high, value), step=fs.ui_step,
                                          key=key, disabled=self.locked, help=self.help(name))
        elif fs.widget == "select_slider":
            options = sorted(set(fs.ui_options) | {value})
            key = self.seed(name, value)
            if st.session_state[key] not in options:
                st.session_state[key] = value
            self.values[name] = st.select_slider(
                self.label(name), options, key=key, disabled=self.locked, help=self.help(name),
                format_func=lambda v, L=lang(): i18n.t(fs.ui_zero, L) if fs.ui_zero and v == 0 else f"{v:g}")
        elif fs.widget == "number":
            low, high = fs.ui_bounds()
            key = self.seed(name, value)
            self.values[name] = st.number_input(self.label(name), min(low, value), max(high, value), step=fs.ui_step,
                                                key=key, disabled=self.locked, help=self.help(name))
        elif fs.widget == "toggle":
            key = self.seed(name, value)
            self.values[name] = st.toggle(self.label(name), key=key, disabled=self.locked, help=self.help(name))
        elif fs.widget == "text":
            key = self.seed(name, fs.format(value))
            self.values[name] = st.text_input(self.label(name), key=key, disabled=self.locked,
                                              placeholder=fs.ui_placeholder or None, help=self.help(name))
            self.texts.add(name)

    def select(self, name: str) -> str:
        fs = FIELD_SPECS[name]
        options = fs.options()
        value = getattr(self.config, name)
        if st.session_state.get(self.k(name)) not in options:
            st.session_state.pop(self.k(name), None)
        key = self.seed(name, value if value in options else options[0])
        self.values[name] = st.selectbox(self.label(name), options, key=key, disabled=self.locked,
                                         format_func=lambda n, L=lang(): _choice_label(fs, n, L),
                                         help=self.help(name, st.session_state[key]))
        return self.values[name]


def _choice_label(fs: FieldSpec, value: str, language: str) -> str:
    """A choice's display name: its registry entry's (``get(name).display``), else the catalog's
    option text (``FieldSpec.option_key``), else the name itself."""
    if fs.registry is not None:
        return i18n.display_name(fs.registry.REGISTRY.kind, value, language)
    return i18n.t(fs.option_key.format(value), language) if fs.option_key else value


def _entry_summary(fs: FieldSpec, value: str, language: str) -> str:
    """"**Display name** — one-line summary" of a registry choice, for its help tooltip."""
    kind = fs.registry.REGISTRY.kind
    return f"**{i18n.display_name(kind, value, language)}** — {i18n.summary(kind, value, language)}"


def _preset_box(form: _Form, state_key: str) -> None:
    """A select box that applies a preset and then returns to its blank "choose…" entry."""
    key = form.k("preset")

    def on_change():
        name = st.session_state.get(key)
        if name:
            set_config(presets.apply(name), state_key, form.key)
            st.session_state[f"{state_key}.frame"] = None
            st.session_state[key] = ""

    st.selectbox(t("sidebar.preset"), ["", *presets.names()], key=key, disabled=form.locked, on_change=on_change,
                 format_func=lambda n, L=lang(): presets.title(n, L) if n else i18n.t("sidebar.preset.none", L),
                 help=t("sidebar.help.preset"))
    current = presets.matching(st.session_state[state_key])
    if current:
        st.caption(t("sidebar.preset.current", name=presets.title(current, lang())))


def _section(form: _Form, section: str) -> None:
    """Every field of ``section`` in declaration order; fields of one group share an expander."""
    st.subheader(t(f"sidebar.section.{section}"))
    names = [name for name, fs in FIELD_SPECS.items() if fs.section == section]
    for group, members in itertools.groupby(names, key=lambda name: FIELD_SPECS[name].group):
        if not group:
            for name in members:
                _field(form, name)
            continue
        members = [name for name in members if _shown(form, name)]  # (the fields before are drawn by now)
        if not members:
            continue
        changed = any(getattr(form.config, name) != getattr(DEFAULT, name) for name in members)
        with st.expander(t(f"sidebar.{group}"), expanded=changed):
            for name in members:
                _field(form, name)


def _shown(form: _Form, name: str) -> bool:
    fs = FIELD_SPECS[name]
    return form.shown(name) and (fs.shown_if is None or fs.shown_if(form.value))


def _field(form: _Form, name: str) -> None:
    if not _shown(form, name):  # asked as it is drawn: a field drawn before may decide it (the data set)
        return
    drawer = _DRAWERS.get(name)
    if drawer is not None:
        drawer(form)
    elif FIELD_SPECS[name].widget:
        form.draw(name)


# -- fields with drawing code of their own ----------------------------------------------------------

def _csv_section(form: _Form) -> None:
    """The upload (csv_path and csv_sha256), the target column and the task of the csv data set."""
    state_key = form.state_key
    frame_key, meta_key = f"{state_key}.frame", f"{state_key}.csv_meta"
    upload = st.file_uploader(form.label("csv_path"), type=["csv"], key=form.k("csv_file"), disabled=form.locked,
                              help=t("sidebar.help.csv_file"))
    meta = st.session_state.get(meta_key) or {}
    split = (form.value("test_fraction"), form.value("val_fraction"))
    if upload is not None and upload.file_id != meta.get("file_id"):
        try:
            frame = datasets.load_csv_frame(upload)
            datasets.check_table(frame, "", "auto", *split)  # the rules of datasets.load: refuse now, not after Train
        except datasets.DatasetError as exc:
            meta = dict(meta, file_id=upload.file_id, error=exc)  # the previous table (if any) stays
        else:
            st.session_state[frame_key] = frame
            meta = {"file_id": upload.file_id, "name": upload.name, "sha256": frame.attrs.get("sha256", ""),
                    "error": None}
            st.session_state.pop(form.k("target"), None)
            form.config = form.config.replace(target="")
        st.session_state[meta_key] = meta
    bad_upload = meta.get("error") if upload is not None else None
    error = explain_error(bad_upload, lang()) if bad_upload is not None else None
    if error:
        st.error(t("sidebar.csv_bad", error=error))
    frame = st.session_state.get(frame_key)
    if frame is None:  # the page says why it cannot train; the reason itself is shown once, here
        form.error = t("sidebar.see_error") if error else t("sidebar.csv_needed")
        return
    if error:
        st.caption(t("sidebar.csv_kept"))
    st.caption(t("sidebar.csv_loaded", name=md_value(meta.get("name", "?"), lang()), rows=len(frame),
                 cols=frame.shape[1]))
    form.frame = frame
    columns = [str(c) for c in frame.columns]
    default = form.config.target if form.config.target in columns else (
        next((c for c in columns if c.lower() == "label"), columns[-1]))
    if st.session_state.get(form.k("target")) not in columns:
        st.session_state[form.k("target")] = default
    form.values["target"] = st.selectbox(form.label("target"), columns, key=form.k("target"), disabled=form.locked,
                                         help=form.help("target"))
    if form.shown("task"):
        form.draw("task")
    form.values["csv_path"] = f"upload:{meta.get('name', 'file.csv')}"
    form.values["csv_sha256"] = meta.get("sha256", "")
    problem = _checked(state_key, frame, form.values["target"], form.value("task"), split)
    if problem is not None:
        st.error(explain_error(problem, lang()))
        form.error = t("sidebar.see_error")  # shown once: in full here, a pointer to it on the page


def _checked(state_key: str, frame: pd.DataFrame, target: str, task: str, split) -> Exception | None:
    """``datasets.check_table`` once per table and choice (it converts the whole table: too slow for every rerun)."""
    key = (id(frame), target, task, *split)
    cached = st.session_state.get(f"{state_key}.csv_check")
    if cached is not None and cached[0] == key and cached[1] is frame:
        return cached[2]
    try:
        datasets.check_table(frame, target, task, *split)
        problem = None
    except datasets.DatasetError as exc:
        problem = exc
    st.session_state[f"{state_key}.csv_check"] = (key, frame, problem)
    return problem


def _shape_slider(form: _Form, name: str) -> None:
    """Depth or width: locked while explicit layer widths (the advanced editor) decide the shape."""
    cfg = form.config
    current = getattr(cfg, name)
    low, high = FIELD_SPECS[name].ui_bounds()
    if name == "depth" and cfg.layer_widths:
        st.session_state[form.k("depth")] = cfg.depth
    value = st.slider(form.label(name), low, max(high, current), step=FIELD_SPECS[name].ui_step,
                      key=form.seed(name, current),
                      help=form.help(name), disabled=form.locked or bool(cfg.layer_widths))
    if not cfg.layer_widths:
        form.values[name] = value


def _per_layer_activations(form: _Form) -> None:
    cfg = form.config
    on = st.toggle(form.label("layer_activations"), key=form.seed("per_layer", bool(cfg.layer_activations)),
                   disabled=form.locked, help=form.help("layer_activations"))
    if not on:
        form.values["layer_activations"] = ()
        return
    depth = _effective_depth(form)
    fs = FIELD_SPECS["layer_activations"]
    main = form.value("activation")
    chosen = []
    for i in range(depth):
        default = cfg.layer_activations[i] if i < len(cfg.layer_activations) else main
        key = form.seed(f"layer_act.{i}", default)
        chosen.append(st.selectbox(t("sidebar.layer_n", n=i + 1), fs.options(), key=key, disabled=form.locked,
                                   format_func=lambda n, L=lang(): _choice_label(fs, n, L)))
    form.values["layer_activations"] = tuple(chosen)


def _effective_depth(form: _Form) -> int:
    """The depth the widgets describe: as many layers as the typed layer widths, else the depth."""
    try:
        widths = parse_value("layer_widths", str(form.values.get("layer_widths", "")))
    except ConfigError:
        widths = ()
    return len(widths) or int(form.value("depth"))


def _init_param(form: _Form) -> None:
    """The initializer's parameter, labelled with its name (stddev, limit, value) and default."""
    init = initializers.get(form.value("initializer"))
    fs = FIELD_SPECS["init_param"]
    key = form.seed("init_param", form.config.init_param)
    form.values["init_param"] = st.number_input(
        t("sidebar.init_param", name=t(init.param_label)), fs.range[0], fs.range[1], step=fs.ui_step, format="%.4g",
        key=key, disabled=form.locked,
        help=form.help("init_param") + " " + t("sidebar.init_param.default", default=f"{init.param_default:g}"))


def _drawn_with_the_upload(form: _Form) -> None:
    pass  # target and task are drawn by _csv_section, below the file they belong to


_DRAWERS = {"csv_path": _csv_section, "target": _drawn_with_the_upload, "task": _drawn_with_the_upload,
            "depth": lambda form: _shape_slider(form, "depth"), "width": lambda form: _shape_slider(form, "width"),
            "layer_activations": _per_layer_activations, "init_param": _init_param}


def _changes(form: _Form) -> dict:
    """The widgets' values as field values (text widgets parsed; ConfigError when they cannot be)."""
    return {name: parse_value(name, str(value).strip()) if name in form.texts else value
            for name, value in form.values.items()}


def _keep_widget_state(key: str) -> None:
    """Carry the sidebar's widget values over from the page the user came from.

    Streamlit forgets the state of widgets that the current page did not draw, so the
    sidebar's controls would come back at their minimum after a visit to Compare and back
    (XOR, depth 0, batch 1, …). Re-assigning each value to its own key before the widgets
    are drawn is Streamlit's documented way to keep it across pages."""
    uploader = f"{key}.csv_file"  # a file uploader's value cannot be set (the upload is kept apart)
    for name in [k for k in st.session_state if isinstance(k, str) and k.startswith(f"{key}.") and k != uploader]:
        st.session_state[name] = st.session_state[name]


def config_sidebar(locked: bool = False, exclude: frozenset[str] | set[str] = frozenset(), *,
                   key: str = WIDGET_KEY, state_key: str = STATE_KEY, sync_url: bool = True,
                   url_base: RunConfig | None = None) -> SidebarResult:
    """Draw the settings sidebar and return the settings.

    ``locked``: a job is running — every control is disabled and the canonical config
    is returned unchanged. ``exclude``: RunConfig field names whose controls are hidden
    (the Compare page hides the variable it sweeps; "preset" hides the preset box).
    ``key``/``state_key``: widget-key prefix and session-state key of the canonical
    config; pages that share ``state_key`` share settings. ``sync_url``: mirror the
    changed fields into the query string (those that differ from ``url_base`` when given:
    an open lesson's settings).
    """
    _keep_widget_state(key)
    config = current_config(state_key)
    form = _Form(config, key, locked, frozenset(exclude) | presenter.hidden(), state_key)
    for issue in st.session_state.get(f"{state_key}.url_warnings") or []:
        st.warning(url_message(issue, config, lang()), icon="⚠️")
    with st.sidebar:
        st.header(t("sidebar.title"))
        if locked:
            st.info(t("sidebar.locked"), icon="🔒")
        if form.shown("preset"):
            _preset_box(form, state_key)
            config = form.config = st.session_state[state_key]
        for section in ("data", "network", "training"):
            _section(form, section)
        error = form.error
        if not locked:
            try:
                new = config.edit(**_changes(form))
            except ConfigError as exc:
                if error is None:  # shown once: in full here, a pointer to it on the page
                    st.error(explain_error(exc, lang()))
                    error = t("sidebar.see_error")
            else:
                if form.value("dataset") == "csv" and form.frame is None:
                    pass  # keep the previous settings until a usable file is uploaded
                elif new != config:
                    st.session_state[state_key] = config = new
                    st.session_state[f"{state_key}.url_warnings"] = []
    if sync_url:
        sync_query_params(config, url_base)
    return SidebarResult(config=config, frame=form.frame if config.dataset == "csv" else None, error=error)


__all__ = ["SidebarResult", "config_sidebar", "config_from_query", "current_config", "current_frame", "explain_error",
           "field_label", "md_value", "parse_query", "set_config", "sync_query_params", "url_message", "STATE_KEY",
           "WIDGET_KEY"]
