"""BM25 over passages: an inverted index that scores only the passages a query touches, with rank-bm25's exact scores."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from itertools import chain

import numpy as np

from .corpus import Passage
from .text import Analyzer, Concept

VARIANTS = ("okapi", "plus", "l")  # rank-bm25's BM25Okapi, BM25Plus and BM25L
OKAPI_EPSILON = 0.25  # BM25Okapi floors a negative IDF to this share of the average IDF (rank-bm25's default)
DENSE_CELLS = 1 << 20  # up to this many terms x passages (8 MB), keep every term's score row: faster for small corpora


@dataclass(frozen=True)
class Hit:
    """A passage with its score for one query, and the query concepts it contains."""

    passage: Passage
    score: float
    matched: tuple[str, ...] = ()


class Retriever:
    """A BM25 index built once over the passages' search text; ``search`` returns scored hits, best first.

    The statistics and formulas are rank-bm25's (``get_scores`` gives the same numbers, as the tests check),
    but the index is built with numpy rather than one dict per passage: postings hold each term's passages
    and its precomputed contribution to each, so a query costs what its terms' postings cost.
    """

    def __init__(
        self, passages: list[Passage], analyzer: Analyzer, variant: str = "plus", k1: float = 1.2, b: float = 0.75, delta: float = 1.0
    ) -> None:
        if not passages:
            raise ValueError("cannot index an empty list of passages")
        if variant not in VARIANTS:
            raise ValueError(f"unknown BM25 variant {variant!r}; use one of {', '.join(VARIANTS)}")
        self.passages = passages
        self.analyzer = analyzer
        self.variant = variant
        self.k1, self.b, self.delta = k1, b, delta
        self.doc_count = len(passages)
        self._build([analyzer.tokens(p.search_text) for p in passages])

    def _build(self, documents: list[list[str]]) -> None:
        """Postings (term -> passages in order, contributions) from the passages' tokens."""
        n = self.doc_count
        numbers: defaultdict[str, int] = defaultdict()
        numbers.default_factory = numbers.__len__  # term -> number, in order of first appearance (rank-bm25's order)
        lengths = np.fromiter(map(len, documents), dtype=np.int64, count=n)
        tokens = np.fromiter(map(numbers.__getitem__, chain.from_iterable(documents)), dtype=np.int64, count=int(lengths.sum()))
        self._terms = dict(numbers)
        # Each token as term * n + passage, sorted (in place: this is the build's largest array); a run of equal
        # keys is one (term, passage) pair, its length the term frequency.
        keys = tokens
        keys *= n
        keys += np.repeat(np.arange(n, dtype=np.int64), lengths)
        keys.sort()
        first = np.ones(len(keys), dtype=bool)
        np.not_equal(keys[1:], keys[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        tf = np.diff(starts, append=len(keys))
        term, passage = np.divmod(keys[starts], n)
        del keys, tokens, first, starts
        self._df = np.bincount(term, minlength=len(self._terms))
        self._start = np.concatenate(([0], np.cumsum(self._df)))  # term t's postings are [start[t], start[t + 1])
        self._passages = passage.astype(np.int32)
        idf = self._idf(self._df.tolist())
        total = int(lengths.sum())
        if total:
            norm = 1 - self.b + self.b * lengths / (total / n)  # rank-bm25's length normalisation, same operations
            self._weights = self._contribution(idf[term], tf, norm[passage])
        else:
            self._weights = np.zeros(0)
        # What a passage that lacks the term gets from it: only BM25Plus gives something.
        self._absent = idf * self.delta if self.variant == "plus" else np.zeros_like(idf)
        self._absent_of = self._absent.tolist()
        self._start_of = self._start.tolist()
        # A small corpus keeps each term's row of scores (what every passage gets from it): one addition per term,
        # and each passage's set of terms.
        self._rows: np.ndarray | None = None
        self._sets: list[frozenset[int]] | None = None
        if n * len(self._terms) <= DENSE_CELLS:
            self._rows = np.repeat(self._absent[:, None], n, axis=1)
            self._rows[term, passage] = self._weights
            self._sets = [frozenset(map(self._terms.__getitem__, document)) for document in documents]

    def _idf(self, df: list[int]) -> np.ndarray:
        """Each term's IDF by rank-bm25's formula for the variant, computed as it does (math.log, same order)."""
        n = self.doc_count
        if self.variant == "plus":
            return np.array([math.log((n + 1) / f) for f in df], dtype=float)
        if self.variant == "l":
            return np.array([math.log(n + 1) - math.log(f + 0.5) for f in df], dtype=float)
        idf = [math.log(n - f + 0.5) - math.log(f + 0.5) for f in df]
        running = 0.0
        for value in idf:  # a running sum in first-appearance order, as rank-bm25 averages
            running += value
        floor = OKAPI_EPSILON * (running / len(idf)) if idf else 0.0
        return np.array([floor if value < 0 else value for value in idf], dtype=float)

    def _contribution(self, idf: np.ndarray, tf: np.ndarray, norm: np.ndarray) -> np.ndarray:
        """A term's BM25 contribution to a passage that contains it, written as rank-bm25 writes it."""
        k1, delta = self.k1, self.delta
        if self.variant == "okapi":
            return idf * (tf * (k1 + 1) / (tf + k1 * norm))
        if self.variant == "plus":
            return idf * (delta + (tf * (k1 + 1)) / (k1 * norm + tf))
        ctd = tf / norm
        return idf * tf * (k1 + 1) * (ctd + delta) / (k1 + ctd + delta)

    def _postings(self, number: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = self._start_of[number], self._start_of[number + 1]
        return self._passages[lo:hi], self._weights[lo:hi]

    def knows(self, term: str) -> bool:
        """Whether any passage contains the term."""
        return term in self._terms

    def document_frequency(self, term: str) -> float:
        """Share of passages that contain the term (0 to 1)."""
        number = self._terms.get(term)
        return 0.0 if number is None else int(self._df[number]) / self.doc_count

    def score(self, concepts: list[Concept]) -> np.ndarray:
        """Every passage's score: per concept the best of its stems' BM25 contributions, summed over concepts.

        A concept of one stem adds exactly what rank-bm25 adds for that term, in the same order, so
        ``term_scores`` equals ``get_scores`` to the last bit. Only the term's postings are touched, plus
        one pass over all scores when the variant gives passages without the term something (BM25Plus).
        """
        total = np.zeros(self.doc_count)
        rows = self._rows
        for concept in concepts:
            if len(concept.options) == 1:
                stem, weight = concept.options[0]
                number = self._terms.get(stem)
                if number is None:
                    continue  # no passage has it: rank-bm25 adds 0
                if rows is not None:
                    total += rows[number] if weight == 1.0 else rows[number] * weight
                    continue
                docs, contrib = self._postings(number)
                absent = self._absent_of[number]
                if weight != 1.0:
                    contrib, absent = contrib * weight, absent * weight
                if absent:
                    touched = total[docs]
                    total += absent
                    total[docs] = touched + contrib
                else:
                    total[docs] += contrib
                continue
            known = [(self._terms[s], w) for s, w in concept.options if s in self._terms]
            if not known:
                continue
            # The floor is the best of what the stems give a passage that lacks them.
            floor = max(self._absent_of[t] * w for t, w in known)
            if rows is not None:
                best = rows[known[0][0]] * known[0][1]
                for number, weight in known[1:]:
                    np.maximum(best, rows[number] * weight, out=best)
                np.maximum(best, floor, out=best)
            else:
                best = np.empty(self.doc_count)
                best.fill(floor)
                for number, weight in known:
                    docs, contrib = self._postings(number)
                    best[docs] = np.maximum(best[docs], contrib * weight)
            total += best
        return total

    def term_scores(self, tokens: list[str]) -> np.ndarray:
        """Plain BM25 of a token list, equal to rank-bm25's ``get_scores``."""
        return self.score([Concept(t, ((t, 1.0),)) for t in tokens])

    def top(self, scores: np.ndarray, k: int) -> list[int]:
        """Passage numbers of the k best scores, best first (ties in reading order, also at the k-th place)."""
        count = len(scores)
        k = min(k, count)
        if k <= 0:
            return []
        if count <= 2048:  # a full stable sort is cheapest here; it keeps ties in reading order
            return np.argsort(-scores, kind="stable")[:k].tolist()
        if k == count:
            return np.argsort(-scores, kind="stable").tolist()
        # Most passages share no word with a query and so share the lowest score, and selection is slow on
        # many equal values: select among the passages above the lowest score (in reading order).
        lowest = scores.min()
        above = np.flatnonzero(scores > lowest)
        if len(above) >= k:
            values = scores[above]
            kth = np.partition(values, len(values) - k)[len(values) - k]
            numbers = np.concatenate((above[values > kth], above[values == kth][: k - int(np.count_nonzero(values > kth))]))
        else:
            numbers = np.concatenate((above, np.flatnonzero(scores == lowest)[: k - len(above)]))
        values = scores[numbers].tolist()
        return [number for _, number in sorted(zip((-v for v in values), numbers.tolist()))]

    def matched(self, number: int, concepts: list[Concept]) -> tuple[str, ...]:
        """The query concepts (as the user wrote them) that passage ``number`` contains."""
        terms = self._terms
        if self._sets is not None:
            present = self._sets[number]
            return tuple(c.surface for c in concepts if any(terms.get(s, -1) in present for s in c.stems))
        return tuple(c.surface for c in concepts if any(self._contains(terms.get(s), number) for s in c.stems))

    def _contains(self, term: int | None, number: int) -> bool:
        """Whether passage ``number`` is in the term's postings (they are in passage order)."""
        if term is None:
            return False
        docs = self._passages[self._start_of[term] : self._start_of[term + 1]]
        at = int(docs.searchsorted(number))
        return at < len(docs) and docs[at] == number

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """The k best passages for a query with their scores; passages sharing no word are left out."""
        concepts = self.analyzer.concepts(query)
        if not concepts or k <= 0:
            return []
        scores = self.score(concepts)
        hits = []
        for number in self.top(scores, k):
            matched = self.matched(number, concepts)
            if matched:
                hits.append(Hit(self.passages[number], float(scores[number]), matched))
        return hits


def mean_of_best(values: np.ndarray, owner: np.ndarray, sizes: np.ndarray, k: int) -> np.ndarray:
    """Each group's mean of its ``k`` best values (of all of them when it has fewer).

    ``owner`` gives each value's group and ``sizes`` each group's full size: values left out (zero BM25
    scores, say) count as zeros. Several of a passage's views that match a question outvote one that
    matches by chance.
    """
    count = len(sizes)
    order = np.lexsort((-values, owner))  # by group, best value first
    grouped = owner[order]
    rank = np.arange(len(order)) - np.searchsorted(grouped, np.arange(count))[grouped]
    best = rank < k
    sums = np.bincount(grouped[best], weights=values[order][best], minlength=count)
    return sums / np.maximum(np.minimum(sizes, k), 1)
