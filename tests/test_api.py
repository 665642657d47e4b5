from __future__ import annotations

import pytest

from chatbot.config import Config
from chatbot.messages import DISCLAIMER
from chatbot.web import create_app

REPLY_FIELDS = {"kind", "reply", "passages", "suggestions", "disclaimer"}
PASSAGE_FIELDS = {"id", "section", "text", "score", "source"}


def test_chat_answers_with_passages_and_the_disclaimer(client):
    body = client.post("/api/chat", json={"message": "what are the risks of AHSCT"}).get_json()
    assert set(body) == REPLY_FIELDS
    assert body["kind"] == "answer"
    assert body["disclaimer"] == DISCLAIMER
    assert 1 <= len(body["passages"]) <= 3
    assert all(set(p) == PASSAGE_FIELDS for p in body["passages"])
    assert body["passages"][0]["section"] == "Benefits and Risks > Possible Risks"
    assert body["passages"][0]["text"] in body["reply"]


@pytest.mark.parametrize(
    "message, kind",
    [("hello", "smalltalk"), ("my husband is having a seizure", "emergency"), ("what is the weather in Paris tomorrow", "no_match")],
)
def test_other_kinds_carry_no_passages_but_the_disclaimer(client, message, kind):
    body = client.post("/api/chat", json={"message": message}).get_json()
    assert (body["kind"], body["passages"], body["disclaimer"]) == (kind, [], DISCLAIMER)
    assert body["reply"]


def test_history_resolves_a_follow_up(client):
    body = client.post("/api/chat", json={"message": "how is it given?", "history": ["tell me about mesenchymal stem cells"]}).get_json()
    assert body["kind"] == "answer"
    assert "infused intravenously" in body["passages"][0]["text"]


def test_search_lists_ranked_passages_with_matched_words(client):
    body = client.get("/api/search?q=insurance+cost&k=3").get_json()
    assert set(body) == {"query", "results", "disclaimer"}
    assert body["query"] == "insurance cost"
    assert 1 <= len(body["results"]) <= 3
    assert set(body["results"][0]) == PASSAGE_FIELDS | {"matched"}
    assert "insurance" in body["results"][0]["matched"]
    scores = [r["score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)


def test_search_accepts_post_so_queries_stay_out_of_urls(client):
    body = client.post("/api/search", json={"q": "graft versus host", "k": 1}).get_json()
    assert body["results"][0]["text"].startswith("Graft-versus-host")


def test_health(client):
    assert client.get("/api/health").get_json() == {"status": "ok", "passages": 40}


@pytest.mark.parametrize(
    "kwargs, status, words",
    [
        ({"json": {}}, 400, "'message' is required"),
        ({"json": {"message": "   "}}, 400, "must not be empty"),
        ({"json": {"message": 42}}, 400, "must be a string"),
        ({"json": {"message": "x" * 1001}}, 400, "limit is 1000"),
        ({"json": {"message": "hi", "history": "hello"}}, 400, "'history' must be a list"),
        ({"json": {"message": "hi", "history": [1, 2]}}, 400, "'history' must be a list"),
        ({"json": {"message": "hi", "history": ["q"] * 11}}, 400, "limit is 10"),
        ({"json": {"message": "hi", "mesage": "typo"}}, 400, "unknown field(s) mesage"),
        ({"json": ["hi"]}, 400, "must be a JSON object"),
        ({"data": "{not json", "content_type": "application/json"}, 400, "not valid JSON"),
        ({"data": "message=hi", "content_type": "application/x-www-form-urlencoded"}, 415, "Content-Type: application/json"),
        ({"data": "x" * 40000, "content_type": "application/json"}, 413, "too large"),
    ],
)
def test_bad_chat_requests_get_a_json_error(client, kwargs, status, words):
    response = client.post("/api/chat", **kwargs)
    assert response.status_code == status
    assert response.is_json and words in response.get_json()["error"]


@pytest.mark.parametrize("query, status", [("/api/search", 400), ("/api/search?q=", 400), ("/api/search?q=x&k=0", 400), ("/api/search?q=x&k=abc", 400), ("/api/search?q=x&k=99", 400)])
def test_bad_searches_get_a_json_error(client, query, status):
    response = client.get(query)
    assert response.status_code == status and "error" in response.get_json()


def test_unknown_paths_and_methods_get_json(client):
    assert client.get("/api/nothing").status_code == 404
    assert "error" in client.get("/api/nothing").get_json()
    response = client.get("/api/chat")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]
    assert response.get_json() == {"error": "method GET not allowed here"}


def test_unexpected_failure_is_a_json_500_without_a_traceback(engine, monkeypatch):
    app = create_app(Config(), engine=engine)
    monkeypatch.setattr(engine, "reply", lambda *a: 1 / 0)
    response = app.test_client().post("/api/chat", json={"message": "what is msc"})
    assert response.status_code == 500
    assert response.get_json() == {"error": "internal error; the request was not processed, please try again"}


def test_cors_only_for_allowed_origins(engine):
    client = create_app(Config(allowed_origins=("https://clinic.example",)), engine=engine).test_client()
    ok = client.options("/api/chat", headers={"Origin": "https://clinic.example", "Access-Control-Request-Method": "POST"})
    assert ok.status_code == 204 and ok.headers["Access-Control-Allow-Origin"] == "https://clinic.example"
    refused = client.options("/api/chat", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert refused.status_code == 403 and "Access-Control-Allow-Origin" not in refused.headers
    post = client.post("/api/chat", json={"message": "hi"}, headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in post.headers


def test_security_headers_everywhere(client):
    for path in ("/api/health", "/", "/api/nothing"):
        with client.get(path) as response:
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
            assert "Set-Cookie" not in response.headers
