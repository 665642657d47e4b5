"""Emergencies recognised by closeness in meaning to example emergencies, beside the red-flag patterns."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from chatbot.alarms import EXAMPLES_FILE, VECTORS_FILE, load_examples, sentences
from chatbot.red_flags import is_emergency
from chatbot.semantic import default_encoder, saved_vectors

DATA = Path(__file__).parent / "data" / "intent_phrasings.jsonl"
EVAL_DIR = Path(__file__).parent / "eval"


def _phrasings(kind: str) -> list[str]:
    return [row["text"] for row in map(json.loads, DATA.read_text(encoding="utf-8").splitlines()) if row["kind"] == kind]


def test_the_shipped_example_vectors_belong_to_the_shipped_examples(caplog):
    # If this fails, the examples changed: run `python scripts/embed_examples.py`.
    emergencies, others = load_examples()
    with caplog.at_level(logging.INFO, logger="chatbot.semantic"):
        saved_vectors(default_encoder(), emergencies + others, VECTORS_FILE)
    assert not caplog.records, f"{VECTORS_FILE.name} is out of date"


@pytest.mark.parametrize(
    "message",
    [
        "she has gone all grey and sweaty and keeps holding her arm",
        "my dads words are all muddled and his face looks strange",
        "my little boy got into the cupboard under the sink and his mouth smells of chemicals",
        "he is breathing very strangely and will not answer me",
        "my wife is making gurgling sounds and her lips look dark",
    ],
)
def test_an_emergency_told_in_words_no_pattern_lists_is_recognised_by_its_meaning(engine, message):
    assert not is_emergency(message)  # no red-flag pattern: the examples' meaning catches it
    assert engine.reply(message).kind == "emergency"


def test_closeness_alone_recognises_most_emergencies_it_was_not_shown_and_no_alarming_question(engine):
    # The phrasings in tests/data are not among the examples, so they measure how far closeness generalises.
    emergencies, others = load_examples()
    shown = {text.lower() for text in emergencies + others}
    held_out = [text for text in _phrasings("emergency") if text.lower() not in shown]
    assert len(held_out) > 100
    recognised = sum(engine.alarms.sounds_like_emergency(text) for text in held_out)
    assert recognised / len(held_out) >= 0.75  # 132 of 162 when measured
    assert [text for text in _phrasings("not_emergency") if engine.alarms.sounds_like_emergency(text)] == []


def test_an_emergency_told_inside_a_question_about_the_article_is_recognised_by_its_sentence(engine):
    message = "what does msc cost in total, anyway she has gone very floppy and will not answer me"
    assert not is_emergency(message)  # no red-flag pattern, and as a whole it reads as a question about cost
    assert engine.reply(message).kind == "emergency"


def test_a_message_is_read_sentence_by_sentence_when_it_has_several():
    assert sentences("how much is it? my dad just collapsed, help") == ["how much is it", "my dad just collapsed, help"]
    assert sentences("what are the risks of ahsct") == []


def test_a_list_between_commas_is_read_as_one_clause():
    # "I've been through methotrexate" alone reads like an overdose; the list says what was tried.
    message = "I've been through methotrexate, cellcept, benlysta, you name it, and nothing holds. Would I qualify?"
    assert "I've been through methotrexate, cellcept, benlysta" in sentences(message)


@pytest.mark.parametrize(
    "message",
    [
        "how much is ahsct, my mum has lupus and we are saving up for it",
        "what if i faint during the infusion",
        "can mscs cause a heart attack",
        "i had a seizure 10 years ago, can i still have ahsct",
        # Close in meaning to "my son took his methotrexate twice by mistake", but a question about a risk.
        "is it ok to have a glass of wine on methotrexate",
    ],
)
def test_a_question_about_an_alarming_risk_is_answered_or_declined_not_taken_for_an_emergency(engine, message):
    assert engine.reply(message).kind in ("answer", "no_match")


def test_no_question_of_the_eval_sets_is_taken_for_an_emergency(engine):
    questions = [json.loads(line) for path in sorted(EVAL_DIR.glob("*.jsonl")) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    ordinary = [q["question"] for q in questions if q["kind"] in ("answer", "followup", "no_match")]
    assert len(ordinary) > 900
    assert [q for q in ordinary if engine.is_emergency(q)] == []


def test_the_examples_hold_both_kinds(tmp_path: Path):
    emergencies, others = load_examples(EXAMPLES_FILE)
    assert len(emergencies) > 300 and len(others) > 200
    path = tmp_path / "examples.jsonl"
    path.write_text('{"kind": "emergency", "text": "a"}\n\n{"kind": "smalltalk", "text": "b"}\n', encoding="utf-8")
    assert load_examples(path) == (["a"], ["b"])
