"""Logging without health data: one access line per request with method, path, status and duration, never the text."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

from .config import ConfigError

access_log = logging.getLogger("chatbot.access")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
_MAX_PATH = 200


def configure(level: str) -> None:
    """Send the chatbot's logs to stderr at ``level`` unless the host (a test runner, a server) set up logging."""
    if level.upper() not in LEVELS:
        raise ConfigError(f"CHATBOT_LOG_LEVEL must be one of {', '.join(LEVELS)}, not {level!r}")
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.WARNING, format=FORMAT, stream=sys.stderr)
    logging.getLogger("chatbot").setLevel(level.upper())


class AccessLog:
    """WSGI middleware: ``POST /api/chat 200 12.3ms``; the query string and the body are never logged."""

    def __init__(self, app: Callable[..., Iterable[bytes]]) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        started = time.perf_counter()
        status: list[str] = []

        def capture(code: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            status[:] = [code.split(" ", 1)[0]]
            return start_response(code, headers, exc_info)

        try:
            body = self.app(environ, capture)
        except BaseException:
            self._log(environ, "500", started)
            raise
        return _Closing(body, lambda: self._log(environ, status[0] if status else "-", started))

    @staticmethod
    def _log(environ: dict[str, Any], status: str, started: float) -> None:
        method = _printable(environ.get("REQUEST_METHOD", "-"))[:16]
        path = _printable(environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""))
        if len(path) > _MAX_PATH:
            path = path[:_MAX_PATH] + "..."
        access_log.info("%s %s %s %.1fms", method, path, status, (time.perf_counter() - started) * 1000)


class _Closing:
    """Wraps a WSGI response body to run a callback once it has been sent (or abandoned)."""

    def __init__(self, body: Iterable[bytes], on_close: Callable[[], None]) -> None:
        self.body = body
        self.on_close = on_close

    def __iter__(self):
        return iter(self.body)

    def close(self) -> None:
        try:
            if hasattr(self.body, "close"):
                self.body.close()
        finally:
            self.on_close()


def _printable(text: str) -> str:
    """Control characters escaped, so a crafted path cannot forge log lines."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
