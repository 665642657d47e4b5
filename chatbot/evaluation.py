"""Score the chat engine on a question file (JSON Lines; format in README, Answer quality)."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .engine import ChatEngine

EVAL_KINDS = ("answer", "followup", "no_match", "smalltalk", "emergency")
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


class EvalFileError(ValueError):
    """The question file cannot be read; the message names the line."""


def fold(text: str) -> str:
    """The comparison form of a text: NFKC, lower case, straight quotes, plain dashes, single spaces."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).translate(_FOLD).lower()).strip()


def load_cases(path: Path) -> list[dict[str, Any]]:
    """The test cases of a JSON Lines file, checked for the fields the scorer needs."""
    cases = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalFileError(f"cannot read {path}: {exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalFileError(f"{path}, line {number}: not JSON ({exc.msg})") from None
        if not isinstance(case, dict) or case.get("kind") not in EVAL_KINDS or not isinstance(case.get("question"), str):
            raise EvalFileError(f"{path}, line {number}: needs 'kind' (one of {', '.join(EVAL_KINDS)}) and 'question'")
        case.setdefault("id", f"line{number}")
        case.setdefault("history", [])
        case.setdefault("gold", [])
        cases.append(case)
    return cases


@dataclass
class KindScore:
    """Figures for one kind of question."""

    total: int = 0
    correct: int = 0
    hit1: int = 0
    rr: float = 0.0

    def as_dict(self, ranked: bool) -> dict[str, Any]:
        out: dict[str, Any] = {"n": self.total, "accuracy": _ratio(self.correct, self.total)}
        if ranked:
            out |= {"hit@1": _ratio(self.hit1, self.total), "mrr@5": round(self.rr / self.total, 3) if self.total else None}
        return out


@dataclass
class Report:
    """Per-kind figures and the misses."""

    kinds: dict[str, KindScore] = field(default_factory=lambda: {k: KindScore() for k in EVAL_KINDS})
    misses: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {k: s.as_dict(k in ("answer", "followup")) for k, s in self.kinds.items() if s.total}


def evaluate(engine: ChatEngine, cases: list[dict[str, Any]]) -> Report:
    """Run every case through ``engine.reply`` (the API's code path) and score it."""
    report = Report()
    for case in cases:
        reply = engine.reply(case["question"], case["history"])
        expected = "answer" if case["kind"] == "followup" else case["kind"]
        score = report.kinds[case["kind"]]
        score.total += 1
        rank = None
        if expected == "answer":
            gold = [fold(g) for g in case["gold"]]
            rank = next((i for i, h in enumerate(reply.passages[:5], 1) if any(g in fold(h.passage.text) for g in gold)), None)
            score.rr += 1 / rank if rank else 0.0
            score.hit1 += rank == 1
        ok = reply.kind == expected and (expected != "answer" or rank == 1)
        score.correct += ok
        if not ok:
            report.misses.append(
                {
                    "id": case["id"],
                    "kind": case["kind"],
                    "question": case["question"],
                    "history": case["history"],
                    "got": reply.kind,
                    "passages": [h.passage.text[:80] for h in reply.passages],
                    "gold": case["gold"][:2],
                }
            )
    return report


def format_report(report: Report, show_misses: bool = False) -> str:
    """The report as a table for a terminal."""
    lines = [f"{'kind':<10} {'n':>4} {'accuracy':>9} {'hit@1':>7} {'mrr@5':>7}"]
    for kind, figures in report.as_dict().items():
        lines.append(
            f"{kind:<10} {figures['n']:>4} {figures['accuracy']:>9.3f} "
            + (f"{figures['hit@1']:>7.3f} {figures['mrr@5']:>7.3f}" if "hit@1" in figures else f"{'-':>7} {'-':>7}")
        )
    if show_misses:
        for miss in report.misses:
            lines.append("")
            lines.append(f"MISS {miss['id']} [{miss['kind']}] {miss['question']!r}" + (f" after {miss['history']!r}" if miss["history"] else ""))
            lines.append(f"  got {miss['got']}: " + " | ".join(miss["passages"]))
            if miss["gold"]:
                lines.append(f"  want: {' | '.join(miss['gold'])}")
    return "\n".join(lines)


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None
