"""The chat widget in a real browser: what a patient sees and can do, with a mouse, a keyboard or a phone."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from chatbot.messages import DISCLAIMER

from .helpers import DESKTOP, MOBILE, LiveServer, Widget, chat_app

RISKS = "What are the risks of AHSCT?"
EMERGENCY = "My sister has chest pain and can't breathe"


def test_an_answer_shows_the_passage_its_section_and_the_disclaimer(open_widget, site, engine):
    expected = engine.reply(RISKS).to_dict()
    widget = open_widget(site.url)
    reply = widget.ask(RISKS, replies=1)
    expect(widget.user_messages).to_have_text([RISKS])
    expect(widget.log).to_have_attribute("aria-live", "polite")
    expect(reply.locator(".text").first).to_have_text(expected["reply"])
    expect(reply.locator(".section").first).to_have_text(f"Section: {expected['passages'][0]['section']}")
    expect(reply.locator(".disclaimer")).to_have_text(DISCLAIMER)
    expect(reply.locator(".disclaimer")).to_be_visible()


def test_the_other_returned_passages_are_one_click_away(open_widget, site):
    passages = [
        {"id": f"doc/p-{n}", "section": section, "text": text, "score": 9.0 - n, "source": "doc.md"}
        for n, (section, text) in enumerate(
            [("Risks", "The best passage."), ("Risks > Rare", "A second passage."), ("Cost", "A third passage.")]
        )
    ]
    reply = {"kind": "answer", "reply": "The best passage.", "passages": passages, "suggestions": [], "disclaimer": DISCLAIMER}
    widget = open_widget(site.url)
    widget.page.route("**/api/chat", lambda route: route.fulfill(json=reply))  # the engine decides how many come back
    answer = widget.ask(RISKS, replies=1)
    expect(answer.locator(".section").first).to_have_text("Section: Risks")
    more = answer.get_by_role("button", name="Show 2 more passages")
    expect(more).to_have_attribute("aria-expanded", "false")
    expect(answer.locator(".passages")).to_be_hidden()
    more.click()
    expect(answer.get_by_role("button", name="Hide 2 more passages")).to_have_attribute("aria-expanded", "true")
    expect(answer.locator(".passages li .text")).to_have_text(["A second passage.", "A third passage."])
    expect(answer.locator(".passages li .section")).to_have_text(["Section: Risks > Rare", "Section: Cost"])


def test_a_follow_up_sends_the_earlier_question_as_history(open_widget, site, engine):
    first, follow_up = "tell me about mesenchymal stem cells", "how is it given?"
    widget = open_widget(site.url)
    widget.ask(first, replies=1)
    with widget.page.expect_request("**/api/chat") as request:
        reply = widget.ask(follow_up, replies=2)
    assert json.loads(request.value.post_data) == {"message": follow_up, "history": [first]}
    expect(reply.locator(".text").first).to_have_text(engine.reply(follow_up, [first]).reply)


def test_history_is_the_last_six_user_turns(open_widget, site):
    widget = open_widget(site.url)
    for n in range(1, 8):
        widget.ask(f"hello {n}", replies=n)
    with widget.page.expect_request("**/api/chat") as request:
        widget.ask("thanks", replies=8)
    assert json.loads(request.value.post_data)["history"] == [f"hello {n}" for n in range(2, 8)]


def test_a_suggestion_button_asks_that_question(open_widget, site, engine):
    widget = open_widget(site.url)
    greeting = widget.ask("hello", replies=1)
    suggestion = engine.reply("hello").suggestions[0]
    greeting.get_by_role("group", name="Suggested questions").get_by_role("button", name=suggestion).click()
    expect(widget.user_messages).to_have_text(["hello", suggestion])
    expect(widget.replies).to_have_count(2)
    expect(widget.replies.nth(1).locator(".text").first).to_have_text(engine.reply(suggestion, ["hello"]).reply)
    expect(widget.input).to_be_focused()


def test_an_emergency_reply_stands_out_in_full(open_widget, site, engine):
    expected = engine.reply(EMERGENCY)
    assert expected.kind == "emergency"
    reply = open_widget(site.url).ask(EMERGENCY, replies=1)
    expect(reply).to_have_attribute("role", "alert")
    expect(reply.locator(".badge")).to_have_text("Emergency")
    expect(reply.locator(".text")).to_have_text(expected.reply)
    expect(reply.locator(".text")).to_be_visible()
    expect(reply.locator(".disclaimer")).to_have_text(DISCLAIMER)
    expect(reply.get_by_role("button")).to_have_count(0)  # nothing to expand or collapse
    assert reply.evaluate("node => getComputedStyle(node).borderTopColor") == "rgb(179, 38, 30)"
    assert reply.evaluate("node => parseFloat(getComputedStyle(node).borderTopWidth)") >= 3


def test_a_typing_indicator_shows_while_waiting(open_widget, site):
    widget = open_widget(site.url)
    held = []
    widget.page.route("**/api/chat", lambda route: held.append(route))  # hold the request until the test lets it go
    widget.ask("what is AHSCT")
    typing = widget.page.get_by_role("status").filter(has_text="Looking for an answer")
    expect(typing).to_be_attached()
    expect(widget.log).to_have_attribute("aria-busy", "true")
    held[0].continue_()
    expect(widget.replies).to_have_count(1)
    expect(typing).to_have_count(0)


def test_server_down_then_back_the_retry_button_resends(open_widget, engine):
    server = LiveServer(chat_app(engine)).start()
    try:
        widget = open_widget(server.url)
        server.stop()
        widget.ask(RISKS)
        expect(widget.error).to_have_attribute("role", "alert")
        expect(widget.error).to_contain_text("Can't reach the FAQ service")
        server.start()
        widget.retry.click()
        expect(widget.replies).to_have_count(1)
        expect(widget.error).to_have_count(0)
        expect(widget.user_messages).to_have_text([RISKS])  # resent, not asked twice
        expect(widget.input).to_be_focused()
    finally:
        server.stop()


@pytest.mark.parametrize(
    "status, headers, body, shown",
    [
        (
            429,
            {"Retry-After": "7"},
            json.dumps({"error": "too many requests"}),
            "Too many questions in a short time. Please wait 7 seconds",
        ),
        (502, {"Content-Type": "text/html"}, "<html><body>Bad gateway</body></html>", "could not answer (error 502)."),
        (
            500,
            {"Content-Type": "application/json"},
            json.dumps({"error": "internal error; please try again"}),
            "(error 500): internal error; please try again",
        ),
        (200, {"Content-Type": "application/json"}, json.dumps({"unexpected": True}), "a reply this page cannot read"),
    ],
)
def test_an_error_answer_is_explained_and_retryable(open_widget, site, status, headers, body, shown):
    widget = open_widget(site.url)
    widget.page.route("**/api/chat", lambda route: route.fulfill(status=status, headers=headers, body=body), times=1)
    widget.ask(RISKS)
    expect(widget.error).to_contain_text(shown)
    widget.retry.click()
    expect(widget.replies).to_have_count(1)
    expect(widget.error).to_have_count(0)


def test_the_conversation_survives_a_reload_and_clear_empties_it(open_widget, site):
    widget = open_widget(site.url)
    widget.ask(RISKS, replies=1)
    widget.page.reload()
    expect(widget.panel).to_be_visible()  # it was open, so it opens again
    expect(widget.user_messages).to_have_text([RISKS])
    expect(widget.replies).to_have_count(1)
    widget.panel.get_by_role("button", name="Clear conversation").click()
    expect(widget.user_messages).to_have_count(0)
    expect(widget.replies).to_have_count(0)
    widget.page.reload()
    expect(widget.user_messages).to_have_count(0)


def test_a_question_left_unanswered_by_a_reload_can_be_retried(open_widget, site):
    widget = open_widget(site.url)
    widget.page.route("**/api/chat", lambda route: None, times=1)  # the answer never comes
    widget.ask(RISKS)
    expect(widget.user_messages).to_have_text([RISKS])
    widget.page.reload()
    expect(widget.error).to_contain_text("This question was not answered yet.")
    widget.retry.click()
    expect(widget.replies).to_have_count(1)
    expect(widget.user_messages).to_have_text([RISKS])


def test_everything_works_from_the_keyboard(page, site, engine):
    page.goto(site.url)
    widget = Widget(page)
    for _ in range(20):  # Tab through the page until the launcher has focus
        page.keyboard.press("Tab")
        if widget.launcher.evaluate("node => node.matches(':focus')"):
            break
    expect(widget.launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    expect(widget.input).to_be_focused()

    page.keyboard.type("what are the risks")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("of AHSCT?")
    expect(widget.input).to_have_value("what are the risks\nof AHSCT?")
    expect(widget.user_messages).to_have_count(0)
    page.keyboard.press("Enter")
    expect(widget.replies).to_have_count(1)
    expect(widget.user_messages).to_have_text(["what are the risks\nof AHSCT?"])
    expect(widget.input).to_have_value("")

    page.keyboard.press("Shift+Tab")  # back from the input to the answer's last suggestion
    suggestion = engine.reply("what are the risks\nof AHSCT?").suggestions[-1]
    expect(widget.log.get_by_role("button", name=suggestion).last).to_be_focused()
    page.keyboard.press("Enter")
    expect(widget.user_messages.nth(1)).to_have_text(suggestion)
    expect(widget.replies).to_have_count(2)

    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_be_focused()
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")


def test_user_and_corpus_markup_is_shown_as_text_and_never_runs(open_widget, xss_site):
    widget = open_widget(xss_site.url)
    message = "<img src=x onerror=\"window.xss='message'\"> <script>window.xss='message'</script> marigold?"
    widget.ask(message, replies=1)
    expect(widget.user_messages).to_have_text([message])
    reply = widget.ask("tell me about the marigold bed", replies=2)
    expect(reply.locator(".text").first).to_have_text(
        "The marigold bed shows <img src=x onerror=\"window.xss='passage'\"> beside the pond."
    )
    expect(reply.locator(".section").first).to_contain_text("<img src=x onerror=")
    widget.ask("do tulips need a cold winter", replies=3)
    expect(widget.replies.nth(2).locator(".text").first).to_contain_text("<script>window.xss='script'</script>")
    widget.page.wait_for_timeout(200)  # give any injected handler a chance to run
    assert widget.page.evaluate("window.xss") is None
    shadow_elements = widget.page.evaluate("document.querySelector('lupus-faq-chat').shadowRoot.querySelectorAll('img, script').length")
    assert shadow_elements == 0


def test_embedded_on_an_allowed_origin_it_answers_and_leaves_the_page_alone(page, customer_site, allowing_site):
    page.goto(customer_site.url)
    page_globals = set(page.evaluate("Object.keys(window)"))
    page.goto(f"{customer_site.url}/?api={allowing_site.url}")
    widget = Widget(page).open()
    widget.ask(RISKS, replies=1)
    expect(widget.replies.first.locator(".disclaimer")).to_have_text(DISCLAIMER)
    assert page.evaluate("[...document.body.children].map(e => e.tagName.toLowerCase())") == ["h1", "p", "script", "lupus-faq-chat"]
    assert set(page.evaluate("Object.keys(window)")) == page_globals  # no globals
    page.evaluate(
        "src => new Promise(loaded => document.head.append(Object.assign(document.createElement('script'), {src, onload: loaded})))",
        f"{allowing_site.url}/widget.js",
    )
    expect(page.locator("lupus-faq-chat")).to_have_count(1)  # the script loaded twice still adds one widget
    assert page.evaluate("getComputedStyle(document.querySelector('lupus-faq-chat')).position") == "fixed"  # styled under a strict CSP


def test_embedded_on_an_origin_not_allowed_it_is_refused(open_widget, customer_site, site):
    widget = open_widget(f"{customer_site.url}/?api={site.url}")
    widget.ask(RISKS)
    expect(widget.error).to_contain_text("Can't reach the FAQ service")
    expect(widget.replies).to_have_count(0)


def test_rate_limited_on_another_origin_it_says_how_long_to_wait(open_widget, serve, engine, customer_site):
    limited = serve(chat_app(engine, allowed_origins=(customer_site.url,), rate_limit="1 per minute"))
    widget = open_widget(f"{customer_site.url}/?api={limited.url}")
    widget.ask(RISKS, replies=1)
    widget.ask("what about the cost?")
    expect(widget.error).to_contain_text(re.compile(r"Please wait \d+ seconds?, then press Retry"))


def test_on_a_phone_the_panel_fills_the_screen_and_the_input_stays_visible(open_widget, site):
    widget = open_widget(site.url, viewport=MOBILE, is_mobile=True, has_touch=True)
    widget.ask(RISKS, replies=1)
    assert widget.panel.bounding_box() == {"x": 0, "y": 0, **MOBILE}
    widget.page.set_viewport_size({"width": MOBILE["width"], "height": 420})  # the on-screen keyboard is up
    expect(widget.panel).to_be_in_viewport()
    box = widget.input.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 420
    expect(widget.input).to_be_in_viewport()


@pytest.mark.parametrize("name, viewport", [("desktop", DESKTOP), ("mobile", MOBILE)])
def test_screenshots_of_the_panel(open_widget, site, artifacts, name, viewport):
    """Saved to test-artifacts/ for a person to look at: an answer, then an emergency reply."""
    widget = open_widget(site.url, viewport=viewport)
    widget.ask("what is stem cell therapy for lupus", replies=1)
    more = widget.replies.first.get_by_role("button", name="more passage")
    if more.count():  # how many passages come back is the engine's business; show them when there are
        more.click()
    widget.page.screenshot(path=artifacts / f"widget-{name}-answer.png")
    widget.ask(EMERGENCY, replies=2)
    widget.page.screenshot(path=artifacts / f"widget-{name}-emergency.png")
    for shot in ("answer", "emergency"):
        assert (artifacts / f"widget-{name}-{shot}.png").stat().st_size > 10_000
