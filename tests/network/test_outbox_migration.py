"""Migrating to one outbox: the rows there were keep their meaning, and an appeal email
the old in-request sending left `sending` is queued for the workers."""

import pytest
from django.utils import timezone

from lifeline.actions.models import OutgoingAppeal
from lifeline.network.models import Delivery, DeliveryState, MailKind
from tests.migrating import latest, migrate

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("network", "0005_delivery_outcome_in_cases")]


def test_notifications_stay_and_an_interrupted_appeal_email_is_queued():
    old = migrate(BEFORE)
    try:
        case = old.get_model("cases", "Case").objects.create(slug="ua-1-99", title="Fear")
        document = old.get_model("cases", "Document").objects.create(
            case=case, kind="urgent_action", title="Fear", source_hash="a" * 64
        )
        target = old.get_model("cases", "Target").objects.create(key="governor", name="Governor")
        user = old.get_model("auth", "User").objects.create(username="ana")
        member = old.get_model("network", "Member").objects.create(
            user=user, name="Ana", email="ana@example.org"
        )
        old.get_model("network", "Delivery").objects.create(
            member=member, document=document, next_attempt=timezone.now()
        )
        sender = old.get_model("actions", "SenderAddress").objects.create(email="ana@example.org")
        fields = {"sender": sender, "document": document, "target": target, "language": "en"}
        Outgoing = old.get_model("actions", "OutgoingAppeal")
        stuck = Outgoing.objects.create(to="governor@example.org", state="sending", **fields)
        fiscal = old.get_model("cases", "Target").objects.create(key="fiscal", name="Fiscal")
        Outgoing.objects.create(
            to="fiscal@example.org", state="sent", **{**fields, "target": fiscal}
        )
    finally:
        migrate(latest())

    notification = Delivery.objects.get(document__isnull=False)
    assert (notification.kind, notification.member.email) == (
        MailKind.NOTIFICATION,
        "ana@example.org",
    )
    queued = Delivery.objects.get(appeal__isnull=False)
    assert queued.appeal == OutgoingAppeal.objects.get(pk=stuck.pk)
    assert (queued.kind, queued.to, queued.state) == (
        MailKind.APPEAL,
        "governor@example.org",
        DeliveryState.QUEUED,
    )
