"""Every page sends a Content-Security-Policy it can pass, and a Permissions-Policy.

The policy allows scripts and styles from the site's own files only, so a page
with an inline <script>, a `style` attribute or an `onclick` would break in the
browser: each page is parsed here and must have none.
"""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from lifeline.cases.importing import import_paths
from lifeline.cases.models import Case, Document

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "000_53efcc61e7a56288.txt"
# Data blocks are not run, so the policy does not apply to them.
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class InlineCode(HTMLParser):
    """Collects what a strict policy would refuse to run or apply."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        inline = tag == "script" and "src" not in attributes
        if inline and attributes.get("type") not in DATA_SCRIPT_TYPES:
            self.found.append(f"inline <script> at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> element at line {self.getpos()[0]}")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f'{name}="{value}" on <{tag}> at line {self.getpos()[0]}')
            if name in ("href", "src", "action") and (value or "").strip().startswith(
                "javascript:"
            ):
                self.found.append(f'{name}="{value}" on <{tag}>')


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.fixture
def site():
    report = import_paths([str(ROOT / "lifeline" / "demo" / "sheets"), str(SAMPLE)])
    assert report.failures == []
    return Case.objects.get(ua_number="105/00")


def public_pages(case):
    document = Document.objects.filter(case=case).first()
    return [
        reverse("cases:home"),
        reverse("cases:case_list"),
        reverse("cases:case", args=[case.slug]),
        reverse("cases:document", args=[document.code]),
        reverse("actions:write", args=[case.slug]),
        reverse("actions:print", args=[case.slug]),
        reverse("archive:search") + "?q=china",
        reverse("network:join"),
        reverse("network:login"),
        reverse("admin:login"),
        "/api/v1/docs",
    ]


def back_office_pages(case):
    document = Document.objects.filter(case=case).first()
    return [
        reverse("admin:index"),
        reverse("admin:cases_case_changelist"),
        reverse("admin:cases_document_change", args=[document.pk]),
        reverse("admin:cases_document_add"),
        reverse("admin:cases_outcome_add"),
    ]


def test_every_page_sends_the_policies(client, site):
    for url in public_pages(site):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "default-src 'none'" in policy
        assert "script-src 'self'" in policy
        assert "style-src 'self'" in policy
        assert "'unsafe-inline'" not in policy
        assert "frame-ancestors 'none'" in policy
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]


def test_public_pages_have_no_inline_script_or_style(client, site):
    for url in public_pages(site):
        response = client.get(url)
        assert inline_code(response.content.decode()) == [], url


def test_back_office_pages_have_no_inline_script_or_style(client, site):
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    for url in back_office_pages(site):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Content-Security-Policy" in response
        assert inline_code(response.content.decode()) == [], url


def test_the_checker_finds_inline_code():
    page = (
        '<p style="color: red">x</p><script>alert(1)</script>'
        '<script type="application/json">{}</script><a href="javascript:go()" onclick="go()">'
    )
    assert len(inline_code(page)) == 4
