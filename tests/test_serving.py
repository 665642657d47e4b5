"""The production server: graceful SIGTERM, the gunicorn command in the README, access logs without health data."""

from __future__ import annotations

import json
import logging
import re
import signal
import socket
import sys
import time
from pathlib import Path

from live_server import HOST, running, serve

from chatbot.cli import settings_table
from chatbot.config import Config
from chatbot.web import create_app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SECRET_MESSAGE = "my neighbour Zebulon Quackenbush has lupus nephritis"
SECRET_QUERY = "quackenbush kidney"


def read_response(sock: socket.socket) -> tuple[int, dict]:
    """Status and JSON body of one HTTP/1.1 response with Content-Length."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, f"connection closed before a response: {data!r}"
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
    while len(body) < length:
        chunk = sock.recv(65536)
        assert chunk, "connection closed in the middle of the body"
        body += chunk
    return int(head.split()[1]), json.loads(body[:length])


def test_sigterm_lets_the_request_in_flight_finish_then_the_server_exits_0():
    with serve({"CHATBOT_WORKERS": "2", "CHATBOT_THREADS": "2"}) as server:
        body = json.dumps({"message": "what are the risks of AHSCT"}).encode()
        with socket.create_connection((HOST, server.port), timeout=30) as sock:
            # A first answer on this connection shows a worker holds it, whatever the machine's load.
            sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")
            assert read_response(sock)[0] == 200
            # The next request is in the app, reading its body, when SIGTERM arrives; the rest of the body comes after.
            sock.sendall(
                b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body)
                + body[:10]
            )
            time.sleep(0.5)
            server.process.send_signal(signal.SIGTERM)
            time.sleep(1.0)
            assert server.process.poll() is None, "the server must wait for the request in flight"
            sock.sendall(body[10:])
            status, reply = read_response(sock)
        assert status == 200 and reply["kind"] == "answer"
        assert server.process.wait(timeout=30) == 0
        assert "Shutting down" in server.log and "Traceback" not in server.log


def test_served_logs_carry_method_path_status_and_duration_but_no_message_or_query():
    with serve({"CHATBOT_THREADS": "2"}) as server:
        assert server.request("POST", "/api/chat", {"message": SECRET_MESSAGE, "history": [SECRET_QUERY]})[0] == 200
        assert server.request("GET", "/api/search?q=" + SECRET_QUERY.replace(" ", "+"))[0] == 200
        assert server.request("POST", "/api/search", {"q": SECRET_QUERY})[0] == 200
        assert server.request("POST", "/api/chat", {"message": SECRET_MESSAGE * 100})[0] == 400
        assert server.stop() == 0
    log = server.log
    assert re.search(r"chatbot\.access: POST /api/chat 200 \d+\.\dms", log)
    assert re.search(r"chatbot\.access: GET /api/search 200 \d+\.\dms", log)
    assert re.search(r"chatbot\.access: POST /api/chat 400 \d+\.\dms", log)
    for secret in ("Zebulon", "Quackenbush", "quackenbush", "nephritis", "q="):
        assert secret not in log


def test_access_log_lines_hold_no_message_or_query_text(engine, caplog):
    client = create_app(Config(rate_limit=""), engine=engine).test_client()
    with caplog.at_level(logging.DEBUG):
        for response in (
            client.post("/api/chat", json={"message": SECRET_MESSAGE}),
            client.get("/api/search", query_string={"q": SECRET_QUERY, "k": 2}),
            client.post("/api/search", json={"q": SECRET_QUERY}),
            client.post("/api/chat", json={"message": SECRET_MESSAGE, "extra": SECRET_QUERY}),
            client.get("/api/Quackenbush%0Aforged%20line"),
        ):
            response.close()
    access = [r.getMessage() for r in caplog.records if r.name == "chatbot.access"]
    assert [line.rsplit(" ", 1)[0] for line in access] == [
        "POST /api/chat 200",
        "GET /api/search 200",
        "POST /api/search 200",
        "POST /api/chat 400",
        "GET /api/Quackenbush\\x0aforged line 404",
    ]
    assert all(re.fullmatch(r"\d+\.\dms", line.rsplit(" ", 1)[1]) for line in access)
    assert "Zebulon" not in caplog.text and "kidney" not in caplog.text and "nephritis" not in caplog.text


def test_the_readme_gunicorn_command_serves_the_app_configured_from_the_environment():
    command = re.search(r"^gunicorn .*'chatbot\.web:create_app\(\)'$", README, flags=re.MULTILINE)
    assert command, "the README shows the gunicorn command"
    argv = command.group(0).replace("'", "").split()
    argv = [sys.executable, "-m", *argv]
    argv[argv.index("-b") + 1] = f"{HOST}:{{port}}"
    argv[argv.index("-w") + 1] = "1"  # one process, so the in-memory count is exact
    with running(argv, {"CHATBOT_MAX_K": "2", "CHATBOT_RATE_LIMIT": "2 per minute"}) as server:
        assert server.request("GET", "/api/health")[2]["passages"] > 0
        assert "from 1 to 2" in server.request("GET", "/api/search?q=cost&k=3")[2]["error"]
        assert server.request("POST", "/api/chat", {"message": "what is AHSCT"})[2]["kind"] == "answer"
        assert server.request("POST", "/api/chat", {"message": "what is AHSCT"})[0] == 429
        assert server.stop() == 0


def test_the_readme_lists_every_setting_with_its_default():
    assert settings_table() in README, "regenerate the README table with: python -m chatbot settings --markdown"


def test_html_pages_get_a_strict_content_security_policy_and_hold_no_inline_script(client):
    for path in ("/", "/staff"):
        with client.get(path) as response:
            html = response.get_data(as_text=True)
            policy = response.headers["Content-Security-Policy"]
        assert response.mimetype == "text/html"
        assert "script-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert all("src=" in tag for tag in re.findall(r"<script\b[^>]*>", html)), f"inline script in {path}"
        assert not re.search(r"\son[a-z]+\s*=", html), f"inline event handler in {path}"
        assert response.headers["Referrer-Policy"] == "no-referrer" and "Set-Cookie" not in response.headers
