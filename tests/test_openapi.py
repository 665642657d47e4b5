"""GET /api/openapi.json is a valid OpenAPI document that tells the truth about the routes and the responses."""

from __future__ import annotations

import jsonschema
import pytest
from openapi_spec_validator import validate

from chatbot.config import Config
from chatbot.openapi import OPENAPI_PATH, document
from chatbot.web import create_app


@pytest.fixture(scope="module")
def doc(app) -> dict:
    return app.test_client().get(OPENAPI_PATH).get_json()


def test_the_document_is_valid_openapi(doc):
    validate(doc)
    assert doc["openapi"].startswith("3.")


def test_the_document_describes_exactly_the_api_routes(app, doc):
    served = {
        (rule.rule, method.lower())
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    documented = {(path, method) for path, operations in doc["paths"].items() for method in operations}
    assert documented == served


def test_the_documented_limits_are_the_settings_in_force(engine):
    config = Config(max_message_chars=50, max_history_items=2, max_history_item_chars=70, max_k=4, rate_limit="")
    doc = create_app(config, engine=engine).test_client().get(OPENAPI_PATH).get_json()
    assert doc == document(config)
    chat = doc["components"]["schemas"]["ChatRequest"]["properties"]
    assert (chat["message"]["maxLength"], chat["history"]["maxItems"], chat["history"]["items"]["maxLength"]) == (50, 2, 70)
    assert doc["components"]["schemas"]["SearchRequest"]["properties"]["k"]["maximum"] == 4


# (method, path, JSON body, status the API answers with): each real response must match the documented schema.
EXCHANGES = [
    ("post", "/api/chat", {"message": "what are the risks of AHSCT"}, 200),
    ("post", "/api/chat", {"message": "is it safe?", "history": ["what is AHSCT"]}, 200),
    ("post", "/api/chat", {"message": "hello"}, 200),
    ("post", "/api/chat", {"message": "I can't breathe"}, 200),
    ("post", "/api/chat", {"message": "what is the capital of Peru"}, 200),
    ("post", "/api/chat", {"message": ""}, 400),
    ("post", "/api/chat", {"message": "hi", "colour": "red"}, 400),
    ("post", "/api/chat", "x" * 40000, 413),
    ("get", "/api/search?q=graft+versus+host&k=2", None, 200),
    ("get", "/api/search?q=zzzz", None, 200),
    ("get", "/api/search?q=cost&k=0", None, 400),
    ("post", "/api/search", {"q": "insurance", "k": 20}, 200),
    ("post", "/api/search", {"k": 2}, 400),
    ("get", "/api/health", None, 200),
]


@pytest.mark.parametrize("method, path, body, status", EXCHANGES)
def test_real_responses_match_the_documented_schemas(client, doc, method, path, body, status):
    if isinstance(body, str):
        response = client.open(path, method=method, data=body, content_type="application/json")
    else:
        response = client.open(path, method=method, json=body)
    assert response.status_code == status
    operation = doc["paths"][path.split("?")[0]][method]
    documented = operation["responses"][str(status)]
    schema = {**doc, **documented["content"][response.mimetype]["schema"]}  # the document as root resolves its $refs
    jsonschema.Draft202012Validator(schema).validate(response.get_json())


def test_a_too_many_requests_response_matches_its_schema_and_header(engine, doc):
    client = create_app(Config(rate_limit="1 per minute"), engine=engine).test_client()
    client.post("/api/chat", json={"message": "hello"})
    response = client.post("/api/chat", json={"message": "hello"})
    documented = doc["paths"]["/api/chat"]["post"]["responses"]["429"]
    jsonschema.Draft202012Validator({**doc, **documented["content"]["application/json"]["schema"]}).validate(response.get_json())
    assert set(documented["headers"]) <= set(response.headers.keys())
