"""Rate limits per client: a JSON 429 with Retry-After, proxies trusted only when configured, one count across servers."""

from __future__ import annotations

import logging

import pytest
from live_server import redis, serve

from chatbot import limits
from chatbot.config import Config, ConfigError
from chatbot.web import create_app


@pytest.fixture
def limited(engine):
    """A client of an app that allows 3 API requests per client per minute."""
    return create_app(Config(rate_limit="3 per minute"), engine=engine).test_client()


def chat(client, **kwargs):
    return client.post("/api/chat", json={"message": "what are the risks"}, **kwargs)


def test_chat_and_search_share_one_limit_and_the_fourth_request_gets_a_json_429(limited):
    assert chat(limited).status_code == 200
    assert limited.get("/api/search?q=cost").status_code == 200
    assert limited.post("/api/search", json={"q": "cost"}).status_code == 200
    refused = chat(limited)
    assert refused.status_code == 429
    assert refused.is_json and "the limit is 3 per 1 minute" in refused.get_json()["error"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["X-Content-Type-Options"] == "nosniff" and "Set-Cookie" not in refused.headers
    assert limited.get("/api/search?q=cost").status_code == 429


def test_health_the_openapi_document_pages_and_preflights_are_never_limited(limited):
    for _ in range(4):
        chat(limited)
    for path in ("/api/health", "/api/openapi.json", "/"):
        with limited.get(path) as response:
            assert response.status_code == 200, path
    assert limited.options("/api/chat", headers={"Origin": "https://x.example"}).status_code != 429


def test_each_client_address_has_its_own_count(limited):
    for _ in range(3):
        chat(limited, environ_base={"REMOTE_ADDR": "192.0.2.1"})
    assert chat(limited, environ_base={"REMOTE_ADDR": "192.0.2.1"}).status_code == 429
    assert chat(limited, environ_base={"REMOTE_ADDR": "192.0.2.2"}).status_code == 200


def test_x_forwarded_for_is_ignored_unless_a_proxy_is_trusted(limited):
    for n in range(3):
        chat(limited, headers={"X-Forwarded-For": f"198.51.100.{n}"})
    assert chat(limited, headers={"X-Forwarded-For": "198.51.100.99"}).status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(engine):
    client = create_app(Config(rate_limit="1 per minute", trusted_proxies=1), engine=engine).test_client()
    assert chat(client, headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 200
    assert chat(client, headers={"X-Forwarded-For": "198.51.100.1"}).status_code == 429
    # A client cannot dodge the limit by prepending its own X-Forwarded-For entry: only the proxy's last one counts.
    assert chat(client, headers={"X-Forwarded-For": "203.0.113.7, 198.51.100.1"}).status_code == 429
    assert chat(client, headers={"X-Forwarded-For": "198.51.100.2"}).status_code == 200


def test_an_empty_rate_limit_turns_limiting_off(engine):
    client = create_app(Config(rate_limit=""), engine=engine).test_client()
    assert all(chat(client).status_code == 200 for _ in range(70))


@pytest.mark.parametrize(
    "settings, words",
    [
        ({"rate_limit": "sixty a minute"}, "CHATBOT_RATE_LIMIT must look like"),
        ({"rate_limit_storage_uri": "carrier-pigeon://loft"}, "CHATBOT_RATE_LIMIT_STORAGE_URI 'carrier-pigeon://loft' cannot be used"),
        ({"log_level": "LOUD"}, "CHATBOT_LOG_LEVEL must be one of"),
    ],
)
def test_unusable_settings_stop_start_up_with_a_message(engine, settings, words):
    with pytest.raises(ConfigError, match=words):
        create_app(Config(**settings), engine=engine)


@pytest.mark.parametrize(
    "settings, level, words",
    [
        ({}, logging.INFO, "counted in memory in each server process"),
        ({"workers": 4}, logging.WARNING, "up to 4 times the limit; set CHATBOT_RATE_LIMIT_STORAGE_URI"),
        ({"rate_limit_storage_uri": "redis://:secret@cache:6379/0", "workers": 4}, logging.INFO, "shared store redis://***@cache:6379/0"),
        ({"rate_limit": ""}, logging.WARNING, "rate limiting is off"),
    ],
)
def test_start_up_says_where_the_counts_live(settings, level, words):
    got_level, message = limits.store_description(Config(**settings))
    assert got_level == level and words in message and "secret" not in message


def test_an_unreachable_store_is_reported_and_requests_still_pass(engine, caplog):
    # Nothing listens on port 9 of the loopback: the limiter falls back to counting in memory.
    app = create_app(Config(rate_limit="2 per minute", rate_limit_storage_uri="redis://127.0.0.1:9/0"), engine=engine)
    assert "does not answer" in limits.check_store(app)
    client = app.test_client()
    with caplog.at_level(logging.CRITICAL, logger="flask-limiter"):
        statuses = [chat(client).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_two_servers_enforce_one_limit_through_a_shared_redis():
    with redis() as uri:
        env = {"CHATBOT_RATE_LIMIT": "5 per minute", "CHATBOT_RATE_LIMIT_STORAGE_URI": uri, "CHATBOT_THREADS": "2"}
        with serve(env) as first, serve(env) as second:
            assert "counted in the shared store redis://127.0.0.1" in first.log
            statuses = [
                server.request("POST", "/api/chat", {"message": "what is AHSCT"})[0] for server in (first, second, first, second, first)
            ]
            assert statuses == [200] * 5
            for server in (second, first):
                status, headers, body = server.request("POST", "/api/chat", {"message": "what is AHSCT"})
                assert status == 429 and "the limit is 5 per 1 minute" in body["error"] and int(headers["retry-after"]) >= 1
            assert first.request("GET", "/api/health")[0] == second.request("GET", "/api/health")[0] == 200
            assert first.stop() == 0 and second.stop() == 0


def test_several_workers_without_a_shared_store_warn_at_start_up_and_keep_working():
    with serve({"CHATBOT_WORKERS": "2", "CHATBOT_THREADS": "2"}) as server:
        assert (
            "WARNING chatbot.server: rate limit 60 per minute per client, counted in memory in each server process: with 2 workers"
            in server.log
        )
        assert server.request("POST", "/api/chat", {"message": "what is AHSCT"})[0] == 200
