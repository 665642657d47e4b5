"""What the browser tests share: live servers on 127.0.0.1, a customer's page on another origin, the widget as a user sees it."""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable

from playwright.sync_api import Page, expect
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from chatbot.config import Config
from chatbot.engine import ChatEngine
from chatbot.web import create_app

DESKTOP = {"width": 1280, "height": 800}
MOBILE = {"width": 390, "height": 844}

# A document whose headings and passages carry markup that must show as text, never run.
XSS_DOC = """# Tag Safety <b>Notes</b>

## Marigolds <img src=x onerror="window.xss='heading'">

The marigold bed shows <img src=x onerror="window.xss='passage'"> beside the pond.

## Tulips

Tulips need a cold winter <script>window.xss='script'</script> before they flower.
"""




class _OneRequestPerConnection(WSGIRequestHandler):
    """HTTP/1.0, so no kept-alive connection outlives stop(); and no access log in the test output."""

    protocol_version = "HTTP/1.0"

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass


class LiveServer:
    """A WSGI app served on 127.0.0.1 from a thread; stop() then start() serves again on the same port."""

    def __init__(self, app: Callable, port: int = 0) -> None:
        self.app = app
        self.port = port
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> LiveServer:
        self._server = make_server("127.0.0.1", self.port, self.app, threaded=True, request_handler=_OneRequestPerConnection)
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, name=f"live-server-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=10)
            self._server = None


def chat_app(engine: ChatEngine, **settings) -> Callable:
    """The real Flask app over ``engine``; rate limiting off unless asked, so a fast test run is never throttled."""
    return create_app(Config(**{"rate_limit": "", **settings}), engine=engine)


def customer_page(environ, start_response):
    """A customer's website on another origin: ?api=<chat server origin> embeds the widget from there.

    It sends a strict Content-Security-Policy that allows the chat server as a customer would, so the
    tests also show the widget needs no inline script or style.
    """
    api = Request(environ).args.get("api", "")
    if not re.fullmatch(r"http://127\.0\.0\.1:\d+", api):
        api = ""
    tag = f'<script src="{html.escape(api)}/widget.js" data-endpoint="{html.escape(api)}/api/chat" defer></script>' if api else ""
    page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Customer site</title></head>
<body><h1>Welcome to our clinic</h1><p id="content">Our own content, which the widget must leave alone.</p>{tag}</body></html>"""
    response = Response(page, mimetype="text/html")
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src 'self' {api}; style-src 'self' {api}; connect-src 'self' {api}; img-src 'self'"
    )
    return response(environ, start_response)


class Widget:
    """The chat widget on a page, as a user sees it (Playwright's locators reach into its shadow DOM)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.launcher = page.get_by_role("button", name="Ask the FAQ")
        self.panel = page.get_by_role("dialog", name="Stem cell treatments for lupus")
        self.input = page.get_by_role("textbox", name="Your question")
        self.log = page.get_by_role("log", name="Conversation")
        self.user_messages = self.log.locator(".msg.user .text")
        self.replies = self.log.locator(".msg.bot:not(.welcome)")
        self.error = self.log.locator(".msg.error")
        self.retry = self.log.get_by_role("button", name="Retry")

    def open(self) -> Widget:
        self.launcher.click()
        expect(self.panel).to_be_visible()
        return self

    def ask(self, message: str, replies: int | None = None):
        """Type a message and press Enter; with ``replies``, wait until there are that many and return the last."""
        self.input.fill(message)
        self.input.press("Enter")
        if replies is None:
            return None
        expect(self.replies).to_have_count(replies)
        return self.replies.nth(replies - 1)
