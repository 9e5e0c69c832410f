"""In a real browser, what the writer types on the letter page reaches the server
only in POST bodies: no request URL carries it, with JavaScript or without
(issue 10 §5: URLs end up in server logs)."""

from urllib.parse import unquote_plus

import pytest
from playwright.sync_api import expect

from tests.actions.conftest import open_case

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NAME = "Zelda Quillfeather"
STREET = "17 Marigold Lane"
WORDS = "My neighbour Ana taught me to read."
SECRETS = ["Quillfeather", "Marigold", "neighbour"]


def leaks(urls: list[str]) -> list[str]:
    return [url for url in urls if any(secret in unquote_plus(url) for secret in SECRETS)]


def write_a_letter(page, base_url, case, press_update: bool) -> list:
    requests = []
    page.on("request", lambda request: requests.append(request))
    page.goto(base_url + f"/cases/{case.slug}/write/")
    page.get_by_label("Your name").fill(NAME)
    page.get_by_label("Your street address").fill(STREET)
    page.get_by_label("Your own words").fill(WORDS)
    if press_update:
        page.get_by_role("button", name="Update the draft").click()
    draft = page.locator(".letter-preview")
    expect(draft).to_contain_text(WORDS)
    expect(draft).to_contain_text(NAME)
    page.get_by_label("Language of the letter").select_option("fr")
    if press_update:
        page.get_by_role("button", name="Update the draft").click()
    expect(draft.locator("article")).to_have_attribute("lang", "fr")
    assert not leaks([r.url for r in requests] + [page.url])
    # Print, and back to the page with the draft kept.
    page.get_by_role("button", name="Print the letter").click()
    expect(page.locator(".letter-preview")).to_contain_text(NAME)
    page.get_by_role("button", name="Back to the letter page").click()
    expect(page.get_by_label("Your own words")).to_have_value(WORDS)
    return requests


def test_with_javascript_typing_a_letter_puts_nothing_personal_in_a_url(live_server, browser):
    case, _ = open_case()
    context = browser.new_context(java_script_enabled=True, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        requests = write_a_letter(page, live_server.url, case, press_update=False)
        # The draft followed the typing: it went to the server, by POST.
        drafts = [r for r in requests if r.method == "POST" and r.url.endswith("/write/")]
        assert drafts
        assert any("Quillfeather" in (r.post_data or "") for r in drafts)
        assert not leaks([r.url for r in requests] + [page.url])
    finally:
        context.close()


def test_without_javascript_the_letter_form_posts(live_server, page):
    case, _ = open_case()
    requests = write_a_letter(page, live_server.url, case, press_update=True)
    assert [r for r in requests if r.method == "POST"]
    assert not leaks([r.url for r in requests] + [page.url])
