"""The staff lookup page in a real browser: search, highlighted matches, shareable addresses, copying."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from chatbot.messages import DISCLAIMER


def search_api(engine, q: str, k: int = 5) -> list[dict]:
    """What the API returns for a lookup, to compare the page with."""
    return [
        {"section": h.passage.section, "text": h.passage.text, "id": h.passage.id, "source": h.passage.source, "matched": h.matched}
        for h in engine.search(q, k)
    ]


def test_a_search_lists_ranked_passages_with_matched_words_highlighted(page, site, engine):
    expected = search_api(engine, "insurance cost")
    page.goto(f"{site.url}/staff")
    page.get_by_label("Search the article").fill("insurance cost")
    with page.expect_request("**/api/search") as request:
        page.get_by_role("button", name="Search").click()
    assert request.value.method == "POST"  # the query stays out of server and proxy logs
    assert json.loads(request.value.post_data) == {"q": "insurance cost", "k": 5}

    results = page.locator("#results > li")
    expect(results).to_have_count(len(expected))
    expect(page.get_by_role("status").first).to_have_text(f"{len(expected)} passages for “insurance cost”, best first.")
    expect(results.locator("h2")).to_have_text([r["section"] for r in expected])
    expect(results.locator(".text")).to_have_text([r["text"] for r in expected])
    expect(results.first.locator(".score")).to_have_text(f"Score {engine.search('insurance cost', 1)[0].score:.2f}")
    expect(results.filter(has_text="High cost and limited insurance coverage").locator("mark")).to_have_text(["cost", "insurance"])
    expect(results.first.locator(".matched")).to_have_text("Matched: " + ", ".join(expected[0]["matched"]))
    expect(page.locator("#disclaimer")).to_have_text(DISCLAIMER)
    assert urlsplit(page.url).query == ""  # typed search words stay out of the address bar and history


def test_copy_link_gives_an_address_that_runs_the_same_lookup(new_page, site):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{site.url}/staff")
    page.get_by_label("Search the article").fill("graft versus host")
    page.get_by_label("Results").select_option("3")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name="Copy link to this lookup").click()
    expect(page.get_by_text("Link copied.")).to_be_visible()
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.startswith(f"{site.url}/staff?")
    assert parse_qs(urlsplit(link).query) == {"q": ["graft versus host"], "k": ["3"]}


def test_a_shared_address_runs_the_lookup(page, site, engine):
    expected = search_api(engine, "graft versus host", k=3)
    page.goto(f"{site.url}/staff?q=graft+versus+host&k=3")
    expect(page.get_by_label("Search the article")).to_have_value("graft versus host")
    expect(page.get_by_label("Results")).to_have_value("3")
    expect(page.locator("#results > li h2")).to_have_text([r["section"] for r in expected])
    expect(page.locator("#results > li").first.locator("mark")).to_have_text(["Graft-versus-host"])


def test_a_search_without_matches_says_so(page, site):
    page.goto(f"{site.url}/staff?q=zebra")
    expect(page.get_by_role("status").first).to_have_text("No passage matches “zebra”.")
    expect(page.locator("#results > li")).to_have_count(0)


def test_copy_puts_the_passage_its_source_and_the_disclaimer_on_the_clipboard(new_page, site, engine):
    best = search_api(engine, "graft versus host", k=1)[0]
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{site.url}/staff?q=graft+versus+host&k=3")
    first = page.locator("#results > li").first
    first.get_by_role("button", name="Copy passage 1 with its source and the disclaimer").click()
    expect(first.get_by_role("status")).to_have_text("Copied with source and disclaimer.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{best['text']}\n— {best['section']} ({best['source']}, {best['id']})\n\n{DISCLAIMER}"


def test_passage_markup_is_shown_as_text_and_never_runs(page, xss_site):
    page.goto(f"{xss_site.url}/staff?q=marigold")
    result = page.locator("#results > li").first
    expect(result.locator(".text")).to_have_text("The marigold bed shows <img src=x onerror=\"window.xss='passage'\"> beside the pond.")
    expect(result.locator("mark")).to_have_text(["marigold"])
    expect(result.locator("h2")).to_contain_text("<img src=x onerror=")
    page.wait_for_timeout(200)  # give any injected handler a chance to run
    assert page.evaluate("window.xss") is None
    assert page.locator("#results img, #results script").count() == 0
