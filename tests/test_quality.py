"""Regression guard on answer quality: the tuning and validation questions must stay at or above the floors reached."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.evaluation import evaluate, fold, load_cases

EVAL_DIR = Path(__file__).parent / "eval"
# The figures reached on tests/eval/tuning.jsonl (README, "Answer quality"), less a small margin.
FLOORS = {
    ("answer", "hit@1"): 0.89,
    ("answer", "mrr@5"): 0.91,
    ("followup", "hit@1"): 0.82,
    ("no_match", "accuracy"): 0.97,
    ("smalltalk", "accuracy"): 1.0,
    ("emergency", "accuracy"): 1.0,
}


@pytest.fixture(scope="module")
def tuning_figures(engine):
    return evaluate(engine, load_cases(EVAL_DIR / "tuning.jsonl")).as_dict()


@pytest.mark.parametrize("kind, measure", list(FLOORS))
def test_tuning_set_stays_above_the_floor(tuning_figures, kind, measure):
    assert tuning_figures[kind][measure] >= FLOORS[(kind, measure)]


@pytest.mark.parametrize("name", ["tuning.jsonl", "validation_a.jsonl", "validation_b.jsonl", "blind.jsonl", "blind2.jsonl"])
def test_question_sets_are_valid_against_the_corpus(engine, name):
    cases = load_cases(EVAL_DIR / name)
    texts = [fold(p.text) for p in engine.retriever.passages]
    assert len(cases) >= (200 if name == "tuning.jsonl" else 60)
    for case in cases:
        if case["kind"] in ("answer", "followup"):
            assert case["gold"], case["id"]
            assert all(any(fold(g) in t for t in texts) for g in case["gold"]), case["id"]
        if case["kind"] == "followup":
            assert case["history"], case["id"]
