"""Good news: an announced outcome reaches every member who wrote, once, straight away."""

import datetime as dt
import json
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from lifeline.actions.models import Appeal
from lifeline.cases.models import Outcome, OutcomeKind
from lifeline.network.account import export_data
from lifeline.network.models import Delivery, DeliveryState, Frequency
from lifeline.network.outbox import claim
from lifeline.network.publishing import announce, publish
from lifeline.network.sending import messages_of, send_batch
from tests.cases.factories import make_case, make_document, make_target
from tests.mailserver import body
from tests.network.factories import make_appeal, make_member

pytestmark = pytest.mark.django_db


def released(case, summary="Ana Jiménez was released on 3 December and is home with her family."):
    return Outcome.objects.create(
        case=case, kind=OutcomeKind.RELEASED, summary=summary, happened=dt.date(2026, 12, 3)
    )


def told(outcome) -> set[str]:
    return set(Delivery.objects.filter(outcome=outcome).values_list("member__email", flat=True))


def test_the_news_goes_to_every_member_who_wrote_and_to_no_one_else():
    case = make_case(title="Fear for safety")
    original = make_document(case, people_at_risk=["Ana Jiménez"])
    update = make_document(case, kind="further_information", update_number=1)
    on_original = make_member(email="first@example.org", all_actions=False)
    on_update = make_member(email="update@example.org", all_actions=False)
    twice = make_member(email="twice@example.org")
    make_member(email="reader@example.org")  # received the action, wrote nothing
    left = make_member(email="left@example.org")
    make_appeal(on_original, original)
    make_appeal(on_update, update)
    make_appeal(twice, original)
    make_appeal(twice, update, channel="email")
    make_appeal(left, original)
    left.unsubscribed = timezone.now()
    left.save()
    # Someone who wrote without being a member and gave no address cannot be told;
    # one who gave it hears the news too (test_news_for_writers.py).
    Appeal.objects.create(
        key=uuid.uuid4(), document=original, target=make_target(), channel="letter",
        language="en", email="",
    )  # fmt: skip
    elsewhere = make_member(email="elsewhere@example.org")
    make_appeal(elsewhere, make_document(make_case(slug="another-case")))
    outcome = released(case)

    result = announce(outcome)

    assert result.first_time
    assert result.deliveries == 3
    assert told(outcome) == {"first@example.org", "update@example.org", "twice@example.org"}
    outcome.refresh_from_db()
    assert outcome.announced is not None


def test_announcing_twice_sends_nothing_the_second_time():
    case = make_case()
    writer = make_member()
    make_appeal(writer, make_document(case))
    outcome = released(case)
    assert announce(outcome).deliveries == 1
    # A member who writes after the news does not get it by a second announcement.
    make_appeal(make_member(), case.documents.get())
    again = announce(outcome)
    assert not again.first_time
    assert again.deliveries == 0
    assert Delivery.objects.filter(outcome=outcome).count() == 1


def test_weekly_digest_members_hear_good_news_at_once_in_a_message_of_its_own():
    case = make_case()
    document = make_document(case)
    weekly = make_member(email="weekly@example.org", frequency=Frequency.WEEKLY)
    publish(document)  # the weekly member's digest row waits for the digest day
    make_appeal(weekly, document)
    outcome = released(case)
    announce(outcome)
    digest_row = Delivery.objects.get(document=document)
    assert digest_row.next_attempt > timezone.now()
    # Were the digest due too, the news would still travel on its own.
    Delivery.objects.filter(pk=digest_row.pk).update(next_attempt=timezone.now())

    _token, rows = claim(10)

    messages = messages_of(rows)
    assert sorted(len(message) for message in messages) == [1, 1]
    assert {message[0].outcome_id for message in messages} == {outcome.pk, None}


def test_a_delivery_is_about_a_document_or_an_outcome_never_both_nor_neither():
    from django.db import IntegrityError, transaction

    case = make_case()
    document = make_document(case)
    member = make_member()
    outcome = released(case)
    now = timezone.now()
    for about in ({"document": document, "outcome": outcome}, {}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Delivery.objects.create(member=member, next_attempt=now, **about)


def test_the_good_news_mail_says_what_happened_thanks_the_writer_and_escapes_it(smtp_server):
    case = make_case(slug="ua-12-26", title="Fear for safety <b>now</b>")
    # The case's title is its documents' (recomputed when an outcome is saved).
    document = make_document(
        case, title=case.title, people_at_risk=["Ana Jiménez", "Олег Ткаченко"]
    )
    ruth = make_member(name="Ruth", email="ruth@example.org")
    make_appeal(ruth, document)
    make_appeal(ruth, document, channel="email")
    outcome = released(case, summary="Both were released.\n\n<script>alert(1)</script>")
    announce(outcome)

    report = send_batch()

    assert report.sent == 1
    [message] = smtp_server.to("ruth@example.org")
    assert message["Subject"] == "Good news: Fear for safety <b>now</b>"
    text = body(message)
    assert "Dear Ruth," in text
    assert "Released: Fear for safety <b>now</b> (3 December 2026)" in text
    assert "Ana Jiménez, Олег Ткаченко" in text
    assert "Both were released." in text
    assert "Members sent 2 appeals for this case. Thank you for yours." in text
    assert "http://127.0.0.1:8000/cases/ua-12-26/" in text
    html = body(message, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>now</b>" not in html
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Delivery.objects.get(outcome=outcome).state == DeliveryState.SENT


def test_a_french_member_reads_the_news_in_french(smtp_server):
    case = make_case(title="Crainte pour la sécurité")
    french = make_member(name="Claire", email="claire@example.org", language="fr")
    make_appeal(french, make_document(case, title=case.title))
    outcome = released(case)
    announce(outcome)

    send_batch()

    [message] = smtp_server.to("claire@example.org")
    assert message["Subject"] == "Bonne nouvelle : Crainte pour la sécurité"
    text = body(message)
    assert "Bonjour Claire," in text
    assert "Libéré·e" in text
    assert "Merci pour le vôtre." in text
    assert message["Content-Language"] == "fr"


def test_the_news_is_in_the_members_data_download():
    case = make_case(slug="ua-12-26")
    member = make_member()
    make_appeal(member, make_document(case))
    announce(released(case))

    data = json.loads(json.dumps(export_data(member)))

    assert {"outcome": "released", "case": "ua-12-26"}.items() <= data["notifications"][0].items()


def test_an_editor_records_an_outcome_and_sends_the_news_from_the_admin(editor):
    case = make_case(title="Fear for safety")
    writer = make_member(email="writer@example.org")
    make_appeal(writer, make_document(case))

    response = editor.post(
        reverse("admin:cases_outcome_add"),
        {
            "case": case.pk,
            "kind": "released",
            "happened": "2026-12-03",
            "summary": "Released without charge.",
            "announce_now": "on",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "1 message queued for the members who wrote." in response.content.decode()
    outcome = Outcome.objects.get(case=case)
    assert outcome.recorded_by.username == "ed"
    assert outcome.announced is not None
    assert told(outcome) == {"writer@example.org"}
    # The case page shows it.
    page = editor.get(case.get_absolute_url()).content.decode()
    assert "Released without charge." in page


def test_the_admin_action_announces_once_and_says_so_the_second_time(editor):
    case = make_case()
    make_appeal(make_member(email="writer@example.org"), make_document(case))
    outcome = released(case)
    changelist = reverse("admin:cases_outcome_changelist")
    action = {"action": "announce_to_writers", "_selected_action": [outcome.pk]}

    first = editor.post(changelist, action, follow=True).content.decode()
    second = editor.post(changelist, action, follow=True).content.decode()

    assert "1 message queued for the members who wrote." in first
    assert "0 messages queued" in second
    assert "had been announced before: nothing sent again." in second
    assert told(outcome) == {"writer@example.org"}
