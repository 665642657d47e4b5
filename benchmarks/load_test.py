"""Load test: start the production server on 127.0.0.1 and drive it with many keep-alive clients for a bounded time.

Reports requests/s, p50/p90/p99 latency, errors, 5xx and the server's memory (all its processes) before and
after. Run by hand, not by the test suite:

    .venv/bin/python benchmarks/load_test.py                       # 64 connections, 30 s, 2 workers x 8 threads
    .venv/bin/python benchmarks/load_test.py --connections 16 --duration 10 --json

Rate limiting is off for the run (every client comes from 127.0.0.1). Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"

# What people ask, in their words: (message, earlier messages). Follow-ups carry their history.
CHATS = [
    ("what is lupus", []),
    ("what are the risks of AHSCT", []),
    ("how do mesenchymal stem cells help lupus", []),
    ("who is a good candidate for a stem cell transplant", []),
    ("how much does it cost", ["what is a stem cell transplant for lupus"]),
    ("is it covered by insurance?", ["how much does a stem cell transplant cost"]),
    ("how is it given?", ["tell me about mesenchymal stem cells"]),
    ("is it safe?", ["what is AHSCT"]),
    ("what are the benefits", ["what is the difference between AHSCT and MSC therapy"]),
    ("can stem cells cure lupus", []),
    ("how long does remission last after the transplant", []),
    ("what happens during chemotherapy before the transplant", []),
    ("are there clinical trials I can join", []),
    ("my daughter has lupus nephritis, would this help her kidneys?", []),
    ("hello", []),
    ("thanks, that helps", ["what are the risks of AHSCT"]),
    ("what is the weather in Paris tomorrow", []),
    ("what does graft versus host disease mean", []),
    ("what should I ask my rheumatologist", []),
    ("how does the immune system reset work", []),
]
SEARCHES = ["insurance cost", "graft versus host", "mesenchymal", "remission", "clinical trials", "chemotherapy infection", "candidate"]


@dataclass
class Sample:
    """One request: how long it took, its status (0 when it failed without one) and what it was."""

    ms: float
    status: int
    what: str


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def server_processes(master: int) -> list[int]:
    """The master and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [master]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def memory_mb(master: int) -> dict[str, float]:
    """RSS summed over the server's processes (counts shared pages once per process) and PSS (shares them out)."""
    rss = pss = 0
    pids = server_processes(master)
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return {"processes": len(pids), "rss_mb": round(rss / 1024, 1), "pss_mb": round(pss / 1024, 1)}


def one_request(conn: http.client.HTTPConnection, rng: random.Random) -> tuple[int, str]:
    """Send one realistic request on a kept-alive connection; (status, label)."""
    roll = rng.random()
    if roll < 0.75:
        message, history = rng.choice(CHATS)
        method, path, body, what = "POST", "/api/chat", {"message": message, "history": history}, "chat"
    elif roll < 0.90:
        method, path, body, what = "POST", "/api/search", {"q": rng.choice(SEARCHES), "k": 5}, "search"
    elif roll < 0.97:
        method, path, body, what = "GET", "/api/search?q=" + rng.choice(SEARCHES).replace(" ", "+") + "&k=3", None, "search"
    else:
        method, path, body, what = "GET", "/api/health", None, "health"
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"} if data else {}
    conn.request(method, path, body=data, headers=headers)
    response = conn.getresponse()
    payload = response.read()
    if response.status == 200 and what == "chat":
        json.loads(payload)["kind"]  # a 200 must carry a whole reply
    return response.status, what


def client_process(port: int, connections: int, stop_at: float, seed: int) -> list[tuple[float, int, str]]:
    """Run ``connections`` keep-alive clients on threads until ``stop_at`` (a time.time())."""
    samples: list[tuple[float, int, str]] = []
    lock = threading.Lock()

    def client(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        conn = http.client.HTTPConnection(HOST, port, timeout=15)
        mine = []
        while time.time() < stop_at:
            started = time.perf_counter()
            try:
                status, what = one_request(conn, rng)
            except Exception as exc:  # noqa: BLE001 - a refused, reset or timed-out request counts as an error
                status, what = 0, type(exc).__name__
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=15)
            mine.append(((time.perf_counter() - started) * 1000, status, what))
        conn.close()
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return samples


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode} before listening")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/api/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer /api/health in time")


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(args: argparse.Namespace) -> dict:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CHATBOT_")}
    env.update(
        {
            "CHATBOT_HOST": HOST,
            "CHATBOT_PORT": str(port),
            "CHATBOT_WORKERS": str(args.workers),
            "CHATBOT_THREADS": str(args.threads),
            "CHATBOT_RATE_LIMIT": "",
            "CHATBOT_LOG_LEVEL": "INFO",
        }
    )
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "chatbot", "serve"], cwd=ROOT, env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL
        )
        try:
            wait_until_up(port, server)
            # Warm up every worker (first requests fill caches), then take the "before" figure.
            client_process(port, 4, time.time() + 2, seed=0)
            before = memory_mb(server.pid)
            processes = max(1, min(args.client_processes, args.connections))
            per_process = [args.connections // processes + (1 if i < args.connections % processes else 0) for i in range(processes)]
            started = time.time()
            stop_at = started + args.duration
            with ProcessPoolExecutor(processes) as pool:
                futures = [pool.submit(client_process, port, n, stop_at, seed=i + 1) for i, n in enumerate(per_process)]
                samples = [Sample(*s) for f in futures for s in f.result()]
            elapsed = time.time() - started
            after = memory_mb(server.pid)
        finally:
            if server.poll() is None:
                server.send_signal(signal.SIGTERM)
            try:
                exit_code = server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                exit_code = server.wait()
            log.seek(0)
            server_log = log.read().decode(errors="replace")
    ok = [s.ms for s in samples if s.status == 200]
    by_kind = {
        what: {"requests": len(ms), "p50_ms": round(percentile(ms, 0.5), 1), "p99_ms": round(percentile(ms, 0.99), 1)}
        for what in ("chat", "search", "health")
        if (ms := [s.ms for s in samples if s.what == what and s.status == 200])
    }
    return {
        "date": time.strftime("%Y-%m-%d"),
        "cores": os.cpu_count(),
        "settings": {
            "connections": args.connections,
            "duration_s": args.duration,
            "workers": args.workers,
            "threads": args.threads,
            "client_processes": processes,
        },
        "requests": len(samples),
        "requests_per_s": round(len(samples) / elapsed, 1),
        "p50_ms": round(percentile(ok, 0.5), 1),
        "p90_ms": round(percentile(ok, 0.9), 1),
        "p99_ms": round(percentile(ok, 0.99), 1),
        "max_ms": round(max(ok, default=0.0), 1),
        "mean_ms": round(statistics.fmean(ok), 1) if ok else 0.0,
        "errors": sum(1 for s in samples if s.status != 200),
        "server_errors_5xx": sum(1 for s in samples if s.status >= 500),
        "failed_connections": sum(1 for s in samples if s.status == 0),
        "by_kind": by_kind,
        "memory_before": before,
        "memory_after": after,
        "server_exit_code": exit_code,
        "tracebacks_in_server_log": server_log.count("Traceback"),
    }


def report(result: dict) -> str:
    s = result["settings"]
    lines = [
        (
            f"{result['date']}, {result['cores']} cores: {s['connections']} connections for {s['duration_s']} s "
            f"against {s['workers']} workers x {s['threads']} threads ({s['client_processes']} client processes on the same machine)"
        ),
        f"requests      {result['requests']} ({result['requests_per_s']} per second)",
        f"latency       p50 {result['p50_ms']} ms, p90 {result['p90_ms']} ms, p99 {result['p99_ms']} ms, max {result['max_ms']} ms",
        f"errors        {result['errors']} (5xx: {result['server_errors_5xx']}, failed connections: {result['failed_connections']})",
    ]
    for what, figures in result["by_kind"].items():
        lines.append(f"  {what:<11} {figures['requests']} requests, p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms")
    b, a = result["memory_before"], result["memory_after"]
    lines.append(f"server memory RSS {b['rss_mb']} -> {a['rss_mb']} MB, PSS {b['pss_mb']} -> {a['pss_mb']} MB ({a['processes']} processes)")
    lines.append(f"server exit   {result['server_exit_code']} after SIGTERM, {result['tracebacks_in_server_log']} tracebacks in its log")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=64, help="concurrent keep-alive clients (default 64)")
    parser.add_argument("--duration", type=float, default=30, help="seconds of load (default 30, at most 600)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="server processes (default: one per core)")
    parser.add_argument("--threads", type=int, default=8, help="threads per server process (default 8)")
    parser.add_argument("--client-processes", type=int, default=2, help="processes the clients' threads are spread over (default 2)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if not 0 < args.duration <= 600 or not 0 < args.connections <= 1024:
        parser.error("--duration must be 1..600 s and --connections 1..1024")
    result = run(args)
    print(json.dumps(result, indent=2) if args.json else report(result))
    return 0 if result["errors"] == 0 and result["server_exit_code"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
