"""Join, confirm, unsubscribe, preferences, download and delete, through the test client."""

import json

import pytest
from django.urls import reverse

from lifeline.network import links, signup
from lifeline.network.models import Delivery, DeliveryState, MailKind, Member
from lifeline.network.publishing import publish
from tests.cases.factories import make_case, make_concern, make_document
from tests.mailserver import body, deliver_outbox
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db


def join(client, **fields):
    data = {
        "name": "Ruth Ellis",
        "email": "ruth@example.org",
        "password": "a long enough passphrase",
        "language": "en",
        "country": "GB",
        "address": "1 High Street\nLondon",
    }
    data.update(fields)
    return client.post(reverse("network:join"), data)


def test_joining_sends_only_a_confirmation_and_publishing_skips_the_unconfirmed(
    client, smtp_server
):
    response = join(client)
    assert response.status_code == 302
    member = Member.objects.get()
    # The request queued the mail as a row of the outbox; a worker sends it.
    row = Delivery.objects.get()
    assert (row.kind, row.member, row.state) == (MailKind.CONFIRM, member, DeliveryState.QUEUED)
    assert smtp_server.messages == []
    assert deliver_outbox() == 1
    row.refresh_from_db()
    assert row.state == DeliveryState.SENT
    assert member.confirmed is None
    assert not member.user.has_usable_password()  # the mailbox's owner chooses it
    [message] = smtp_server.to("ruth@example.org")
    assert "confirm" in message["Subject"].lower()
    assert links.confirm_url(signup.confirm_token(member)).rsplit(":", 2)[0] in body(message)
    publish(make_document(make_case()))
    assert list(Delivery.objects.all()) == [row]


def test_the_settings_hash_passwords_with_argon2_first():
    from lifeline import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_joining_twice_with_a_known_address_says_the_same_and_creates_nothing(client):
    make_member(email="ruth@example.org")
    response = join(client)
    assert response.status_code == 302
    assert Member.objects.count() == 1


def test_a_bad_form_says_what_is_wrong(client):
    response = join(client, email="not-an-address", name="")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Enter a valid email address" in content
    assert "This field is required" in content
    assert not Member.objects.exists()


def test_the_confirmation_link_asks_on_get_and_confirms_on_post(client):
    member = make_member(confirmed=False)
    url = links.confirm_url(signup.confirm_token(member)).removeprefix("http://127.0.0.1:8000")
    assert client.get(url).status_code == 200
    member.refresh_from_db()
    assert member.confirmed is None
    password = "a long enough passphrase"
    response = client.post(url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.confirmed is not None


def test_a_forged_link_is_refused(client):
    member = make_member(confirmed=False)
    token = signup.confirm_token(member)
    response = client.post(reverse("network:confirm", args=[token[:-2] + "xx"]))
    assert response.status_code == 400
    response = client.post(reverse("network:unsubscribe", args=[token]))  # wrong salt
    assert response.status_code == 400


def test_one_click_unsubscribe_works_without_a_csrf_token(client):
    from django.test import Client

    member = make_member()
    url = reverse("network:unsubscribe", args=[links.unsubscribe_token(member.code)])
    strict = Client(enforce_csrf_checks=True)
    assert strict.get(url).status_code == 200
    member.refresh_from_db()
    assert member.unsubscribed is None
    response = strict.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.unsubscribed is not None


def test_preferences_save_countries_and_concerns(client):
    torture = make_concern("Torture")
    member = make_member()
    client.force_login(member.user)
    response = client.post(
        reverse("network:preferences"),
        {
            "name": "New Name",
            "language": "fr",
            "address": "",
            "country": "FR",
            "chosen_countries": ["MX", "CN"],
            "concerns": [torture.pk],
            "weekly_limit": "2",
            "frequency": "weekly",
        },
    )
    assert response.status_code == 302, response.content.decode()
    member.refresh_from_db()
    assert member.name == "New Name"
    assert member.all_actions is False
    assert set(member.country_rows.values_list("code", flat=True)) == {"MX", "CN"}
    assert list(member.concerns.all()) == [torture]
    assert member.weekly_limit == 2
    assert member.frequency == "weekly"


def test_member_pages_need_a_member(client, django_user_model):
    assert client.get(reverse("network:preferences")).status_code == 302
    outsider = django_user_model.objects.create(username="editor")
    client.force_login(outsider)
    assert client.get(reverse("network:preferences")).status_code == 404
    assert client.get(reverse("network:download")).status_code == 404


def test_the_download_holds_everything_about_the_member_and_nobody_else(client):
    member = make_member(name="Ruth", email="ruth@example.org", countries=["MX"])
    other = make_member(email="other@example.org")
    publish(make_document(make_case(), document_index="AMR 41/01/99"))
    client.force_login(member.user)
    response = client.get(reverse("network:download"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["member"]["email"] == "ruth@example.org"
    assert data["preferences"]["countries"] == ["MX"]
    assert [n["document"] for n in data["notifications"]] == ["AMR 41/01/99"]
    assert other.email not in response.content.decode()


def test_deleting_removes_the_member_their_login_and_their_deliveries(client, django_user_model):
    member = make_member()
    publish(make_document(make_case()))
    client.force_login(member.user)
    assert client.get(reverse("network:delete")).status_code == 200
    response = client.post(reverse("network:delete"))
    assert response.status_code == 200
    assert not Member.objects.exists()
    assert not django_user_model.objects.exists()
    assert not Delivery.objects.exists()


def test_deleting_keeps_appeals_counted_without_identity(client):
    from lifeline.actions.models import Appeal
    from tests.network.test_publishing import make_appeal

    member = make_member(email="writer@example.org")
    document = make_document(make_case())
    make_appeal(member, document)
    client.force_login(member.user)
    data = json.loads(client.get(reverse("network:download")).content)
    assert [appeal["channel"] for appeal in data["appeals"]] == ["letter"]
    client.post(reverse("network:delete"))
    appeal = Appeal.objects.get()
    assert appeal.writer is None
    assert appeal.email == ""
    assert Appeal.objects.filter(document=document).count() == 1
