"""Sentence vectors: the shipped model, the saved vectors beside the corpus, and what meaning adds to answers."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import numpy as np
import pytest

from chatbot.cli import main
from chatbot.config import DEFAULT_CORPUS, Config, ConfigError
from chatbot.corpus import load_corpus
from chatbot.engine import ChatEngine
from chatbot.evaluation import evaluate, load_cases
from chatbot.semantic import EMBEDDINGS_FILE, MODEL_DIR, Encoder, ModelError, SemanticIndex, default_encoder

EVAL_DIR = Path(__file__).parent / "eval"


def test_sentences_that_mean_the_same_are_closer_than_sentences_that_do_not():
    vectors = default_encoder().encode(["what are the dangers of the procedure", "what are the risks of the treatment", "how much does it cost"])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_any_text_can_be_encoded(engine):
    texts = ["", "\ud800 lone surrogate", "x" * 100_000, "NUL\x00byte", "été à l'hôpital"]
    vectors = default_encoder().encode(texts)
    assert vectors.shape == (len(texts), 384) and np.isfinite(vectors).all()


def test_the_shipped_vectors_belong_to_the_shipped_corpus_and_questions(caplog):
    # If this fails, the article or its listed questions changed: run `python -m chatbot embed`.
    with caplog.at_level(logging.INFO, logger="chatbot.semantic"):
        SemanticIndex.build(load_corpus(DEFAULT_CORPUS), DEFAULT_CORPUS / EMBEDDINGS_FILE)
    assert not caplog.records, "corpus/embeddings.npz is out of date: run python -m chatbot embed"


def test_embed_saves_vectors_that_the_next_start_reads_instead_of_computing(tiny_corpus: Path, capsys, monkeypatch):
    assert main(["--corpus", str(tiny_corpus), "embed"]) == 0
    assert (tiny_corpus / EMBEDDINGS_FILE).is_file() and "saved" in capsys.readouterr().out
    computed = SemanticIndex.build(load_corpus(tiny_corpus))
    monkeypatch.setattr(Encoder, "encode", lambda self, texts: pytest.fail("the saved vectors were not used"))
    loaded = SemanticIndex.build(load_corpus(tiny_corpus), tiny_corpus / EMBEDDINGS_FILE)
    assert np.array_equal(loaded.vectors, computed.vectors)


def test_vectors_saved_for_another_corpus_are_ignored_with_a_warning(tiny_corpus: Path, caplog):
    assert main(["--corpus", str(tiny_corpus), "embed"]) == 0
    (tiny_corpus / "garden.md").write_text("# Garden Care\n\nMulch keeps the soil moist in summer.\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="chatbot.semantic"):
        engine = ChatEngine.from_corpus(tiny_corpus)
    assert "python -m chatbot embed" in caplog.text
    reply = engine.reply("what keeps the soil moist")
    assert reply.kind == "answer" and "Mulch" in reply.passages[0].passage.text


def test_a_damaged_vectors_file_is_ignored_with_a_warning(tiny_corpus: Path, caplog):
    (tiny_corpus / EMBEDDINGS_FILE).write_bytes(b"not a numpy file")
    with caplog.at_level(logging.WARNING, logger="chatbot.semantic"):
        engine = ChatEngine.from_corpus(tiny_corpus)
    assert "ignoring" in caplog.text and engine.reply("when should I water the roses").kind == "answer"


def test_a_model_file_that_is_not_the_expected_one_is_refused(tmp_path: Path):
    shutil.copy(MODEL_DIR / "tokenizer.json", tmp_path / "tokenizer.json")
    (tmp_path / "model.onnx").write_bytes(b"something else")
    with pytest.raises(ModelError, match="not the expected model"):
        Encoder(tmp_path)
    with pytest.raises(ModelError, match="cannot load"):
        Encoder(tmp_path / "missing")


def test_meaning_finds_the_passage_when_the_words_differ(tiny_corpus: Path):
    # No word of the question is in the passage ("Aphids are small insects that suck sap from young shoots").
    passages = load_corpus(tiny_corpus)
    closeness = SemanticIndex.build(passages).similarity("which little bugs feed on new growth")
    assert passages[int(np.argmax(closeness))].text.startswith("Aphids")


def test_meaning_answers_more_tuning_questions_than_words_alone(engine):
    cases = [c for c in load_cases(EVAL_DIR / "tuning.jsonl") if c["kind"] in ("answer", "followup")]
    words_only = ChatEngine(engine.retriever, engine.tuning, engine.out_of_scope, semantic=None)
    with_meaning, without = (evaluate(e, cases).kinds for e in (engine, words_only))
    assert with_meaning["answer"].hit1 + with_meaning["followup"].hit1 > without["answer"].hit1 + without["followup"].hit1


def test_a_question_far_from_everything_in_the_corpus_is_declined_even_if_a_word_matches(engine):
    # "dropping" loosely matches the article's "lower"/"reduce", but nothing in the article is about wifi.
    for question in ["my wifi keeps dropping, how do i fix it", "who won the football game on sunday"]:
        assert engine.reply(question).kind == "no_match"


def test_semantic_ranking_can_be_turned_off():
    assert Config.from_env({"CHATBOT_SEMANTIC": "0"}).semantic is False
    assert Config.from_env({"CHATBOT_SEMANTIC": "on"}).semantic is True
    with pytest.raises(ConfigError, match="CHATBOT_SEMANTIC"):
        Config.from_env({"CHATBOT_SEMANTIC": "maybe"})
    words_only = ChatEngine.from_corpus(DEFAULT_CORPUS, semantic=False)
    assert words_only.semantic is None
    assert words_only.reply("what are the risks of AHSCT").kind == "answer"
