"""In a real browser, with JavaScript on, no page breaks the Content-Security-Policy.

Chromium reports every refused script, style, image or fetch on the console
("Refused to ..."); the pages, the letter page's script, the admin and the API's
interactive documentation must cause none.
"""

from pathlib import Path

import pytest
from django.contrib.auth.models import User

from lifeline.cases.importing import import_paths
from lifeline.cases.models import Case

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT.parent / "shared" / "samples" / "000_53efcc61e7a56288.txt"


@pytest.fixture
def scripted_page(browser):
    context = browser.new_context(java_script_enabled=True, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page, refused
    context.close()


def test_pages_admin_and_api_docs_pass_the_policy(live_server, scripted_page):
    report = import_paths([str(ROOT / "lifeline" / "demo" / "sheets"), str(SAMPLE)])
    assert report.failures == []
    case = Case.objects.get(ua_number="105/00")
    User.objects.create_superuser("root", "root@example.org", "a long password 1")
    page, refused = scripted_page

    for path in ("/", "/cases/", case.get_absolute_url(), "/search/?q=china", "/network/join/"):
        page.goto(live_server.url + path)
    page.goto(f"{live_server.url}/cases/{case.slug}/write/")
    # The letter page's script redraws the draft as the writer types.
    page.get_by_label("Your name").fill("Ana Silva")
    page.wait_for_load_state("networkidle")

    page.goto(live_server.url + "/api/v1/docs")
    page.locator(".swagger-ui").first.wait_for()
    page.wait_for_load_state("networkidle")

    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill("a long password 1")
    page.get_by_role("button", name="Log in").click()
    for path in ("/admin/", "/admin/cases/document/add/", "/admin/cases/case/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")

    assert refused == []
