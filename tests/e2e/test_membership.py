"""A member joins, confirms, chooses what to receive, gets an action in their language,
follows it, unsubscribes with one click, then downloads and deletes their data: in a real
browser, with every mail read from a real SMTP server."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import expect

from lifeline.cases.models import AppealGroup, AppealPoint
from lifeline.network import links
from lifeline.network.models import Member
from lifeline.network.publishing import publish
from tests.cases.factories import make_case, make_document
from tests.e2e.mail import link, run_worker
from tests.mailserver import body

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def action(title: str, countries: list[str], slug: str):
    case = make_case(slug=slug, title=title, countries=countries)
    document = make_document(
        case,
        title=title,
        countries=countries,
        people_at_risk=["Ana Jiménez"],
        appeal_deadline=dt.date.today() + dt.timedelta(days=30),
    )
    group = AppealGroup.objects.create(document=document, position=0)
    AppealPoint.objects.create(group=group, text="calling for her release", position=0)
    return document


def test_a_member_from_sign_up_to_deletion(page, live_server, smtp):
    # Join.
    page.goto(f"{live_server.url}/network/join/")
    page.get_by_label("Your name").fill("Élodie Ткаченко")
    page.get_by_label("Email").fill("elodie@example.org")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_label("Language for mail").select_option("fr")
    page.get_by_label("Country you live in").select_option("FR")
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your mail")

    # Nothing but the confirmation is sent before confirming.
    publish(action("Before confirming", ["MX"], "ua-1-26"))
    run_worker()
    [confirmation] = smtp.to("elodie@example.org")
    assert "Confirmez" in confirmation["Subject"]

    # Confirm: the link shows a button (mail scanners follow links); pressing it signs in.
    page.goto(link(confirmation, r"http://\S+/network/confirm/\S+/"))
    page.get_by_role("button", name="Confirm my subscription").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your preferences")

    # Only actions about Mexico.
    page.get_by_label("every urgent action").uncheck()
    page.get_by_label("Countries").select_option(["MX"])
    page.get_by_role("button", name="Save preferences").click()
    expect(page.get_by_role("status")).to_contain_text("Your preferences are saved.")

    # Two new actions: the Mexican one arrives, in French; the Chinese one does not.
    mexico = action("Peur pour la sécurité", ["MX"], "ua-2-26")
    publish(mexico)
    publish(action("China only", ["CN"], "ua-3-26"))
    run_worker()
    messages = smtp.to("elodie@example.org")
    assert len(messages) == 2
    notification = messages[1]
    assert notification["Subject"].strip() == "Action urgente: Peur pour la sécurité"
    assert "Bonjour Élodie Ткаченко," in body(notification)
    assert "Écrivez votre lettre" in body(notification, "html")

    # Follow the link to the letter writer (the case page plus write/).
    writer = link(notification, r"http://\S+/cases/ua-2-26/write/")
    assert writer == f"{live_server.url}{links.write_path(mexico.case)}"
    try:
        resolve(links.write_path(mexico.case))
    except Resolver404:
        # The letter writer lives in another branch; until it lands, check the
        # case page the mail also links to.
        page.goto(link(notification, r"http://\S+/cases/ua-2-26/(?=\s)"))
        expect(page.get_by_role("heading", level=1)).to_contain_text("Peur pour la sécurité")
    else:
        response = page.goto(writer)
        assert response.status == 200

    # One-click unsubscribe: a form on GET, done on POST.
    page.goto(link(notification, r"http://\S+/network/unsubscribe/\S+/"))
    assert Member.objects.get().unsubscribed is None
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are unsubscribed")
    assert Member.objects.get().unsubscribed is not None

    # Download, then delete.
    page.goto(f"{live_server.url}/network/me/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download all data we hold about you (JSON)").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["member"]["email"] == "elodie@example.org"
    assert data["preferences"]["countries"] == ["MX"]
    assert len(data["notifications"]) == 1
    page.get_by_role("link", name="Delete your account").click()
    page.get_by_role("button", name="Delete my account and data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account is deleted")
    assert not Member.objects.exists()
