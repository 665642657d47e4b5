"""Deterministic, English-like synthetic corpora shaped like the bundled article, for the scale benchmark.

Words are drawn by their real English frequency (``chatbot/data/english_words.tsv``, so stop words are as
common as in real prose), mixed with made-up technical terms (drug, gene and disease names) that follow a
Zipf law, so the vocabulary keeps growing with the corpus as it does with real articles. Each article has a
title, sections, paragraphs of 2 to 5 sentences and bulleted lists with a lead-in, and repeats a few topic
terms of its own. The bundled article (and its synonyms file) is part of every corpus, so the article's own
questions still find their answers among the synthetic passages. The same seed gives the same corpus, and
a smaller corpus is a prefix of a larger one.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

from chatbot.config import DEFAULT_CORPUS
from chatbot.corpus import load_corpus

ENGLISH_WORDS = Path(__file__).resolve().parent.parent / "chatbot" / "data" / "english_words.tsv"
TERM_COUNT = 60_000
_ONSETS = [
    "b",
    "c",
    "d",
    "f",
    "g",
    "h",
    "k",
    "l",
    "m",
    "n",
    "p",
    "r",
    "s",
    "t",
    "v",
    "z",
    "br",
    "cl",
    "dr",
    "fl",
    "gr",
    "kr",
    "ph",
    "pl",
    "pr",
    "st",
    "tr",
    "th",
    "ch",
    "sk",
]
_VOWELS = ["a", "e", "i", "o", "u", "a", "e", "i", "o", "ae", "ia", "io", "ou", "y"]
_CODAS = ["", "", "", "n", "r", "l", "s", "x", "m", "t", "nd", "st", "rt"]
_SUFFIXES = ["", "", "", "itis", "osis", "ase", "ine", "ide", "mab", "nib", "olol", "gen", "cyte", "plasty", "emia", "umab", "azole"]


@dataclass(frozen=True)
class Vocabulary:
    """The words and made-up terms to draw from, with cumulative weights for ``random.choices``."""

    words: list[str]
    word_weights: list[float]
    terms: list[str]
    term_weights: list[float]


def vocabulary(seed: int = 7) -> Vocabulary:
    """English words by frequency, and made-up technical terms by a Zipf law (both deterministic)."""
    words, weights = [], []
    for line in ENGLISH_WORDS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, zipf = line.split("\t")
            words.append(word)
            weights.append(10 ** float(zipf))
    rng = random.Random(seed)
    known = set(words)
    terms: list[str] = []
    seen: set[str] = set()
    while len(terms) < TERM_COUNT:
        syllables = rng.choice((1, 2, 2, 3))
        term = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)) + rng.choice(_SUFFIXES)
        if term not in seen and term not in known:
            seen.add(term)
            terms.append(term)
    term_weights = [1 / (rank + 20) ** 1.05 for rank in range(len(terms))]
    return Vocabulary(words, list(accumulate(weights)), terms, list(accumulate(term_weights)))


class _Writer:
    """Writes one article's Markdown, counting the passages it will parse into."""

    def __init__(self, rng: random.Random, vocab: Vocabulary) -> None:
        self.rng = rng
        self.vocab = vocab
        self.topic: list[str] = []

    def _words(self, n: int) -> list[str]:
        rng, v = self.rng, self.vocab
        out = rng.choices(v.words, cum_weights=v.word_weights, k=n)
        for i in range(n):
            r = rng.random()
            if r < 0.06:
                out[i] = rng.choice(self.topic)
            elif r < 0.10:
                out[i] = rng.choices(v.terms, cum_weights=v.term_weights)[0]
        return out

    def sentence(self, low: int = 8, high: int = 24, end: str = ".") -> str:
        found = self._words(self.rng.randint(low, high))
        return " ".join(found).capitalize() + end

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def heading(self) -> str:
        return " ".join(self._words(self.rng.randint(2, 5))).title()

    def article(self, budget: int) -> tuple[str, int]:
        """One article of at most ``budget`` passages (about 40): its Markdown and its passage count."""
        rng, v = self.rng, self.vocab
        self.topic = rng.choices(v.terms, cum_weights=v.term_weights, k=3) + rng.choices(v.words[2000:], k=2)
        lines = [f"# {self.heading()}: {self.topic[0].capitalize()}", ""]
        count = 0
        target = min(budget, rng.randint(30, 50))
        while count < target:
            lines += [f"## {self.heading()}", ""]
            for _ in range(rng.randint(1, 3)):
                if count < target:
                    lines += [self.paragraph(), ""]
                    count += 1
            if count < target and rng.random() < 0.6:
                bullets = min(rng.randint(3, 7), target - count - 1)
                if bullets > 0:
                    lines += [self.sentence(6, 14, ":"), ""]
                    lines += [f"- {self.sentence(4, 18, '')}" for _ in range(bullets)]
                    lines.append("")
                    count += 1 + bullets
        return "\n".join(lines), count


def write_corpus(folder: Path, passages: int, seed: int = 7) -> Path:
    """A corpus folder of exactly ``passages`` passages: the bundled article plus synthetic articles."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for file in DEFAULT_CORPUS.iterdir():
        if file.is_file():
            shutil.copy(file, folder / file.name)
    remaining = passages - len(load_corpus(DEFAULT_CORPUS))
    writer = _Writer(random.Random(seed), vocabulary(seed))
    number = 0
    while remaining > 0:
        text, count = writer.article(remaining)
        number += 1
        (folder / f"synthetic-{number:06d}.md").write_text(text, encoding="utf-8")
        remaining -= count
    return folder


def queries(passages: list, n: int = 200, seed: int = 11) -> list[str]:
    """Questions in the words of random passages: some with a typo, a repeated word or a word no passage has."""
    from chatbot.text import STOP_WORDS, words

    rng = random.Random(seed)
    frames = ["what is {}", "how does {} work", "{}", "tell me about {}", "is {} safe", "why {}", "can {} help with {}"]
    out = []
    while len(out) < n:
        passage = passages[rng.randrange(len(passages))]
        content = [w for w in words(passage.text) if w not in STOP_WORDS and w.isalpha()]
        if len(content) < 3:
            continue
        picked = rng.sample(content, min(len(content), rng.randint(2, 6)))
        r = rng.random()
        if r < 0.15:  # a typo: two letters swapped
            i = max(range(len(picked)), key=lambda j: len(picked[j]))
            w = picked[i]
            if len(w) >= 5:
                k = rng.randrange(1, len(w) - 2)
                picked[i] = w[:k] + w[k + 1] + w[k] + w[k + 2 :]
        elif r < 0.25:
            picked.append(picked[0])
        elif r < 0.32:
            picked.append("qwzvbx")
        frame = rng.choice(frames)
        half = max(1, len(picked) // 2)
        text = frame.format(" ".join(picked[:half]), " ".join(picked[half:])) if frame.count("{}") == 2 else frame.format(" ".join(picked))
        out.append(text)
    return out
