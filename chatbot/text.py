"""The one tokenizer for passages and queries: normalise, split into words, drop stop words, stem, map synonyms."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import itemgetter
from pathlib import Path

import numpy as np
from nltk.metrics.distance import edit_distance
from nltk.stem.snowball import SnowballStemmer

DATA_DIR = Path(__file__).resolve().parent / "data"
SYNONYMS_FILE = "synonyms.cfg"

_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‑": "-"})
_WORD = re.compile(r"([a-z0-9]+)(?:'[a-z]+)?")  # the group is the word without its 's, 't, ...
_NOT_WORD = bytes(c if chr(c) in "0123456789abcdefghijklmnopqrstuvwxyz" else 32 for c in range(256))  # others -> space
_stem = lru_cache(maxsize=65536)(SnowballStemmer("english", ignore_stopwords=False).stem)
WORD_CACHE_SIZE = 500_000  # words whose tokens an analyzer remembers (under 100 MB)
_UNKNOWN = object()


class SynonymsError(ValueError):
    """The synonyms file has a line that cannot be read; the message names the line."""


def _load_words(name: str) -> frozenset[str]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


STOP_WORDS = _load_words("stopwords.txt")
# Chat shorthand ("ppl", "yrs", "tx") -> the words it stands for.
CHAT_WORDS = {w: tuple(rest) for w, *rest in (line.split() for line in _load_words("chat_words.txt"))}


@lru_cache(maxsize=1)
def english_frequencies() -> dict[str, float]:
    """Common English words -> Zipf frequency (7 is 'the', 3 is rare); loaded once, on first use."""
    table: dict[str, float] = {}
    for line in (DATA_DIR / "english_words.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, zipf = line.split("\t")
            table[word] = float(zipf)
    return table


def normalize(text: str) -> str:
    """NFKC, lower case, curly quotes and dashes folded, accents removed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if not text.isascii():  # every character folded below is outside ASCII
        text = text.translate(_FOLD)
        if not text.isascii():
            text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text


def words(text: str) -> list[str]:
    """Lower-case word tokens; hyphenated words split into their parts, possessives and contractions cut,
    chat shorthand written out ("ppl" -> "people"), "$" as "dollars"."""
    text = normalize(text)
    if "$" in text:  # "how much $$ is it"
        text = text.replace("$", " dollars ")
    if text.isascii() and "'" not in text:  # the same words, twice as fast: runs of a-z and 0-9
        found = text.encode("ascii").translate(_NOT_WORD).decode("ascii").split()
    else:
        found = _WORD.findall(text)
    if "dose" in found:
        found = _does_typed_as_dose(found)
    if CHAT_WORDS.keys().isdisjoint(found):
        return found
    return [w for word in found for w in CHAT_WORDS.get(word, (word,))]


_CHAT_WORD = re.compile(r"(?<![\w'])(" + "|".join(sorted(map(re.escape, CHAT_WORDS), key=len, reverse=True)) + r")(?![\w'])")


def spelled_out(text: str) -> str:
    """A normalized text with its chat shorthand written out ("wat r u on abt" -> "what are you on about"), for
    patterns read over whole sentences."""
    return _CHAT_WORD.sub(lambda m: " ".join(CHAT_WORDS[m.group(1)]), text)


# What "does" asks about, right after it ("dose it hurt", "how dose msc work", "how dose the infusion work"), and
# the words that may come before it; "what dose she takes" and "the dose she is on" are doses.
_ASKED_OF = frozenset(("it", "this", "that", "he", "she", "they", "insurance", "stem", "msc", "mscs", "hsct", "ahsct", "lupus", "my", "your", "his", "her", "their", "anyone", "everyone", "someone"))
_ASKS_HOW = frozenset(("", "how", "much", "why", "when", "where"))


def _does_typed_as_dose(found: list[str]) -> list[str]:
    """"Dose" typed for "does", a real word the speller leaves alone, read as "does" where a question's subject
    follows it; "what dose of chemo" keeps its dose."""
    return [
        "does" if w == "dose" and before in _ASKS_HOW and (nxt in _ASKED_OF or nxt in ("the", "a", "an")) else w
        for before, w, nxt in zip(["", *found], found, [*found[1:], ""])
    ]


# Words whose stem would join two senses: the article's "a qualified medical center" (able, approved) is not what
# "would I qualify" (be eligible) asks about.
_OWN_SENSE = {"qualified": "qualified"}


def stem(word: str) -> str:
    """The nltk Snowball stem of one lower-case word (a word of its own sense is its own stem)."""
    return _OWN_SENSE.get(word) or _stem(word)


@dataclass
class Synonyms:
    """Synonym data: phrases that mean one concept everywhere, and everyday query words for article terms.

    ``equivalents`` maps a stemmed phrase to the concept token it is rewritten to, in passages and queries
    alike (``sle = systemic lupus erythematosus``). ``alternates`` maps a stemmed query phrase to the article
    terms it may stand for (``risk ~ harm, danger``); a query scores such a group as one concept.
    """

    equivalents: dict[tuple[str, ...], str] = field(default_factory=dict)
    alternates: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    vocabulary: set[str] = field(default_factory=set)  # every word the file mentions, for typo correction
    opposites: dict[str, str] = field(default_factory=dict)  # term -> its opposite (``benefit <> risk``), both ways

    @property
    def longest(self) -> int:
        return max((len(k) for k in (*self.equivalents, *self.alternates)), default=1)


def load_synonyms(path: Path) -> Synonyms:
    """Read a synonyms file (see corpus/synonyms.cfg); a missing file means no synonyms."""
    synonyms = Synonyms()
    if not path.exists():
        return synonyms
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SynonymsError(f"cannot read {path}: {exc}") from None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([^=~,<>]+?)\s*(=|~|<>)\s*(.+)", line)
        if not match:
            raise SynonymsError(
                f"{path}, line {number}: expected 'term = phrase, ...', 'term ~ phrase, ...' or 'term <> term', got {raw.strip()!r}"
            )
        head, sign, rest = match.groups()
        if sign == "<>":
            if len(_phrase_stems(head)) != 1 or len(_phrase_stems(rest)) != 1 or "," in rest:
                raise SynonymsError(f"{path}, line {number}: 'term <> term' takes one word on each side, not {raw.strip()!r}")
            first, second = _phrase_stems(head)[0], _phrase_stems(rest)[0]
            synonyms.opposites.update({first: second, second: first})
            continue
        phrases = [p.strip() for p in rest.split(",")]
        if len(_phrase_stems(head)) != 1:
            raise SynonymsError(f"{path}, line {number}: the term left of '{sign}' must be one word that is not a stop word, not {head!r}")
        empty = [p for p in phrases if not _phrase_stems(p)]
        if empty:
            raise SynonymsError(f"{path}, line {number}: the phrase {empty[0]!r} has no word that is not a stop word")
        head_stems = _phrase_stems(head)
        concept = head_stems[0]
        synonyms.vocabulary.update(words(line.replace("=", " ").replace("~", " ")))
        for phrase in phrases:
            key = tuple(_phrase_stems(phrase))
            if sign == "=":
                synonyms.equivalents[key] = concept
            else:
                synonyms.alternates.setdefault(key, set()).add(concept)
    single = {k[0]: v for k, v in synonyms.equivalents.items() if len(k) == 1}
    for table in (synonyms.equivalents, synonyms.alternates):
        for key in [k for k in table if len(k) > 1]:
            table[tuple(single.get(s, s) for s in key)] = table.pop(key)
    return synonyms


def _phrase_stems(phrase: str) -> list[str]:
    return [stem(w) for w in words(phrase) if w not in STOP_WORDS]


@dataclass(frozen=True)
class Concept:
    """One meaning in a query: the stems that may express it, each with a weight (the query's own stem weighs 1)."""

    surface: str
    options: tuple[tuple[str, float], ...]

    @cached_property
    def stems(self) -> tuple[str, ...]:
        return tuple(s for s, _ in self.options)


class Speller:
    """Corrects query words that are neither English nor in the corpus to the nearest corpus word."""

    def __init__(self, vocabulary: set[str]) -> None:
        self.vocabulary = frozenset(w for w in vocabulary if w.isalpha())
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(self.vocabulary):
            self._by_length.setdefault(len(word), []).append(word)
        self._letters = {length: _letter_counts(found) for length, found in self._by_length.items()}
        self.correct = lru_cache(maxsize=4096)(self._correct)

    @classmethod
    def for_corpus(cls, article_words: set[str], listed_words: set[str]) -> Speller:
        """A speller for the article's words and those of the questions listed for it, less the listed words
        that are misspellings of the article's: "evryone" in a listed question must not stop "evryone" in a
        user's question from being read as "everyone"."""
        article = cls(article_words)
        return cls(article_words | {w for w in listed_words - article.vocabulary if article.correct(w) == w})

    def _correct(self, word: str) -> str:
        if len(word) < 4 or not word.isalpha() or word in self.vocabulary or word in english_frequencies():
            return word
        limit = 1 if len(word) < 8 else 2
        # The nearest corpus word within the limit, the first among equals by the order below. A cheap lower
        # bound on the distance orders the work: an edit changes the letter counts by at most 2 (by 1 if it
        # inserts or deletes, which it must do |length difference| times), so the distance is at least
        # (letter-count difference + length difference) / 2. Words are tried from the lowest bound up, and
        # once the best distance found is below the next bound, no word left can match or beat it.
        letters = _letter_counts([word])
        levels: list[list[tuple[tuple[int, int], str]]] = [[] for _ in range(limit + 1)]
        for length in range(len(word) - limit, len(word) + limit + 1):
            found = self._by_length.get(length)
            if found:
                bounds = (np.abs(self._letters[length] - letters).sum(axis=1) + abs(length - len(word)) + 1) // 2
                for number in np.flatnonzero(bounds <= limit).tolist():
                    levels[bounds[number]].append(((length, number), found[number]))
        # Among words as near, one the typed word begins ("wher": "where", not "when") is likeliest: a word cut
        # short, or its last letter dropped. Next, the longer: a letter left out ("actualy", "cels") is a
        # commoner slip than one put in.
        best, best_distance, best_order = word, limit + 1, (True, 0, 0)
        for bound, level in enumerate(levels):
            if best_distance < bound:
                break
            for (length, number), candidate in level:
                distance = edit_distance(word, candidate, transpositions=True)
                order = (not candidate.startswith(word), -length, number)
                if distance < best_distance or (distance == best_distance <= limit and order < best_order):
                    best, best_distance, best_order = candidate, distance, order
        return best


def _letter_counts(found: list[str]) -> np.ndarray:
    """For words of one length, a row each: how many of each letter a to z, and of any other character."""
    codes = np.frombuffer("".join(found).encode("utf-32-le"), dtype=np.uint32).reshape(len(found), -1)
    slots = np.minimum(codes - 97, 26).astype(np.int64) + 27 * np.arange(len(found))[:, None]
    return np.bincount(slots.ravel(), minlength=27 * len(found)).reshape(len(found), 27).astype(np.int16)


class Analyzer:
    """Turns passages and queries into stems the same way; queries also into concepts with their synonyms."""

    def __init__(self, synonyms: Synonyms | None = None, speller: Speller | None = None, alternate_weight: float = 0.7) -> None:
        self.synonyms = synonyms or Synonyms()
        self.speller = speller
        self.alternate_weight = alternate_weight
        self._longest = self.synonyms.longest
        self._starts = {key[0] for key in self.synonyms.equivalents}  # a phrase can only start at one of these
        self._one_word = {key[0]: term for key, term in self.synonyms.equivalents.items() if len(key) == 1}
        self._known: dict[str, str | None] = {}  # word -> _word_token(word), filled as words are met

    def _word_token(self, word: str) -> str | None:
        """One word's token: None for a stop word, else its stem with one-word equivalents applied."""
        if word in STOP_WORDS:
            return None
        s = stem(word)
        return self._one_word.get(s, s)

    def _word_tokens(self, found: list[str]) -> list[str | None]:
        """``_word_token`` of each word, from a plain dict: for a large corpus much faster than an LRU cache."""
        known = self._known
        try:
            return list(map(known.__getitem__, found))
        except KeyError:  # a word met for the first time
            if len(known) > WORD_CACHE_SIZE:
                known.clear()  # bounds the memory that queries full of made-up words can take
            out = []
            for word in found:
                token = known.get(word, _UNKNOWN)
                if token is _UNKNOWN:
                    token = known[word] = self._word_token(word)
                out.append(token)
            return out

    def tokens(self, text: str) -> list[str]:
        """Stems of a passage or query, stop words dropped, equivalent phrases rewritten to one concept."""
        found = [t for t in self._word_tokens(words(text)) if t is not None]
        if self._starts.isdisjoint(found):  # no phrase to rewrite: the common case, kept fast for large corpora
            return found
        return [token for token, _ in self._tokens_with_words(text)]

    def _tokens_with_words(self, text: str, correct: bool = False) -> list[tuple[str, str]]:
        found = words(text)
        if correct and self.speller:
            found = [self.speller.correct(w) for w in found]
        equivalents = self.synonyms.equivalents
        # One-word equivalents first ("haematopoietic", "chemo"), so phrases match whatever spelling was used.
        stems = [(t, w) for t, w in zip(self._word_tokens(found), found) if t is not None]
        if self._starts.isdisjoint(map(itemgetter(0), stems)):
            return stems
        out: list[tuple[str, str]] = []
        i = 0
        while i < len(stems):
            if stems[i][0] not in self._starts:
                out.append(stems[i])
                i += 1
                continue
            for n in range(min(self._longest, len(stems) - i), 0, -1):
                key = tuple(s for s, _ in stems[i : i + n])
                if key in equivalents:
                    out.append((equivalents[key], " ".join(w for _, w in stems[i : i + n])))
                    i += n
                    break
            else:
                out.append(stems[i])
                i += 1
        return out

    def corrected(self, text: str) -> str:
        """The words of a text, each misspelt one corrected ("does evryone get remision" -> "does everyone get
        remission"): how a question listed for a passage is indexed, as a user's question is read."""
        found = words(text)
        return " ".join(map(self.speller.correct, found) if self.speller else found)

    def concepts(self, text: str) -> list[Concept]:
        """A query as concepts: each word with the article terms it may stand for, scored as one.

        A multi-word everyday phrase ("side effects") keeps its words and adds the article terms it means
        ("risk") as one more concept.
        """
        pairs = self._tokens_with_words(text, correct=True)
        alternates = self.synonyms.alternates
        concepts: list[Concept] = []
        seen: set[tuple[str, ...]] = set()

        def add(concept: Concept) -> None:
            if concept.stems not in seen:
                seen.add(concept.stems)
                concepts.append(concept)

        for i, (token, word) in enumerate(pairs):
            for n in range(min(self._longest, len(pairs) - i), 1, -1):
                key = tuple(t for t, _ in pairs[i : i + n])
                if key in alternates:
                    surface = " ".join(w for _, w in pairs[i : i + n])
                    add(Concept(surface, tuple((t, self.alternate_weight) for t in sorted(alternates[key]))))
                    break
            options = {token: 1.0} | {t: self.alternate_weight for t in sorted(alternates.get((token,), ())) if t != token}
            add(Concept(word, tuple(options.items())))
        return concepts
