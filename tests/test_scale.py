"""The shortcuts that keep large corpora fast give exactly what the plain way gives (no timing here)."""

from __future__ import annotations

import random
import re

import pytest
from nltk.metrics.distance import edit_distance

from chatbot.text import CHAT_WORDS, STOP_WORDS, Analyzer, Speller, Synonyms, english_frequencies, normalize, stem, words

_REFERENCE_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 ABCZ-_.,;:!?'\"()[]\t\n/\\@#%&*+=~`|<>{}\x00\x7féßŒ’“—½²"


def reference_words(text: str) -> list[str]:
    found = [w.split("'")[0] for w in _REFERENCE_WORD.findall(normalize(text))]
    return [w for word in found for w in CHAT_WORDS.get(word, (word,))]


def test_words_are_the_regular_expressions_words():
    rng = random.Random(0)
    texts = ["don't stop", "u n ppl's tx", "rock'n'roll", "'tis 2nd-line", "x²  ½ dose", "Lupus’s  AHSCT—MSC", "it's", "''", ""]
    texts += ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(20_000)]
    for text in texts:
        assert words(text) == reference_words(text), text


def _plain_tokens(analyzer: Analyzer, text: str) -> list[str]:
    """Tokens the long way: every position tried for every phrase length."""
    stems = [(stem(w), w) for w in reference_words(text) if w not in STOP_WORDS]
    equivalents = analyzer.synonyms.equivalents
    stems = [(equivalents.get((s,), s), w) for s, w in stems]
    out, i = [], 0
    while i < len(stems):
        for n in range(min(analyzer.synonyms.longest, len(stems) - i), 0, -1):
            key = tuple(s for s, _ in stems[i : i + n])
            if key in equivalents:
                out.append(equivalents[key])
                i += n
                break
        else:
            out.append(stems[i][0])
            i += 1
    return out


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    synonyms = Synonyms(
        equivalents={
            ("lupus", "erythematosus"): "lupus",
            ("sle",): "lupus",
            ("stem", "cell", "transplant"): "sct",
            ("chemo",): "chemotherapi",
        },
    )
    return Analyzer(synonyms)


@pytest.mark.parametrize(
    "text",
    [
        "Systemic lupus erythematosus (SLE) and a stem cell transplant",
        "stem cells, not a stem cell transplant; chemo before the transplant",
        "nothing of the sort here",
        "the of and",
        "stem stem cell cell transplant transplant lupus erythematosus lupus",
    ],
)
def test_tokens_with_and_without_phrases_are_the_long_ways_tokens(analyzer, text):
    assert analyzer.tokens(text) == _plain_tokens(analyzer, text)
    assert [t for t, _ in analyzer._tokens_with_words(text)] == _plain_tokens(analyzer, text)


def _nearest(vocabulary: list[str], word: str) -> str:
    """The speller's choice the long way: every corpus word of a near length, in order."""
    if len(word) < 4 or not word.isalpha() or word in vocabulary or word in english_frequencies():
        return word
    limit = 1 if len(word) < 8 else 2
    best, best_distance = word, limit + 1
    for candidate in sorted(vocabulary, key=lambda w: (len(w), w)):
        if abs(len(candidate) - len(word)) <= limit:
            distance = edit_distance(word, candidate, transpositions=True)
            if distance < best_distance:
                best, best_distance = candidate, distance
    return best


def test_the_speller_picks_what_trying_every_word_picks():
    rng = random.Random(4)
    letters = "aeioulnrstmcdhpbgkyzxq"
    vocabulary = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(3, 11))) for _ in range(250)} | {"naïve", "lupus"})
    speller = Speller(set(vocabulary))
    tried = 0
    for word in rng.sample(vocabulary, 50):
        for typo in {word[1:], word[:-1] + "q", word[::-1], word[:2] + word[3:2:-1] + word[2:3] + word[4:], word + "zz"}:
            if typo.isalpha():
                tried += 1
                assert speller.correct(typo) == _nearest(speller.vocabulary, typo), typo
    assert tried > 150
