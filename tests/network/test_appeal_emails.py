"""Appeal emails from the site: the writer confirms their address by a link first.

Requests only queue mail in the outbox; `deliver_outbox()` runs the workers'
batch, and a real SMTP server (aiosmtpd) on localhost receives what they send.
"""

import datetime as dt
import re
import threading
import time

import pytest
import time_machine
from django.core import signing
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lifeline.actions.models import Appeal, OutgoingAppeal, SenderAddress, confirmation_token
from lifeline.network import appeal_emails, outbox
from lifeline.network.models import Delivery, DeliveryState, MailKind
from tests.actions.conftest import TODAY
from tests.cases.factories import make_case, make_document, make_group
from tests.mailserver import deliver_outbox

pytestmark = pytest.mark.django_db

WRITER = "Ana.Silva@Example.org"


def send(client, case, to="1-1", sender=WRITER, deliver=True, **fields):
    """Ask the site to send the letter by email; then, unless told not to, let the
    workers send what the request queued."""
    data = {"to": to, "language": "en", "name": "Ana Silva", "sender": sender, **fields}
    response = client.post(reverse("network:appeal_send", kwargs={"slug": case.slug}), data)
    if deliver:
        deliver_outbox()
    return response


def follow(client, url):
    """Confirm by the link in the mail (the form's POST); the workers then send."""
    response = client.post(url)
    deliver_outbox()
    return response


def link_in(message) -> str:
    body = message.get_body(("plain",)).get_content()
    return re.search(r"https?://\S+/appeals/confirm/\S+/", body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_it_sends_the_writer_a_link_and_nothing_to_the_official_yet(
    client, smtp, case_and_document
):
    case, _ = case_and_document
    response = send(client, case)
    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    assert len(smtp.messages) == 1
    _from, recipients, message = smtp.messages[0]
    assert recipients == ["ana.silva@example.org"]
    assert message["Subject"] == "Confirm your address to send your appeal"
    assert link_in(message).startswith("http://testserver/appeals/confirm/")
    html = message.get_body(("html",)).get_content()
    assert link_in(message) in html
    assert OutgoingAppeal.objects.get().state == "waiting"
    assert Appeal.objects.count() == 0


def test_the_outbox_keeps_no_link_that_confirms(client, smtp, case_and_document):
    # Whoever reads the outbox's table (a backup, the admin) must not be able to
    # confirm the writer's address and send in their name: the link is signed when
    # its mail is written.
    case, _ = case_and_document
    send(client, case, deliver=False)
    row = Delivery.objects.get(kind=MailKind.APPEAL_LINK)
    token = confirmation_token(OutgoingAppeal.objects.get()).rsplit(":", 2)[0]
    assert token not in str(row.context)
    assert "/appeals/confirm/" not in str(row.context)
    deliver_outbox()
    follow(client, path_of(link_in(smtp.messages[0][2])))
    assert OutgoingAppeal.objects.get().state == "sent"


def test_following_the_link_shows_a_button_and_sends_nothing(client, smtp, case_and_document):
    case, _ = case_and_document
    send(client, case)
    url = path_of(link_in(smtp.messages[0][2]))
    response = Client().get(url)  # a mail scanner, say
    assert response.status_code == 200
    assert "Confirm and send my appeal" in response.content.decode()
    assert len(smtp.messages) == 1
    assert SenderAddress.objects.get().confirmed is None


def test_confirming_sends_the_appeal_with_the_writer_s_address_for_replies(
    client, smtp, case_and_document
):
    case, document = case_and_document
    send(client, case, own_words="I teach <b>law</b> & care about this.")
    url = path_of(link_in(smtp.messages[0][2]))
    response = follow(client, url)
    assert "Your appeal is on its way" in response.content.decode()

    assert len(smtp.messages) == 2
    _from, recipients, message = smtp.messages[1]
    assert recipients == ["governor@example.org"]
    assert message["To"] == "governor@example.org"
    assert message["Reply-To"] == "ana.silva@example.org"
    assert message["From"].addresses[0].display_name == "Ana Silva via Lifeline"
    assert message["From"].addresses[0].addr_spec == "appeals@lifeline.example"
    assert message["Subject"].endswith("Fear for safety")
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    assert text.startswith("Dear Governor,")
    assert "I teach <b>law</b> & care about this." in text
    assert "protect Ana Invented" in text
    html = message.get_body(("html",)).get_content()
    assert "I teach &lt;b&gt;law&lt;/b&gt; &amp; care about this." in html

    appeal = Appeal.objects.get()
    assert (appeal.document, appeal.channel, appeal.email) == (
        document,
        "email",
        "ana.silva@example.org",
    )
    assert appeal.target.name == "Lic. Ficticio Gobernador"
    assert OutgoingAppeal.objects.get().state == "sent"
    assert SenderAddress.objects.get().confirmed is not None


def test_confirming_twice_sends_once(client, smtp, case_and_document):
    case, _ = case_and_document
    send(client, case)
    url = path_of(link_in(smtp.messages[0][2]))
    follow(client, url)
    again = follow(client, url)
    assert "Your appeal is on its way" in again.content.decode()
    assert len(smtp.messages) == 2
    assert Appeal.objects.count() == 1


def test_the_browser_that_confirmed_sends_the_next_appeal_straight_away(
    client, smtp, case_and_document
):
    case, _ = case_and_document
    send(client, case)
    follow(client, path_of(link_in(smtp.messages[0][2])))
    response = send(client, case, to="1-2")
    assert "Your appeal is on its way" in response.content.decode()
    assert [recipients for _f, recipients, _m in smtp.messages] == [
        ["ana.silva@example.org"],
        ["governor@example.org"],
        ["fiscal@example.org"],
    ]
    assert Appeal.objects.count() == 2


def test_another_browser_using_a_confirmed_address_still_needs_a_link(
    client, smtp, case_and_document
):
    case, _ = case_and_document
    send(client, case)
    follow(client, path_of(link_in(smtp.messages[0][2])))
    response = send(Client(), case, to="1-2")
    assert "Check your inbox" in response.content.decode()
    assert smtp.messages[-1][1] == ["ana.silva@example.org"]
    assert Appeal.objects.count() == 1


def test_one_email_per_address_document_and_official(client, smtp, case_and_document):
    case, _ = case_and_document
    send(client, case)
    response = send(client, case)
    assert "Already sent" in response.content.decode()
    assert len(smtp.messages) == 1
    assert OutgoingAppeal.objects.count() == 1


def test_confirmation_links_to_one_address_are_limited_per_hour(client, smtp, settings):
    from tests.actions.conftest import open_case

    links = settings.APPEAL_CONFIRMATIONS_PER_ADDRESS_PER_HOUR
    cases = [open_case()[0] for _ in range(links + 1)]
    for case in cases[:-1]:
        assert send(Client(), case).status_code == 200
    response = send(Client(), cases[-1])
    assert response.status_code == 429
    assert "Please wait a little" in response.content.decode()
    assert "several confirmation links in the last hour" in response.content.decode()
    assert len(smtp.messages) == links


def test_a_broken_link_is_refused(client, smtp, case_and_document):
    case, _ = case_and_document
    send(client, case)
    url = path_of(link_in(smtp.messages[0][2]))
    broken = url[:-3] + "xx/"
    response = client.post(broken)
    assert response.status_code == 400
    assert "This link does not work" in response.content.decode()
    assert len(smtp.messages) == 1


def test_an_expired_link_is_refused(client, smtp, case_and_document, monkeypatch):
    case, _ = case_and_document
    send(client, case)
    outgoing = OutgoingAppeal.objects.get()
    three_days_ago = time.time() - 3 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: three_days_ago)
        token = confirmation_token(outgoing)
    response = client.post(reverse("network:appeal_confirm", kwargs={"token": token}))
    assert response.status_code == 400
    assert "The link has expired" in response.content.decode()
    assert OutgoingAppeal.objects.get().state == "waiting"


def test_a_link_sent_late_still_expires_two_days_after_the_asking(client, smtp, case_and_document):
    # Its mail retried for a while, the link is signed late; the appeal it is for
    # may meanwhile have been blanked by retention as abandoned.
    case, _ = case_and_document
    send(client, case, deliver=False)
    OutgoingAppeal.objects.update(created=timezone.now() - dt.timedelta(days=2, minutes=1))
    deliver_outbox()
    response = client.post(path_of(link_in(smtp.messages[0][2])))
    assert response.status_code == 400
    assert "The link has expired" in response.content.decode()
    assert OutgoingAppeal.objects.get().state == "waiting"


def signed_in_writer(client):
    """A member whose account confirmed ana@example.org: their appeals need no link."""
    from tests.network.factories import make_member

    client.force_login(make_member(name="Ana Silva", email="ana@example.org").user)
    return "ana@example.org"


def test_a_mail_server_that_is_down_leaves_nothing_counted(
    client, smtp, settings, case_and_document
):
    case, _ = case_and_document
    sender = signed_in_writer(client)
    settings.NOTIFY_RETRY_SECONDS, settings.NOTIFY_MAX_ATTEMPTS = 0, 3
    smtp.stop()  # nothing listens: every connection is refused
    response = send(client, case, sender=sender)
    assert "Your appeal is on its way" in response.content.decode()
    outgoing = OutgoingAppeal.objects.get()
    assert outgoing.state == "failed" and outgoing.error
    row = Delivery.objects.get(appeal=outgoing)
    assert (row.state, row.attempts) == (DeliveryState.FAILED, 3)
    assert Appeal.objects.count() == 0
    # A failed email does not hold the writer back: they may ask again.
    smtp.start()
    again = send(client, case, sender=sender)
    assert "Your appeal is on its way" in again.content.decode()
    assert OutgoingAppeal.objects.filter(state="sent").count() == 1
    assert Appeal.objects.count() == 1


def test_a_link_that_cannot_be_delivered_fails_its_appeal_email(
    client, smtp, settings, case_and_document
):
    case, _ = case_and_document
    smtp.handler.refused.add(WRITER.lower())
    response = send(client, case)
    assert "Check your inbox" in response.content.decode()
    outgoing = OutgoingAppeal.objects.get()
    assert outgoing.state == "failed" and "550" in outgoing.error
    assert smtp.messages == []


def test_the_request_only_queues_the_email_and_the_worker_sends_it(client, smtp, case_and_document):
    case, document = case_and_document
    sender = signed_in_writer(client)
    response = send(client, case, sender=sender, deliver=False)
    assert "queued to go to governor@example.org" in response.content.decode()
    assert smtp.messages == []
    outgoing = OutgoingAppeal.objects.get()
    assert outgoing.state == "sending"
    row = Delivery.objects.get()
    assert (row.kind, row.appeal, row.to) == (MailKind.APPEAL, outgoing, "governor@example.org")
    assert Appeal.objects.count() == 0  # counted once it has gone

    assert deliver_outbox() == 1
    assert [recipients for _f, recipients, _m in smtp.messages] == [["governor@example.org"]]
    outgoing.refresh_from_db()
    assert outgoing.state == "sent" and outgoing.sent is not None
    assert Appeal.objects.get().document == document


def test_an_email_left_sending_by_a_killed_process_is_sent_once_after_its_lease(
    client, smtp, settings, case_and_document
):
    case, _ = case_and_document
    sender = signed_in_writer(client)
    send(client, case, sender=sender, deliver=False)
    # A worker claims the row and dies before sending it.
    _token, [_claimed] = outbox.claim(10)
    assert Delivery.objects.get().state == DeliveryState.SENDING
    assert deliver_outbox() == 0  # still under the dead worker's lease
    after_lease = timezone.now() + dt.timedelta(seconds=settings.NOTIFY_LEASE_SECONDS + 1)
    with time_machine.travel(after_lease, tick=False):
        assert deliver_outbox() == 1
        assert deliver_outbox() == 0
    assert [recipients for _f, recipients, _m in smtp.messages] == [["governor@example.org"]]
    assert OutgoingAppeal.objects.get().state == "sent"
    assert Delivery.objects.get().attempts == 2
    assert Appeal.objects.count() == 1


def test_a_bad_sender_address_is_refused_beside_the_field(client, smtp, case_and_document):
    case, _ = case_and_document
    response = send(client, case, sender="not an address")
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert smtp.messages == []


def test_an_official_without_email_cannot_be_sent_to(client, smtp, sample_case):
    response = send(client, sample_case, to="1-1")
    assert response.status_code == 400
    assert "has no email address" in response.content.decode()
    assert smtp.messages == [] and OutgoingAppeal.objects.count() == 0


def test_the_link_once_used_says_the_appeal_has_gone(client, smtp, case_and_document):
    case, _ = case_and_document
    send(client, case)
    url = path_of(link_in(smtp.messages[0][2]))
    follow(client, url)
    page = Client().get(url).content.decode()
    assert "This appeal has already gone to governor@example.org." in page
    assert "Confirm and send my appeal" not in page


def test_a_signed_in_member_with_a_confirmed_address_sends_without_a_link(
    client, smtp, case_and_document
):
    from tests.network.factories import make_member

    case, _ = case_and_document
    member = make_member(name="Ana Silva", email="ana@example.org")
    client.force_login(member.user)
    response = send(client, case, sender="ana@example.org")
    assert "Your appeal is on its way" in response.content.decode()
    assert [recipients for _f, recipients, _m in smtp.messages] == [["governor@example.org"]]
    assert Appeal.objects.get().email == "ana@example.org"


def test_a_member_sending_from_another_address_still_confirms_it(client, smtp, case_and_document):
    from tests.network.factories import make_member

    case, _ = case_and_document
    client.force_login(make_member(email="ana@example.org").user)
    response = send(client, case, sender="someone.else@example.org")
    assert "Check your inbox" in response.content.decode()
    assert smtp.messages[0][1] == ["someone.else@example.org"]


def flood(case, senders, clients=None):
    """Ask the site to email `case`'s first official once from each sender, each in a
    browser of its own, from one network address or one each; the answers' statuses."""
    statuses = []
    for number, sender in enumerate(senders):
        address = clients[number] if clients else "127.0.0.1"
        statuses.append(send(Client(REMOTE_ADDR=address), case, sender=sender))
    return statuses


def test_one_client_with_many_addresses_is_stopped_at_the_client_limit(
    smtp, case_and_document, settings
):
    """The probe: one client, a catch-all domain, a new sender address each time."""
    case, _ = case_and_document
    limit = settings.APPEAL_EMAILS_PER_CLIENT_PER_HOUR
    answers = flood(case, [f"writer{n}@catch-all.example" for n in range(limit + 5)])
    assert [a.status_code for a in answers] == [200] * limit + [429] * 5
    assert "from your network address" in answers[-1].content.decode()
    assert len(smtp.messages) == limit  # confirmation links; nothing reached the official
    assert OutgoingAppeal.objects.count() == limit


def test_one_catch_all_domain_is_stopped_at_the_domain_limit_from_any_address(
    smtp, case_and_document, settings
):
    settings.APPEAL_EMAILS_PER_DOMAIN_PER_HOUR = 4
    case, _ = case_and_document
    senders = [f"writer{n}@catch-all.example" for n in range(6)]
    answers = flood(case, senders, [f"192.0.2.{n}" for n in range(6)])
    assert [a.status_code for a in answers] == [200] * 4 + [429] * 2
    assert "addresses at catch-all.example" in answers[-1].content.decode()


def test_the_big_shared_mail_providers_are_not_held_to_the_domain_limit(
    smtp, case_and_document, settings
):
    settings.APPEAL_EMAILS_PER_DOMAIN_PER_HOUR = 2
    case, _ = case_and_document
    senders = [f"writer{n}@gmail.com" for n in range(4)]
    answers = flood(case, senders, [f"192.0.2.{n}" for n in range(4)])
    assert [a.status_code for a in answers] == [200] * 4


def test_an_official_receives_a_bounded_number_per_case_and_per_day(
    smtp, case_and_document, settings
):
    settings.APPEAL_EMAILS_PER_OFFICIAL_PER_CASE_PER_DAY = 3
    settings.APPEAL_EMAILS_PER_OFFICIAL_PER_DAY = 5
    case, document = case_and_document
    governor = document.groups.get().targets.get(name="Lic. Ficticio Gobernador")
    other_case = open_case_naming(governor)
    senders = [f"writer@domain{n}.example" for n in range(12)]
    clients = [f"192.0.2.{n}" for n in range(12)]

    answers = flood(case, senders[:4], clients[:4])
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert "about this case through this site today" in answers[-1].content.decode()
    assert "Lic. Ficticio Gobernador" in answers[-1].content.decode()

    answers = flood(other_case, senders[4:7], clients[4:7])
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert "has received many emails through this site today" in answers[-1].content.decode()

    with time_machine.travel(timezone.now() + dt.timedelta(hours=25)):
        answers = flood(other_case, senders[7:9], clients[7:9])
    assert [a.status_code for a in answers] == [200, 200]


def open_case_naming(target):
    """Another open case whose one group names `target`."""
    case = make_case(deadline=TODAY + dt.timedelta(days=30), issued=TODAY)
    document = make_document(case, appeal_deadline=case.deadline, issue_date=TODAY)
    make_group(document, audience="", points=["urging protection;"], targets=[target])
    return case


# Concurrency is tested where it is real (see test_appeals.py on SQLite's test database).
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency runs on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_requests_racing_for_an_official_s_last_email_get_one(smtp, settings):
    from tests.actions.conftest import open_case

    settings.APPEAL_EMAILS_PER_OFFICIAL_PER_CASE_PER_DAY = 1
    case, _ = open_case()
    barrier = threading.Barrier(4)
    statuses = []

    def ask(number):
        try:
            barrier.wait()
            browser = Client(REMOTE_ADDR=f"192.0.2.{number}")
            statuses.append(send(browser, case, sender=f"w@d{number}.example").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200, 429, 429, 429]
    assert OutgoingAppeal.objects.count() == 1


def test_the_domain_limit_counts_the_subdomains_of_a_catch_all_domain_together(
    smtp, case_and_document, settings
):
    """A wildcard domain gives one person any number of subdomains, as it gives
    them any number of addresses: the limit is on the registered domain."""
    settings.APPEAL_EMAILS_PER_DOMAIN_PER_HOUR = 4
    case, _ = case_and_document
    senders = [f"writer@box{n}.catch-all.example" for n in range(6)]
    answers = flood(case, senders, [f"192.0.2.{n}" for n in range(6)])
    assert [a.status_code for a in answers] == [200] * 4 + [429] * 2
    assert "addresses at catch-all.example" in answers[-1].content.decode()


@pytest.mark.parametrize(
    ("address", "domain"),
    [
        ("a@catch-all.example", "catch-all.example"),
        ("a@x.y.catch-all.example", "catch-all.example"),
        ("a@mail.example.co.uk", "example.co.uk"),
        ("a@example.co.uk", "example.co.uk"),
        ("a@Sub.Example.COM.", "example.com"),
        ("a@localhost", "localhost"),
    ],
)
def test_the_domain_counted_is_the_registered_one(address, domain):
    assert appeal_emails._domain(address) == domain
