"""Per-client rate limits on the chat and search API (Flask-Limiter), and the client address behind proxies."""

from __future__ import annotations

import logging
import math
import time

from flask import Flask, Response, jsonify, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import parse_many
from limits.errors import ConfigurationError
from werkzeug.middleware.proxy_fix import ProxyFix

from .config import Config, ConfigError

log = logging.getLogger(__name__)
LIMITED_ENDPOINTS = frozenset({"chat", "search"})  # health, the OpenAPI document and static files are never limited


def init_app(app: Flask, config: Config) -> Limiter | None:
    """Trust X-Forwarded-For only from configured proxies, and count API requests per client address."""
    if config.trusted_proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=config.trusted_proxies)  # type: ignore[method-assign]
    if not config.rate_limit.strip():
        return None
    try:
        parse_many(config.rate_limit)
    except ValueError:
        raise ConfigError(f"CHATBOT_RATE_LIMIT must look like '60 per minute' or '10/second;200/hour', not {config.rate_limit!r}") from None
    try:
        limiter = Limiter(
            get_remote_address,
            app=app,
            application_limits=[config.rate_limit],
            application_limits_exempt_when=lambda: request.endpoint not in LIMITED_ENDPOINTS or request.method == "OPTIONS",
            storage_uri=config.rate_limit_storage_uri,
            strategy="fixed-window",
            key_prefix="chatbot",
            # A store that is down must not take the bot down: count in memory until it is back.
            in_memory_fallback_enabled=True,
            swallow_errors=True,
        )
    except ConfigurationError as exc:
        raise ConfigError(f"CHATBOT_RATE_LIMIT_STORAGE_URI {config.rate_limit_storage_uri!r} cannot be used: {exc}") from None
    app.extensions["chatbot.limiter"] = limiter

    @app.errorhandler(RateLimitExceeded)
    def too_many_requests(exc: RateLimitExceeded) -> tuple[Response, int]:
        current = limiter.current_limit
        retry_after = max(1, math.ceil(current.window[0] - time.time())) if current else 60
        response = jsonify({"error": f"too many requests: the limit is {exc.description} per client; try again in {retry_after} seconds"})
        response.headers["Retry-After"] = str(retry_after)
        return response, 429

    return limiter


def store_description(config: Config) -> tuple[int, str]:
    """A start-up log line about where rate-limit counters live, with its level (a warning when it is per process)."""
    if not config.rate_limit.strip():
        return logging.WARNING, "rate limiting is off (CHATBOT_RATE_LIMIT is empty)"
    uri = config.rate_limit_storage_uri
    if uri.startswith("memory://"):
        message = f"rate limit {config.rate_limit} per client, counted in memory in each server process"
        if config.workers > 1:
            return logging.WARNING, (
                f"{message}: with {config.workers} workers a client may get up to {config.workers} times the limit; "
                "set CHATBOT_RATE_LIMIT_STORAGE_URI to a shared store such as redis://host:6379"
            )
        return logging.INFO, f"{message}; several workers or instances need a shared store (CHATBOT_RATE_LIMIT_STORAGE_URI)"
    return logging.INFO, f"rate limit {config.rate_limit} per client, counted in the shared store {_redact(uri)}"


def check_store(app: Flask) -> str | None:
    """Why the configured store cannot be reached, or None when it answers (or counting is in memory)."""
    limiter = app.extensions.get("chatbot.limiter")
    if limiter is None:
        return None
    try:
        return None if limiter.storage.check() else "the rate-limit store does not answer; counting in memory until it does"
    except Exception as exc:  # noqa: BLE001 - any client library error means the same here
        return f"the rate-limit store does not answer ({exc.__class__.__name__}); counting in memory until it does"


def _redact(uri: str) -> str:
    """The storage URI without a password."""
    scheme, sep, rest = uri.partition("://")
    if "@" in rest:
        rest = "***@" + rest.split("@", 1)[1]
    return f"{scheme}{sep}{rest}"
