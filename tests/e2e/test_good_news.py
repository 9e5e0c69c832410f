"""An editor records an outcome in the admin and the good news reaches the members who
wrote, in their language; a member who did not write hears nothing. In a real browser
without JavaScript, with the mail read from a real SMTP server."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from lifeline.accounts.roles import EDITORS
from tests.cases.factories import make_case, make_document
from tests.e2e.mail import link, run_worker
from tests.mailserver import body
from tests.network.factories import make_appeal, make_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_editor_records_good_news_and_the_writers_hear_it(page, live_server, smtp):
    case = make_case(slug="ua-40-26", title="Fear for safety", countries=["MX"])
    document = make_document(
        case,
        title="Fear for safety",
        people_at_risk=["Ana Jiménez"],
        appeal_deadline=dt.date.today() + dt.timedelta(days=30),
    )
    make_appeal(make_member(name="Ruth", email="ruth@example.org"), document)
    make_appeal(make_member(name="Claire", email="claire@example.org", language="fr"), document)
    make_member(name="Reader", email="reader@example.org")  # wrote nothing
    editor = User.objects.create_user("editor", password="a long editor password", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))

    # The editor signs in and goes from the case to "Record an outcome".
    page.goto(f"{live_server.url}/admin/cases/case/{case.pk}/change/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("a long editor password")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Record an outcome").click()

    page.get_by_label("What happened").select_option("released")
    page.get_by_label("Date it happened").fill("2026-12-03")
    page.get_by_label("Summary").fill("Ana Jiménez was released on 3 December.")
    page.get_by_label("Send the news to the members who wrote").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(
        "2 messages queued for the members who wrote."
    )

    run_worker()

    [ruth] = smtp.to("ruth@example.org")
    assert ruth["Subject"] == "Good news: Fear for safety"
    assert "Ana Jiménez was released on 3 December." in body(ruth)
    [claire] = smtp.to("claire@example.org")
    assert claire["Subject"] == "Bonne nouvelle : Fear for safety"
    assert not smtp.to("reader@example.org")

    # The mail links to the case, whose page now tells what happened.
    page.goto(link(ruth, r"http://\S+/cases/ua-40-26/(?=\s)"))
    outcome = page.get_by_role("region", name="Outcome")
    expect(outcome).to_contain_text("Released")
    expect(outcome).to_contain_text("Ana Jiménez was released on 3 December.")
