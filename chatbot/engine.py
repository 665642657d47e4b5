"""ChatEngine.reply(message, history) -> Reply: emergency, small talk, no-match or the best passages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from . import messages
from .corpus import Passage, load_corpus, read_text
from .intents import is_emergency, smalltalk_kind
from .retriever import Hit, Retriever
from .text import STOP_WORDS, SYNONYMS_FILE, Analyzer, Concept, Speller, english_frequencies, load_synonyms, normalize, stem, words

KINDS = ("answer", "no_match", "smalltalk", "emergency")
OUT_OF_SCOPE_FILE = "out_of_scope.cfg"
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
    min_coverage: float = 0.5  # share of the question's informative weight the best passage must contain
    generic_share: float = 0.3  # words in more than this share of passages carry no topic (lupus, stem, cell)
    history_weight: float = 0.6  # how much an earlier turn's scores count in a follow-up
    out_of_scope_weight: float = 2.0  # a topic the article does not cover (a named drug, pregnancy, doses...)
    rare_word_weight: float = 1.0  # a word neither the corpus nor everyday English uses (a name, a jargon word)
    uncommon_word_weight: float = 0.5  # an English word the corpus does not use, of middling frequency


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

    def __init__(self, retriever: Retriever, tuning: Tuning | None = None, out_of_scope: set[tuple[str, ...]] | None = None) -> None:
        self.retriever = retriever
        self.tuning = tuning or Tuning()
        # Topics the corpus does not cover: phrases of stems, minus any the corpus itself uses.
        self.out_of_scope = {p for p in (out_of_scope or set()) if not all(retriever.knows(s) for s in p)}
        self._longest_topic = max(map(len, self.out_of_scope), default=0)
        self._lists = _lists(retriever.passages)

    @classmethod
    def from_corpus(cls, path: Path, tuning: Tuning | None = None) -> ChatEngine:
        """Load the corpus (and its synonyms file, if any) and build the index once."""
        path = Path(path)
        passages = load_corpus(path)
        folder = path if path.is_dir() else path.parent
        synonyms = load_synonyms(folder / SYNONYMS_FILE)
        vocabulary = {w for p in passages for w in words(p.search_text)} | synonyms.vocabulary
        analyzer = Analyzer(synonyms, Speller(vocabulary))
        return cls(Retriever(passages, analyzer), tuning, load_topics(folder / OUT_OF_SCOPE_FILE))

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
        weights = self._weights(message, concepts)
        earlier = self._earlier_turn(history)
        if earlier and (_ANAPHORA.search(normalize(message)) or self._coverage(concepts, weights, scores) < tuning.min_coverage):
            earlier_concepts = retriever.analyzer.concepts(earlier)
            scores = scores + tuning.history_weight * retriever.score(earlier_concepts)
            # The earlier question's words count towards coverage too, at the same discount.
            concepts = concepts + earlier_concepts
            weights = weights + [w * tuning.history_weight for w in self._weights(earlier, earlier_concepts)]
        if self._coverage(concepts, weights, scores) < tuning.min_coverage:
            return []
        order = [i for i in retriever.top(scores, tuning.max_passages + 1)]
        order = self._expand_lead_in(order, scores)[: tuning.max_passages]
        best = scores[order[0]]
        return [
            Hit(retriever.passages[i], float(scores[i]), retriever.matched(i, concepts))
            for i in order
            if scores[i] >= tuning.near_tie * best or i == order[0]
        ]

    def _expand_lead_in(self, order: list[int], scores: np.ndarray) -> list[int]:
        """A list's lead-in ("Ideal candidates ... include:") answers nothing alone: show its bullets instead."""
        bullets = self._lists.get(order[0])
        if not bullets:
            return order
        ranked = sorted(bullets, key=lambda i: (-scores[i], i))
        return ranked + [i for i in order[1:] if i not in ranked]

    def _earlier_turn(self, history: Sequence[str]) -> str | None:
        """The most recent earlier message that asked something of the article."""
        for turn in reversed(history):
            if isinstance(turn, str) and turn.strip() and not smalltalk_kind(turn) and not is_emergency(turn):
                return turn
        return None

    def _weights(self, message: str, concepts: list[Concept]) -> list[float]:
        """How much each concept says about what is asked: 0 for words found all over the corpus."""
        retriever, tuning = self.retriever, self.tuning
        frequencies = english_frequencies()
        topics = self._topics(concepts)
        weights = []
        for number, concept in enumerate(concepts):
            known = [s for s in concept.stems if retriever.knows(s)]
            if number in topics:
                weights.append(topics[number])
            elif known:
                share = min(retriever.document_frequency(s) for s in known)
                weights.append(0.0 if share > tuning.generic_share else 1.0)
            else:
                # A word the corpus never uses: an everyday word says little, a rare one names a topic we lack.
                zipf = max((frequencies.get(w, 0.0) for w in concept.surface.split()), default=0.0)
                weights.append(0.0 if zipf >= 5 else tuning.uncommon_word_weight if zipf >= 4 else tuning.rare_word_weight)
        return weights

    def _topics(self, concepts: list[Concept]) -> dict[int, float]:
        """Concept positions that name an out-of-scope topic -> weight (a phrase's weight goes on its first word)."""
        stems = [c.stems[0] for c in concepts]
        found: dict[int, float] = {}
        for start in range(len(stems)):
            for n in range(min(self._longest_topic, len(stems) - start), 0, -1):
                if tuple(stems[start : start + n]) in self.out_of_scope:
                    found[start] = self.tuning.out_of_scope_weight
                    found.update({i: found.get(i, 0.0) for i in range(start + 1, start + n)})
                    break
        return found

    def _coverage(self, concepts: list[Concept], weights: list[float], scores: np.ndarray) -> float:
        """Share of the question's informative weight that its best passage contains."""
        total = sum(weights)
        if total == 0:
            return 1.0 if any(self.retriever.knows(s) for c in concepts for s in c.stems) else 0.0
        best = int(np.argmax(scores))
        matched = set(self.retriever.matched(best, concepts))
        return sum(w for c, w in zip(concepts, weights) if c.surface in matched) / total


def load_topics(path: Path) -> set[tuple[str, ...]]:
    """Out-of-scope topics from ``path`` ("name: phrase, phrase" lines) as phrases of stems; no file, no topics."""
    if not path.exists():
        return set()
    topics = set()
    for raw in read_text(path).splitlines():
        line = raw.split("#", 1)[0]
        if ":" in line:
            topics.update(tuple(stem(w) for w in words(p) if w not in STOP_WORDS) for p in line.split(":", 1)[1].split(","))
    return {t for t in topics if t}


def _lists(passages: list[Passage]) -> dict[int, list[int]]:
    """Passage number of each lead-in paragraph -> the numbers of the bullets it introduces in its own section."""
    lists: dict[int, list[int]] = {}
    for number, passage in enumerate(passages):
        if passage.text.endswith(":"):
            bullets = [i for i, p in enumerate(passages) if p.lead_in and p.section == passage.section and passage.text.endswith(p.lead_in)]
            if bullets:
                lists[number] = bullets
    return lists


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
