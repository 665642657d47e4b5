"""What the benchmarks share: the machine's description, percentiles, question files, tables."""

from __future__ import annotations

import json
import math
import os
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TUNING_QUESTIONS = ROOT / "tests" / "eval" / "tuning.jsonl"


def machine() -> str:
    """One line: date, cores, load, Python and numpy versions, so a run's figures can be read in context."""
    import numpy

    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return (
        f"{time.strftime('%Y-%m-%d %H:%M')}; {cores} cores ({usable} usable); load average {load}; "
        f"Python {platform.python_version()} ({platform.machine()}, {platform.system()}); numpy {numpy.__version__}"
    )


def percentile(samples: list[float], share: float) -> float:
    """The nearest-rank percentile (share from 0 to 1) of a list of samples."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def summary_ms(seconds: list[float]) -> dict[str, float]:
    """p50, p99, mean and max of durations in seconds, as milliseconds."""
    return {
        "p50": percentile(seconds, 0.50) * 1e3,
        "p99": percentile(seconds, 0.99) * 1e3,
        "mean": sum(seconds) / len(seconds) * 1e3,
        "max": max(seconds) * 1e3,
    }


def load_questions(path: Path = TUNING_QUESTIONS) -> list[tuple[str, list[str]]]:
    """(question, history) pairs of a JSON Lines question file (the format of tests/eval/tuning.jsonl)."""
    pairs = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            case = json.loads(line)
            pairs.append((case["question"], [h for h in case.get("history", []) if isinstance(h, str)]))
    return pairs


def table(header: list[str], rows: list[list[object]]) -> str:
    """A Markdown table, numbers right-aligned by their text."""
    cells = [[_cell(v) for v in row] for row in rows]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def say(*parts: object) -> None:
    """Print and flush, so progress shows while a long benchmark runs."""
    print(*parts, flush=True)
