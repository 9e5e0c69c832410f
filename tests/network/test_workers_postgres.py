"""Worker processes against PostgreSQL: 10,000 notifications, each delivered once.

The workers are real `lifeline worker` processes on the suite's PostgreSQL test
database, so the rows they must see are committed (transactional tests).
"""

import signal
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from lifeline.network import postbox
from lifeline.network.models import Delivery, DeliveryState, MailKind, Member
from lifeline.network.publishing import publish
from tests.cases.factories import make_case, make_document
from tests.mailserver import SmtpServer
from tests.network.factories import make_members
from tests.network.workers import (
    RESENT_PER_KILL,
    assert_exactly_once,
    environment,
    finish,
    message_ids,
    start_worker,
    stop,
    wait_for,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SKIP LOCKED between processes: PostgreSQL only (SQLite: test_workers_sqlite.py)",
    ),
]


def database_url() -> str:
    settings = connection.settings_dict
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return (
        f"postgres://{settings['USER']}{password}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


@pytest.fixture
def smtp():
    server = SmtpServer().start()
    yield server
    server.stop()


def addresses(count: int) -> set[str]:
    return {f"bulk{n}@example.org" for n in range(count)}


def test_two_workers_deliver_10000_notifications_once_each_despite_sigkill(smtp):
    make_members(10_000)
    document = make_document(make_case())
    assert publish(document).deliveries == 10_000
    env = environment(smtp, DATABASE_URL=database_url())
    first, second = start_worker(env), start_worker(env)
    try:
        wait_for(lambda: len(smtp.received) >= 2_500, 120, "a quarter of the mail")
        first.send_signal(signal.SIGKILL)
        first.wait()
        restarted = start_worker(env, "--until-empty")
        finish(restarted, timeout=240)
    finally:
        for worker in (first, second):
            stop(worker)
    # At most one message in flight per connection of the killed worker.
    resent = assert_exactly_once(smtp, addresses(10_000), max_resent=RESENT_PER_KILL)
    states = set(Delivery.objects.values_list("state", flat=True))
    assert states == {DeliveryState.SENT}
    print(f"resent after SIGKILL: {resent}")


def test_everything_arrives_after_the_server_refused_then_dropped_connections(smtp):
    make_members(500)
    env = environment(smtp, DATABASE_URL=database_url())
    smtp.stop()
    publish(make_document(make_case()))
    workers = [start_worker(env, "--until-empty") for _ in range(2)]
    try:
        wait_for(
            lambda: Delivery.objects.filter(state=DeliveryState.RETRYING).exists(),
            30,
            "a refused connection to be retried",
        )
        smtp.handler.mode = "drop"
        smtp.start()
        time.sleep(1.0)
        smtp.handler.mode = "busy"
        time.sleep(1.0)
        smtp.handler.mode = "normal"
        for worker in workers:
            finish(worker, timeout=120)
    finally:
        for worker in workers:
            stop(worker)
    assert_exactly_once(smtp, addresses(500))
    assert Delivery.objects.filter(attempts__gt=1).exists()
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SENT}


def test_two_workers_send_each_mail_of_every_kind_once(smtp):
    """Notifications, confirmation mails and password resets in one outbox, taken by
    two worker processes at once: one message per row."""
    make_members(300)
    publish(make_document(make_case()))
    Member.objects.filter(email__in=[f"bulk{n}@example.org" for n in range(100)]).update(
        confirmed=None
    )
    # Unconfirmed: no notification is sent them; their confirmation mail is.
    unconfirmed = list(Member.objects.filter(confirmed=None).values_list("pk", flat=True))
    assert postbox.confirmations(unconfirmed) == 100
    users = get_user_model().objects.filter(
        email__in=[f"bulk{n}@example.org" for n in range(200, 300)]
    )
    for user in users:
        postbox.post(MailKind.RESET, user=user)
    env = environment(smtp, DATABASE_URL=database_url())
    workers = [start_worker(env, "--until-empty") for _ in range(2)]
    try:
        for worker in workers:
            finish(worker, timeout=120)
    finally:
        for worker in workers:
            stop(worker)
    counts = smtp.per_recipient()
    # A member who resets also had the notification: two messages; everyone else one.
    expected = {address: 1 for address in addresses(300)}
    expected.update({f"bulk{n}@example.org": 2 for n in range(200, 300)})
    assert counts == expected
    ids = message_ids(smtp)
    assert all(len(ids[address]) == count for address, count in expected.items())
    rows = Delivery.objects.exclude(member__confirmed=None, kind=MailKind.NOTIFICATION)
    assert set(rows.values_list("state", flat=True)) == {DeliveryState.SENT}
    assert set(Delivery.objects.values_list("kind", flat=True)) == {
        MailKind.NOTIFICATION,
        MailKind.CONFIRM,
        MailKind.RESET,
    }
