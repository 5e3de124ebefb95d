"""Bad input, made systematic.

* The corpus of bad links (``tests/data/bad_params/``, see its README): every entry through
  ``config_from_query`` and through the Train page (AppTest): a warning naming the field,
  the other fields applied, user text only inside code spans, never a traceback.
* A CSV upload is checked by the rules ``datasets.load`` applies after Train (a 2-row file
  is refused at upload, in the user's language; the table from before stays).
* Every error code has its text in English and Korean with the same placeholders.
* No pickle, eval or raw HTML in the product code; a nasty link renders literally in a
  real browser.
"""

from __future__ import annotations

import json
import re
import string
import time
from pathlib import Path
from urllib.parse import parse_qs, quote

import numpy as np
import pandas as pd
import pytest
from browser_support import browser_marks, browser_page, streamlit_server, wait_for_app
from streamlit.testing.v1 import AppTest
from test_page_train import widget

from nnlab import datasets, i18n
from nnlab.config import RunConfig
from nnlab.ui.sidebar import config_from_query, explain_error, md_value

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
CORPUS = Path(__file__).resolve().parent / "data" / "bad_params"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
DEFAULT = RunConfig().to_flat()
HANGUL = re.compile("[\uac00-\ud7a3]")
CODE_SPAN = re.compile(r"(`+)(.*?)(?<!`)\1(?!`)", re.S)
MARKUP = set("<>[]*$|")  # would be HTML, a link, emphasis, math or a table outside a code span


def query(entry: dict) -> dict[str, list[str]]:
    """The entry's query string parsed as Streamlit parses a URL (repeated keys → lists)."""
    text = (CORPUS / entry["file"]).read_text(encoding="utf-8").rstrip("\n")
    return parse_qs(text, keep_blank_values=True)


def outside_code(markdown: str) -> str:
    return CODE_SPAN.sub("", markdown)


def check_warnings(entry: dict, warnings: list[str]) -> None:
    if not entry["warn"]:
        assert warnings == [], warnings
        return
    text = "\n".join(warnings)
    for needle in entry["warn"]:
        assert needle in text, (needle, text)
    for warning in warnings:
        assert len(warning) < 700, warning  # a 10 kB value is cut, not echoed
        assert not MARKUP & set(outside_code(warning)), warning
        if entry["lang"] == "ko":
            assert HANGUL.search(outside_code(warning)), warning


def check_applied(entry: dict, flat: dict[str, str]) -> None:
    for name, value in entry["applies"].items():
        assert flat[name] == value, (name, flat[name], value)
    for name in entry["warn"]:
        if name in DEFAULT and name not in entry["applies"]:
            assert flat[name] == DEFAULT[name], name  # the bad field keeps its default


# -- the corpus through the pure function ---------------------------------------------------------

def test_corpus_is_complete():
    files = sorted(p.name for p in CORPUS.glob("*.txt"))
    assert files == sorted(e["file"] for e in MANIFEST)
    assert sum(1 for e in MANIFEST if e["warn"]) >= 20
    assert any(len((CORPUS / f).read_text()) > 10_000 for f in files)  # the 10 kB values are there


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"][:-4] for e in MANIFEST])
def test_link_warns_about_the_field_and_keeps_the_rest(entry):
    config, warnings = config_from_query(query(entry), entry["lang"])
    check_warnings(entry, warnings)
    check_applied(entry, config.to_flat())


@pytest.mark.parametrize("link,key", [
    ({"foo": "1"}, "sidebar.url_unknown"),
    ({"depth": "ten"}, "sidebar.url_bad"),
    ({"depth": ["5", "5"]}, "sidebar.url_repeated"),
    ({"test_fraction": "0.5", "val_fraction": "0.4"}, "sidebar.url_conflict"),
    ({"csv_path": "x.csv"}, "sidebar.url_no_file"),
])
def test_each_kind_of_problem_has_its_own_message(link, key):
    _, warnings = config_from_query(link)
    assert len(warnings) == 1
    template = i18n.t(key)
    words = [w for w in re.split(r"\{[a-z]+\}", template) if w.strip()]
    assert all(w in warnings[0] for w in words), (warnings[0], template)


def test_same_link_in_korean_names_the_same_fields():
    link = {"depth": "ten", "foo": "1", "lr": "100"}
    _, en = config_from_query(link, "en")
    _, ko = config_from_query(link, "ko")
    assert len(en) == len(ko) == 3
    for a, b in zip(en, ko):
        assert a != b and HANGUL.search(b)
        assert CODE_SPAN.findall(a)[0] == CODE_SPAN.findall(b)[0]  # the field, as given


def test_fewest_fields_are_dropped_from_an_invalid_combination():
    config, warnings = config_from_query({"layer_widths": "8,8,8", "layer_activations": "relu,tanh",
                                          "activation": "elu", "test_fraction": "0.45", "val_fraction": "0.45"})
    assert config.layer_widths == (8, 8, 8) and config.activation == "elu" and config.test_fraction == 0.45
    assert config.layer_activations == () and config.val_fraction == RunConfig().val_fraction
    assert len(warnings) == 2
    assert "layer_activations" in warnings[0] + warnings[1] and "val_fraction" in warnings[0] + warnings[1]
    good, none = config_from_query({"layer_widths": "8,8", "layer_activations": "sigmoid,relu"})
    assert none == [] and good.hidden_activations == ("sigmoid", "relu")


def test_names_are_read_case_insensitively_and_aliases_like_the_cli():
    from nnlab.cli import ALIASES

    config, warnings = config_from_query({"activation": " ReLU ", "optimizer": "Adam", "lr": "0.1", "csv": "x"})
    assert (config.activation, config.optimizer, config.learning_rate) == ("relu", "adam", 0.1)
    assert len(warnings) == 1 and "csv_path" in warnings[0]  # the alias is known, but a link cannot name a file
    assert ALIASES == {"learning_rate": ["--lr"], "csv_path": ["--csv"]}


# -- the corpus through the Train page --------------------------------------------------------------

def open_train(params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("pages/train.py")
    at.run()
    return at


def is_link_warning(text: str) -> bool:
    starts = [i18n.t(k, lang).split("{")[0] for k in i18n.CATALOG if k.startswith("sidebar.url_") for lang in ("en", "ko")]
    return any(s and text.startswith(s) for s in starts)


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"][:-4] for e in MANIFEST])
def test_train_page_shows_the_warning_and_applies_the_rest(entry):
    at = open_train(query(entry))
    assert not at.exception, at.exception
    assert at.title[0].value == i18n.t("train.title", entry["lang"])
    # Other parts of the page may warn too (e.g. a busy server): look at the link's warnings.
    shown = [w.value for w in at.warning if is_link_warning(w.value)]
    check_warnings(entry, shown)
    assert shown == config_from_query(query(entry), entry["lang"])[1]
    check_applied(entry, at.session_state["nnlab.config"].to_flat())


def test_the_url_keeps_one_spelling_and_one_value_per_setting():
    at = open_train({"lr": "0.1", "depth": ["3", "5"], "foo": "bar"})
    assert not at.exception, at.exception
    params = at.query_params
    assert "lr" not in params and params["learning_rate"] in ("0.1", ["0.1"])
    assert params["depth"] in ("5", ["5"]) and params["foo"] in ("bar", ["bar"])  # unknown keys are not ours


# -- CSV upload ---------------------------------------------------------------------------------

def upload(at: AppTest, name: str, text: str) -> None:
    at.sidebar.file_uploader[0].set_value((name, text.encode(), "text/csv"))
    at.run()
    assert not at.exception, at.exception


GOOD_CSV = "a,b,label\n" + "\n".join(f"{i % 7},{(i * 3) % 5},{int(i % 7 > 3)}" for i in range(40)) + "\n"
TWO_ROWS = "a,b,label\n1,2,0\n3,4,1\n"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_two_row_csv_is_refused_at_upload_and_the_table_before_stays(lang):
    at = open_train({"lang": lang})
    widget(at, "sb.dataset").set_value("csv")
    at.run()
    upload(at, "good.csv", GOOD_CSV)
    assert at.session_state["nnlab.config"].dataset == "csv" and not at.error
    upload(at, "tiny.csv", TWO_ROWS)
    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    assert "2" in errors[0] and str(datasets.MIN_ROWS) in errors[0]  # the problem and the fix
    expected = explain_error(datasets.DatasetError("too_few_rows", rows=2, min_rows=datasets.MIN_ROWS), lang)
    assert expected in errors[0]
    if lang == "ko":
        assert "2행뿐" in errors[0] and "10행 이상" in errors[0]
    assert i18n.t("sidebar.csv_kept", lang) in [c.value for c in at.sidebar.caption]
    assert len(at.session_state["nnlab.config.frame"]) == 40  # the good table is still the one used
    assert not at.button(key="train_btn").disabled


def test_csv_errors_after_upload_are_translated_and_literal():
    at = open_train({"lang": "ko"})
    widget(at, "sb.dataset").set_value("csv")
    at.run()
    text = "x,**bold**,<b>lbl</b>\n" + "\n".join(f"{i},{i % 3},{'a' if i % 2 else 'b'}" for i in range(30))
    upload(at, "<img src=x>.csv", text)
    assert not at.error, [e.value for e in at.error]
    widget(at, "sb.target").set_value("x").run()
    errors = [e.value for e in at.error]
    assert errors and HANGUL.search(errors[0]) and "`<b>lbl</b>`" in errors[0], errors
    assert not MARKUP & set(outside_code(errors[0])), errors[0]
    captions = [c.value for c in at.sidebar.caption]
    assert any("`<img src=x>.csv`" in c for c in captions), captions


TABLES = {
    "two_rows": pd.DataFrame({"a": [1.0, 2.0], "y": [0, 1]}),
    "nine_rows": pd.DataFrame({"a": np.arange(9.0), "y": np.arange(9) % 2}),
    "ten_rows": pd.DataFrame({"a": np.arange(10.0), "y": np.arange(10) % 2}),
    "one_class": pd.DataFrame({"a": np.arange(20.0), "y": ["cat"] * 20}),
    "text_feature": pd.DataFrame({"a": ["x"] * 20, "y": np.arange(20) % 2}),
    "huge_values": pd.DataFrame({"a": np.full(20, 1e200), "y": np.arange(20) % 2}),
    "empty_target": pd.DataFrame({"a": np.arange(20.0), "y": [0, 1] * 9 + [np.nan, 1]}),
    "many_classes_regression": pd.DataFrame({"a": np.arange(300.0), "y": np.arange(300) * 1.5}),
}


@pytest.mark.parametrize("name", TABLES)
@pytest.mark.parametrize("task", ["auto", "classification", "regression"])
def test_the_upload_check_is_the_rule_set_of_loading(name, task):
    frame = TABLES[name]
    config = RunConfig(dataset="csv", csv_path="upload:t.csv", task=task, test_fraction=0.3, val_fraction=0.3)

    def code(fn):
        try:
            fn()
        except datasets.DatasetError as exc:
            return exc.code
        return None

    at_upload = code(lambda: datasets.check_table(frame, config.target, task, config.test_fraction,
                                                  config.val_fraction))
    at_train = code(lambda: datasets.load(config, frame))
    assert at_upload == at_train
    if name in ("two_rows", "nine_rows"):
        assert at_upload == "too_few_rows"


# -- messages ---------------------------------------------------------------------------------

def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_error_texts_exist_in_both_languages_with_the_same_placeholders():
    keys = [k for k in i18n.CATALOG if k.startswith(("config.err.", "data.err.", "sidebar.url_", "value."))]
    assert len(keys) > 50
    for key in keys:
        entry = i18n.CATALOG[key]
        assert entry.get("en") and entry.get("ko"), key
        assert HANGUL.search(entry["ko"]), key
        assert _fields(entry["en"]) == _fields(entry["ko"]), key


def test_every_dataset_error_code_raised_has_its_text():
    source = (ROOT / "nnlab" / "datasets.py").read_text()
    codes = set(re.findall(r'DatasetError\("([a-z0-9_]+)"', source))
    assert len(codes) > 25
    for code in codes:
        assert f"data.err.{code}" in i18n.CATALOG, code


def test_md_value_shows_anything_literally():
    assert md_value("<script>alert(1)</script>") == "`<script>alert(1)</script>`"
    assert md_value("a`b``c") == "```a`b``c```"
    assert md_value("`x") == "`` `x ``"
    assert md_value("a\nb\u202e") == "`a\\u000ab\\u202e`"
    assert md_value("") == i18n.t("value.empty") and md_value("", "ko") == i18n.t("value.empty", "ko")
    long = md_value("x" * 10_240 + "END")
    assert len(long) < 120 and long.count("`") == 2 and "END`" in long and "(10,243 characters)" in long
    assert "(모두 10,243자)" in md_value("x" * 10_243, "ko")


def test_cli_messages_stay_one_line_and_short():
    err = datasets.DatasetError("target_missing", target="a\nb" * 5000, columns=[f"c{i}\n" for i in range(1000)])
    text = str(err)
    assert "\n" not in text and len(text) < 1200 and "(1,000 in all)" in text


# -- no unsafe deserialization, no raw HTML ---------------------------------------------------------

UNSAFE = re.compile(r"\bimport pickle\b|\bpickle\.|\bcloudpickle\b|\bdill\b|\bmarshal\.|\bshelve\b|\beval\(|"
                    r"\bexec\(|allow_pickle\s*=\s*True|yaml\.load\(|unsafe_allow_html\s*=\s*True|st\.html\(|"
                    r"components\.v1\.html|safe_mode\s*=\s*False")

def test_no_unsafe_deserialization_or_raw_html_in_the_app():
    sources = [ROOT / "app.py", *sorted((ROOT / "nnlab").rglob("*.py")), *sorted((ROOT / "pages").glob("*.py"))]
    offenders = {str(p.relative_to(ROOT)) for p in sources if UNSAFE.search(p.read_text(encoding="utf-8"))}
    assert not offenders, offenders


# -- a real browser --------------------------------------------------------------------------

def _browser(test):
    for mark in browser_marks():
        test = mark(test)
    return test


@_browser
def test_a_nasty_link_renders_literally_in_the_browser():
    nasty = "[x](javascript:alert(1)) **b** <b>B</b> <script>alert(1)</script> $x^2$ :red[r] :smile:"
    with streamlit_server() as base_url, browser_page() as page:
        page.goto(f"{base_url}/train?activation={quote(nasty)}&depth=4")
        wait_for_app(page)
        alert = page.locator("[data-testid='stAlert']").filter(has_text="activation").first
        alert.wait_for(timeout=30_000)
        html, text = alert.inner_html(), alert.inner_text()
        assert nasty[:50] in text, text  # literally, up to the cut
        for tag in ("<a", "<strong", "<em", "<b>", "<script", "katex", "<img", "<span class=\"emoji"):
            assert tag not in html, (tag, html)
        deadline = time.monotonic() + 10
        while "depth=4" not in page.url and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        assert "depth=4" in page.url and "activation" not in page.url  # the good field applied, the bad one not
