"""The OpenAPI 3 description of the JSON API, built from the settings so its limits are the ones in force."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify

from . import messages
from .config import Config

OPENAPI_PATH = "/api/openapi.json"
ERROR_CODES = {
    "400": "The request breaks a rule; the message says which (missing or empty field, limit, type, unknown field, bad JSON).",
    "413": "The body is larger than CHATBOT_MAX_BODY_BYTES.",
    "415": "The body is not sent as JSON (Content-Type: application/json).",
    "429": "Too many requests from this client; wait for Retry-After seconds.",
}


def init_app(app: Flask, config: Config) -> None:
    """Serve the document at /api/openapi.json."""
    doc = document(config)

    @app.get(OPENAPI_PATH)
    def openapi() -> Response:
        return jsonify(doc)


def document(config: Config) -> dict[str, Any]:
    """The OpenAPI 3.1 document for these settings."""
    text_rule = {"type": "string", "minLength": 1, "maxLength": config.max_message_chars, "pattern": r"\S"}
    k_rule = {"type": "integer", "minimum": 1, "maximum": config.max_k, "default": 5}
    search_responses = _responses("Ranked passages for staff, best first.", "SearchResults", ("400", "413", "415", "429"))
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Lupus stem cell FAQ bot",
            "version": "1",
            "description": (
                "Answers questions about stem cell treatments for lupus with passages of one article. "
                "The server keeps no conversation state: send the user's earlier messages in 'history'. "
                'Errors are JSON {"error": message}; the message names the rule or limit that was broken. '
                "Chat and search are rate limited per client (CHATBOT_RATE_LIMIT)."
            ),
        },
        "paths": {
            "/api/chat": {
                "post": {
                    "operationId": "chat",
                    "summary": "One reply to a user message, given the user's earlier messages.",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ChatRequest"}}},
                    },
                    "responses": _responses("The reply.", "Reply", ("400", "413", "415", "429")),
                }
            },
            "/api/search": {
                "get": {
                    "operationId": "searchGet",
                    "summary": "Staff lookup: the k best passages for a query (prefer POST: it keeps the query out of URLs and logs).",
                    "parameters": [
                        {"name": "q", "in": "query", "required": True, "schema": text_rule, "description": "The search words."},
                        {"name": "k", "in": "query", "required": False, "schema": k_rule, "description": "How many passages."},
                    ],
                    "responses": search_responses,
                },
                "post": {
                    "operationId": "searchPost",
                    "summary": "Staff lookup with the query in the body.",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchRequest"}}},
                    },
                    "responses": search_responses,
                },
            },
            "/api/health": {
                "get": {
                    "operationId": "health",
                    "summary": "Liveness: the server is up and its index is loaded. Never rate limited.",
                    "responses": {"200": _json("Up.", "Health")},
                }
            },
            OPENAPI_PATH: {
                "get": {
                    "operationId": "openapi",
                    "summary": "This document.",
                    "responses": {
                        "200": {"description": "The OpenAPI document.", "content": {"application/json": {"schema": {"type": "object"}}}}
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "ChatRequest": {
                    "type": "object",
                    "required": ["message"],
                    "additionalProperties": False,
                    "properties": {
                        "message": {**text_rule, "description": "What the user typed."},
                        "history": {
                            "type": "array",
                            "maxItems": config.max_history_items,
                            "items": {"type": "string", "maxLength": config.max_history_item_chars},
                            "description": "The user's earlier messages, oldest first.",
                        },
                    },
                },
                "SearchRequest": {
                    "type": "object",
                    "required": ["q"],
                    "additionalProperties": False,
                    "properties": {"q": {**text_rule, "description": "The search words."}, "k": k_rule},
                },
                "Passage": {
                    "type": "object",
                    "required": ["id", "section", "text", "score", "source"],
                    "properties": {
                        "id": {"type": "string"},
                        "section": {"type": "string", "description": "Heading path, e.g. 'Benefits and Risks > Possible Risks'."},
                        "text": {"type": "string"},
                        "score": {"type": "number"},
                        "source": {"type": "string", "description": "The document's file name."},
                    },
                },
                "Reply": {
                    "type": "object",
                    "required": ["kind", "reply", "passages", "suggestions", "disclaimer"],
                    "properties": {
                        "kind": {"type": "string", "enum": ["answer", "no_match", "smalltalk", "emergency"]},
                        "reply": {"type": "string", "minLength": 1},
                        "passages": {"type": "array", "maxItems": 3, "items": {"$ref": "#/components/schemas/Passage"}},
                        "suggestions": {"type": "array", "items": {"type": "string"}},
                        "disclaimer": {"type": "string", "const": messages.DISCLAIMER},
                    },
                },
                "SearchResults": {
                    "type": "object",
                    "required": ["query", "results", "disclaimer"],
                    "properties": {
                        "query": {"type": "string"},
                        "results": {
                            "type": "array",
                            "maxItems": config.max_k,
                            "items": {
                                "allOf": [
                                    {"$ref": "#/components/schemas/Passage"},
                                    {
                                        "type": "object",
                                        "required": ["matched"],
                                        "properties": {"matched": {"type": "array", "items": {"type": "string"}}},
                                    },
                                ]
                            },
                        },
                        "disclaimer": {"type": "string", "const": messages.DISCLAIMER},
                    },
                },
                "Health": {
                    "type": "object",
                    "required": ["status", "passages"],
                    "properties": {"status": {"type": "string", "const": "ok"}, "passages": {"type": "integer", "minimum": 1}},
                },
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "additionalProperties": False,
                    "properties": {"error": {"type": "string", "minLength": 1, "description": "What was wrong and how to fix it."}},
                },
            }
        },
    }


def _json(description: str, schema: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


def _responses(description: str, schema: str, errors: tuple[str, ...]) -> dict[str, Any]:
    responses = {"200": _json(description, schema)}
    for code in errors:
        responses[code] = _json(ERROR_CODES[code], "Error")
    if "429" in errors:
        responses["429"]["headers"] = {
            "Retry-After": {"description": "Seconds to wait before trying again.", "schema": {"type": "integer", "minimum": 1}}
        }
    return responses
