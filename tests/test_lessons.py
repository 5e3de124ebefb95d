"""Lessons: every lesson is a valid setup with texts in both languages, and every claim a
lesson makes holds when the lesson is trained (at its reduced, seeded size)."""

from __future__ import annotations

import pytest

from nnlab import comparison, lessons
from nnlab.i18n import CATALOG, t

CLAIMED = [name for name in lessons.names() if lessons.get(name).claim]


@pytest.mark.parametrize("name", lessons.names())
def test_every_lesson_is_a_valid_setup(name):
    lesson = lessons.get(name)
    assert lesson.topic in lessons.TOPICS and lesson.page in lessons.PAGES
    for quick in (False, True):
        runs = lesson.run_configs(quick) if lesson.page in ("train", "compare") else []
        if lesson.page == "compare":
            assert comparison.MIN_VALUES <= len(runs) <= comparison.MAX_VALUES
            assert len({label for label, _ in runs}) == len(runs)
            if lesson.variable:  # the runs differ in that one setting only, as on the Compare page
                assert lesson.variable in comparison.VARIABLES
                values = [getattr(cfg, lesson.variable) for _, cfg in runs]
                assert [label for label, _ in comparison.variant_configs(lesson.config(quick), lesson.variable, values)] \
                    == [comparison.run_label(lesson.variable, v) for v in values]
                others = [cfg.replace(**{lesson.variable: getattr(runs[0][1], lesson.variable)}) for _, cfg in runs]
                assert all(o == others[0] for o in others)
        elif lesson.page == "train":
            assert len(runs) == 1
    if lesson.page in ("train", "compare"):
        assert lesson.config().epochs >= lesson.config(quick=True).epochs


@pytest.mark.parametrize("name", lessons.names())
def test_every_lesson_has_its_texts_in_english_and_korean(name):
    for part in ("title", "watch", "claim"):
        entry = CATALOG.get(f"lesson.{name}.{part}")
        assert entry and entry.get("en") and entry.get("ko"), f"lesson.{name}.{part}"
        assert any("\uac00" <= ch <= "\ud7a3" for ch in entry["ko"]), f"lesson.{name}.{part} is not Korean"
    assert t(f"lesson.topic.{lessons.get(name).topic}", "ko") != f"lesson.topic.{lessons.get(name).topic}"


def test_unknown_lesson_names_the_choices():
    with pytest.raises(ValueError, match="vanishing_gradients"):
        lessons.get("nope")


@pytest.mark.parametrize("name", CLAIMED)
def test_the_lesson_shows_what_it_claims(name):
    lesson = lessons.get(name)
    snaps = {}
    if lesson.page in ("train", "compare"):
        records = lessons.run_lesson(lesson, quick=True)
        assert all(r.status == "finished" for r in records.values()), {k: r.status for k, r in records.items()}
        snaps = {label: r.snapshot() for label, r in records.items()}
    verdict = lesson.check(snaps)
    for lang in ("en", "ko"):  # the claim's wording takes exactly the numbers the check measured
        print(lang, t(f"lesson.{name}.claim", lang, **verdict.seen))
    assert verdict.held, f"{name}: {verdict.seen}"


def test_the_ensemble_claim_reads_the_runs_test_outputs():
    """Three seeds that each get a different third of the test set wrong: averaged, they are right
    everywhere (the Compare page's ensemble), above the mean single run; a run without outputs
    gives no verdict."""
    y = [0, 1, 0, 1, 0, 1]

    def run(wrong):
        probs = [[0.9, 0.1] if c == 0 else [0.1, 0.9] for c in y]
        for i in wrong:
            probs[i] = [0.4, 0.6] if y[i] == 0 else [0.6, 0.4]
        return {"status": "finished", "label": "seed=?", "dataset": {"task": "classification"},
                "test_output": probs, "predictions": {"y_true": y}}

    runs = {"0": run([0, 1]), "1": run([2, 3]), "2": run([4, 5])}
    verdict = lessons.get("ensemble").check(runs)
    assert verdict.held and verdict.seen == {"ensemble": 1.0, "mean": pytest.approx(0.667, abs=1e-3), "best": 0.667}
    with pytest.raises(KeyError):
        lessons.get("ensemble").check({**runs, "3": {"status": "finished", "label": "x"}})


def test_the_teaching_pages_claims_judge_given_numbers():
    """The neuron and softmax pages judge the numbers they computed with these; the CLI's
    ``Lesson.check`` computes the same numbers headless."""
    assert lessons.single_neuron_verdict(0.5, 0.93) == lessons.Verdict(True, {"without": 0.5, "with": 0.93})
    assert not lessons.single_neuron_verdict(0.51, 0.93).held and not lessons.single_neuron_verdict(0.5, 0.8).held
    model = [[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]]
    assert lessons.softmax_verdict([[0.2, 0.3, 0.5 + 1e-7], [0.1, 0.1, 0.8]], model).held
    assert lessons.softmax_verdict([0.2, 0.3, 0.5], model[0]).held  # one row, as the page shows it
    missed = lessons.softmax_verdict([[0.25, 0.25, 0.5], [0.1, 0.1, 0.8]], model)
    assert not missed.held and missed.seen == {"gap": 0.05}


def test_a_diverged_run_still_writes_a_json_record_with_its_unit_spread():
    """A run whose weights became NaN states no spread (null), so its record stays valid JSON."""
    import json

    from nnlab import datasets, engine
    from nnlab.config import RunConfig

    config = RunConfig(dataset="diabetes", depth=1, width=8, epochs=2)  # lr 0.03 on raw targets: diverges
    record = engine.run(config, datasets.load(config))
    assert record.status == "diverged"
    spread = json.loads(record.to_json())["unit_spread"]
    assert spread[0] is None and spread[1] == 0.0  # hidden layer's NaN weights; the 1-unit output layer
