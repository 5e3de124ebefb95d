"""The run-settings sidebar shared by the Train and Compare pages: widgets → ``RunConfig``.

``config_sidebar(locked, exclude)`` draws every control from the registries (datasets,
activations, initializers, optimizers, presets) with a teaching tooltip, and returns a
``SidebarResult``. The canonical settings live in ``st.session_state[state_key]`` as a
RunConfig (not in widget state, which Streamlit deletes when a page stops drawing the
widget), so they survive page switches; widgets are re-seeded from it whenever their own
state is missing. The config round-trips through the URL query string (changed fields
only), so a link can share a preset.

Bad input never raises here. A link is read field by field (``parse_query``): an unknown
key, a repeated key, a bad value, a combination that does not fit and a file chosen by a
link each give their own warning naming the field, and only that field keeps its value.
An uploaded CSV is checked at once by the rules ``datasets.load`` applies after Train
(``datasets.check_table``). Messages come from the catalog in the user's language, and
anything that came from a URL, an upload or a CSV is shown through ``md_value``: a
markdown code span, so it reads literally and is never HTML, a link or emphasis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from nnlab import activations, datasets, i18n, initializers, optimizers, presets
from nnlab.config import (
    FIELD_NAMES,
    FLAT_ALIASES,
    MAX_SHOWN_CHARS,
    RANGES,
    SCALINGS,
    TASKS,
    ConfigError,
    FlatIssue,
    RunConfig,
    cut_text,
    explain,
    field_for_key,
    parse_flat,
    visible,
)
from nnlab.registry import UnknownName
from nnlab.ui.common import lang, t

STATE_KEY = "nnlab.config"
WIDGET_KEY = "sb"
LR_CHOICES = (1e-5, 3e-5, 1e-4, 3e-4, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0)
BATCH_CHOICES = (1, 2, 4, 8, 16, 32, 64, 100, 128, 256, 512, 1024, 2048)
L2_CHOICES = (0.0, 1e-5, 1e-4, 1e-3, 1e-2, 0.1)
UI_MAX_DEPTH = 30
UI_MAX_WIDTH = 256
URL_SKIP_FOR_CSV = ("dataset", "csv_path", "target", "task")  # an upload cannot travel in a link
# Query keys that are not settings but are not mistakes either: the app's language, and the
# tracking tags that mail and course platforms add to links.
URL_OTHER_KEYS = ("lang", "fbclid", "gclid")
URL_OTHER_PREFIXES = ("utm_",)


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
    label = i18n.CATALOG.get(f"sidebar.{name}", {}).get(language) or i18n.CATALOG.get(f"sidebar.{name}", {}).get("en")
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
    are skipped silently. A link cannot choose a file: ``csv_path`` and ``dataset=csv`` give
    an issue of kind "no_file". Everything else is ``config.parse_flat``.
    """
    pairs, no_file = [], []
    for key, value in _query_pairs(params):
        if key in URL_OTHER_KEYS or key.startswith(URL_OTHER_PREFIXES):
            continue
        name = field_for_key(key)
        if name == "csv_path" or (name == "dataset" and value.strip().lower() == "csv"):
            no_file.append(FlatIssue("no_file", name, value))
        else:
            pairs.append((key, value))
    config, issues = parse_flat(pairs)
    return config, no_file + issues


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


def sync_query_params(config: RunConfig) -> None:
    """Write the changed fields of ``config`` into the URL; leave other params (``lang``) alone."""
    flat = config.to_flat(only_changed=True)
    for name in ("csv_path", *(URL_SKIP_FOR_CSV if config.dataset == "csv" else ())):
        flat.pop(name, None)
    for name in (*FIELD_NAMES, *FLAT_ALIASES):  # the link keeps one spelling of each setting: its field name
        if name in st.query_params and name not in flat:
            del st.query_params[name]
    for name, value in flat.items():
        if st.query_params.get_all(name) != [value]:  # also collapses a repeated key to its one value
            st.query_params[name] = value


# -- widgets ------------------------------------------------------------------------------------

class _Form:
    """Seeds widget state from the canonical config and reads widget values back.

    Option labels bind the language when drawn (``lambda v, L=lang(): …``): Streamlit's
    AppTest formats options again outside the session, where ``lang()`` would say "en".
    """

    def __init__(self, config: RunConfig, key: str, locked: bool, exclude):
        self.config, self.key, self.locked, self.exclude = config, key, locked, exclude
        self.values: dict = {}

    def k(self, name: str) -> str:
        return f"{self.key}.{name}"

    def seed(self, name: str, value) -> str:
        key = self.k(name)
        if key not in st.session_state:
            st.session_state[key] = value
        return key

    def shown(self, name: str) -> bool:
        return name not in self.exclude

    def help(self, name: str, registry=None, entry: str = "") -> str:
        """The setting's help; for a registry choice, the chosen entry's name and summary too."""
        text = t(f"sidebar.help.{name}")
        if registry is not None:
            L = lang()
            text += (f"\n\n**{i18n.display_name(registry.kind, entry, L)}** — "
                     f"{i18n.summary(registry.kind, entry, L)}")
        return text

    def select(self, name: str, registry, options: list[str] | None = None) -> str:
        options = options or list(registry)
        value = getattr(self.config, name)
        if st.session_state.get(self.k(name)) not in options:
            st.session_state.pop(self.k(name), None)
        key = self.seed(name, value if value in options else options[0])
        self.values[name] = st.selectbox(
            t(f"sidebar.{name}"), options, key=key, disabled=self.locked,
            format_func=lambda n, L=lang(): i18n.display_name(registry.kind, n, L),
            help=self.help(name, registry, st.session_state[key]))
        return self.values[name]

    def slider(self, name: str, low, high, step, fmt: str | None = None) -> None:
        value = getattr(self.config, name)
        low, high = min(low, value), max(high, value)
        key = self.seed(name, value)
        self.values[name] = st.slider(t(f"sidebar.{name}"), low, high, step=step, key=key, format=fmt,
                                      disabled=self.locked, help=self.help(name))

    def choice(self, name: str, choices, fmt=None) -> None:
        value = getattr(self.config, name)
        options = sorted(set(choices) | {value})
        key = self.seed(name, value)
        if st.session_state[key] not in options:
            st.session_state[key] = value
        self.values[name] = st.select_slider(t(f"sidebar.{name}"), options, key=key, disabled=self.locked,
                                             format_func=fmt or (lambda v: f"{v:g}"), help=self.help(name))

    def number(self, name: str, low, high, step) -> None:
        key = self.seed(name, getattr(self.config, name))
        self.values[name] = st.number_input(t(f"sidebar.{name}"), low, high, step=step, key=key,
                                            disabled=self.locked, help=self.help(name))


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


def _data_section(form: _Form, state_key: str) -> tuple[pd.DataFrame | None, str | None]:
    st.subheader(t("sidebar.section.data"))
    name = form.select("dataset", datasets.REGISTRY) if form.shown("dataset") else form.config.dataset
    info = datasets.get(name)
    if info.uses_noise:
        if form.shown("noise"):
            form.slider("noise", 0.0, 1.0, 0.05)
        if form.shown("n_samples"):
            form.slider("n_samples", 100, 3000, 50)
    if form.shown("test_fraction"):
        form.slider("test_fraction", 0.05, 0.5, 0.05)
    if form.shown("scaling"):
        key = form.seed("scaling", form.config.scaling)
        form.values["scaling"] = st.selectbox(t("sidebar.scaling"), list(SCALINGS), key=key, disabled=form.locked,
                                              format_func=lambda v, L=lang(): i18n.t(f"sidebar.scaling.{v}", L),
                                              help=form.help("scaling"))
    if name != "csv":
        return None, None
    return _csv_section(form, state_key)


def _csv_section(form: _Form, state_key: str) -> tuple[pd.DataFrame | None, str | None]:
    frame_key, meta_key = f"{state_key}.frame", f"{state_key}.csv_meta"
    upload = st.file_uploader(t("sidebar.csv_file"), type=["csv"], key=form.k("csv_file"), disabled=form.locked,
                              help=t("sidebar.help.csv_file"))
    meta = st.session_state.get(meta_key) or {}
    split = (form.values.get("test_fraction", form.config.test_fraction), form.config.val_fraction)
    if upload is not None and upload.file_id != meta.get("file_id"):
        try:
            frame = datasets.load_csv_frame(upload)
            datasets.check_table(frame, "", "auto", *split)  # the rules of datasets.load: refuse now, not after Train
        except datasets.DatasetError as exc:
            meta = dict(meta, file_id=upload.file_id, error=exc)  # the previous table (if any) stays
        else:
            st.session_state[frame_key] = frame
            meta = {"file_id": upload.file_id, "name": upload.name, "error": None}
            st.session_state.pop(form.k("target"), None)
            form.config = form.config.replace(target="")
        st.session_state[meta_key] = meta
    bad_upload = meta.get("error") if upload is not None else None
    error = explain_error(bad_upload, lang()) if bad_upload is not None else None
    if error:
        st.error(t("sidebar.csv_bad", error=error))
    frame = st.session_state.get(frame_key)
    if frame is None:  # the page says why it cannot train; the reason itself is shown once, here
        return None, t("sidebar.see_error") if error else t("sidebar.csv_needed")
    if error:
        st.caption(t("sidebar.csv_kept"))
    st.caption(t("sidebar.csv_loaded", name=md_value(meta.get("name", "?"), lang()), rows=len(frame),
                 cols=frame.shape[1]))
    columns = [str(c) for c in frame.columns]
    default = form.config.target if form.config.target in columns else (
        next((c for c in columns if c.lower() == "label"), columns[-1]))
    if st.session_state.get(form.k("target")) not in columns:
        st.session_state[form.k("target")] = default
    form.values["target"] = st.selectbox(t("sidebar.target"), columns, key=form.k("target"), disabled=form.locked,
                                         help=t("sidebar.help.target"))
    key = form.seed("task", form.config.task)
    form.values["task"] = st.selectbox(t("sidebar.task"), list(TASKS), key=key, disabled=form.locked,
                                       format_func=lambda v, L=lang(): i18n.t(f"sidebar.task.{v}", L),
                                       help=t("sidebar.help.task"))
    form.values["csv_path"] = f"upload:{meta.get('name', 'file.csv')}"
    problem = _checked(state_key, frame, form.values["target"], form.values["task"], split)
    if problem is not None:
        st.error(explain_error(problem, lang()))
        return frame, t("sidebar.see_error")  # shown once: in full here, a pointer to it on the page
    return frame, None


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


def _shape_slider(form: _Form, name: str, ui_max: int) -> None:
    """Depth or width: locked while explicit layer widths (the advanced editor) decide the shape."""
    cfg = form.config
    current = getattr(cfg, name)
    value = st.slider(t(f"sidebar.{name}"), 1, max(ui_max, current), key=form.seed(name, current),
                      help=form.help(name), disabled=form.locked or bool(cfg.layer_widths))
    if not cfg.layer_widths:
        form.values[name] = value


def _network_section(form: _Form) -> None:
    st.subheader(t("sidebar.section.network"))
    cfg = form.config
    if form.shown("depth"):
        if cfg.layer_widths:
            st.session_state[form.k("depth")] = cfg.depth
        _shape_slider(form, "depth", UI_MAX_DEPTH)
    if form.shown("width"):
        _shape_slider(form, "width", UI_MAX_WIDTH)
    if form.shown("activation"):
        form.select("activation", activations.REGISTRY)
    with st.expander(t("sidebar.advanced"), expanded=bool(cfg.layer_widths or cfg.layer_activations)):
        if form.shown("layer_widths"):
            key = form.seed("layer_widths", ",".join(map(str, cfg.layer_widths)))
            form.values["layer_widths"] = st.text_input(t("sidebar.layer_widths"), key=key, disabled=form.locked,
                                                        placeholder="256,128", help=form.help("layer_widths"))
        if form.shown("layer_activations"):
            _per_layer_activations(form)
    if form.shown("initializer"):
        init = initializers.get(form.select("initializer", initializers.REGISTRY))
        if init.param_name and form.shown("init_param"):
            key = form.seed("init_param", cfg.init_param)
            form.values["init_param"] = st.number_input(
                t("sidebar.init_param", name=t(init.param_label)), 0.0, RANGES["init_param"][1], step=0.01,
                format="%.4g", key=key, disabled=form.locked,
                help=t("sidebar.help.init_param", default=f"{init.param_default:g}"))
    if form.shown("dropout"):
        form.slider("dropout", 0.0, 0.9, 0.05)
    if form.shown("batchnorm"):
        key = form.seed("batchnorm", cfg.batchnorm)
        form.values["batchnorm"] = st.toggle(t("sidebar.batchnorm"), key=key, disabled=form.locked,
                                             help=form.help("batchnorm"))
    if form.shown("l2"):
        form.choice("l2", L2_CHOICES, fmt=lambda v, L=lang(): i18n.t("sidebar.off", L) if v == 0 else f"{v:g}")


def _per_layer_activations(form: _Form) -> None:
    cfg = form.config
    on = st.toggle(t("sidebar.per_layer"), key=form.seed("per_layer", bool(cfg.layer_activations)),
                   disabled=form.locked, help=form.help("layer_activations"))
    if not on:
        form.values["layer_activations"] = ()
        return
    depth = _effective_depth(form)
    main = form.values.get("activation", cfg.activation)
    chosen = []
    for i in range(depth):
        default = cfg.layer_activations[i] if i < len(cfg.layer_activations) else main
        key = form.seed(f"layer_act.{i}", default)
        chosen.append(st.selectbox(t("sidebar.layer_n", n=i + 1), activations.names(), key=key, disabled=form.locked,
                                   format_func=lambda n, L=lang(): i18n.display_name("activation", n, L)))
    form.values["layer_activations"] = tuple(chosen)


def _effective_depth(form: _Form) -> int:
    text = form.values.get("layer_widths", "")
    try:
        widths = [int(w) for w in str(text).split(",") if w.strip()]
    except ValueError:
        widths = []
    return len(widths) or int(form.values.get("depth", form.config.depth))


def _training_section(form: _Form) -> None:
    st.subheader(t("sidebar.section.training"))
    if form.shown("optimizer"):
        form.select("optimizer", optimizers.REGISTRY)
    if form.shown("learning_rate"):
        form.choice("learning_rate", LR_CHOICES)
    if form.shown("batch_size"):
        form.choice("batch_size", BATCH_CHOICES, fmt=str)
    if form.shown("epochs"):
        form.number("epochs", int(RANGES["epochs"][0]), int(RANGES["epochs"][1]), 10)
    if form.shown("seed"):
        form.number("seed", 0, 1_000_000, 1)


def _changes(values: dict) -> dict:
    changes = dict(values)
    if "layer_widths" in changes:
        text = str(changes["layer_widths"]).strip()
        if text:
            changes["layer_widths"] = RunConfig.from_flat({"layer_widths": text}).layer_widths
        else:
            changes["layer_widths"] = ()
    if "depth" in changes and changes.get("layer_widths"):
        del changes["depth"]
    if "dataset" in changes and changes["dataset"] != "csv":
        changes["csv_path"] = ""
        changes.pop("target", None)
    return changes


def config_sidebar(locked: bool = False, exclude: frozenset[str] | set[str] = frozenset(), *,
                   key: str = WIDGET_KEY, state_key: str = STATE_KEY, sync_url: bool = True) -> SidebarResult:
    """Draw the settings sidebar and return the settings.

    ``locked``: a job is running — every control is disabled and the canonical config
    is returned unchanged. ``exclude``: RunConfig field names whose controls are hidden
    (the Compare page hides the variable it sweeps; "preset" hides the preset box).
    ``key``/``state_key``: widget-key prefix and session-state key of the canonical
    config; pages that share ``state_key`` share settings. ``sync_url``: mirror the
    changed fields into the query string.
    """
    config = current_config(state_key)
    form = _Form(config, key, locked, frozenset(exclude))
    for issue in st.session_state.get(f"{state_key}.url_warnings") or []:
        st.warning(url_message(issue, config, lang()), icon="⚠️")
    with st.sidebar:
        st.header(t("sidebar.title"))
        if locked:
            st.info(t("sidebar.locked"), icon="🔒")
        if form.shown("preset"):
            _preset_box(form, state_key)
            config = form.config = st.session_state[state_key]
        frame, error = _data_section(form, state_key)
        _network_section(form)
        _training_section(form)
        if not locked:
            try:
                new = config.replace(**_changes(form.values))
            except ConfigError as exc:
                if error is None:  # shown once: in full here, a pointer to it on the page
                    st.error(explain_error(exc, lang()))
                    error = t("sidebar.see_error")
            else:
                if form.values.get("dataset") == "csv" and frame is None:
                    pass  # keep the previous settings until a usable file is uploaded
                elif new != config:
                    st.session_state[state_key] = config = new
                    st.session_state[f"{state_key}.url_warnings"] = []
    if sync_url:
        sync_query_params(config)
    return SidebarResult(config=config, frame=frame if config.dataset == "csv" else None, error=error)


__all__ = ["SidebarResult", "config_sidebar", "config_from_query", "current_config", "current_frame", "explain_error",
           "field_label", "md_value", "parse_query", "set_config", "sync_query_params", "url_message", "STATE_KEY",
           "WIDGET_KEY"]
