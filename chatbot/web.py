"""create_app(config): the JSON API over one ChatEngine, plus the widget and staff pages from web/."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask, Response, jsonify, request, send_from_directory
from werkzeug.exceptions import BadRequest, Forbidden, HTTPException, NotFound, RequestEntityTooLarge, UnsupportedMediaType

from . import limits, logs, openapi
from .config import Config
from .engine import ChatEngine, search_json

log = logging.getLogger(__name__)
WEB_DIR = Path(__file__).resolve().parent.parent / "web"
PAGES = {"/": "index.html", "/staff": "staff.html"}
ASSET_SUFFIXES = (".js", ".css", ".svg", ".png", ".ico")
CHAT_FIELDS = {"message", "history"}
SEARCH_FIELDS = {"q", "k"}


class ApiError(BadRequest):
    """A request the API refuses, with a message that says how to fix it."""

    def __init__(self, message: str, code: int = 400) -> None:
        super().__init__(message)
        self.code = code


def create_app(config: Config | None = None, engine: ChatEngine | None = None) -> Flask:
    """Build the Flask app; the engine (and so the index) is built once here unless one is given."""
    config = config or Config.from_env()
    app = Flask(__name__, static_folder=None)
    app.config["CHATBOT"] = config
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes
    app.json.sort_keys = False
    app.extensions["chatbot"] = engine or ChatEngine.from_corpus(config.corpus, semantic=config.semantic)

    @app.post("/api/chat")
    def chat() -> Response:
        body = _json_body(CHAT_FIELDS)
        message = _text(body.get("message"), "message", config.max_message_chars)
        history = _history(body.get("history", []), config)
        return jsonify(_engine().reply(message, history).to_dict())

    @app.route("/api/search", methods=["GET", "POST"])
    def search() -> Response:
        params: dict[str, Any] = _json_body(SEARCH_FIELDS) if request.method == "POST" else request.args.to_dict()
        query = _text(params.get("q"), "q", config.max_message_chars)
        k = _k(params.get("k", 5), config.max_k)
        return jsonify(search_json(query, _engine().search(query, k)))

    @app.get("/api/health")
    def health() -> Response:
        return jsonify({"status": "ok", "passages": _engine().passage_count})

    @app.get("/")
    @app.get("/staff")
    def page() -> Response:
        return _web_file(PAGES[request.path])

    @app.get("/<name>")
    def asset(name: str) -> Response:
        if not name.endswith(ASSET_SUFFIXES):
            raise NotFound()
        return _web_file(name)

    @app.before_request
    def preflight() -> Response | None:
        """Answer CORS preflights for the API; other origins get a JSON 403."""
        if request.method != "OPTIONS" or not request.path.startswith("/api/"):
            return None
        if not _allowed_origin(config):
            raise Forbidden("this origin is not allowed to call the API (see CHATBOT_ALLOWED_ORIGINS)")
        return Response(status=204)

    @app.after_request
    def headers(response: Response) -> Response:
        return _add_headers(response, config)

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[Response, int]:
        response = jsonify({"error": _error_message(exc)})
        if exc.code == 405 and exc.valid_methods:
            response.headers["Allow"] = ", ".join(exc.valid_methods)
        return response, exc.code or 500

    @app.errorhandler(Exception)
    def unexpected_error(exc: Exception) -> tuple[Response, int]:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return jsonify({"error": "internal error; the request was not processed, please try again"}), 500

    openapi.init_app(app, config)
    limits.init_app(app, config)
    logs.configure(config.log_level)
    app.wsgi_app = logs.AccessLog(app.wsgi_app)  # type: ignore[method-assign]
    return app


def _web_file(name: str) -> Response:
    response = send_from_directory(WEB_DIR, name, max_age=300)
    if name.endswith(".js"):
        # widget.js is loaded by other sites' pages with a plain <script> tag.
        response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def _allowed_origin(config: Config) -> str | None:
    """The request's Origin when it is in the configured allow-list (same-origin requests need no CORS)."""
    origin = request.headers.get("Origin", "").rstrip("/")
    return origin if origin and origin in config.allowed_origins else None


def _add_headers(response: Response, config: Config) -> Response:
    """Security headers on every response, CORS on the API for allowed origins."""
    h = response.headers
    h["X-Content-Type-Options"] = "nosniff"
    h["Referrer-Policy"] = "no-referrer"
    ancestors = " ".join(("'self'", *config.allowed_origins))
    if response.mimetype == "text/html":
        h["Content-Security-Policy"] = (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
            f"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors {ancestors}"
        )
    else:
        h["Content-Security-Policy"] = f"default-src 'none'; frame-ancestors {ancestors}"
    if request.path.startswith("/api/"):
        h["Cache-Control"] = "no-store"
        h.add("Vary", "Origin")
        origin = _allowed_origin(config)
        if origin:
            h["Access-Control-Allow-Origin"] = origin
            h["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            h["Access-Control-Allow-Headers"] = "Content-Type"
            h["Access-Control-Max-Age"] = "600"
            h["Access-Control-Expose-Headers"] = "Retry-After"  # so an embedded widget can say how long to wait
    return response


def _engine() -> ChatEngine:
    from flask import current_app

    return current_app.extensions["chatbot"]


def _error_message(exc: HTTPException) -> str:
    if isinstance(exc, ApiError):
        return str(exc.description)
    return {
        404: "not found; the API has POST /api/chat, GET or POST /api/search and GET /api/health",
        405: f"method {request.method} not allowed here",
        413: f"request body too large (limit {request.max_content_length} bytes)",
    }.get(exc.code or 500, exc.description or exc.name)


def _json_body(allowed: set[str]) -> dict[str, Any]:
    if not request.is_json:
        raise UnsupportedMediaType("send the body as JSON with Content-Type: application/json")
    limit = request.max_content_length
    if request.content_length is None and limit is not None and len(request.get_data()) >= limit and request.input_stream.read(1):
        raise RequestEntityTooLarge()  # a chunked body is cut off at the limit; a byte left over means it was too large
    try:
        body = request.get_json()
    except BadRequest:
        raise ApiError("the body is not valid JSON") from None
    except RecursionError:
        raise ApiError("the body's JSON is nested too deeply") from None
    if not isinstance(body, dict):
        raise ApiError("the body must be a JSON object")
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise ApiError(f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(allowed))}")
    return body


def _text(value: Any, name: str, limit: int) -> str:
    if value is None:
        raise ApiError(f"'{name}' is required")
    if not isinstance(value, str):
        raise ApiError(f"'{name}' must be a string")
    if not value.strip():
        raise ApiError(f"'{name}' must not be empty")
    if len(value) > limit:
        raise ApiError(f"'{name}' is too long ({len(value)} characters; the limit is {limit})")
    return value


def _history(value: Any, config: Config) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(turn, str) for turn in value):
        raise ApiError("'history' must be a list of strings (earlier user messages, oldest first)")
    if len(value) > config.max_history_items:
        raise ApiError(f"'history' has {len(value)} items; the limit is {config.max_history_items}")
    for turn in value:
        if len(turn) > config.max_history_item_chars:
            raise ApiError(f"a 'history' item is too long ({len(turn)} characters; the limit is {config.max_history_item_chars})")
    return value


def _k(value: Any, limit: int) -> int:
    try:
        k = int(value)
        if isinstance(value, (bool, float)) or str(k) != str(value).strip():
            raise ValueError
    except (TypeError, ValueError, OverflowError):
        raise ApiError(f"'k' must be a whole number from 1 to {limit}") from None
    if not 1 <= k <= limit:
        raise ApiError(f"'k' must be a whole number from 1 to {limit}")
    return k
