"""The README is the front door: its commands must be the ones that work."""

from __future__ import annotations

import re
from pathlib import Path

from chatbot.cli import COMMANDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)


def test_ci_runs_the_readme_test_command_word_for_word():
    test_command = shell_blocks()[1].strip()
    assert "pytest" in test_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in ci.splitlines()


def test_readme_run_command_serves_the_bundled_article():
    assert shell_blocks()[0].strip().endswith("python -m chatbot serve")


def test_readme_names_every_cli_command_and_route():
    for command in COMMANDS:
        assert f"python -m chatbot {command}" in README
    for route in ("/api/chat", "/api/search", "/api/health"):
        assert route in README
