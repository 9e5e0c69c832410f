"""Retention: appeal emails' text, unused sender addresses and client hashes go in time,
and nothing the public counts or the news to writers depend on changes."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from lifeline.actions.appeals import case_counts, record_appeal, recording_limited
from lifeline.actions.models import Appeal, OutgoingAppeal, OutgoingState, SenderAddress
from lifeline.network import news
from lifeline.network.retention import purge
from tests.cases.factories import make_case, make_document, make_target
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
LETTER = "Dear Minister,\n\nI am worried. Ruth Writer, 1 Invented Road, Exampletown"


def outgoing(sender: SenderAddress, document, state=OutgoingState.SENT, **fields):
    """An appeal email as `request_send` and `deliver` leave it, and the appeal it recorded."""
    fields.setdefault("target", make_target(email=["minister@example.org"]))
    row = OutgoingAppeal.objects.create(
        sender=sender,
        document=document,
        to="minister@example.org",
        writer_name="Ruth Writer",
        language="en",
        subject="Fear for safety",
        text=LETTER,
        html=f"<p>{LETTER}</p>",
        state=state,
        sent=timezone.now() if state == OutgoingState.SENT else None,
        client="c" * 64,
        domain=sender.email.rpartition("@")[2],
        **fields,
    )
    if state == OutgoingState.SENT:
        record_appeal(
            key=row.code,
            document=document,
            target=row.target,
            channel="email",
            language="en",
            email=sender.email,
        )
    return row


def held(row: OutgoingAppeal) -> tuple[str, str, str]:
    row.refresh_from_db()
    return row.text, row.html, row.writer_name


def test_an_appeal_email_s_text_and_writer_s_name_go_30_days_after_it_was_sent_or_failed():
    document = make_document(make_case())
    sender = SenderAddress.objects.create(email="ruth@example.net")
    with time_machine.travel(START, tick=False):
        sent = outgoing(sender, document)
        failed = outgoing(sender, document, state=OutgoingState.FAILED)
        waiting = outgoing(sender, document, state=OutgoingState.WAITING)
        sending = outgoing(sender, document, state=OutgoingState.SENDING)

    with time_machine.travel(START + dt.timedelta(days=29, hours=23), tick=False):
        assert purge().appeal_email_texts == 0
    assert held(sent) == (LETTER, f"<p>{LETTER}</p>", "Ruth Writer")

    with time_machine.travel(START + dt.timedelta(days=30, minutes=1), tick=False):
        assert purge().appeal_email_texts == 3
        assert purge().appeal_email_texts == 0  # nothing left to do the second time
    for row in (sent, failed, waiting):
        assert held(row) == ("", "", "")
    # Being sent right now: left alone whatever its age.
    assert held(sending) == (LETTER, f"<p>{LETTER}</p>", "Ruth Writer")
    # The rows stay, for "one email per address, document and official" and the counts.
    assert OutgoingAppeal.objects.count() == 4
    assert case_counts(document.case).total == 1
    assert sent.sender.email == "ruth@example.net"


def test_a_shorter_keep_never_blanks_an_email_whose_link_may_still_be_followed(settings):
    settings.APPEAL_EMAIL_TEXT_KEEP_DAYS = 0
    document = make_document(make_case())
    sender = SenderAddress.objects.create(email="ruth@example.net")
    with time_machine.travel(START, tick=False):
        waiting = outgoing(sender, document, state=OutgoingState.WAITING)
    with time_machine.travel(START + dt.timedelta(hours=47), tick=False):
        purge()
    assert held(waiting)[0] == LETTER
    with time_machine.travel(START + dt.timedelta(hours=49), tick=False):
        purge()
    assert held(waiting) == ("", "", "")


def test_a_sender_address_of_no_account_goes_after_a_year_unused_and_no_news_follows():
    document = make_document(make_case())
    with time_machine.travel(START, tick=False):
        stranger = SenderAddress.objects.create(email="stranger@example.net")
        outgoing(stranger, document)
        busy = SenderAddress.objects.create(email="busy@example.net")
        member = make_member(email="Member@Example.org")
        of_member = SenderAddress.objects.create(email="member@example.org")
        outgoing(of_member, document)
    with time_machine.travel(START + dt.timedelta(days=200), tick=False):
        outgoing(busy, document)  # used since: a year from now
    assert list(news.asked_for_news(document.case_id)) == []

    with time_machine.travel(START + dt.timedelta(days=364), tick=False):
        assert purge().sender_addresses == 0
    with time_machine.travel(START + dt.timedelta(days=366), tick=False):
        report = purge()

    assert report.sender_addresses == 1
    assert report.appeal_emails_of_those_addresses == 1
    assert set(SenderAddress.objects.values_list("email", flat=True)) == {
        "busy@example.net",
        member.email.lower(),
    }
    # The appeal the email recorded stays counted, without the address; it was
    # given for the official's reply, so it must not turn into a request for news.
    assert case_counts(document.case).total == 3
    assert not Appeal.objects.filter(email="stranger@example.net").exists()
    assert list(news.asked_for_news(document.case_id)) == []


def anonymous_appeal(document, target, browser: str, client: str) -> Appeal:
    appeal, _created = record_appeal(
        key=uuid.uuid4(),
        document=document,
        target=target,
        channel="letter",
        language="en",
        browser=browser,
        client=client,
    )
    return appeal


def test_client_hashes_go_after_48_hours_and_the_public_counts_do_not_change(settings):
    settings.APPEAL_RECORDS_PER_CLIENT_PER_HOUR = 3
    case = make_case()
    document = make_document(case)
    target = make_target()
    sender = SenderAddress.objects.create(email="ruth@example.net")
    with time_machine.travel(START, tick=False):
        # One browser saying "I have sent it" three times counts once; two more browsers.
        for browser in ("b1", "b1", "b1", "b2", "b3"):
            anonymous_appeal(document, target, browser, client="net-1")
        email = outgoing(sender, document)

    with time_machine.travel(START + dt.timedelta(hours=47), tick=False):
        assert purge().appeal_client_hashes == 0
        # Still held while the limits might look at them.
        assert Appeal.objects.filter(client="net-1").count() == 5
    with time_machine.travel(START + dt.timedelta(hours=48, minutes=1), tick=False):
        fresh = anonymous_appeal(document, target, "b4", client="net-2")
        before = case_counts(case)
        report = purge()

    assert report.appeal_client_hashes == 5
    assert report.appeal_email_client_hashes == 1
    assert set(Appeal.objects.values_list("client", flat=True)) == {"", "net-2"}
    email.refresh_from_db()
    assert (email.client, email.domain) == ("", "")
    fresh.refresh_from_db()
    assert fresh.client == "net-2"
    # The browser hashes stay: blanking them would count each of b1's appeals.
    assert sorted(Appeal.objects.exclude(browser="").values_list("browser", flat=True)) == [
        "b1",
        "b1",
        "b1",
        "b2",
        "b3",
        "b4",
    ]
    after = case_counts(case)
    assert after.rows() == before.rows()
    assert after.total == 5  # b1 once, b2, b3, b4, and the email the site sent
    # The rate limit still sees a recent client.
    settings.APPEAL_RECORDS_PER_CLIENT_PER_HOUR = 1
    with time_machine.travel(START + dt.timedelta(hours=48, minutes=2), tick=False):
        assert recording_limited("net-2")


def test_lifeline_purge_dry_run_counts_and_changes_nothing_then_purge_removes():
    document = make_document(make_case())
    sender = SenderAddress.objects.create(email="ruth@example.net")
    with time_machine.travel(START, tick=False):
        row = outgoing(sender, document)
    with time_machine.travel(START + dt.timedelta(days=31), tick=False):
        out = io.StringIO()
        call_command("purge", "--dry-run", stdout=out)
        assert "Dry run: nothing was changed" in out.getvalue()
        assert "1 appeal emails: text and writer's name to blank" in out.getvalue()
        assert "1 appeal emails: client address hash and sender domain to blank" in out.getvalue()
        assert held(row)[0] == LETTER
        assert OutgoingAppeal.objects.get().client == "c" * 64

        out = io.StringIO()
        call_command("purge", stdout=out)
    assert "1 appeal emails: text and writer's name blanked" in out.getvalue()
    assert "0 sender addresses (no account, unused) deleted" in out.getvalue()
    assert held(row) == ("", "", "")


@pytest.mark.django_db(transaction=True)
def test_the_worker_applies_the_retention_periods_as_it_starts():
    document = make_document(make_case())
    sender = SenderAddress.objects.create(email="ruth@example.net")
    with time_machine.travel(START, tick=False):
        row = outgoing(sender, document)
    with time_machine.travel(START + dt.timedelta(days=31)):
        call_command("worker", "--until-empty", "--interval", "0")
    assert held(row) == ("", "", "")
    row.refresh_from_db()
    assert row.client == ""


RETENTION_SETTINGS = (
    "APPEAL_EMAIL_TEXT_KEEP_DAYS",
    "SENDER_ADDRESS_KEEP_DAYS",
    "CLIENT_HASH_KEEP_HOURS",
)


def test_each_retention_setting_has_a_row_in_the_configuration_page():
    page = (Path(__file__).resolve().parents[2] / "docs" / "configuration.md").read_text("utf-8")
    assert [name for name in RETENTION_SETTINGS if f"| `{name}` |" not in page] == []


def test_a_client_hash_kept_for_less_than_the_limits_look_back_stops_the_start(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "True",
        "LIFELINE_DATA_DIR": str(tmp_path),
        "CLIENT_HASH_KEEP_HOURS": "12",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import lifeline.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "CLIENT_HASH_KEEP_HOURS must be 24 or more, not 12" in result.stderr


def test_the_purge_task_applies_the_retention_periods_and_says_what_it_did():
    from lifeline.network.tasks import purge_personal_data

    document = make_document(make_case())
    sender = SenderAddress.objects.create(email="ruth@example.net")
    with time_machine.travel(START, tick=False):
        row = outgoing(sender, document)
    with time_machine.travel(START + dt.timedelta(days=31), tick=False):
        result = purge_personal_data.call()
    assert result["appeal_email_texts"] == 1
    assert result["appeal_email_client_hashes"] == 1
    assert held(row) == ("", "", "")
