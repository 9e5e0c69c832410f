"""A member goes from a case to a PDF appeal, says it was sent and sees the count rise.

Chromium with JavaScript off; the PDF is read back with pdftotext.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import expect

from lifeline.actions.models import Appeal
from lifeline.cases.importing import import_paths
from lifeline.cases.models import Case
from tests import mailserver
from tests.actions.conftest import open_case
from tests.cases.factories import make_document
from tests.e2e.mail import run_worker
from tests.letters.fixtures import CHINESE_POINT_TAILS
from tests.letters.pdftools import pdf_text, squeezed

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

smtp = mailserver.smtp  # the fixture

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "000_53efcc61e7a56288.txt"


@pytest.fixture
def sample_case():
    if not SAMPLE.exists():
        pytest.skip(f"the shared samples are not beside the repository ({SAMPLE})")
    report = import_paths([str(SAMPLE)])
    assert (report.imported, report.failures) == (1, [])
    return Case.objects.get(ua_number="105/00")


def test_from_a_case_to_a_pdf_appeal_and_the_count_rises(
    live_server, page, browser, sample_case, tmp_path
):
    page.goto(live_server.url + sample_case.get_absolute_url())
    counts = page.get_by_role("region", name="Appeals sent")
    expect(counts).to_contain_text("No appeals counted yet")

    page.get_by_role("link", name="Write your appeal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write your appeal")
    # UA 105/00's deadline passed long ago: writing is allowed, with the notice.
    expect(page.locator(".status-panel")).to_contain_text("check with your section office first")

    page.get_by_label("Write to").select_option("1-1")
    page.get_by_label("Your name").fill("Ana Silva")
    page.get_by_label("Your street address").fill("12 Rose Street")
    page.get_by_label("Town or city, with postcode").fill("Edinburgh EH2 2PR")
    page.get_by_label("Country you write from").select_option("GB")
    page.get_by_label("Your own words").fill("I am a teacher <b>and</b> I follow this case.")
    page.get_by_role("button", name="Update the draft").click()

    draft = page.locator(".letter-preview")
    expect(draft).to_contain_text("Your Excellency,")
    expect(draft).to_contain_text("I am a teacher <b>and</b> I follow this case.")
    expect(draft.locator("b")).to_have_count(0)
    expect(page.get_by_label("Your name")).to_have_value("Ana Silva")
    page.screenshot(path="/tmp/lifeline-write.png", full_page=True)
    # On paper only the letter is printed: no form, no buttons, no site header.
    page.emulate_media(media="print")
    expect(page.locator(".letter-preview")).to_be_visible()
    expect(page.locator("#letter-form")).to_be_hidden()
    expect(page.get_by_role("button", name="I have sent it")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    page.emulate_media(media="screen")

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.startswith("appeal-ua-105-00")
    saved = tmp_path / "appeal.pdf"
    download.save_as(saved)
    text = pdf_text(saved.read_bytes())
    assert "Your Excellency," in text
    assert "9 Xihuangchenggenbeijie" in text
    assert "Ana Silva" in text and "12 Rose Street" in text
    for tail in CHINESE_POINT_TAILS:
        assert squeezed(tail) in squeezed(text)
    assert squeezed("I am a teacher <b>and</b> I follow this case.") in squeezed(text)

    page.get_by_role("button", name="I have sent it").click()
    expect(page).to_have_url(re.compile(re.escape(sample_case.get_absolute_url()) + "#"))
    expect(page.get_by_role("status")).to_contain_text("Thank you: your appeal is counted.")
    counts = page.get_by_role("region", name="Appeals sent")
    expect(counts).to_contain_text("1 appeal sent so far.")
    row = counts.get_by_role("row", name=re.compile("ZHU Rongji"))
    expect(row.get_by_role("cell")).to_have_text(["1", "0", "0", "1"])

    # The same browser says so again: thanked, but an anonymous writer counts once
    # per official and channel, so a script cannot inflate the count.
    page.get_by_role("link", name="Write your appeal").click()
    page.get_by_role("button", name="I have sent it").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you")
    expect(page.get_by_role("region", name="Appeals sent")).to_contain_text("1 appeal sent so far.")

    # A second writer, in a browser of their own, writes too: the count rises.
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    second = context.new_page()
    try:
        second.goto(live_server.url + sample_case.get_absolute_url())
        second.get_by_role("link", name="Write your appeal").click()
        second.get_by_role("button", name="I have sent it").click()
        expect(second.get_by_role("region", name="Appeals sent")).to_contain_text(
            "2 appeals sent so far."
        )
        second.screenshot(path="/tmp/lifeline-counted.png", full_page=True)
    finally:
        context.close()


# Two requests at once: on SQLite the test database is in memory with a shared cache,
# where the live server's threads see each other's uncommitted rows and table locks
# fail at once, so the race is not the one a deployed site has (see test_appeals.py).
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency runs on PostgreSQL")
def test_a_double_click_on_i_have_sent_it_counts_once(live_server, page):
    case, _ = open_case()
    page.goto(live_server.url + f"/cases/{case.slug}/write/")
    page.get_by_role("button", name="I have sent it").dblclick()
    expect(page.get_by_role("region", name="Appeals sent")).to_contain_text("1 appeal sent")
    assert Appeal.objects.count() == 1


def test_the_same_form_sent_twice_counts_once(live_server, page):
    """The form posted again (a reload, a second press after a slow answer), one by one."""
    case, _ = open_case()
    page.goto(live_server.url + f"/cases/{case.slug}/write/")
    form = page.locator("form", has=page.get_by_role("button", name="I have sent it"))
    fields = {}
    for field in form.locator("input[type=hidden]").all():
        fields[field.get_attribute("name")] = field.get_attribute("value") or ""
    action = live_server.url + form.get_attribute("action")
    answers = [page.request.post(action, form=fields, max_redirects=0) for _ in range(2)]
    assert [answer.status for answer in answers] == [302, 302]
    assert Appeal.objects.count() == 1
    page.goto(live_server.url + case.get_absolute_url())
    expect(page.get_by_role("region", name="Appeals sent")).to_contain_text("1 appeal sent")
    expect(page.get_by_role("status")).to_contain_text("already counted")


def test_an_official_without_a_postal_address_says_why_no_letter(live_server, page):
    case, _ = open_case()
    page.goto(live_server.url + f"/cases/{case.slug}/write/")
    page.get_by_label("Write to").select_option("1-2")
    page.get_by_role("button", name="Update the draft").click()
    expect(page.get_by_role("alert")).to_contain_text("has no postal address")
    expect(page.get_by_label(re.compile("^Printed letter"))).to_be_disabled()
    expect(page.locator("#channel-letter-why")).to_contain_text(
        "so a printed letter cannot reach them"
    )
    # The channel advised for this official instead: email, and the draft is there.
    page.get_by_role("button", name="Update the draft").click()
    expect(page.get_by_label("Email", exact=False).first).to_be_checked()
    expect(page.locator(".letter-preview")).to_contain_text("Dear Attorney General,")


def test_a_closed_case_shows_why_instead_of_a_draft(live_server, page):
    case, _ = open_case(outcome="Ana Invented was released.")
    make_document(case, kind="stop_action", issue_date=dt.date.today())
    case.refresh_summary()
    page.goto(live_server.url + case.get_absolute_url())
    expect(page.get_by_role("link", name="Write your appeal")).to_have_count(0)

    page.goto(live_server.url + f"/cases/{case.slug}/write/")
    expect(page.get_by_role("status")).to_contain_text("This case is closed: no new letters")
    expect(page.locator(".letter-preview")).to_have_count(0)
    expect(page.get_by_role("button", name="Download PDF")).to_have_count(0)
    page.get_by_role("link", name="Read what happened").click()
    expect(page.get_by_role("region", name="Outcome")).to_contain_text("Ana Invented was released.")


def test_sending_from_the_site_after_confirming_the_address_by_a_link(live_server, page, smtp):
    case, _ = open_case(days_left=4)
    page.goto(live_server.url + f"/cases/{case.slug}/write/")
    # Four days left: fax is advised and chosen; email is the way to send from here.
    expect(page.get_by_label(re.compile("^Fax"))).to_be_checked()
    page.locator("#channel-email").check()
    page.get_by_label("Your name").fill("Ana Silva")
    page.get_by_role("button", name="Update the draft").click()

    page.get_by_label("Your email address").fill("ana@example.org")
    page.get_by_role("button", name="Send from this site").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")
    run_worker()  # the request only queued the link; a worker sends it
    assert [recipients for _f, recipients, _m in smtp.messages] == [["ana@example.org"]]

    body = smtp.messages[0][2].get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+/appeals/confirm/\S+/", body).group(0)
    page.goto(link)
    page.get_by_role("button", name="Confirm and send my appeal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your appeal is on its way")
    run_worker()

    _from, recipients, message = smtp.messages[1]
    assert recipients == ["governor@example.org"]
    assert message["Reply-To"] == "ana@example.org"
    assert "Dear Governor," in message.get_body(("plain",)).get_content()

    page.get_by_role("link", name="Back to the case").click()
    counts = page.get_by_role("region", name="Appeals sent")
    row = counts.get_by_role("row", name=re.compile("Ficticio Gobernador"))
    expect(row.get_by_role("cell")).to_have_text(["0", "1", "0", "1"])


def test_with_javascript_the_draft_follows_the_writer_s_typing(live_server, browser):
    case, _ = open_case()
    context = browser.new_context(java_script_enabled=True, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(live_server.url + f"/cases/{case.slug}/write/")
        page.get_by_label("Your name").fill("Ana Silva")
        page.get_by_label("Your own words").fill("I write from a small <i>village</i>.")
        # No button pressed: the draft is redrawn from the form as it stands.
        draft = page.locator(".letter-preview")
        expect(draft).to_contain_text("I write from a small <i>village</i>.")
        expect(draft).to_contain_text("Ana Silva")
        page.get_by_label("Language of the letter").select_option("fr")
        expect(draft.locator("article")).to_have_attribute("lang", "fr")
        # The address bar keeps the choices, never what the writer typed.
        expect(page).to_have_url(re.compile(r"language=fr"))
        assert "Ana" not in page.url and "own_words" not in page.url
        expect(page.locator("#draft-status")).to_have_text("The draft is updated.")
    finally:
        context.close()
