"""Shared fixtures: the real article engine (built once), a tiny corpus, the Flask app and client."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatbot.config import DEFAULT_CORPUS, Config
from chatbot.engine import ChatEngine
from chatbot.web import create_app

TINY_DOC = """# Garden Care

Gardens need water and light to grow.

## Watering

Water the roses early in the morning:

- Use a can with a fine rose head
- Soak the soil, not the leaves

## Pests

Aphids are small insects that suck sap from young shoots.
"""


@pytest.fixture(scope="session")
def engine() -> ChatEngine:
    """The engine over the bundled article, built once for the whole run."""
    return ChatEngine.from_corpus(DEFAULT_CORPUS)


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    """A folder with one small Markdown document."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "garden.md").write_text(TINY_DOC, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def app(engine: ChatEngine):
    # One app serves the whole run, so no rate limit here; tests/test_limits.py checks the limits.
    return create_app(Config(rate_limit=""), engine=engine)


@pytest.fixture
def client(app):
    return app.test_client()
