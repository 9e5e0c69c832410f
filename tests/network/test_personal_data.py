"""Deleting an account removes or anonymises every row about the person, and the
download holds every row about them (issue 10 §5).

`lifeline.network.personal_data.HOLDINGS` lists the models; the first test makes
a new model with a link to a user or member, or an email, name or address field,
fail until it is listed there.
"""

import json
import uuid

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import models
from django.urls import reverse

from lifeline.accounts.roles import EDITORS
from lifeline.actions.models import Appeal, OutgoingAppeal, SenderAddress
from lifeline.api.models import ApiToken
from lifeline.cases.models import Concern
from lifeline.network import personal_data
from lifeline.network.models import Follower, Member
from lifeline.network.publishing import publish
from tests.cases.factories import make_case, make_document
from tests.network.factories import make_appeal, make_member, make_section

EMAIL = "zelda.quill@example.net"
NAME = "Zelda Quillfeather"
ADDRESS = "17 Marigold Lane"
OWN_WORDS = "my neighbour Ana taught me to read"
MARKERS = [EMAIL, NAME, ADDRESS, OWN_WORDS]
PERSONAL_WORDS = ("email", "name", "address")


def _looks_personal(model) -> list[str]:
    people = (get_user_model(), Member)
    why = []
    for field in model._meta.get_fields():
        if not field.concrete:
            continue
        points_to_person = field.is_relation and field.related_model in people
        named_personal = not field.is_relation and any(w in field.name for w in PERSONAL_WORDS)
        if points_to_person or named_personal:
            why.append(field.name)
    return why


def test_every_model_that_may_hold_personal_data_is_classified():
    unlisted = {}
    for model in apps.get_models(include_auto_created=True):
        why = _looks_personal(model)
        if why and model._meta.label not in personal_data.HOLDINGS:
            unlisted[model._meta.label] = why
    assert not unlisted, (
        "These models may hold personal data: list each in "
        f"lifeline.network.personal_data.HOLDINGS: {unlisted}"
    )


def test_the_list_names_real_models_with_a_known_treatment():
    labels = {model._meta.label for model in apps.get_models(include_auto_created=True)}
    for label, holding in personal_data.HOLDINGS.items():
        assert label in labels or not personal_data.installed(label), label
        assert holding.on_deletion in ("deleted", "anonymised", "staff", "none"), label
        assert holding.why, label


@pytest.fixture
def zelda(db):
    """A member with a row in every table that can hold something about a member."""
    member = make_member(
        name=NAME, email=EMAIL, address=f"{ADDRESS}\nLeeds", countries=["MX"], language="en"
    )
    member.concerns.add(Concern.objects.create(name="Freedom of expression"))
    member.user.first_name = NAME
    member.user.save()
    member.user.groups.add(Group.objects.get(name=EDITORS))
    member.user.user_permissions.add(Permission.objects.get(codename="view_appeal"))
    make_section("GB").coordinators.add(member.user)
    ApiToken.issue(member.user, name=f"{NAME}'s laptop")
    document = make_document(make_case(), document_index="AMR 41/01/99")
    publish(document)
    signed_in = make_appeal(member, document, client="hash-of-zeldas-address")
    # Written before they joined, not signed in, giving their email to hear more.
    Appeal.objects.create(
        key=uuid.uuid4(),
        document=document,
        target=signed_in.target,
        channel="email",
        language="fr",
        email=EMAIL.upper(),
    )
    sender = SenderAddress.objects.create(email=EMAIL)
    OutgoingAppeal.objects.create(
        sender=sender,
        document=document,
        target=signed_in.target,
        to="governor@example.org",
        writer_name=NAME,
        language="en",
        subject="Protect Ana",
        text=f"Dear Governor,\n{OWN_WORDS}\n{NAME}\n{ADDRESS}\n{EMAIL}",
        html=f"<p>Dear Governor,</p><p>{OWN_WORDS}</p><p>{NAME}</p>",
    )
    if apps.is_installed("axes"):
        for name in ("AccessAttempt", "AccessFailureLog", "AccessLog"):
            fields = {"failures_since_start": 1} if name == "AccessAttempt" else {}
            apps.get_model("axes", name).objects.create(
                username=EMAIL, ip_address="192.0.2.7", user_agent="Firefox", **fields
            )
    Follower.objects.create(email=EMAIL, language="fr")
    if apps.is_installed("django_otp.plugins.otp_totp"):
        apps.get_model("otp_totp", "TOTPDevice").objects.create(
            user=member.user, name=f"{NAME}'s phone"
        )
    someone_else = make_member(email="other@example.net")
    make_appeal(someone_else, document)
    return member


def _rows_about(model, member_markers, user_id, member_id) -> list:
    """Rows of `model` that still point to the person or contain one of their markers."""
    query = models.Q(pk__in=[])
    for field in model._meta.concrete_fields:
        if field.is_relation:
            if field.related_model is get_user_model():
                query |= models.Q(**{field.attname: user_id})
            elif field.related_model is Member:
                query |= models.Q(**{field.attname: member_id})
        elif isinstance(field, (models.CharField, models.TextField)):
            for marker in member_markers:
                query |= models.Q(**{f"{field.name}__icontains": marker})
    return list(model._base_manager.filter(query))


def _counts(member) -> dict[str, int]:
    return {
        label: len(
            _rows_about(apps.get_model(label), MARKERS, member.user_id, member.pk),
        )
        for label in personal_data.about_members()
    }


def test_the_fixture_has_a_row_in_every_table_about_members(zelda):
    empty = [label for label, count in _counts(zelda).items() if not count]
    assert not empty, f"add a row about the member to the fixture for {empty}"


def test_the_download_holds_every_row_about_the_member(client, zelda):
    client.force_login(zelda.user)
    response = client.get(reverse("network:download"))
    data = json.loads(response.content)
    for label, holding in personal_data.about_members().items():
        assert data.get(holding.download), f"{label}: nothing under {holding.download!r}"
    assert {row["email"] for row in data["sender_addresses"]} == {EMAIL}
    (email,) = data["appeal_emails"]
    assert email["writer_name"] == NAME
    assert OWN_WORDS in email["text"]
    assert sorted(appeal["language"] for appeal in data["appeals"]) == ["en", "fr"]
    assert data["roles"]["groups"] == [EDITORS]
    assert data["roles"]["permissions"] == ["actions.view_appeal"]
    assert data["roles"]["coordinates"] == ["GB"]
    assert [token["name"] for token in data["api_tokens"]] == [f"{NAME}'s laptop"]
    assert "key" not in json.dumps(data.get("two_step_devices", []))
    assert "other@example.net" not in response.content.decode()


def test_deleting_leaves_no_row_about_the_member(client, zelda):
    user_id, member_id = zelda.user_id, zelda.pk
    appeals = Appeal.objects.count()
    client.force_login(zelda.user)
    assert client.post(reverse("network:delete")).status_code == 200
    for model in apps.get_models(include_auto_created=True):
        left = _rows_about(model, MARKERS, user_id, member_id)
        assert not left, f"{model._meta.label} still holds {left}"
    # The appeals stay counted, without their writer or the hash of their address.
    assert Appeal.objects.count() == appeals
    assert not Appeal.objects.filter(client="hash-of-zeldas-address").exists()
    assert Member.objects.filter(email="other@example.net").exists()
    assert Appeal.objects.exclude(email="").get().email == "other@example.net"
