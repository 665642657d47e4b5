"""Property tests: whatever text arrives, the tokenizer, the engine and the API answer; they never raise."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from chatbot.engine import KINDS
from chatbot.messages import DISCLAIMER
from chatbot.text import Analyzer, normalize, words

# Every code point, lone surrogates included (JSON can carry them), and the awkward corners on purpose.
any_char = st.characters(codec=None, exclude_categories=())
awkward = st.sampled_from(
    ["\x00", "\u202e", "\u200f", "\u0645", "\ufeff", "\u200b", "🙂", "👩‍⚕️", "\r\n", "\t", "\x1b[31m", "ﬃ", "İ", "ß", "\ud800", " "]
)
text = st.one_of(st.text(any_char, max_size=200), st.lists(st.one_of(awkward, st.text(any_char, max_size=5)), max_size=40).map("".join))
# 100 KB or so of one drawn snippet repeated: as long as any request could carry, at a cost a test run can pay.
huge = st.text(any_char, min_size=1, max_size=12).map(lambda s: (s * (100_000 // len(s) + 1))[:100_000])

EDGE_CASES = [
    "",
    " ",
    "\x00" * 100_000,
    "\n\t \u3000",
    "🙂" * 1000,
    "ما هي مخاطر زرع الخلايا الجذعية؟",
    "\u202eksir",
    "risk\x00s of AHSCT",
    "a" * 100_000,
]
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


@SETTINGS
@given(st.one_of(text, huge))
def test_the_tokenizer_turns_any_text_into_plain_lower_case_words(engine, value):
    normalized = normalize(value)
    assert isinstance(normalized, str)
    found = words(value)
    assert all(w and w.isascii() and w == w.lower() and not any(c.isspace() for c in w) for w in found)
    for analyzer in (Analyzer(), engine.retriever.analyzer):
        tokens = analyzer.tokens(value)
        assert all(isinstance(t, str) and t for t in tokens)
        assert all(isinstance(c.surface, str) for c in analyzer.concepts(value))


for case in EDGE_CASES:
    test_the_tokenizer_turns_any_text_into_plain_lower_case_words = example(value=case)(
        test_the_tokenizer_turns_any_text_into_plain_lower_case_words
    )


@SETTINGS
@given(st.one_of(text, huge), st.lists(text, max_size=3))
def test_the_engine_gives_one_valid_reply_to_any_message_and_history(engine, message, history):
    reply = engine.reply(message, history)
    assert reply.kind in KINDS and reply.reply and reply.disclaimer == DISCLAIMER
    assert len(reply.passages) <= 3 and (reply.kind == "answer") == bool(reply.passages)
    json.dumps(reply.to_dict())
    assert isinstance(engine.search(message, 5), list)


for case in EDGE_CASES:
    test_the_engine_gives_one_valid_reply_to_any_message_and_history = example(message=case, history=[case])(
        test_the_engine_gives_one_valid_reply_to_any_message_and_history
    )


@SETTINGS
@given(st.one_of(text, st.text(any_char, min_size=990, max_size=1010)), st.lists(text, max_size=12))
def test_the_api_answers_any_message_with_a_reply_or_a_json_400(app, message, history):
    client = app.test_client()
    response = client.post("/api/chat", json={"message": message, "history": history})
    body = response.get_json()
    if response.status_code == 200:
        assert body["kind"] in KINDS and body["disclaimer"] == DISCLAIMER
    else:
        assert response.status_code == 400 and body["error"]
    search = client.post("/api/search", json={"q": message})
    assert search.status_code in (200, 400) and search.is_json
