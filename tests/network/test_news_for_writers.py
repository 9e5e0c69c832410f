"""A writer who is not signed in and gives their email on "I have sent it" hears
the news of the case, once, through the outbox, with a way to stop (issue 9 §4)."""

import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from lifeline.actions.models import Appeal, OutgoingAppeal, SenderAddress
from lifeline.network.models import Delivery, DeliveryState, Follower
from lifeline.network.outbox import claim
from lifeline.network.publishing import announce
from lifeline.network.sending import send_batch
from tests.cases.factories import make_case, make_document, make_target
from tests.mailserver import body
from tests.network.factories import make_appeal, make_member
from tests.network.test_outcomes import released

pytestmark = pytest.mark.django_db


def wrote_anonymously(document, email, language="en", **fields):
    return Appeal.objects.create(
        key=fields.pop("key", None) or uuid.uuid4(),
        document=document,
        target=fields.pop("target", None) or make_target(),
        channel="letter",
        language=language,
        email=email,
        **fields,
    )


def recipients(outcome) -> list[str]:
    return sorted(
        delivery.recipient.email
        for delivery in Delivery.objects.filter(outcome=outcome).select_related(
            "member", "follower"
        )
    )


def test_every_address_that_asked_hears_the_news_once():
    case = make_case()
    original = make_document(case)
    update = make_document(case, kind="further_information", update_number=1)
    wrote_anonymously(original, "Anon@Example.org")
    wrote_anonymously(update, "anon@example.org")  # twice, another case of letters
    wrote_anonymously(original, "other@example.org", language="fr")
    wrote_anonymously(original, "")  # no address given: nobody to tell
    # A member who wrote without signing in, with their member's address: as a member.
    member = make_member(email="member@example.org")
    wrote_anonymously(original, "MEMBER@example.org")
    # A member who unsubscribed gets nothing, even by the address they wrote with.
    gone = make_member(email="gone@example.org", unsubscribed=timezone.now())
    wrote_anonymously(original, "gone@example.org")
    # An appeal sent from the site carries the sender's address for the reply, not for news.
    sender = SenderAddress.objects.create(email="sender@example.org")
    outgoing = OutgoingAppeal.objects.create(
        sender=sender, document=original, target=make_target(), to="o@example.org",
        writer_name="S", language="en", subject="s", text="t", html="h",
    )  # fmt: skip
    wrote_anonymously(original, "sender@example.org", key=outgoing.code)
    # Someone who asked about another case.
    wrote_anonymously(make_document(make_case(slug="elsewhere")), "elsewhere@example.org")
    outcome = released(case)

    result = announce(outcome)

    assert recipients(outcome) == ["anon@example.org", "member@example.org", "other@example.org"]
    assert result.deliveries == 3
    assert Follower.objects.get(email="other@example.org").language == "fr"
    assert not Follower.objects.filter(email__in=["member@example.org", "gone@example.org"])
    assert member.mailable and not gone.mailable
    # Exactly once: announcing again, or another writer, queues nothing more.
    wrote_anonymously(original, "late@example.org")
    assert announce(outcome).deliveries == 0
    assert Delivery.objects.filter(outcome=outcome).count() == 3


def test_a_follower_is_mailed_through_the_outbox_and_can_stop(client, smtp_server):
    case = make_case(slug="ua-12-26", title="Fear for safety")
    document = make_document(case, people_at_risk=["Ana Jiménez"])
    wrote_anonymously(document, "anon@example.org")
    wrote_anonymously(document, "anon@example.org")
    make_appeal(make_member(name="Ruth", email="ruth@example.org"), document)
    announce(released(case))

    report = send_batch()

    assert report.sent == 2
    [message] = smtp_server.to("anon@example.org")
    text = body(message)
    assert text.startswith("Hello,")
    assert "Ana Jiménez" in text and "Thank you for yours." in text
    assert "you gave your email, when you said you had sent an appeal" in text
    assert "joined the urgent action network" not in text
    stop = re.search(r"No more news: (\S+)", text).group(1)
    assert message["List-Unsubscribe"] == f"<{stop}>"
    assert "Dear Ruth," in body(smtp_server.to("ruth@example.org")[0])
    assert Delivery.objects.filter(state=DeliveryState.SENT).count() == 2
    # Sent exactly once: nothing left for another batch.
    assert send_batch().sent == 0

    path = stop.removeprefix("http://127.0.0.1:8000")
    assert path.startswith(reverse("network:stop_news", args=["x"]).removesuffix("x/"))
    # GET only asks (mail scanners follow links).
    page = client.get(path)
    assert page.status_code == 200
    assert "anon@example.org" in page.content.decode()
    assert Follower.objects.filter(email="anon@example.org").exists()
    # POST stops, without a CSRF token (RFC 8058 one-click), and keeps nothing.
    assert client.post(path).status_code == 200
    assert not Follower.objects.exists()
    assert not Appeal.objects.filter(email__iexact="anon@example.org").exists()
    assert Appeal.objects.filter(document=document).count() == 3  # still counted
    assert client.post(path).status_code == 400
    # The next outcome of the case goes to the member only.
    announce(released(case, summary="Ana was acquitted."))
    assert send_batch().sent == 1
    assert len(smtp_server.to("anon@example.org")) == 1


def test_a_forged_stop_link_is_refused(client):
    assert client.get(reverse("network:stop_news", args=["forged"])).status_code == 400
    assert client.post(reverse("network:stop_news", args=["forged"])).status_code == 400


def test_a_batch_ending_among_followers_does_not_take_them_all():
    case = make_case()
    document = make_document(case)
    for number in range(5):
        wrote_anonymously(document, f"anon{number}@example.org")
    announce(released(case))
    _token, rows = claim(2)
    assert len(rows) == 2


def test_a_follower_cannot_be_sent_a_document():
    from django.db import IntegrityError, transaction

    follower = Follower.objects.create(email="anon@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(
            follower=follower, document=make_document(make_case()), next_attempt=timezone.now()
        )


def test_a_follower_who_wrote_in_french_reads_the_news_in_french(smtp_server):
    case = make_case(title="Crainte pour la sécurité")
    wrote_anonymously(make_document(case, title=case.title), "claire@example.org", language="fr")
    announce(released(case))

    send_batch()

    [message] = smtp_server.to("claire@example.org")
    text = body(message)
    assert text.startswith("Bonjour,")
    assert "pour savoir comment le cas évolue" in text
    assert "Ne plus recevoir de nouvelles :" in text
    assert message["Content-Language"] == "fr"
