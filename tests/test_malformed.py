"""Malformed requests, one row each: every one gets its documented 4xx and a JSON body that says what was wrong."""

from __future__ import annotations

import socket

import pytest
from live_server import HOST, serve

JSON = "application/json"
NESTED = "[" * 5000 + "]" * 5000

# (method, path, body, content type, status, words in the error message)
MALFORMED = [
    ("GET", "/api/chat", None, None, 405, "method GET not allowed"),
    ("PUT", "/api/chat", '{"message": "hi"}', JSON, 405, "method PUT not allowed"),
    ("DELETE", "/api/search", None, None, 405, "method DELETE not allowed"),
    ("POST", "/api/health", "{}", JSON, 405, "method POST not allowed"),
    ("POST", "/api/chat", '{"message": "hi"}', None, 415, "Content-Type: application/json"),
    ("POST", "/api/chat", '{"message": "hi"}', "text/plain", 415, "Content-Type: application/json"),
    ("POST", "/api/chat", "message=hi", "application/x-www-form-urlencoded", 415, "Content-Type: application/json"),
    ("POST", "/api/search", "q=cost", "multipart/form-data; boundary=x", 415, "Content-Type: application/json"),
    ("POST", "/api/chat", "", JSON, 400, "not valid JSON"),
    ("POST", "/api/chat", '{"message": "hi"', JSON, 400, "not valid JSON"),
    ("POST", "/api/chat", "{'message': 'hi'}", JSON, 400, "not valid JSON"),
    ("POST", "/api/chat", '{"message": "hi"} trailing', JSON, 400, "not valid JSON"),
    ("POST", "/api/chat", b'{"message": "\xff\xfe risks"}', JSON, 400, "not valid JSON"),
    ("POST", "/api/chat", b"\xef\xbb\xbf\xc3\x28", JSON, 400, "not valid JSON"),
    ("POST", "/api/search", '{"q": "x", "k": 1' + "0" * 5000 + "}", JSON, 400, "not valid JSON"),
    ("POST", "/api/chat", '["what are the risks"]', JSON, 400, "must be a JSON object"),
    ("POST", "/api/chat", '"what are the risks"', JSON, 400, "must be a JSON object"),
    ("POST", "/api/chat", "null", JSON, 400, "must be a JSON object"),
    ("POST", "/api/chat", "42", JSON, 400, "must be a JSON object"),
    ("POST", "/api/chat", '{"message": 7}', JSON, 400, "'message' must be a string"),
    ("POST", "/api/chat", '{"message": ["hi"]}', JSON, 400, "'message' must be a string"),
    ("POST", "/api/chat", '{"message": {"text": "hi"}}', JSON, 400, "'message' must be a string"),
    ("POST", "/api/chat", '{"message": null}', JSON, 400, "'message' is required"),
    ("POST", "/api/chat", '{"history": []}', JSON, 400, "'message' is required"),
    ("POST", "/api/chat", '{"message": "\\u00a0\\n\\t"}', JSON, 400, "must not be empty"),
    ("POST", "/api/chat", '{"message": "hi", "history": "earlier"}', JSON, 400, "'history' must be a list of strings"),
    ("POST", "/api/chat", '{"message": "hi", "history": [null]}', JSON, 400, "'history' must be a list of strings"),
    ("POST", "/api/chat", '{"message": "hi", "history": {"0": "a"}}', JSON, 400, "'history' must be a list of strings"),
    ("POST", "/api/chat", '{"message": "hi", "session": "abc"}', JSON, 400, "unknown field(s) session"),
    ("POST", "/api/chat", '{"message": "hi", "Message": "hi"}', JSON, 400, "unknown field(s) Message"),
    ("POST", "/api/search", '{"q": "cost", "query": "cost"}', JSON, 400, "unknown field(s) query"),
    ("POST", "/api/search", '{"q": 5}', JSON, 400, "'q' must be a string"),
    ("POST", "/api/search", '{"q": "cost", "k": true}', JSON, 400, "'k' must be a whole number from 1 to 20"),
    ("POST", "/api/search", '{"q": "cost", "k": 2.5}', JSON, 400, "'k' must be a whole number from 1 to 20"),
    ("POST", "/api/search", '{"q": "cost", "k": NaN}', JSON, 400, "'k' must be a whole number from 1 to 20"),
    ("POST", "/api/search", '{"q": "cost", "k": 1e999}', JSON, 400, "'k' must be a whole number from 1 to 20"),
    ("POST", "/api/search", '{"q": "cost", "k": -3}', JSON, 400, "'k' must be a whole number from 1 to 20"),
    ("POST", "/api/search", '{"q": "cost", "k": [3]}', JSON, 400, "'k' must be a whole number from 1 to 20"),
    ("GET", "/api/search?q=cost&k=1e3", None, None, 400, "'k' must be a whole number from 1 to 20"),
    ("GET", "/api/search?k=3", None, None, 400, "'q' is required"),
    ("GET", "/api/search?q=" + "a" * 1001, None, None, 400, "the limit is 1000"),
    ("POST", "/api/chat", '{"message": "hi", "history": ' + NESTED + "}", JSON, 400, "nested too deeply"),
    ("POST", "/api/chat", NESTED, JSON, 400, "nested too deeply"),
    ("POST", "/api/chat", '{"message": "' + "x" * 40000 + '"}', JSON, 413, "request body too large (limit 32768 bytes)"),
    ("POST", "/api/search", "[" * 40000, JSON, 413, "request body too large (limit 32768 bytes)"),
]


@pytest.mark.parametrize("method, path, body, content_type, status, words", MALFORMED)
def test_each_malformed_request_gets_its_documented_json_error(client, method, path, body, content_type, status, words):
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.open(path, method=method, data=body, headers=headers)
    assert response.status_code == status
    assert response.is_json and words in response.get_json()["error"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.fixture(scope="module")
def server():
    with serve({"CHATBOT_THREADS": "4", "CHATBOT_RATE_LIMIT": ""}) as running:
        yield running


def raw_exchange(port: int, request: bytes) -> bytes:
    """Send bytes as they are and read the whole answer (the server closes the connection)."""
    with socket.create_connection((HOST, port), timeout=30) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def post(path: str, body: bytes, *headers: bytes) -> bytes:
    lines = [b"POST " + path.encode() + b" HTTP/1.1", b"Host: x", b"Connection: close", *headers]
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


@pytest.mark.parametrize(
    "request_bytes, status, words",
    [
        (post("/api/chat", b'{"message": "\xff"}', b"Content-Type: application/json", b"Content-Length: 15"), b"400", b"not valid JSON"),
        (post("/api/chat", b"x" * 100_000, b"Content-Type: application/json", b"Content-Length: 100000"), b"413", b"too large"),
        (
            post(
                "/api/chat",
                b"%x\r\n%s\r\n0\r\n\r\n" % (40000, b"[" * 40000),
                b"Content-Type: application/json",
                b"Transfer-Encoding: chunked",
            ),
            b"413",
            b"too large",
        ),
        (
            post("/api/chat", NESTED.encode(), b"Content-Type: application/json", b"Content-Length: %d" % len(NESTED)),
            b"400",
            b"nested too deeply",
        ),
        (post("/api/chat", b'{"message": "hi"}', b"Content-Type: text/html", b"Content-Length: 17"), b"415", b"application/json"),
    ],
)
def test_the_served_app_answers_malformed_bytes_with_json(server, request_bytes, status, words):
    answer = raw_exchange(server.port, request_bytes)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split()[1] == status
    assert b"Content-Type: application/json" in head and words in body
