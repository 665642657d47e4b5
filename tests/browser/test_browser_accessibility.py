"""Automated accessibility scans (axe-core) of the demo page with the chat open, and of the staff page."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .helpers import DESKTOP, MOBILE, Widget

BLOCKING = {"serious", "critical"}


def open_chat_with_an_answer(page, url):
    widget = Widget(page)
    page.goto(url)
    widget.open()
    widget.ask("What are the risks of AHSCT?", replies=1)
    widget.ask("My sister has chest pain and can't breathe", replies=2)


def staff_results(page, url):
    page.goto(f"{url}/staff?q=insurance+cost")
    expect(page.locator("#results > li").first).to_be_visible()


@pytest.mark.parametrize(
    "name, prepare, viewport",
    [
        ("demo-page-chat-open", open_chat_with_an_answer, DESKTOP),
        ("demo-page-chat-open-phone", open_chat_with_an_answer, MOBILE),
        ("staff-page", staff_results, DESKTOP),
    ],
)
def test_no_serious_or_critical_accessibility_violations(new_page, site, artifacts, name, prepare, viewport):
    page = new_page(viewport=viewport)
    prepare(page, site.url)
    page.screenshot(path=artifacts / f"{name}.png")
    violations = Axe().run(page).response["violations"]
    counts = Counter(v["impact"] for v in violations)
    report = {
        "page": name,
        "counts": dict(counts),
        "violations": [
            {"id": v["id"], "impact": v["impact"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]]} for v in violations
        ],
    }
    (artifacts / f"axe-{name}.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(f"axe {name}: {sum(counts.values())} violation(s) {dict(counts)}")
    blocking = [v for v in report["violations"] if v["impact"] in BLOCKING]
    assert not blocking, json.dumps(blocking, indent=2)
