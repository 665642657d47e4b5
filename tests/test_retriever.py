from __future__ import annotations

import random

import numpy as np
import pytest
from rank_bm25 import BM25L, BM25Okapi, BM25Plus

from chatbot import retriever as retriever_module
from chatbot.corpus import Passage, load_corpus
from chatbot.retriever import Retriever, mean_of_best
from chatbot.text import Analyzer, Concept

QUERIES = ["water roses morning", "aphids insects", "soil leaves can", "garden light", "nothing matches this"]
MODELS = {"okapi": BM25Okapi, "plus": BM25Plus, "l": BM25L}
# Content words of the generated fixture: a few common ones (in over half the passages, where Okapi floors
# the IDF), many rarer ones; stop words are mixed in and dropped by the analyzer.
COMMON = ["patient", "cell", "treatment"]
RARE = [
    f"{a}{b}" for a in ("bor", "cal", "dem", "fin", "gor", "hul", "jax", "kel", "lom", "mur") for b in ("ax", "en", "ix", "on", "ul", "yr")
]
STOPS = ["the", "of", "and", "is", "with", "for", "to", "in"]
FIXTURE_QUERIES = [
    "patient cell",
    "borax calen demix",
    "borax borax borax calen",  # a repeated term counts each time, as in rank-bm25
    "treatment treatment",
    "finon zzzunknown gorul",  # a term no passage has
    "zzzunknown qqqnothing",
    "the of and",  # only stop words: no tokens
    "jaxyr kelon lomix murul patient cell treatment hulen",
]


def generated_passages(count: int = 300, seed: int = 5) -> list[Passage]:
    """A deterministic fixture corpus: passages of 0 to 80 words, some repeated word for word (exact ties)."""
    rng = random.Random(seed)
    passages: list[Passage] = []
    for number in range(count):
        if number % 37 == 5:
            text = passages[number - 3].text  # a duplicate: the same score as its twin
        elif number % 53 == 7:
            text = "the of and is"  # nothing but stop words: a passage of length 0
        else:
            found = [w for w in COMMON if rng.random() < 0.6]
            found += rng.choices(RARE, k=rng.randint(0, 60)) + rng.choices(STOPS, k=rng.randint(0, 20))
            rng.shuffle(found)
            text = " ".join(found) or "the"
        passages.append(Passage(f"doc/p-{number}", "Section", text, "doc.md"))
    return passages


@pytest.fixture(scope="module")
def generated() -> list[Passage]:
    return generated_passages()


@pytest.fixture(params=["rows", "postings"])
def layout(request, monkeypatch) -> str:
    """Both ways the index scores: a small corpus keeps every term's score row, a large one only postings."""
    if request.param == "postings":
        monkeypatch.setattr(retriever_module, "DENSE_CELLS", 0)
    return request.param


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


@pytest.mark.parametrize("variant", MODELS)
@pytest.mark.parametrize(
    "params", [{"k1": 1.2, "b": 0.75, "delta": 1.0}, {"k1": 1.5, "b": 0.3, "delta": 0.5}, {"k1": 0.9, "b": 0.9, "delta": 2.0}]
)
def test_scores_are_rank_bm25_scores_to_the_last_bit_on_a_generated_corpus(generated, variant, params, layout):
    analyzer = Analyzer()
    params = params if variant != "okapi" else {k: v for k, v in params.items() if k != "delta"}
    retriever = Retriever(generated, analyzer, variant=variant, **params)
    reference = MODELS[variant]([analyzer.tokens(p.search_text) for p in generated], **params)
    for query in FIXTURE_QUERIES:
        tokens = analyzer.tokens(query)
        np.testing.assert_array_equal(retriever.term_scores(tokens), reference.get_scores(tokens))


@pytest.mark.parametrize("variant", MODELS)
def test_top_k_is_rank_bm25_order_with_ties_in_reading_order(generated, variant, layout):
    analyzer = Analyzer()
    params = {"k1": 1.2, "b": 0.75} | ({} if variant == "okapi" else {"delta": 1.0})
    retriever = Retriever(generated, analyzer, variant=variant, **params)
    reference = MODELS[variant]([analyzer.tokens(p.search_text) for p in generated], **params)
    for query in FIXTURE_QUERIES:
        expected = reference.get_scores(analyzer.tokens(query))
        order = sorted(range(len(generated)), key=lambda i: (-expected[i], i))
        scores = retriever.term_scores(analyzer.tokens(query))
        for k in (1, 3, 5, 20, len(generated), len(generated) + 5):
            assert retriever.top(scores, k) == order[:k]


def test_ties_at_the_kth_place_keep_reading_order():
    scores = np.array([1.0, 3.0, 2.0, 2.0, 0.5, 2.0, 3.0])
    retriever = Retriever(generated_passages(len(scores)), Analyzer())
    assert retriever.top(scores, 3) == [1, 6, 2]
    assert retriever.top(scores, 4) == [1, 6, 2, 3]
    assert retriever.top(scores, 0) == []


@pytest.mark.parametrize("count, touched", [(7, 7), (5000, 5000), (5000, 30), (5000, 3), (5000, 0)])
def test_top_k_of_many_scores_with_ties_keeps_reading_order(count, touched):
    """Small and large score arrays take different paths, as do queries that touch few passages: all sort alike."""
    rng = np.random.default_rng(3)
    scores = np.full(count, 2.5)  # what a passage without the query's words gets
    scores[rng.choice(count, touched, replace=False)] += rng.integers(0, 40, touched) / 4  # many exact ties
    retriever = Retriever(generated_passages(3), Analyzer())
    order = sorted(range(count), key=lambda i: (-scores[i], i))
    for k in (1, 2, 5, 50, count - 1, count):
        assert retriever.top(scores, k) == order[:k]


def test_okapi_negative_idf_floor_is_rank_bm25s(layout):
    """In a tiny corpus most words are in over half the passages: the floor itself is negative."""
    passages = [Passage(f"d/{i}", "S", text, "d.md") for i, text in enumerate(["lupus stem", "lupus stem cell", "lupus stem"])]
    analyzer = Analyzer()
    reference = BM25Okapi([analyzer.tokens(p.search_text) for p in passages])
    retriever = Retriever(passages, analyzer, variant="okapi", k1=1.5)
    for query in ("lupus", "lupus cell", "stem stem", "cell"):
        tokens = analyzer.tokens(query)
        np.testing.assert_array_equal(retriever.term_scores(tokens), reference.get_scores(tokens))


def test_statistics_match_the_passages(generated, layout):
    analyzer = Analyzer()
    retriever = Retriever(generated, analyzer)
    documents = [set(analyzer.tokens(p.search_text)) for p in generated]
    for term in ("patient", "borax", "murul", "zzzunknown"):
        containing = sum(term in d for d in documents)
        assert retriever.knows(term) == (containing > 0)
        assert retriever.document_frequency(term) == containing / len(generated)
    concepts = [
        Concept("Patients", (("patient", 1.0),)),
        Concept("borax", (("borax", 1.0), ("calen", 0.9))),
        Concept("zz", (("zzzunknown", 1.0),)),
    ]
    for number, tokens in enumerate(documents):
        expected = tuple(c.surface for c in concepts if any(s in tokens for s in c.stems))
        assert retriever.matched(number, concepts) == expected


def test_a_concept_scores_the_best_of_its_stems(generated, layout):
    analyzer = Analyzer()
    retriever = Retriever(generated, analyzer)
    concept = Concept("borax or calen", (("borax", 1.0), ("calen", 0.9)))
    expected = np.maximum(retriever.term_scores(["borax"]), 0.9 * retriever.term_scores(["calen"]))
    np.testing.assert_allclose(retriever.score([concept]), expected, rtol=1e-12)
    np.testing.assert_allclose(retriever.score([Concept("cell", (("cell", 0.5),))]), 0.5 * retriever.term_scores(["cell"]), rtol=1e-12)


@pytest.mark.parametrize("variant", MODELS)
def test_both_layouts_give_the_same_scores_for_weighted_concepts(generated, variant, monkeypatch):
    analyzer = Analyzer()
    concepts = [
        Concept("patients", (("patient", 1.0),)),
        Concept("borax", (("borax", 1.0), ("calen", 0.7), ("zzzunknown", 0.7))),
        Concept("cells", (("cell", 0.7),)),
        Concept("murul", (("murul", 0.5), ("treatment", 0.9))),
    ]
    rows = Retriever(generated, analyzer, variant=variant)
    monkeypatch.setattr(retriever_module, "DENSE_CELLS", 0)
    postings = Retriever(generated, analyzer, variant=variant)
    assert rows._rows is not None and postings._rows is None
    for n in range(1, len(concepts) + 1):
        np.testing.assert_array_equal(rows.score(concepts[:n]), postings.score(concepts[:n]))
        assert [rows.matched(i, concepts) for i in range(len(generated))] == [postings.matched(i, concepts) for i in range(len(generated))]


def test_unknown_variant_is_refused(passages):
    with pytest.raises(ValueError, match="variant"):
        Retriever(passages, Analyzer(), variant="bm11")


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


@pytest.mark.parametrize("variant", MODELS)
def test_passages_of_nothing_but_stop_words_index_and_match_nothing(variant, layout):
    passages = [Passage("d/1", "S", "the of", "d.md"), Passage("d/2", "S", "and it is", "d.md")]
    retriever = Retriever(passages, Analyzer(), variant=variant)
    assert retriever.search("the water", 3) == []
    assert retriever.term_scores(["water"]).tolist() == [0.0, 0.0]


def test_several_matching_views_outvote_one_lucky_match():
    # Passage 0 has one view that matches very well; passage 1 has three that match well; passage 2 none.
    values = np.array([9.0, 0.5, 0.0, 5.0, 5.0, 5.0])
    owner = np.array([0, 0, 0, 1, 1, 1])
    scores = mean_of_best(values, owner, np.array([3, 3, 4]), k=3)
    assert scores[1] > scores[0] > scores[2] == 0


def test_views_left_out_count_as_zeros_and_a_small_group_is_not_penalised():
    # Only the views with a score are passed; passage 0 has five views, passage 1 only one.
    scores = mean_of_best(np.array([6.0, 6.0]), np.array([0, 1]), np.array([5, 1]), k=3)
    assert scores.tolist() == [2.0, 6.0]
