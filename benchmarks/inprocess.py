"""In-process latency on the bundled article: ChatEngine.reply beside rank-bm25's bare get_scores, and start-up.

    .venv/bin/python -m benchmarks.inprocess                          # tests/eval/tuning.jsonl, 20 passes
    .venv/bin/python -m benchmarks.inprocess my-questions.jsonl --passes 50 --profile

Every question is answered ``passes`` times (after one warm-up pass), each reply timed on its own. Beside it,
on the same passages and the same questions already tokenized: rank-bm25's ``BM25Plus.get_scores`` (the
library's bare scoring, with the retriever's parameters) and the retriever's own ``term_scores``. Start-up
(building the engine from the corpus, beyond the imports) is timed in fresh interpreters, the cold case.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import ROOT, TUNING_QUESTIONS, load_questions, machine, say, summary_ms, table

TARGET_REPLY_P50_MS = 0.3
TARGET_STARTUP_S = 0.1
_STARTUP = """
import json, time
t0 = time.perf_counter()
from chatbot.engine import ChatEngine
from chatbot.config import DEFAULT_CORPUS
t1 = time.perf_counter()
engine = ChatEngine.from_corpus(DEFAULT_CORPUS if {corpus!r} is None else {corpus!r})
t2 = time.perf_counter()
engine.reply("what are the risks of AHSCT")
t3 = time.perf_counter()
print(json.dumps({{"imports": t1 - t0, "build": t2 - t1, "first_reply": t3 - t2}}))
"""


def startup(corpus: str | None, runs: int = 7) -> dict[str, float]:
    """Median seconds, in fresh interpreters, to import the engine, build it from the corpus, answer once."""
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", _STARTUP.format(corpus=corpus)], cwd=ROOT, capture_output=True, text=True, check=True)
        samples.append(json.loads(out.stdout))
    return {key: statistics.median(s[key] for s in samples) for key in samples[0]}


def timed(function, items, passes: int) -> list[float]:
    """Seconds per call of ``function(item)``, every item ``passes`` times, after one warm-up pass."""
    for item in items:
        function(item)
    durations = []
    clock = time.perf_counter
    for _ in range(passes):
        for item in items:
            start = clock()
            function(item)
            durations.append(clock() - start)
    return durations


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.inprocess", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "questions", nargs="?", type=Path, default=TUNING_QUESTIONS, help="JSON Lines question file (default: the tuning questions)"
    )
    parser.add_argument("--corpus", help="corpus folder (default: the bundled article)")
    parser.add_argument("--passes", type=int, default=20, help="times each question is answered (default 20)")
    parser.add_argument("--profile", action="store_true", help="also print where reply time goes (cProfile, one pass)")
    args = parser.parse_args(argv)

    from rank_bm25 import BM25Plus

    from chatbot.config import DEFAULT_CORPUS
    from chatbot.engine import ChatEngine

    say(f"# In-process latency\n\n{machine()}\n")
    engine = ChatEngine.from_corpus(Path(args.corpus) if args.corpus else DEFAULT_CORPUS)
    retriever, analyzer = engine.retriever, engine.retriever.analyzer
    questions = load_questions(args.questions)
    say(f"{len(questions)} questions from {args.questions.name}, {args.passes} passes; {retriever.doc_count} passages\n")

    documents = [analyzer.tokens(p.search_text) for p in retriever.passages]
    reference = BM25Plus(documents, k1=retriever.k1, b=retriever.b, delta=retriever.delta)
    tokenized = [analyzer.tokens(q) for q, _ in questions]

    def new_reply(question_and_history: tuple[str, list[str]]) -> None:
        if engine.semantic is not None:
            engine.semantic.similarity.cache_clear()  # a message the process has not seen: its vector is computed
        engine.reply(*question_and_history)

    rows = [
        ("ChatEngine.reply (the whole reply)", timed(new_reply, questions, args.passes)),
        ("ChatEngine.reply, message seen before (vectors cached)", timed(lambda qh: engine.reply(*qh), questions, args.passes)),
        ("Retriever.search, k=5 (staff lookup)", timed(lambda qh: retriever.search(qh[0], 5), questions, args.passes)),
        ("Retriever.term_scores (tokens given)", timed(retriever.term_scores, tokenized, args.passes)),
        ("rank-bm25 BM25Plus.get_scores (tokens given)", timed(reference.get_scores, tokenized, args.passes)),
    ]
    figures = {name: summary_ms(samples) for name, samples in rows}
    bare = figures["rank-bm25 BM25Plus.get_scores (tokens given)"]["p50"]
    say(
        table(
            ["what", "p50 ms", "p99 ms", "mean ms", "p50 / bare get_scores"],
            [[n, f["p50"], f["p99"], f["mean"], f"{f['p50'] / bare:.2f}x"] for n, f in figures.items()],
        )
    )

    cold = startup(args.corpus)
    say(
        f"\nStart-up in a fresh interpreter (median of 7): imports {cold['imports']:.3f} s, building the engine {cold['build']:.3f} s, first reply {cold['first_reply'] * 1e3:.1f} ms"
    )

    reply_p50 = figures["ChatEngine.reply (the whole reply)"]["p50"]
    say(f"\nTarget reply p50 <= {TARGET_REPLY_P50_MS} ms: {reply_p50:.3f} ms, {'met' if reply_p50 <= TARGET_REPLY_P50_MS else 'MISSED'}")
    say(
        f"Target start-up beyond imports < {TARGET_STARTUP_S} s: {cold['build']:.3f} s, {'met' if cold['build'] < TARGET_STARTUP_S else 'MISSED'}"
    )

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for question, history in questions:
            engine.reply(question, history)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(20)
        say("\nWhere one pass of replies spends its time (cProfile, own time first; profiling slows Python code about 2x):")
        say("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:6000])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
