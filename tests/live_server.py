"""Helpers for tests that run the real server (or redis-server) as a process on a free loopback port."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A running server process, its port and the file its stderr goes to."""

    process: subprocess.Popen
    port: int
    log_file: Path
    final_log: str | None = None  # kept once the process is gone and its log file removed

    @property
    def log(self) -> str:
        """Everything the process wrote to stdout and stderr so far."""
        if self.final_log is not None:
            return self.final_log
        return self.log_file.read_text(encoding="utf-8", errors="replace")

    def request(
        self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None, timeout: float = 30
    ) -> tuple[int, dict[str, str], Any]:
        """One request on a fresh connection: (status, headers, parsed JSON body or raw text)."""
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            data = None if body is None else json.dumps(body).encode()
            conn.request(
                method, path, body=data, headers={"Content-Type": "application/json", **(headers or {})} if data else (headers or {})
            )
            response = conn.getresponse()
            raw = response.read().decode("utf-8", errors="replace")
            try:
                parsed: Any = json.loads(raw)
            except ValueError:
                parsed = raw
            return response.status, {k.lower(): v for k, v in response.getheaders()}, parsed
        finally:
            conn.close()

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM, then the exit code (killed if it does not stop in time)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60, log_file: Path | None = None) -> None:
    """Until something accepts connections on the port; fails early if the process dies."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = log_file.read_text(errors="replace") if log_file else ""
            raise AssertionError(f"the process exited with {process.returncode} before listening:\n{log}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"nothing listened on port {port} within {timeout}s")


@contextmanager
def running(argv: Sequence[str], env: dict[str, str] | None = None, port: int | None = None) -> Iterator[Server]:
    """Start ``argv`` (with ``{port}`` filled in), wait until it listens, stop it with SIGTERM at the end."""
    port = port or free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CHATBOT_")}
    environment.update({"CHATBOT_HOST": HOST, "CHATBOT_PORT": str(port), **(env or {})})
    with tempfile.TemporaryDirectory() as tmp:
        log_file = Path(tmp) / "server.log"
        with log_file.open("wb") as log:
            process = subprocess.Popen(
                [a.format(port=port) for a in argv],
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        server = Server(process, port, log_file)
        try:
            wait_for_port(port, process, log_file=log_file)
            yield server
        finally:
            if process.poll() is None:
                try:
                    server.stop()
                except subprocess.TimeoutExpired:
                    pass
            server.final_log = server.log


def serve(env: dict[str, str] | None = None, *args: str) -> Any:
    """``python -m chatbot serve`` on a free loopback port."""
    return running([sys.executable, "-m", "chatbot", "serve", *args], env)


def in_ci() -> bool:
    """Whether the tests run in CI, where a missing tool fails the run instead of skipping its tests."""
    return os.environ.get("CI", "").lower() in {"true", "1", "yes"}


def redis_server_path() -> str | None:
    """Debian's redis-server, or a skip outside CI (in CI a missing one fails the run)."""
    path = shutil.which("redis-server") or ("/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
    if path is None:
        if in_ci():
            pytest.fail("redis-server is missing; .ci/run installs it (apt-get install redis-server)")
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server)")
    return path


@contextmanager
def redis() -> Iterator[str]:
    """A throwaway redis-server on a free loopback port, nothing saved to disk; yields its URI."""
    path = redis_server_path()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        argv = [path, "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no", "--dir", tmp, "--protected-mode", "yes"]
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        try:
            wait_for_port(port, process, timeout=20)
            yield f"redis://{HOST}:{port}/0"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
