"""Scale: synthetic corpora of 1,000, 10,000 and 100,000 passages, the index beside rank-bm25's full scoring.

    .venv/bin/python -m benchmarks.scale                                  # 1,000, 10,000 and 100,000 passages
    .venv/bin/python -m benchmarks.scale --sizes 1000 10000 --queries 100
    .venv/bin/python -m benchmarks.scale --keep ../chatbot-corpora              # keep (and reuse) the generated corpora

For each size the corpus is generated (benchmarks/synthetic.py: deterministic, English-like, the bundled
article among the synthetic articles) into a temporary folder, then measured in fresh interpreters, so
that memory and caches start cold:

- index: loading the corpus, building the index (tokenizing included; tokenizing alone, cold, beside it),
  the process's peak memory, query latency (``Retriever.search``, k=5, with typo correction on; and plain
  BM25 of the query's tokens plus the top 5), and beside them rank-bm25's ``BM25Plus`` on the same tokens:
  its build, its ``get_scores`` over all passages, and whether both give the same top 5 (exact ties
  aside) and the same scores.
- engine: ``ChatEngine.from_corpus`` (the real start-up), its peak memory, and ``reply`` latency.

The questions are half the project's tuning questions, half questions made from random passages (with
typos, repeated and unknown words); each is asked once, after a warm-up on other questions.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, load_questions, machine, say, summary_ms, table

TARGETS = {"query_p50_ms": 10.0, "query_p99_ms": 50.0, "build_s": 5.0, "peak_mb": 500.0}
STEADY = 100_000  # the size the targets are for


def rss_mb() -> float:
    """The process's resident memory now, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb() -> float:
    """The process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def question_sets(passages: list, count: int) -> tuple[list[str], list[str]]:
    """(warm-up questions, measured questions): tuning questions and questions made from passages."""
    from benchmarks.synthetic import queries

    tuning = [q for q, _ in load_questions()]
    half = count // 2
    measured = tuning[:half] + queries(passages, count - half, seed=11)
    warm = tuning[half : half + 30] + queries(passages, 30, seed=12)
    return warm, measured


def timed_each(function, items) -> list[float]:
    clock = time.perf_counter
    durations = []
    for item in items:
        start = clock()
        function(item)
        durations.append(clock() - start)
    return durations


def same_top(ours: list[int], reference, k: int = 5) -> bool:
    """Whether our top k is rank-bm25's top k, where passages tied at the k-th score may stand in for each other."""
    import numpy as np

    order = np.argsort(-reference, kind="stable")[:k]
    kth = reference[order[-1]]
    sure = {int(i) for i in order if reference[i] > kth}
    values = [reference[i] for i in ours]
    return len(ours) == len(order) and sure <= set(ours) and all(v >= kth for v in values) and values == sorted(values, reverse=True)


def child_index(folder: Path, count: int) -> dict:
    import numpy as np
    from rank_bm25 import BM25Plus

    from chatbot import text
    from chatbot.corpus import load_corpus
    from chatbot.retriever import Retriever
    from chatbot.text import SYNONYMS_FILE, Analyzer, Speller, load_synonyms, words

    out: dict = {"rss_imports_mb": rss_mb()}
    start = time.perf_counter()
    passages = load_corpus(folder)
    out["load_s"] = time.perf_counter() - start
    out["passages"] = len(passages)
    out["rss_corpus_mb"] = rss_mb()
    synonyms = load_synonyms(folder / SYNONYMS_FILE)

    start = time.perf_counter()
    retriever = Retriever(passages, Analyzer(synonyms))
    out["build_s"] = time.perf_counter() - start
    out["peak_mb"] = peak_mb()
    out["terms"] = len(retriever._terms)
    out["postings"] = len(retriever._passages)

    text._stem.cache_clear()
    analyzer = Analyzer(synonyms)
    start = time.perf_counter()
    documents = [analyzer.tokens(p.search_text) for p in passages]
    out["tokenize_s"] = time.perf_counter() - start
    out["tokens"] = sum(map(len, documents))

    start = time.perf_counter()
    speller = Speller({w for p in passages for w in words(p.search_text)} | synonyms.vocabulary)
    out["speller_s"] = time.perf_counter() - start
    out["speller_words"] = len(speller.vocabulary)
    retriever.analyzer.speller = speller
    text.english_frequencies()

    warm, measured = question_sets(passages, count)
    for question in warm:
        retriever.search(question, 5)
    out["search"] = summary_ms(timed_each(lambda q: retriever.search(q, 5), measured))
    tokenized = [t for t in (retriever.analyzer.tokens(q) for q in measured) if t]
    out["term_top"] = summary_ms(timed_each(lambda t: retriever.top(retriever.term_scores(t), 5), tokenized))

    start = time.perf_counter()
    reference = BM25Plus(documents, k1=retriever.k1, b=retriever.b, delta=retriever.delta)
    out["ref_build_s"] = time.perf_counter() - start
    out["ref_peak_mb"] = peak_mb()
    durations, same, exact, worst = [], 0, 0, 0.0
    for tokens in tokenized:
        begin = time.perf_counter()
        expected = reference.get_scores(tokens)
        durations.append(time.perf_counter() - begin)
        scores = retriever.term_scores(tokens)
        ours = retriever.top(scores, 5)
        same += same_top(ours, expected)
        exact += ours == np.argsort(-expected, kind="stable")[:5].tolist()
        worst = max(worst, float(np.max(np.abs(scores - expected))))
    out["ref_scores"] = summary_ms(durations)
    out["top5_same"], out["top5_exact"], out["compared"], out["max_abs_diff"] = same, exact, len(tokenized), worst
    return out


def child_engine(folder: Path, count: int) -> dict:
    from chatbot.corpus import load_corpus
    from chatbot.engine import ChatEngine

    out: dict = {"rss_imports_mb": rss_mb()}
    start = time.perf_counter()
    # Words only: sentence vectors for a large corpus are computed once, ahead, by `python -m chatbot embed`
    # (about 4 ms a text on one core); what they add to a reply is measured on the article by inprocess.py.
    engine = ChatEngine.from_corpus(folder, semantic=False)
    out["startup_s"] = time.perf_counter() - start
    out["peak_mb"] = peak_mb()
    warm, measured = question_sets(load_corpus(folder), count)
    for question in warm:
        engine.reply(question)
    out["reply"] = summary_ms(timed_each(engine.reply, measured))
    return out


def run_child(kind: str, folder: Path, count: int) -> dict:
    command = [sys.executable, "-m", "benchmarks.scale", "--child", kind, str(folder), "--queries", str(count)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} run on {folder} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000], help="corpus sizes in passages")
    parser.add_argument("--queries", type=int, default=250, help="questions asked per size (default 250)")
    parser.add_argument("--keep", type=Path, help="generate the corpora here and keep them (reused when present)")
    parser.add_argument("--no-engine", action="store_true", help="skip the whole-engine start-up and reply figures")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        kind, folder = args.child
        result = (child_index if kind == "index" else child_engine)(Path(folder), args.queries)
        print(json.dumps(result))
        return 0

    from benchmarks.synthetic import write_corpus

    say(f"# Scale\n\n{machine()}\n")
    with tempfile.TemporaryDirectory(prefix="chatbot-scale-") as scratch:
        base = args.keep or Path(scratch)
        results = {}
        for size in args.sizes:
            folder = base / f"passages-{size}"
            if not (folder / ".complete").exists():
                start = time.perf_counter()
                write_corpus(folder, size)
                (folder / ".complete").write_text("")
                say(f"generated {size:,} passages in {time.perf_counter() - start:.1f} s ({len(list(folder.glob('*.md'))):,} articles)")
            index = run_child("index", folder, args.queries)
            engine = None if args.no_engine else run_child("engine", folder, args.queries)
            results[size] = (index, engine)
            say(f"measured {size:,} passages")
        report(results)
    return 0


def report(results: dict) -> None:
    say("\n## Index (Retriever) beside rank-bm25 BM25Plus on the same tokens\n")
    rows = []
    for size, (r, _) in results.items():
        rows.append(
            [
                size,
                r["tokens"],
                r["terms"],
                r["load_s"],
                f"{r['build_s']:.2f} ({r['tokenize_s']:.2f})",
                f"{r['peak_mb']:.0f} ({r['rss_corpus_mb']:.0f})",
                f"{r['search']['p50']:.2f} / {r['search']['p99']:.2f}",
                f"{r['term_top']['p50']:.2f} / {r['term_top']['p99']:.2f}",
                f"{r['ref_scores']['p50']:.2f} / {r['ref_scores']['p99']:.2f}",
                f"{r['ref_scores']['p50'] / r['term_top']['p50']:.0f}x",
                f"{r['top5_same']}/{r['compared']} ({r['top5_exact']} in the same order)",
                f"{r['max_abs_diff']:.1e}",
                f"{r['ref_build_s']:.1f}",
                f"{r['speller_s']:.2f}",
            ]
        )
    say(
        table(
            [
                "passages",
                "tokens",
                "terms",
                "load corpus s",
                "build s (tokenizing alone)",
                "peak MB (after loading the corpus)",
                "search p50 / p99 ms",
                "BM25 + top 5 p50 / p99 ms",
                "rank-bm25 get_scores p50 / p99 ms",
                "get_scores / ours (p50)",
                "same top 5",
                "max score diff",
                "rank-bm25 build s",
                "speller build s",
            ],
            rows,
        )
    )
    if any(e for _, e in results.values()):
        say("\n## Whole engine (ChatEngine.from_corpus, reply)\n")
        say(
            table(
                ["passages", "start-up s", "peak MB", "reply p50 / p99 ms"],
                [
                    [s, e["startup_s"], f"{e['peak_mb']:.0f}", f"{e['reply']['p50']:.2f} / {e['reply']['p99']:.2f}"]
                    for s, (_, e) in results.items()
                    if e
                ],
            )
        )
    if STEADY in results:
        r = results[STEADY][0]
        checks = [
            ("query p50 (search)", r["search"]["p50"], TARGETS["query_p50_ms"], "ms"),
            ("query p99 (search)", r["search"]["p99"], TARGETS["query_p99_ms"], "ms"),
            ("index build", r["build_s"], TARGETS["build_s"], "s"),
            ("peak memory", r["peak_mb"], TARGETS["peak_mb"], "MB"),
        ]
        say(f"\nTargets at {STEADY:,} passages:")
        for name, value, limit, unit in checks:
            say(f"- {name}: {value:.2f} {unit} (target <= {limit:g} {unit}): {'met' if value <= limit else 'MISSED'}")
        say(f"- same top 5 as rank-bm25: {r['top5_same']}/{r['compared']}: {'met' if r['top5_same'] == r['compared'] else 'MISSED'}")


if __name__ == "__main__":
    raise SystemExit(main())
