"""HTTP: /api/chat beside /api/health (a trivial JSON endpoint) on the shipped server, in one run, driven by wrk.

    .venv/bin/python -m benchmarks.http_api                          # 16 and 64 connections, 10 s per point
    .venv/bin/python -m benchmarks.http_api --connections 16 --duration 5 --workers 2 --threads 8

Starts ``python -m chatbot serve`` on 127.0.0.1 (a free port, rate limiting off, everything else as shipped
unless --workers/--threads say otherwise), then for each connection count measures GET /api/health and
POST /api/chat (the tuning questions in turn, with their history) for the same duration, one after the
other, after a short warm-up. It prints requests/s and the p50/p99 latency wrk reports, the ratio of chat
to health throughput, and any non-2xx answers or socket errors; then stops the server with SIGTERM.

The client is wrk (Debian: ``apt-get install wrk``): one C thread by default, so that on a small machine
nearly all the CPU is left to the server; a Python client would need more CPU than the server it measures.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from benchmarks.common import ROOT, TUNING_QUESTIONS, load_questions, machine, say, table

HOST = "127.0.0.1"
TARGET_RATIO = 0.8
TARGET_P99_MS = 10.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(port: int, workers: int | None, threads: int | None, log: Path) -> subprocess.Popen:
    """The shipped server on 127.0.0.1:port with rate limiting off; returns once /api/health answers."""
    env = dict(os.environ, CHATBOT_RATE_LIMIT="")
    if workers:
        env["CHATBOT_WORKERS"] = str(workers)
    if threads:
        env["CHATBOT_THREADS"] = str(threads)
    command = [sys.executable, "-m", "chatbot", "serve", "--host", HOST, "--port", str(port)]
    with open(log, "wb") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/api/health", timeout=1) as answer:
                if answer.status == 200:
                    return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise SystemExit("the server did not answer /api/health within 60 s")


def stop_server(server: subprocess.Popen) -> int:
    """SIGTERM, then wait for in-flight requests; kill only if it will not stop."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return server.returncode


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server: its master and its workers (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return float("nan")
    total = 0.0
    for process in [str(pid), *children]:
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime and stime
    return total


def client_cpu() -> float:
    """CPU seconds used by the finished wrk runs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def chat_script(questions: list[tuple[str, list[str]]], folder: Path) -> Path:
    """A wrk Lua script that POSTs the questions to /api/chat in turn."""
    bodies = [json.dumps({"message": q, "history": h[-10:]}) for q, h in questions]
    lines = ["local bodies = {"]
    lines += [f"  [==[{body}]==]," for body in bodies]
    lines += [
        "}",
        "local i = 0",
        'local headers = {["Content-Type"] = "application/json"}',
        "request = function()",
        "  i = i % #bodies + 1",
        '  return wrk.format("POST", "/api/chat", headers, bodies[i])',
        "end",
    ]
    path = folder / "chat.lua"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, connections: int, seconds: float, threads: int, script: Path | None = None, server: int | None = None) -> dict:
    """Run wrk once; requests/s, p50/p99 in ms, requests, non-2xx answers, socket errors, CPU ms per request."""
    cpu = (server_cpu(server) if server else 0.0), client_cpu()
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds:g}s", "--latency", "--timeout", "10s"]
    if script:
        command += ["-s", str(script)]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for share in ("50", "99"):
        figures[f"p{share}"] = _ms(re.search(rf"^\s+{share}%\s+(\S+)", out, re.MULTILINE).group(1))
    figures["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    figures["non_2xx"] = int(bad.group(1)) if bad else 0
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    figures["socket_errors"] = sum(map(int, errors.groups())) if errors else 0
    requests = max(1, figures["requests"])
    figures["server_cpu_ms"] = ((server_cpu(server) - cpu[0]) / requests * 1e3) if server else float("nan")
    figures["client_cpu_ms"] = (client_cpu() - cpu[1]) / requests * 1e3
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.http_api", description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, nargs="+", default=[16, 64], help="connection counts (default 16 64)")
    parser.add_argument("--duration", type=float, default=10, help="seconds per measurement (default 10)")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up per endpoint (default 2)")
    parser.add_argument("--wrk-threads", type=int, default=1, help="wrk threads (default 1, leaving the CPU to the server)")
    parser.add_argument("--workers", type=int, help="CHATBOT_WORKERS for the server (default: as shipped)")
    parser.add_argument("--threads", type=int, help="CHATBOT_THREADS for the server (default: as shipped)")
    parser.add_argument("--questions", type=Path, default=TUNING_QUESTIONS, help="JSON Lines question file for /api/chat")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")

    from chatbot.config import Config

    shipped = Config.from_env({})
    shape = f"{args.workers or shipped.workers} worker(s) x {args.threads or shipped.threads} threads"
    say(
        f"# HTTP\n\n{machine()}\n\nServer: python -m chatbot serve, gunicorn gthread, {shape}, rate limiting off; client: wrk -t{args.wrk_threads}\n"
    )
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="chatbot-http-") as scratch:
        folder = Path(scratch)
        script = chat_script(load_questions(args.questions), folder)
        server = start_server(port, args.workers, args.threads, folder / "server.log")
        results: dict[tuple[int, str], dict] = {}
        try:
            health, chat = f"http://{HOST}:{port}/api/health", f"http://{HOST}:{port}/api/chat"
            wrk(health, 16, args.warmup, args.wrk_threads)
            wrk(chat, 16, args.warmup, args.wrk_threads, script)
            for connections in args.connections:
                results[connections, "health"] = wrk(health, connections, args.duration, args.wrk_threads, server=server.pid)
                results[connections, "chat"] = wrk(chat, connections, args.duration, args.wrk_threads, script, server=server.pid)
                say(f"measured {connections} connections")
        finally:
            code = stop_server(server)
        if code != 0:
            say(f"warning: the server exited with {code}:\n{(folder / 'server.log').read_text()[-2000:]}")

    rows = []
    for connections in args.connections:
        h, c = results[connections, "health"], results[connections, "chat"]
        for name, r in (("GET /api/health", h), ("POST /api/chat", c)):
            rows.append(
                [
                    connections,
                    name,
                    round(r["rps"]),
                    r["p50"],
                    r["p99"],
                    r["server_cpu_ms"],
                    r["client_cpu_ms"],
                    r["requests"],
                    r["non_2xx"] + r["socket_errors"],
                ]
            )
        ratio, cpu = c["rps"] / h["rps"], h["server_cpu_ms"] / c["server_cpu_ms"]
        rows.append([connections, "chat / health", f"{ratio:.2f}x", "", "", f"{cpu:.2f}x (health / chat)", "", "", ""])
    header = [
        "connections",
        "endpoint",
        "requests/s",
        "p50 ms",
        "p99 ms",
        "server CPU ms / request",
        "wrk CPU ms / request",
        "requests",
        "errors",
    ]
    say("\n" + table(header, rows))

    say("")
    for connections in args.connections:
        ratio = results[connections, "chat"]["rps"] / results[connections, "health"]["rps"]
        say(
            f"Target chat throughput >= {TARGET_RATIO}x health at {connections}: {ratio:.2f}x, {'met' if ratio >= TARGET_RATIO else 'MISSED'}"
        )
    if 16 in args.connections:
        p99 = results[16, "chat"]["p99"]
        say(f"Target chat p99 <= {TARGET_P99_MS:g} ms at 16 connections: {p99:.2f} ms, {'met' if p99 <= TARGET_P99_MS else 'MISSED'}")
    failed = sum(r["non_2xx"] + r["socket_errors"] for r in results.values())
    if failed:
        say(f"warning: {failed} requests failed (non-2xx or socket errors): the figures are not valid")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
