"""Sending a batch into a real SMTP server: content, headers, failures and bounces."""

import datetime as dt

import pytest
from django.utils import timezone

from lifeline.cases.models import AppealGroup, AppealPoint
from lifeline.network import postbox
from lifeline.network.models import Delivery, DeliveryState, MailKind, Member
from lifeline.network.publishing import publish
from lifeline.network.sending import send_batch
from tests.cases.factories import make_case, make_document
from tests.mailserver import body
from tests.network.factories import make_member

pytestmark = pytest.mark.django_db


def make_action(**fields):
    slug = fields.pop("case_slug", "ua-12-26")
    case = make_case(slug=slug, title=fields.pop("case_title", "Fear for safety"))
    fields.setdefault("title", "Fear for safety")
    fields.setdefault("people_at_risk", ["Ana Jiménez", "Олег Ткаченко"])
    fields.setdefault("appeal_deadline", dt.date(2026, 12, 31))
    document = make_document(case, **fields)
    group = AppealGroup.objects.create(document=document, audience="", position=0)
    AppealPoint.objects.create(group=group, text="calling for their immediate release", position=0)
    return document


def test_it_sends_a_multipart_message_with_who_what_deadline_and_the_writer_link(smtp_server):
    member = make_member(name="Ruth", email="ruth@example.org")
    document = make_action()
    publish(document)

    report = send_batch()

    assert report.sent == 1
    [message] = smtp_server.to("ruth@example.org")
    assert message.get_content_type() == "multipart/alternative"
    text = body(message)
    assert "Dear Ruth," in text
    assert "Ana Jiménez, Олег Ткаченко" in text
    assert "calling for their immediate release" in text
    assert "31 December 2026" in text
    assert "http://127.0.0.1:8000/cases/ua-12-26/write/" in text
    html = body(message, "html")
    assert 'href="http://127.0.0.1:8000/cases/ua-12-26/write/"' in html
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        message["List-Unsubscribe"]
        .strip()
        .startswith("<http://127.0.0.1:8000/network/unsubscribe/")
    )
    assert Delivery.objects.get(member=member).state == DeliveryState.SENT


def test_the_html_escapes_what_came_from_the_document(smtp_server):
    make_member(email="reader@example.org", name="<b>Bob</b>")
    publish(make_action(title="<script>alert(1)</script> & more", people_at_risk=["<img src=x>"]))
    send_batch()
    [message] = smtp_server.to("reader@example.org")
    html = body(message, "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "<img src=x>" not in html
    assert "&lt;b&gt;Bob&lt;/b&gt;" in html
    assert "<script>alert(1)</script> & more" in body(message)
    # A subject is plain text: it shows the title as written, not as HTML entities.
    assert message["Subject"] == "Urgent Action: <script>alert(1)</script> & more"


def test_a_subject_with_accented_and_cyrillic_names_arrives_intact(smtp_server):
    make_member(email="reader@example.org")
    title = "Fear for safety: María José Jiménez / Олег Ткаченко and Jean-François Lévêque"
    publish(make_action(title=title))
    send_batch()
    [message] = smtp_server.to("reader@example.org")
    # Python's parser keeps the folding space before the first encoded word; the
    # space between the names (the one CPython 3.11 can lose) must survive.
    assert message["Subject"].strip() == f"Urgent Action: {title}"


def test_it_writes_in_the_members_language(smtp_server):
    make_member(email="fr@example.org", language="fr")
    publish(make_action())
    send_batch()
    [message] = smtp_server.to("fr@example.org")
    text = body(message)
    assert "Action urgente" in message["Subject"]
    assert "Écrivez votre lettre" in text
    assert "31 décembre 2026" in text
    assert message["Content-Language"] == "fr"


def test_a_refused_address_is_a_bounce_and_repeated_bounces_stop_mail(smtp_server, settings):
    settings.NOTIFY_MAX_BOUNCES = 2
    member = make_member(email="gone@example.org")
    smtp_server.handler.refused.add("gone@example.org")
    for _ in range(2):
        publish(_action())
        report = send_batch()
        assert report.failed == 1
    member.refresh_from_db()
    assert member.bounces == 2
    assert member.mail_stopped is not None
    assert "550" in member.last_bounce
    assert Delivery.objects.filter(state=DeliveryState.FAILED).count() == 2
    # Stopped: the next action does not even queue a delivery for it.
    assert publish(_action()).deliveries == 0


def _action():
    case = make_case()
    return make_document(case)


def test_a_busy_server_means_retry_later_with_backoff(smtp_server, settings):
    settings.NOTIFY_RETRY_SECONDS = 60
    make_member(email="later@example.org")
    publish(_action())
    smtp_server.handler.mode = "busy"
    before = timezone.now()
    report = send_batch()
    assert report.retrying == 1
    delivery = Delivery.objects.get()
    assert delivery.state == DeliveryState.RETRYING
    assert "451" in delivery.last_error
    assert delivery.next_attempt >= before + dt.timedelta(seconds=60)
    # Not due yet: nothing is claimed.
    assert send_batch().sent == 0
    Delivery.objects.update(next_attempt=timezone.now())
    smtp_server.handler.mode = "normal"
    assert send_batch().sent == 1
    assert len(smtp_server.to("later@example.org")) == 1
    assert Member.objects.get().bounces == 0


def test_a_server_that_is_down_puts_the_whole_batch_back(smtp_server):
    for _ in range(3):
        make_member()
    publish(_action())
    smtp_server.stop()
    report = send_batch()
    assert report.retrying == 3
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.RETRYING}
    assert "Connection" in Delivery.objects.first().last_error
    smtp_server.start()
    Delivery.objects.update(next_attempt=timezone.now())
    assert send_batch().sent == 3


def test_a_member_who_unsubscribed_after_publishing_gets_nothing(smtp_server):
    member = make_member()
    publish(_action())
    Member.objects.filter(pk=member.pk).update(unsubscribed=timezone.now())
    report = send_batch()
    assert report.failed == 1
    assert smtp_server.received == []
    assert Delivery.objects.get().last_error == "member unsubscribed"


def test_a_weekly_digest_is_one_message_listing_every_action(smtp_server):
    member = make_member(email="digest@example.org", frequency="weekly")
    publish(make_action(title="First action"))
    publish(_action())
    assert send_batch().sent == 0  # not the digest day yet
    Delivery.objects.update(next_attempt=timezone.now())
    assert send_batch().sent == 2
    [message] = smtp_server.to(member.email)
    assert "2 documents" in message["Subject"]
    assert "First action" in body(message)


def test_a_digest_cut_by_the_end_of_a_batch_still_goes_as_one_message(smtp_server):
    make_member(email="before@example.org")
    weekly = make_member(email="weekly@example.org", frequency="weekly")
    make_member(email="after@example.org")
    for number in range(3):
        publish(make_action(title=f"Action {number}", case_slug=f"ua-{number}-26"))
    Delivery.objects.update(next_attempt=timezone.now())

    # Three for "before", then the batch of 4 would end inside the weekly member's rows.
    report = send_batch(limit=4)

    assert report.sent == 6
    [digest] = smtp_server.to(weekly.email)
    assert "3 documents" in digest["Subject"]
    assert not Delivery.objects.filter(member=weekly).exclude(state=DeliveryState.SENT).exists()


@pytest.mark.parametrize(
    "address",
    ["ruth@example.org", "o'brien+ua@mail.example.org", "jürgen@example.de", "ana@bücher.example"],
)
def test_the_headers_made_per_message_match_what_django_makes(address):
    from django.core.mail.message import sanitize_address

    from lifeline.lib.emails import address_header
    from lifeline.network import links
    from lifeline.network.mail import Composer

    member = make_member(email=address)
    composer = Composer()
    assert address_header(address) == sanitize_address(address, "utf-8")
    for _ in range(2):  # the second from the cached prefix
        assert composer.unsubscribe_url(member) == links.unsubscribe_url(member.code)


def test_non_ascii_addresses_travel_over_smtputf8_with_the_domain_in_idna(smtp_server):
    make_member(email="jürgen@example.de")
    make_member(email="ana@bücher.example")
    publish(make_action())
    assert send_batch().sent == 2
    assert smtp_server.per_recipient() == {"jürgen@example.de": 1, "ana@xn--bcher-kva.example": 1}


def test_a_server_without_smtputf8_fails_only_the_address_that_needs_it(settings):
    from tests.mailserver import SmtpServer

    server = SmtpServer(smtputf8=False).start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.NOTIFY_CONNECTIONS = 1
        jurgen = make_member(name="A", email="jürgen@example.de")
        make_member(name="B", email="ruth@example.org")
        publish(make_action())
        report = send_batch()
    finally:
        server.stop()
    assert (report.sent, report.failed) == (1, 1)
    assert server.per_recipient() == {"ruth@example.org": 1}
    failed = Delivery.objects.get(member=jurgen)
    assert failed.state == DeliveryState.FAILED
    assert "SMTPUTF8" in failed.last_error
    assert Member.objects.get(pk=jurgen.pk).bounces == 1


def test_a_message_that_cannot_be_written_waits_then_fails_and_the_batch_goes_on(
    smtp_server, settings
):
    settings.NOTIFY_MAX_ATTEMPTS = 2
    gone = make_member(email="gone@example.org").user
    postbox.post(MailKind.RESET, user=gone)
    postbox.post(MailKind.RESET, user=make_member(email="ruth@example.org").user)
    # Cleared after the reset was asked for: no address to write the message to.
    gone.email = ""
    gone.save(update_fields=["email"])

    report = send_batch()

    assert report.sent == 1
    assert len(smtp_server.to("ruth@example.org")) == 1
    row = Delivery.objects.get(user=gone)
    assert row.state == DeliveryState.RETRYING
    assert "could not be written" in row.last_error
    Delivery.objects.filter(pk=row.pk).update(next_attempt=timezone.now())
    send_batch()
    assert Delivery.objects.get(pk=row.pk).state == DeliveryState.FAILED
