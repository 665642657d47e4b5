"""Small talk read by its meaning, for the wordings no pattern lists, and the kinds the patterns read."""

from __future__ import annotations

import logging

import pytest

from chatbot import messages
from chatbot.semantic import default_encoder, saved_vectors
from chatbot.smalltalk import EXAMPLES_FILE, KINDS, VECTORS_FILE, load_examples, smalltalk_kind


def test_the_shipped_small_talk_vectors_belong_to_the_shipped_examples(caplog):
    # If this fails, the examples changed: run `python scripts/embed_examples.py`.
    with caplog.at_level(logging.INFO, logger="chatbot.semantic"):
        saved_vectors(default_encoder(), [text for _, text in load_examples()], VECTORS_FILE)
    assert not caplog.records, f"{VECTORS_FILE.name} is out of date"


def test_every_kind_of_small_talk_has_examples_and_so_do_questions_worded_like_it():
    kinds = [kind for kind, _ in load_examples(EXAMPLES_FILE)]
    assert all(kinds.count(kind) >= 50 for kind in (*KINDS, "question"))


@pytest.mark.parametrize(
    "message, kind",
    [
        ("top of the morning to you", "greeting"),
        ("well hello there, new here", "greeting"),
        ("hey folks, just checking in", "greeting"),
        ("you've made this so much easier to understand", "thanks"),
        ("i really appreciate the clear answers", "thanks"),
        ("that's brilliant, exactly what i needed to hear", "thanks"),
        ("i'll be off then, take it easy", "goodbye"),
        ("i'm going to close this window now", "goodbye"),
        ("speak soon", "goodbye"),
        ("is anyone actually reading what i write", "about"),
        ("are you some kind of program", "about"),
        ("could you explain how i'm meant to use this", "help"),
    ],
)
def test_small_talk_no_pattern_lists_is_read_by_its_meaning(engine, message, kind):
    assert smalltalk_kind(message) is None  # no pattern reads it
    assert engine.smalltalk_kind(message) == kind
    reply = engine.reply(message)
    assert reply.kind == "smalltalk" and reply.reply == getattr(messages, kind.upper()) and not reply.passages


@pytest.mark.parametrize(
    "message",
    ["hey, can the transplant cure lupus", "thank you. is the msc infusion painful", "who decides if i can have it", "how do they collect the cells", "then what", "what else?"],
)
def test_questions_close_to_small_talk_in_words_are_still_answered(engine, message):
    assert engine.smalltalk_kind(message) is None
    assert engine.reply(message, ["what is an msc infusion"]).kind == "answer"


def test_no_question_the_article_answers_is_small_talk_by_its_meaning(engine):
    questions = [q for p in engine.retriever.passages for q in p.questions]
    assert [q for q in questions if engine.smalltalk_kind(q)] == []


@pytest.mark.parametrize(
    "message", ["Hi. I'm Dana, 34, diagnosed last spring.", "Good afternoon, I am a carer for my brother who has SLE.", "hello, I'm writing on behalf of my wife"]
)
def test_a_greeting_that_only_says_who_is_writing_is_a_greeting(engine, message):
    assert smalltalk_kind(message) == "greeting"
    assert engine.reply(message).kind == "smalltalk"


@pytest.mark.parametrize(
    "message",
    ["hi, i'm 34 and on prednisone, what are the risks", "hello, i am a nurse, msc vs ahsct", "hi, i'm looking into the transplant", "my 15 yo daughter has lupus nephritis"],
)
def test_a_greeting_that_says_who_is_writing_and_asks_is_answered(engine, message):
    assert smalltalk_kind(message) is None
    assert engine.reply(message).kind in ("answer", "no_match")


def test_an_emergency_told_after_an_introduction_is_an_emergency(engine):
    assert engine.reply("hello, I'm writing on behalf of my husband, he collapsed and isn't breathing").kind == "emergency"


@pytest.mark.parametrize(
    "message, kind",
    [
        ("bye then, and thanks for all your help", "goodbye"),
        ("that will be all for today. good evening", "goodbye"),
        ("hasta luego", "goodbye"),
        ("can you see my messages?", "greeting"),
        ("thanks, will ask my nurse about it on monday", "thanks"),
        ("thank you. I shall talk this over with my husband.", "thanks"),
        ("may I ask whom I am communicating with", "about"),
        ("what are you even good for", "help"),
        # kinds a fifth probe showed
        ("are you with the nephrology team?", "about"),
        ("nice to hear there are trials running, thank you", "thanks"),
        ("logging off, back to bed", "goodbye"),
        ("tnx", "thanks"),
        ("just testing whether the chat is working", "greeting"),
        # in the other languages of people who write here
        ("obrigada, tchau!", "goodbye"),
        ("necesito ayuda por favor", "help"),
        ("dzien dobry", "greeting"),
        ("terima kasih", "thanks"),
        ("quem é você?", "about"),
        ("buenas tardes", "greeting"),
    ],
)
def test_small_talk_the_patterns_read(message, kind):
    assert smalltalk_kind(message) == kind


@pytest.mark.parametrize("message", ["hi, sorry for my bad english", "hello. my english is poor, sorry. I am from Peru", "hello, english is not my first language"])
def test_an_excuse_for_ones_english_beside_a_greeting_is_a_greeting(message):
    assert smalltalk_kind(message) == "greeting"


@pytest.mark.parametrize("message", ["sorry my english is not good, what does msc cost", "im not good with computers, who can get the transplant"])
def test_an_excuse_beside_a_question_leaves_the_question_answered(engine, message):
    assert smalltalk_kind(message) is None
    assert engine.reply(message).kind == "answer"


@pytest.mark.parametrize("message", ["hi, my mum is 72, is she too old for it", "hello. my son is 16, is he old enough"])
def test_a_greeting_that_says_who_is_writing_and_asks_without_a_question_mark_is_answered(message):
    assert smalltalk_kind(message) is None


@pytest.mark.parametrize("message", ["ok but under whom", "thanks, and who does it", "ok whose cells then"])
def test_thanks_or_ok_before_who_asks(message):
    assert smalltalk_kind(message) is None


@pytest.mark.parametrize("message", ["sorry for asking so many questions, this is all new to me", "apologies for all the questions!", "sorry to bother you with this"])
def test_an_apology_for_asking_so_much_is_met_like_thanks(message):
    assert smalltalk_kind(message) == "thanks"


@pytest.mark.parametrize("message", ["sorry to bother you, but is the msc drip safe?", "sorry for all the questions. who pays for it?"])
def test_an_apology_before_a_question_leaves_the_question_answered(engine, message):
    assert engine.reply(message).kind == "answer"
