from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chatbot.cli import main
from chatbot.messages import DISCLAIMER

ROOT = Path(__file__).resolve().parent.parent


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ask_prints_the_answer_its_section_and_the_disclaimer(capsys):
    code, out, _ = run(capsys, "ask", "what are the risks of AHSCT")
    assert code == 0
    assert "Infection or complications from chemotherapy" in out
    assert "Possible Risks" in out and DISCLAIMER in out


def test_ask_json_is_exactly_the_api_reply(capsys, client):
    code, out, _ = run(capsys, "ask", "--json", "who is a candidate")
    assert code == 0
    assert json.loads(out) == client.post("/api/chat", json={"message": "who is a candidate"}).get_json()


def test_ask_with_history_answers_the_follow_up(capsys):
    code, out, _ = run(capsys, "ask", "--json", "--history", "what is AHSCT", "is it risky?")
    assert code == 0 and json.loads(out)["kind"] == "answer"


def test_search_ranks_passages_with_scores_and_matched_words(capsys):
    code, out, _ = run(capsys, "search", "insurance cost", "-k", "2")
    assert code == 0
    assert out.startswith("1. [") and "matched: " in out and "insurance" in out
    assert "3. [" not in out


def test_chat_keeps_context_until_quit(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("tell me about mesenchymal stem cells\nhow is it given\nquit\nnever read\n"))
    code, out, _ = run(capsys, "chat")
    assert code == 0
    assert "infused intravenously" in out
    assert out.count(DISCLAIMER) == 2


def test_eval_scores_a_question_file(tmp_path: Path, capsys):
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        json.dumps({"id": "a", "kind": "answer", "question": "what are the risks", "gold": ["Graft-versus-host", "Infection or complications", "High cost", "Lack of long-term"]})
        + "\n"
        + json.dumps({"id": "b", "kind": "smalltalk", "question": "hello"})
        + "\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "eval", str(cases), "--json")
    assert code == 0
    figures = json.loads(out)["kinds"]
    assert figures["answer"]["hit@1"] == 1.0 and figures["smalltalk"]["accuracy"] == 1.0


@pytest.mark.parametrize(
    "argv, message",
    [
        (["ask", ""], "the question is empty"),
        (["ask", "x" * 1001], "limit is 1000"),
        (["frobnicate"], "invalid choice"),
        (["search", "cost", "-k", "0"], "-k must be from 1"),
        (["search", "cost", "-k", "many"], "invalid int value"),
        (["--corpus", "/no/such/folder", "ask", "hi"], "corpus not found: /no/such/folder"),
        (["eval", "/no/such/file.jsonl"], "cannot read /no/such/file.jsonl"),
        ([], "required"),
    ],
)
def test_bad_usage_is_one_line_on_stderr_and_a_nonzero_exit(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code != 0 and out == ""
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_module_entry_point_runs_without_a_traceback():
    result = subprocess.run([sys.executable, "-m", "chatbot", "ask", ""], check=False, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and result.stderr.startswith("error: ") and "Traceback" not in result.stderr
