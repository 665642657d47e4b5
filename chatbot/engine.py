"""ChatEngine.reply(message, history) -> Reply: emergency, small talk, no-match or the best passages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from . import messages
from .corpus import load_corpus
from .intents import is_emergency, smalltalk_kind
from .retriever import Hit, Retriever
from .text import SYNONYMS_FILE, Analyzer, Concept, Speller, english_frequencies, load_synonyms, normalize, words

KINDS = ("answer", "no_match", "smalltalk", "emergency")
_SMALLTALK_REPLIES = {
    "greeting": messages.GREETING,
    "thanks": messages.THANKS,
    "goodbye": messages.GOODBYE,
    "about": messages.ABOUT,
    "help": messages.HELP,
}
# Words that point back to something said before ("is it safe?", "what about the other one").
_ANAPHORA = re.compile(r"\b(it|its|that|this|they|them|those|these|there|one|ones|he|she|him|her|his|either|both|same|the procedure|the treatment|the process)\b")


@dataclass(frozen=True)
class Tuning:
    """The engine's knobs, chosen by measurement on the tuning questions (see README, Answer quality)."""

    max_passages: int = 3
    near_tie: float = 0.85  # later passages are shown when they score at least this share of the best
    min_coverage: float = 0.5  # share of the question's informative words the best passage must contain
    generic_share: float = 0.3  # words in more than this share of passages carry no topic (lupus, stem, cell)
    history_weight: float = 0.6  # how much an earlier turn's scores count in a follow-up


@dataclass(frozen=True)
class Reply:
    """One reply of one kind; ``to_dict`` gives the API's JSON shape."""

    kind: str
    reply: str
    passages: tuple[Hit, ...] = ()
    suggestions: tuple[str, ...] = ()
    disclaimer: str = messages.DISCLAIMER

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "reply": self.reply,
            "passages": [
                {"id": h.passage.id, "section": h.passage.section, "text": h.passage.text, "score": round(h.score, 4), "source": h.passage.source}
                for h in self.passages
            ],
            "suggestions": list(self.suggestions),
            "disclaimer": self.disclaimer,
        }


class ChatEngine:
    """Answers messages from the passages of one retriever; holds no per-conversation state."""

    def __init__(self, retriever: Retriever, tuning: Tuning | None = None) -> None:
        self.retriever = retriever
        self.tuning = tuning or Tuning()

    @classmethod
    def from_corpus(cls, path: Path, tuning: Tuning | None = None) -> ChatEngine:
        """Load the corpus (and its synonyms file, if any) and build the index once."""
        path = Path(path)
        passages = load_corpus(path)
        folder = path if path.is_dir() else path.parent
        synonyms = load_synonyms(folder / SYNONYMS_FILE)
        vocabulary = {w for p in passages for w in words(p.search_text)} | synonyms.vocabulary
        analyzer = Analyzer(synonyms, Speller(vocabulary))
        return cls(Retriever(passages, analyzer), tuning)

    @property
    def passage_count(self) -> int:
        return self.retriever.doc_count

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """Staff lookup: the k best passages with scores and matched words, no decline rule."""
        return self.retriever.search(query, k)

    def reply(self, message: str, history: Sequence[str] = ()) -> Reply:
        """The one reply for a message, given the user's earlier messages (oldest first)."""
        if is_emergency(message):
            return Reply("emergency", messages.EMERGENCY)
        kind = smalltalk_kind(message)
        if kind:
            return Reply("smalltalk", _SMALLTALK_REPLIES[kind], suggestions=messages.SUGGESTIONS[:4])
        hits = self._answer(message, history)
        if not hits:
            return Reply("no_match", messages.NO_MATCH, suggestions=messages.SUGGESTIONS[:4])
        return Reply("answer", _reply_text(hits), tuple(hits), _related(hits))

    def _answer(self, message: str, history: Sequence[str]) -> list[Hit]:
        retriever, tuning = self.retriever, self.tuning
        concepts = retriever.analyzer.concepts(message)
        scores = retriever.score(concepts)
        weights = self._weights(concepts)
        earlier = self._earlier_turn(history)
        if earlier and (_ANAPHORA.search(normalize(message)) or self._coverage(concepts, weights, scores) < tuning.min_coverage):
            earlier_concepts = retriever.analyzer.concepts(earlier)
            scores = scores + tuning.history_weight * retriever.score(earlier_concepts)
            # The earlier question's words count towards coverage too, at the same discount.
            concepts = concepts + earlier_concepts
            weights = weights + [w * tuning.history_weight for w in self._weights(earlier_concepts)]
        if self._coverage(concepts, weights, scores) < tuning.min_coverage:
            return []
        order = retriever.top(scores, tuning.max_passages)
        best = scores[order[0]]
        return [
            Hit(retriever.passages[i], float(scores[i]), retriever.matched(i, concepts))
            for i in order
            if scores[i] >= tuning.near_tie * best or i == order[0]
        ]

    def _earlier_turn(self, history: Sequence[str]) -> str | None:
        """The most recent earlier message that asked something of the article."""
        for turn in reversed(history):
            if isinstance(turn, str) and turn.strip() and not smalltalk_kind(turn) and not is_emergency(turn):
                return turn
        return None

    def _weights(self, concepts: list[Concept]) -> list[float]:
        """How much each concept says about the topic of the question: 0 for words found all over the corpus."""
        retriever = self.retriever
        frequencies = english_frequencies()
        weights = []
        for concept in concepts:
            known = [s for s in concept.stems if retriever.knows(s)]
            if known:
                share = min(retriever.document_frequency(s) for s in known)
                weights.append(0.0 if share > self.tuning.generic_share else 1.0)
            else:
                # A word the corpus never uses: an everyday word says little, a rare one names a topic we lack.
                zipf = max((frequencies.get(w, 0.0) for w in concept.surface.split()), default=0.0)
                weights.append(0.25 if zipf >= 5 else 0.75 if zipf >= 4 else 1.5)
        return weights

    def _coverage(self, concepts: list[Concept], weights: list[float], scores: np.ndarray) -> float:
        """Share of the question's informative weight that its best passage contains."""
        total = sum(weights)
        if total == 0:
            return 1.0 if any(self.retriever.knows(s) for c in concepts for s in c.stems) else 0.0
        best = int(np.argmax(scores))
        matched = set(self.retriever.matched(best, concepts))
        return sum(w for c, w in zip(concepts, weights) if c.surface in matched) / total


def _reply_text(hits: list[Hit]) -> str:
    """What a chat window shows: the best passage (with its list's lead-in) and the near-ties from the same list."""
    first = hits[0].passage
    if not first.lead_in:
        return first.text
    same_list = [h.passage.text for h in hits if h.passage.lead_in == first.lead_in and h.passage.section == first.section]
    return first.lead_in + "\n" + "\n".join(f"• {text}" for text in same_list)


def _related(hits: list[Hit]) -> tuple[str, ...]:
    """Suggested next questions about other parts of the article."""
    section = hits[0].passage.section.lower()
    return tuple(s for s in messages.SUGGESTIONS if not any(w in section for w in words(s) if len(w) > 4))[:3]
