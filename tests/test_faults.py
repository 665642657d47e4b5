"""A corpus or synonyms file that cannot be used stops `serve` before it listens: one clear line, exit 1, no traceback."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from live_server import HOST, ROOT, free_port, in_ci

DOC = "# Garden Care\n\nGardens need water and light to grow.\n"


def make_corpus(tmp_path: Path, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def serve_and_fail(corpus: Path, prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    """Run `serve` on a free port; it must exit by itself without ever accepting a connection."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHATBOT_")}
    argv = [*(prefix or []), sys.executable, "-m", "chatbot", "--corpus", str(corpus), "serve", "--host", HOST, "--port", str(port)]
    try:
        result = subprocess.run(argv, check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        pytest.fail(f"serve started with a broken corpus instead of exiting: {corpus}")
    with pytest.raises(OSError):
        socket.create_connection((HOST, port), timeout=1).close()
    return result


def assert_one_clear_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


@pytest.mark.parametrize(
    "files, words",
    [
        ({}, ["no .md or .txt documents in"]),
        ({"notes.md": b""}, ["notes.md has no text to answer from"]),
        ({"notes.md": b"\n  \n\t\n"}, ["notes.md has no text to answer from"]),
        ({"notes.md": DOC.encode("utf-16")}, ["notes.md is not UTF-8 text"]),
        ({"notes.md": "# Caf\xe9\n\nAu lait.\n".encode("latin-1")}, ["notes.md is not UTF-8 text (bad byte at offset 5)"]),
        (
            {"notes.md": DOC.encode(), "synonyms.cfg": b"# synonyms\nwater = h2o\nthis line has no sign\n"},
            ["synonyms.cfg, line 3", "this line has no sign"],
        ),
        ({"notes.md": DOC.encode(), "synonyms.cfg": b"water = h2o, the\n"}, ["synonyms.cfg, line 1"]),
        ({"notes.md": DOC.encode(), "synonyms.cfg": b"water = \xff\xfe\n"}, ["synonyms.cfg"]),
        ({"notes.md": DOC.encode(), "notes.questions": b"> no such passage\nwhat?\n"}, ["notes.questions, line 1"]),
    ],
    ids=[
        "empty-folder",
        "empty-file",
        "blank-file",
        "utf-16",
        "latin-1",
        "synonyms-no-sign",
        "synonyms-stop-word",
        "synonyms-not-utf8",
        "questions-no-match",
    ],
)
def test_a_broken_corpus_stops_serve_with_one_clear_line(tmp_path, files, words):
    assert_one_clear_line(serve_and_fail(make_corpus(tmp_path, files)), *words)


def test_a_missing_corpus_stops_serve_with_one_clear_line(tmp_path):
    assert_one_clear_line(serve_and_fail(tmp_path / "nowhere"), "corpus not found", "nowhere")


def without_root_powers() -> list[str]:
    """A command prefix under which file permissions apply, even to root (whose reads they do not stop)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        reason = "running as root without setpriv (util-linux), so no file is unreadable"
        if in_ci():
            pytest.fail(f"{reason}; CI must run the unreadable-file cases")
        pytest.skip(reason)
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]


@pytest.mark.parametrize("target", ["file", "folder"])
def test_an_unreadable_corpus_stops_serve_with_one_clear_line(tmp_path, target):
    folder = make_corpus(tmp_path, {"notes.md": DOC.encode()})
    locked = folder / "notes.md" if target == "file" else folder
    locked.chmod(0)
    try:
        result = serve_and_fail(folder, without_root_powers())
    finally:
        locked.chmod(0o755)
    assert_one_clear_line(result, "cannot read", str(locked), "ermission denied")
