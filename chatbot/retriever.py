"""BM25 over passages: rank-bm25 builds the statistics, an inverted index scores only the passages a query touches."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25L, BM25Okapi, BM25Plus

from .corpus import Passage
from .text import Analyzer, Concept

VARIANTS = {"okapi": BM25Okapi, "plus": BM25Plus, "l": BM25L}


@dataclass(frozen=True)
class Hit:
    """A passage with its score for one query, and the query concepts it contains."""

    passage: Passage
    score: float
    matched: tuple[str, ...] = ()


class Retriever:
    """A BM25 index built once over the passages' search text; ``search`` returns scored hits, best first."""

    def __init__(self, passages: list[Passage], analyzer: Analyzer, variant: str = "plus", k1: float = 1.2, b: float = 0.75, delta: float = 1.0) -> None:
        if not passages:
            raise ValueError("cannot index an empty list of passages")
        self.passages = passages
        self.analyzer = analyzer
        documents = [analyzer.tokens(p.search_text) for p in passages]
        params = {"k1": k1, "b": b} | ({} if variant == "okapi" else {"delta": delta})
        self.model = VARIANTS[variant](documents, **params)
        self.variant = variant
        self.doc_count = len(passages)
        self._postings = self._invert(documents)

    def _invert(self, documents: list[list[str]]) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """term -> (passage numbers, the term's BM25 contribution in each), exactly as rank-bm25 computes it."""
        model = self.model
        by_term: dict[str, tuple[list[int], list[int]]] = {}
        for number, freqs in enumerate(model.doc_freqs):
            for term, tf in freqs.items():
                ids, tfs = by_term.setdefault(term, ([], []))
                ids.append(number)
                tfs.append(tf)
        doc_len = np.asarray(model.doc_len, dtype=float)
        norm = 1 - model.b + model.b * doc_len / model.avgdl
        postings = {}
        for term, (ids, tfs) in by_term.items():
            idx = np.asarray(ids, dtype=np.int32)
            tf = np.asarray(tfs, dtype=float)
            postings[term] = (idx, self._weight(term, tf, norm[idx]))
        return postings

    def _weight(self, term: str, tf: np.ndarray, norm: np.ndarray) -> np.ndarray:
        m = self.model
        idf = m.idf.get(term) or 0
        if self.variant == "okapi":
            return idf * (tf * (m.k1 + 1) / (tf + m.k1 * norm))
        if self.variant == "plus":
            return idf * (m.delta + (tf * (m.k1 + 1)) / (m.k1 * norm + tf))
        ctd = tf / norm
        return idf * tf * (m.k1 + 1) * (ctd + m.delta) / (m.k1 + ctd + m.delta)

    def _absent(self, term: str) -> float:
        """A term's contribution to a passage that lacks it (only BM25Plus gives one)."""
        return (self.model.idf.get(term) or 0) * self.model.delta if self.variant == "plus" else 0.0

    def knows(self, term: str) -> bool:
        """Whether any passage contains the term."""
        return term in self._postings

    def document_frequency(self, term: str) -> float:
        """Share of passages that contain the term (0 to 1)."""
        entry = self._postings.get(term)
        return 0.0 if entry is None else len(entry[0]) / self.doc_count

    def score(self, concepts: list[Concept]) -> np.ndarray:
        """Every passage's score: per concept the best of its stems, summed over concepts."""
        total = np.zeros(self.doc_count)
        for concept in concepts:
            best = np.full(self.doc_count, max(self._absent(s) * w for s, w in concept.options))
            for term, weight in concept.options:
                entry = self._postings.get(term)
                if entry is not None:
                    idx, contrib = entry
                    best[idx] = np.maximum(best[idx], contrib * weight)
            total += best
        return total

    def term_scores(self, tokens: list[str]) -> np.ndarray:
        """Plain BM25 of a token list, equal to rank-bm25's ``get_scores``."""
        return self.score([Concept(t, ((t, 1.0),)) for t in tokens])

    def top(self, scores: np.ndarray, k: int) -> list[int]:
        """Passage numbers of the k best scores, best first (ties in reading order)."""
        k = min(k, self.doc_count)
        if k <= 0:
            return []
        part = np.argpartition(-scores, k - 1)[:k] if k < self.doc_count else np.arange(self.doc_count)
        return sorted(part.tolist(), key=lambda i: (-scores[i], i))

    def matched(self, number: int, concepts: list[Concept]) -> tuple[str, ...]:
        """The query concepts (as the user wrote them) that passage ``number`` contains."""
        freqs = self.model.doc_freqs[number]
        return tuple(c.surface for c in concepts if any(s in freqs for s in c.stems))

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
