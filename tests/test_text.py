from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.text import Analyzer, Speller, SynonymsError, load_synonyms, normalize, spelled_out, words


def test_normalize_folds_case_quotes_dashes_and_accents():
    assert normalize("The Body’s “Reboot” — Naïve ＳＬＥ") == "the body's \"reboot\" - naive sle"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Graft-versus-host disease", ["graft", "versus", "host", "disease"]),
        ("systemic lupus erythematosus (SLE)", ["systemic", "lupus", "erythematosus", "sle"]),
        ("the patient’s own cells doesn’t", ["the", "patient", "own", "cells", "doesn"]),
        ("long-term, HSCs; MSCs!", ["long", "term", "hscs", "mscs"]),
        ("how r ppl doing 10 yrs after tx", ["how", "are", "people", "doing", "10", "years", "after", "treatment"]),
        ("is it safe tho", ["is", "it", "safe", "though"]),
    ],
)
def test_words(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("dose it hurt", ["does", "it", "hurt"]),
        ("how much dose msc cost", ["how", "much", "does", "msc", "cost"]),
        ("how much dose an infusion cost", ["how", "much", "does", "an", "infusion", "cost"]),
        ("why dose the transplant need chemo", ["why", "does", "the", "transplant", "need", "chemo"]),
        ("what dose of chemo", ["what", "dose", "of", "chemo"]),
        ("what dose the doctors give", ["what", "dose", "the", "doctors", "give"]),
        ("the prednisone dose she is on", ["the", "prednisone", "dose", "she", "is", "on"]),
        ("the dose", ["the", "dose"]),
    ],
)
def test_dose_typed_for_does_is_read_as_does_before_what_it_asks_about(text, expected):
    assert words(text) == expected


def test_shorthand_is_written_out_in_whole_sentences_and_nowhere_inside_a_word():
    assert spelled_out("wat r u on abt? idk, ur drs said") == "what are you on about? i do not know, your doctors said"
    assert spelled_out("raw, urban, wattage") == "raw, urban, wattage"


def test_tokens_drop_stop_words_and_stem():
    assert Analyzer().tokens("What are the risks of transplants?") == ["risk", "transplant"]


def test_words_that_only_colour_a_question_are_dropped():
    # "actually", "basically": how a question is said; "-ish" and "my moms" (no apostrophe) too
    assert Analyzer().tokens("so is it actually basically experimental-ish, my moms doctor says") == ["experiment", "doctor", "say"]


def test_passages_and_queries_share_one_tokenizer():
    analyzer = Analyzer()
    passage = "Infection or complications from chemotherapy"
    query = "infections complication chemotherapy"
    assert set(analyzer.tokens(query)) <= set(analyzer.tokens(passage))


@pytest.fixture
def synonyms_file(tmp_path: Path) -> Path:
    path = tmp_path / "synonyms.cfg"
    path.write_text(
        "# comment\nsle = systemic lupus erythematosus\nrisk ~ harm, side effect  # everyday words\n",
        encoding="utf-8",
    )
    return path


def test_equivalent_phrases_become_one_concept_on_both_sides(synonyms_file: Path):
    analyzer = Analyzer(load_synonyms(synonyms_file))
    assert analyzer.tokens("Systemic lupus erythematosus (SLE)") == ["sle", "sle"]
    assert analyzer.tokens("is SLE serious") == ["sle", "serious"]


def test_everyday_words_add_the_article_term_as_one_concept(synonyms_file: Path):
    analyzer = Analyzer(load_synonyms(synonyms_file))
    concepts = {c.surface: c.stems for c in analyzer.concepts("any side effects or harm")}
    assert concepts == {"side effects": ("risk",), "side": ("side",), "effects": ("effect",), "harm": ("harm", "risk")}
    assert analyzer.tokens("harm") == ["harm"]  # passages keep their own words


@pytest.mark.parametrize(
    "line, problem",
    [
        ("risk harm danger", "line 1: expected"),
        ("two words = x", "line 1: the term left"),
        ("risk ~ the, harm", "line 1: the phrase 'the'"),
        ("benefit <> risk, harm", "line 1: 'term <> term' takes one word"),
    ],
)
def test_malformed_synonyms_name_the_line(tmp_path: Path, line, problem):
    path = tmp_path / "synonyms.cfg"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(SynonymsError, match=problem):
        load_synonyms(path)


def test_opposites_are_read_both_ways(tmp_path: Path):
    path = tmp_path / "synonyms.cfg"
    path.write_text("benefits <> risks\n", encoding="utf-8")
    assert load_synonyms(path).opposites == {"benefit": "risk", "risk": "benefit"}


def test_missing_synonyms_file_means_none(tmp_path: Path):
    assert not load_synonyms(tmp_path / "nothing.cfg").equivalents


@pytest.mark.parametrize(
    "typed, corrected",
    [("hematopoetic", "hematopoietic"), ("transplnat", "transplant"), ("lupis", "lupus"), ("insurence", "insurance")],
)
def test_speller_corrects_typos_to_the_corpus_vocabulary(typed, corrected):
    speller = Speller({"hematopoietic", "transplant", "lupus", "insurance", "care"})
    assert speller.correct(typed) == corrected


@pytest.mark.parametrize("word", ["cure", "turmeric", "rituximab", "abc"])
def test_speller_leaves_real_and_unrelated_words_alone(word):
    assert Speller({"care", "tumor", "lupus"}).correct(word) == word


def test_a_misspelling_in_a_listed_question_does_not_stop_the_same_misspelling_from_being_corrected():
    speller = Speller.for_corpus({"everyone", "remission", "treatment"}, {"evryone", "remision", "rheumy"})
    assert speller.correct("evryone") == "everyone"
    assert speller.correct("remision") == "remission"
    assert speller.correct("rheumy") == "rheumy"  # a word of the listed questions only, and no misspelling


def test_listed_questions_are_indexed_with_their_misspellings_corrected():
    analyzer = Analyzer(speller=Speller.for_corpus({"everyone", "remission"}, {"evryone"}))
    assert analyzer.corrected("Does evryone get remision?") == "does everyone get remission"


@pytest.mark.parametrize("typed, corrected", [("wher", "where"), ("infusio", "infusion"), ("whan", "when")])
def test_of_words_as_near_the_speller_prefers_one_the_typed_word_begins(typed, corrected):
    assert Speller({"when", "where", "infusion", "infusing"}).correct(typed) == corrected


@pytest.mark.parametrize("typed, corrected", [("realy", "really"), ("cels", "cells"), ("sytem", "system")])
def test_of_words_as_near_the_speller_prefers_the_one_with_a_letter_left_out(typed, corrected):
    assert Speller({"real", "really", "cel", "cells", "stem", "system"}).correct(typed) == corrected


def test_the_speller_corrects_nothing_beyond_its_limit():
    assert Speller({"stir"}).correct("sirt") == "sirt"  # the same letters, two edits apart
