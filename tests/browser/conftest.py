"""Browser test fixtures: Debian's Chromium driven by Playwright, and live servers on 127.0.0.1.

Without Chromium at /usr/bin/chromium the browser tests skip, with the reason in the summary; in CI
(CI=true) a missing browser fails them instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from live_server import in_ci
from playwright.sync_api import sync_playwright

from chatbot.engine import ChatEngine

from .helpers import DESKTOP, XSS_DOC, LiveServer, Widget, chat_app, customer_page

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[..., LiveServer]]:
    """serve(app) starts a LiveServer that is stopped when the session ends."""
    servers: list[LiveServer] = []

    def start(app: Callable) -> LiveServer:
        servers.append(LiveServer(app).start())
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


@pytest.fixture(scope="session")
def site(serve, engine) -> LiveServer:
    """The app over the bundled article, with the default settings: same origin only."""
    return serve(chat_app(engine))


@pytest.fixture(scope="session")
def xss_site(serve, tmp_path_factory) -> LiveServer:
    """The app over a corpus whose text is full of markup."""
    folder = tmp_path_factory.mktemp("xss-corpus")
    (folder / "tags.md").write_text(XSS_DOC, encoding="utf-8")
    return serve(chat_app(ChatEngine.from_corpus(folder)))


@pytest.fixture(scope="session")
def customer_site(serve) -> LiveServer:
    return serve(customer_page)


@pytest.fixture(scope="session")
def allowing_site(serve, engine, customer_site) -> LiveServer:
    """The app over the article, configured to answer the customer's origin."""
    return serve(chat_app(engine, allowed_origins=(customer_site.url,)))


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, for the whole session."""
    if not CHROMIUM.exists():
        reason = f"browser tests need Chromium at {CHROMIUM} (Debian: apt-get install chromium)"
        if in_ci():
            pytest.fail(f"{reason}; CI must run them", pytrace=False)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """new_page(**context_options) opens a page in a fresh context (its own sessionStorage).

    A script error in the page, or any dialog (as injected markup would raise), fails the test.
    """
    contexts = []
    problems: list[str] = []

    def open_page(**options):
        context = browser.new_context(**{"viewport": DESKTOP, **options})
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on("dialog", lambda dialog: (problems.append(f"dialog opened: {dialog.message}"), dialog.dismiss()))
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not problems, problems


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots and scan reports go (test-artifacts/, ignored by git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def open_widget(new_page):
    """open_widget(url, **context_options) loads a page that embeds the widget and opens its panel."""

    def open_(url: str, **options) -> Widget:
        page = new_page(**options)
        page.goto(url)
        return Widget(page).open()

    return open_
