"""Measure BM25 variants and parameters on a question file: ``python scripts/sweep_bm25.py tests/eval/tuning.jsonl``.

Prints answer+followup hit@1, MRR@5 and no_match accuracy for each setting, so the choice in
chatbot/retriever.py and chatbot/engine.py is a measurement, not a guess.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chatbot.config import DEFAULT_CORPUS
from chatbot.corpus import corpus_folder
from chatbot.engine import ANSWER_WORDS_FILE, ChatEngine, Tuning, load_answer_words
from chatbot.evaluation import evaluate, load_cases
from chatbot.retriever import Retriever


def main(path: str) -> None:
    cases = load_cases(Path(path))
    base = ChatEngine.from_corpus(DEFAULT_CORPUS)
    answer_words = load_answer_words(corpus_folder(DEFAULT_CORPUS) / ANSWER_WORDS_FILE)
    print(f"{'variant':<6} {'k1':>4} {'b':>5} {'hit@1':>6} {'mrr@5':>6} {'decline':>7}")
    for variant, k1, b in itertools.product(("okapi", "plus", "l"), (0.9, 1.2, 1.5), (0.3, 0.5, 0.75)):
        retriever = Retriever(base.retriever.passages, base.retriever.analyzer, variant=variant, k1=k1, b=b)
        engine = ChatEngine(retriever, Tuning(), base.out_of_scope, base.semantic, base.alarms, answer_words)
        kinds = evaluate(engine, cases).kinds
        ranked = [kinds["answer"], kinds["followup"]]
        n = sum(k.total for k in ranked)
        hit = sum(k.hit1 for k in ranked) / n
        mrr = sum(k.rr for k in ranked) / n
        declined = kinds["no_match"].correct / max(kinds["no_match"].total, 1)
        print(f"{variant:<6} {k1:>4} {b:>5} {hit:>6.3f} {mrr:>6.3f} {declined:>7.3f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/eval/tuning.jsonl")
