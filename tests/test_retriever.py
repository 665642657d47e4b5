from __future__ import annotations

import numpy as np
import pytest
from rank_bm25 import BM25L, BM25Okapi, BM25Plus

from chatbot.corpus import load_corpus
from chatbot.retriever import Retriever
from chatbot.text import Analyzer

QUERIES = ["water roses morning", "aphids insects", "soil leaves can", "garden light", "nothing matches this"]


@pytest.fixture
def passages(tiny_corpus):
    return load_corpus(tiny_corpus)


@pytest.mark.parametrize("variant, model", [("okapi", BM25Okapi), ("plus", BM25Plus), ("l", BM25L)])
def test_scores_equal_rank_bm25(passages, variant, model):
    analyzer = Analyzer()
    params = {"k1": 1.2, "b": 0.75} | ({} if variant == "okapi" else {"delta": 0.7})
    retriever = Retriever(passages, analyzer, variant=variant, **params)
    reference = model([analyzer.tokens(p.search_text) for p in passages], **params)
    for query in QUERIES:
        tokens = analyzer.tokens(query)
        np.testing.assert_allclose(retriever.term_scores(tokens), reference.get_scores(tokens), rtol=1e-9, atol=1e-12)


def test_search_returns_scored_hits_best_first_with_matched_words(passages):
    hits = Retriever(passages, Analyzer()).search("how do I stop aphids sucking sap", k=3)
    assert hits[0].passage.text.startswith("Aphids")
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert set(hits[0].matched) >= {"aphids", "sap"}


def test_search_leaves_out_passages_that_share_no_word(passages):
    retriever = Retriever(passages, Analyzer())
    assert retriever.search("quantum chromodynamics", k=5) == []
    assert len(retriever.search("water", k=2)) <= 2


def test_heading_words_find_the_bullets_they_govern(passages):
    hits = Retriever(passages, Analyzer()).search("watering", k=3)
    assert {h.passage.text for h in hits} >= {"Use a can with a fine rose head", "Soak the soil, not the leaves"}


def test_empty_passage_list_is_refused():
    with pytest.raises(ValueError):
        Retriever([], Analyzer())
