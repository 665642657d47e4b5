"""CLI cold start: ``python -m chatbot ask "..."`` beside ``python -c "import nltk, rank_bm25"`` in the same environment.

    .venv/bin/python -m benchmarks.cli_start                 # 30 runs of each, after 3 warm-up runs
    .venv/bin/python -m benchmarks.cli_start --runs 50

Both commands run with the interpreter that runs this script. The timer is hyperfine (Debian:
``apt-get install hyperfine``; it runs the two commands alternately, without a shell) when it is installed,
otherwise repeated subprocess runs; the figure compared is the median wall time. It also checks, with
``python -X importtime``, that ``ask`` imports no web server code (flask, werkzeug, gunicorn, jinja2) and
lists what the chatbot's own modules cost to import.
"""

from __future__ import annotations

import argparse
import json
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, machine, say, table

QUESTION = "what are the risks of AHSCT"
TARGET_RATIO = 1.3
WEB_MODULES = ("flask", "werkzeug", "gunicorn", "jinja2", "click", "flask_limiter")


def commands() -> dict[str, list[str]]:
    return {
        "ask": [sys.executable, "-m", "chatbot", "ask", QUESTION],
        "bare imports": [sys.executable, "-c", "import nltk, rank_bm25"],
    }


def with_hyperfine(runs: int) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as scratch:
        export = Path(scratch) / "times.json"
        command = ["hyperfine", "-N", "--warmup", "3", "--runs", str(runs), "--export-json", str(export)]
        subprocess.run([*command, *(shlex.join(c) for c in commands().values())], cwd=ROOT, check=True, capture_output=True)
        results = json.loads(export.read_text())["results"]
    return {
        name: {"median": r["median"], "mean": r["mean"], "stddev": r["stddev"], "min": r["min"]} for name, r in zip(commands(), results)
    }


def with_subprocess(runs: int) -> dict[str, dict[str, float]]:
    times: dict[str, list[float]] = {name: [] for name in commands()}
    for round_ in range(runs + 3):
        for name, command in commands().items():  # alternate, so drift hits both alike
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
            if round_ >= 3:
                times[name].append(time.perf_counter() - start)
    return {
        name: {"median": statistics.median(t), "mean": statistics.mean(t), "stddev": statistics.stdev(t), "min": min(t)}
        for name, t in times.items()
    }


def import_profile() -> tuple[list[str], list[tuple[str, float]]]:
    """Web modules that ``ask`` imports (should be none), and the chatbot modules' cumulative import times (ms)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *commands()["ask"][1:]], cwd=ROOT, check=True, capture_output=True, text=True
    )
    modules: dict[str, float] = {}
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            _, cumulative, name = line.split("|")
            if cumulative.strip().isdigit():
                modules[name.strip()] = int(cumulative) / 1e3
    web = sorted(m for m in modules if m.split(".")[0] in WEB_MODULES)
    own = sorted(((m, t) for m, t in modules.items() if m.startswith("chatbot")), key=lambda x: -x[1])
    return web, own


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cli_start", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each command (default 30)")
    parser.add_argument("--no-hyperfine", action="store_true", help="time with subprocess even when hyperfine is installed")
    args = parser.parse_args(argv)

    timer = "hyperfine" if shutil.which("hyperfine") and not args.no_hyperfine else "subprocess"
    say(f"# CLI cold start\n\n{machine()}\n\ntimer: {timer}, {args.runs} runs of each after 3 warm-up runs\n")
    results = with_hyperfine(args.runs) if timer == "hyperfine" else with_subprocess(args.runs)
    rows = [
        [f"`{shlex.join(['python', *c[1:]])}`", r["median"] * 1e3, r["mean"] * 1e3, r["stddev"] * 1e3, r["min"] * 1e3]
        for c, r in zip(commands().values(), results.values())
    ]
    say(table(["command", "median ms", "mean ms", "stddev ms", "min ms"], rows))
    ratio = results["ask"]["median"] / results["bare imports"]["median"]
    say(f"\nask / bare imports (medians): {ratio:.2f}x; target <= {TARGET_RATIO}x: {'met' if ratio <= TARGET_RATIO else 'MISSED'}")

    web, own = import_profile()
    say(f"\nWeb server modules imported by ask: {', '.join(web) if web else 'none'}")
    say("The chatbot's own modules, cumulative import time (ms; a module's time includes what it imports first):")
    say(", ".join(f"{name} {ms:.1f}" for name, ms in own[:8]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
