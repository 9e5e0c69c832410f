"""A member joins, confirms, chooses what to receive, gets an action in their language,
follows it, unsubscribes with one click, then downloads and deletes their data: in a real
browser, with every mail read from a real SMTP server."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lifeline.cases.models import AppealGroup, AppealPoint
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
    # Join, from the header's link; the form asks for no password.
    page.goto(f"{live_server.url}/")
    page.get_by_role("navigation", name="Your account").get_by_role("link", name="Join").click()
    expect(page.get_by_label("Password")).to_have_count(0)
    page.get_by_label("Your name").fill("Élodie Ткаченко")
    page.get_by_label("Email").fill("elodie@example.org")
    page.get_by_label("Language for mail").select_option("fr")
    page.get_by_label("Country you live in").select_option("FR")
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your mail")

    # Nothing but the confirmation is sent before confirming.
    publish(action("Before confirming", ["MX"], "ua-1-26"))
    run_worker()
    [confirmation] = smtp.to("elodie@example.org")
    assert "Confirmez" in confirmation["Subject"]

    # Confirm: the link shows a form (mail scanners follow links) where the owner of the
    # mailbox chooses the password; confirming signs in, in the member's language.
    page.goto(link(confirmation, r"http://\S+/network/confirm/\S+/"))
    page.locator("[name=new_password1]").fill("correct horse battery staple")
    page.locator("[name=new_password2]").fill("correct horse battery staple")
    page.get_by_role("button", name="Confirmer mon abonnement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vos préférences")
    account = page.get_by_role("navigation", name="Votre compte")
    expect(account.get_by_role("link", name="Se connecter")).to_have_count(0)
    expect(account.get_by_role("button", name="Se déconnecter")).to_be_visible()

    # Only actions about Mexico: countries are checkboxes grouped by region.
    page.get_by_label("toutes les actions urgentes").uncheck()
    page.locator("summary", has_text="Amériques").click()
    page.get_by_label("Mexique").check()
    page.get_by_role("button", name="Enregistrer les préférences").click()
    expect(page.get_by_role("status")).to_contain_text("Vos préférences sont enregistrées.")

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

    # Follow the link to the letter writer.
    writer = link(notification, r"http://\S+/cases/ua-2-26/write/")
    path = reverse("actions:write", kwargs={"slug": mexico.case.slug})
    assert writer == f"{live_server.url}{path}"
    response = page.goto(writer)
    assert response.status == 200

    # One-click unsubscribe: a form on GET, done on POST.
    page.goto(link(notification, r"http://\S+/network/unsubscribe/\S+/"))
    assert Member.objects.get().unsubscribed is None
    page.get_by_role("button", name="Se désabonner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vous êtes désabonné·e")
    assert Member.objects.get().unsubscribed is not None

    # Download, then delete.
    page.goto(f"{live_server.url}/network/me/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger toutes les données").click()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert data["member"]["email"] == "elodie@example.org"
    assert data["preferences"]["countries"] == ["MX"]
    assert len(data["notifications"]) == 1
    assert [mail["mail"] for mail in data["account_mail"]] == ["confirm"]
    page.get_by_role("link", name="Supprimer votre compte").click()
    page.get_by_role("button", name="Supprimer mon compte et mes données").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre compte est supprimé")
    assert not Member.objects.exists()
