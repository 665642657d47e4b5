"""Emergencies recognised by closeness in meaning to worded examples, beside the red-flag patterns of red_flags.py.

People describe an emergency in more ways than patterns can list ("she went grey and sweaty and is clutching
her arm"). A message is taken for one when its closest examples of emergencies (``data/emergency_examples.jsonl``)
are close to it, and closer than the closest of everything else it could be: the article's passages and
listed questions, and examples of alarming questions that are not emergencies and of small talk.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np

from .semantic import SemanticIndex, mean_of_closest, saved_vectors
from .text import DATA_DIR

EXAMPLES_FILE = DATA_DIR / "emergency_examples.jsonl"
VECTORS_FILE = DATA_DIR / "emergency_examples.npz"
EMBED_EXAMPLES_COMMAND = "python scripts/embed_examples.py"  # what writes VECTORS_FILE
# Where a message's sentences and clauses end, and how many words a clause needs to be read alone.
_SENTENCE_END = re.compile(r"[.!?;]+\s+|[.!?;]+$|\s+(?:but|anyway|also|and then)\s+")
_COMMA = re.compile(r",\s*")
_MIN_WORDS = 3
# A sentence alone must be this much further still from everything else: its few words find chance
# neighbours among the emergencies more easily.
_SENTENCE_EXTRA = 0.1


def load_examples(path: Path = EXAMPLES_FILE) -> tuple[list[str], list[str]]:
    """Example emergencies and examples of messages that are not, from a JSON Lines file of {kind, text}."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r["text"] for r in rows if r["kind"] == "emergency"], [r["text"] for r in rows if r["kind"] != "emergency"]


class Alarms:
    """Whether a message is close in meaning to the example emergencies (one instance per engine)."""

    def __init__(self, meanings: SemanticIndex, emergencies: np.ndarray, others: np.ndarray, closeness: float, margin: float, votes: int = 3) -> None:
        self.meanings = meanings
        self.emergencies = emergencies
        self.others = np.vstack([others, meanings.vectors])  # the article itself is not an emergency
        self.closeness = closeness
        self.margin = margin
        self.votes = votes

    @classmethod
    def build(
        cls, meanings: SemanticIndex, closeness: float, margin: float, path: Path = EXAMPLES_FILE, saved: Path | None = VECTORS_FILE, more_others: np.ndarray | None = None
    ) -> Alarms:
        """The examples in ``path``, their vectors read from ``saved`` when they match, else computed now; with
        ``more_others``, the vectors of more messages that are not emergencies (examples of small talk)."""
        emergencies, others = load_examples(path)
        vectors = saved_vectors(meanings.encoder, emergencies + others, saved, EMBED_EXAMPLES_COMMAND)
        others = vectors[len(emergencies) :] if more_others is None else np.vstack([vectors[len(emergencies) :], more_others])
        return cls(meanings, vectors[: len(emergencies)], others, closeness, margin)

    def sounds_like_emergency(self, message: str, heeded: Callable[[str], bool] = lambda text: True) -> bool:
        """Whether the message, or one of its sentences, is close to the example emergencies and closer to them
        than to anything else: an emergency told in the middle of a question about the article counts. Only
        the texts ``heeded`` accepts are read."""
        if heeded(message) and self._close(message, 0.0):
            return True
        return any(self._close(text, _SENTENCE_EXTRA) for text in sentences(message) if heeded(text))

    def _close(self, text: str, extra: float) -> bool:
        vector = self.meanings.vector(text)
        alarm = mean_of_closest(self.emergencies @ vector, self.votes)
        return alarm >= self.closeness and alarm >= mean_of_closest(self.others @ vector, self.votes) + self.margin + extra


def sentences(message: str) -> list[str]:
    """The message's sentences and clauses of a few words or more, when it has more than one. A shorter piece
    between commas stays with the clause before it: "I've been through hydroxychloroquine, mycophenolate,
    rituximab" is a list of medicines tried, and its first clause alone would read like an overdose."""
    parts = []
    for sentence in _SENTENCE_END.split(message):
        clauses: list[str] = []
        for piece in filter(None, (p.strip() for p in _COMMA.split(sentence))):
            if clauses and (len(piece.split()) < _MIN_WORDS or len(clauses[-1].split()) < _MIN_WORDS):
                clauses[-1] += f", {piece}"
            else:
                clauses.append(piece)
        parts += [c for c in clauses if len(c.split()) >= _MIN_WORDS]
    return parts if len(parts) > 1 else []
