"""AppTest of the Train page's "Distributions over time" section, in English and Korean:
after a real tiny run, the section draws the ridge chart of the chosen layer and kind."""

from __future__ import annotations

from chart_elements import chart_figures
from test_korean_ui import foreign_words, open_page
from test_korean_ui import wait_until_ended as wait_korean
from test_page_train import TINY, open_train, set_widgets, wait_until_ended

from nnlab.i18n import t


def _hist_figure(at) -> dict:
    figs = [f for f in chart_figures(at) if f["key"] == "train_hist"]
    assert len(figs) == 1, [f["key"] for f in chart_figures(at)]
    return figs[0]


def _ridges(fig) -> list:
    return [tr for tr in fig["data"] if tr.get("fill") == "toself"]


def test_the_section_draws_the_chosen_layer_and_kind():
    at = open_train()
    set_widgets(at, TINY)
    at.button(key="train_btn").click().run()
    wait_until_ended(at)
    assert t("hist.heading") in [e.label for e in at.expander]
    at.session_state["train_hist.open"] = True
    at.run()
    fig = _hist_figure(at)
    assert fig["layout"]["title"]["text"] == t("hist.title", layer="L1", kind=t("hist.kind.weights"))
    epochs = [r["y"][0] for r in _ridges(fig)]
    assert epochs[0] == 0 and epochs[-1] == TINY["sb.epochs"]
    at.session_state["train_hist.kind"] = "grad"
    at.session_state["train_hist.layer"] = 2  # the output layer of a 2-hidden-layer net
    at.run()
    assert not at.exception, at.exception
    fig = _hist_figure(at)
    assert fig["layout"]["title"]["text"] == t("hist.title", layer="out", kind=t("hist.kind.grad"))
    assert fig["layout"]["xaxis"]["type"] == "log" and len(_ridges(fig)) >= 2
    labels = [w.label for w in at.selectbox]
    assert t("hist.layer") in labels


def test_the_section_in_korean():
    at = open_page("train", {"dataset": "xor", "depth": "2", "width": "8", "epochs": "3", "n_samples": "200"},
                   state={"train_hist.open": True, "train_hist.kind": "post"})
    at.button(key="train_btn").click()
    at.run()
    wait_korean(at, ["train"])
    at.run()
    fig = _hist_figure(at)
    texts = [fig["layout"]["title"]["text"], fig["layout"]["title"]["subtitle"]["text"],
             fig["layout"]["xaxis"]["title"]["text"], fig["layout"]["yaxis"]["title"]["text"]]
    texts += [tr["name"] for tr in _ridges(fig) if tr.get("showlegend")]
    assert fig["layout"]["title"]["text"] == t("hist.title", "ko", layer="L1", kind=t("hist.kind.post", "ko"))
    assert all(not foreign_words(text) for text in texts), texts
    captions = [c.value for c in at.caption]
    assert any(c.startswith(t("hist.caption", "ko", rows=0)[:20]) for c in captions)
