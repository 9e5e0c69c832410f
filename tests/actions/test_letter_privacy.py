"""The writer's name, address and own words never travel in a URL (issue 10 §5).

URLs end up in server and proxy logs and in the browser's history, so the
letter form posts (with its CSRF token), every link the page makes carries only
the official, language, channel and paper, and a URL that carries personal
fields anyway is not read.
"""

import re
from urllib.parse import unquote_plus

import pytest
from django.test import Client
from django.urls import reverse
from selectolax.lexbor import LexborHTMLParser as HTMLParser

pytestmark = pytest.mark.django_db

WRITER = {
    "name": "Zelda Quillfeather",
    "address": "17 Marigold Lane",
    "city": "Leeds LS1 4AP",
    "country": "GB",
    "own_words": "My neighbour Ana taught me to read.",
}
PERSONAL_FIELDS = tuple(WRITER)
SECRETS = ["Quillfeather", "Marigold", "LS1 4AP", "neighbour Ana"]


def url(case, view="write"):
    return reverse(f"actions:{view}", kwargs={"slug": case.slug})


def urls_in(html: str) -> list[str]:
    """Every URL the page holds: links, form targets, sources."""
    tree = HTMLParser(html)
    found = []
    for node in tree.css("[href], [action], [formaction], [src]"):
        for attribute in ("href", "action", "formaction", "src"):
            value = node.attributes.get(attribute)
            if value:
                found.append(unquote_plus(value))
    return found


def personal_forms(html: str):
    """The page's forms that hold a field about the writer."""
    tree = HTMLParser(html)
    for form in tree.css("form"):
        names = {node.attributes.get("name") for node in form.css("input, textarea, select")}
        if names & set(PERSONAL_FIELDS):
            yield form


def test_every_form_with_personal_fields_posts_with_a_csrf_token(client, case_and_document):
    case, _ = case_and_document
    for html in (
        client.get(url(case)).content.decode(),
        client.post(url(case), WRITER).content.decode(),
        client.post(url(case, "print"), WRITER).content.decode(),
    ):
        forms = list(personal_forms(html))
        assert forms
        for form in forms:
            assert (form.attributes.get("method") or "get").lower() == "post", form.html[:200]
            assert form.css_first("input[name=csrfmiddlewaretoken]") is not None
    letter_form = HTMLParser(client.get(url(case)).content.decode()).css_first("#letter-form")
    assert letter_form.attributes["method"] == "post"


def test_the_posted_draft_is_shown_and_no_url_of_the_page_carries_it(client, case_and_document):
    case, _ = case_and_document
    response = client.post(url(case), WRITER)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zelda Quillfeather" in html and "My neighbour Ana taught me to read." in html
    # mailto: links open the writer's own mail program; they reach no server.
    leaked = [
        link
        for link in urls_in(html)
        if not link.startswith("mailto:") and any(secret in link for secret in SECRETS)
    ]
    assert not leaked


def test_personal_fields_in_a_url_are_not_read(client, case_and_document):
    case, _ = case_and_document
    tree = HTMLParser(client.get(url(case), {**WRITER, "channel": "email"}).content.decode())
    for part in ("#letter-form", "#draft"):
        html = tree.css_first(part).html
        assert not any(secret in html for secret in SECRETS), part
    # The public choices in the same URL still count.
    assert "checked" in tree.css_first("#channel-email").attributes


def test_the_pdf_and_print_views_take_the_draft_by_post(client, case_and_document):
    case, _ = case_and_document
    pdf = client.post(url(case, "pdf"), WRITER)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    printed = client.post(url(case, "print"), WRITER).content.decode()
    assert "Zelda Quillfeather" in printed
    back = HTMLParser(printed).css_first(f'form[action="{url(case)}"]')
    assert back is not None and back.attributes["method"] == "post"
    assert not [link for link in urls_in(printed) if any(s in link for s in SECRETS)]


def test_posting_the_letter_form_needs_the_csrf_token(case_and_document):
    case, _ = case_and_document
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url(case), WRITER).status_code == 403
    page = strict.get(url(case))
    token = HTMLParser(page.content.decode()).css_first(
        "#letter-form input[name=csrfmiddlewaretoken]"
    )
    response = strict.post(url(case), {**WRITER, "csrfmiddlewaretoken": token.attributes["value"]})
    assert response.status_code == 200
    assert "Zelda Quillfeather" in response.content.decode()


PRIVATE_NAMES = {*PERSONAL_FIELDS, "email", "sender", "password", "new_password1"}


def test_no_get_form_of_the_site_asks_for_personal_data():
    """Every template's GET forms (search, filters) hold no field about a person."""
    from pathlib import Path

    import lifeline

    root = Path(lifeline.__file__).parent
    offending = []
    for template in root.rglob("templates/**/*.html"):
        text = template.read_text(encoding="utf-8")
        for form in re.finditer(r"<form\b(?P<tag>[^>]*)>(?P<body>.*?)</form>", text, re.S):
            method = re.search(r'method="(\w+)"', form["tag"])
            if method and method[1].lower() == "post":
                continue
            fields = set(re.findall(r'name="(\w+)"', form["body"]))
            if fields & PRIVATE_NAMES or "{{ field }}" in form["body"] or "form." in form["body"]:
                offending.append(f"{template.relative_to(root)}: {sorted(fields)}")
    assert not offending
