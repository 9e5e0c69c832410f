"""The news of a case for writers who are not members (issue 9 §4).

Someone who writes without signing in may give their email on "I have sent it"
"to hear how the case goes on". When an outcome of the case is announced, each
such address becomes a `Follower` (once), and the news goes to it through the
outbox like a member's. Every message carries a signed link to stop: following
it shows a form, and posting it deletes the follower and blanks the address on
every appeal, so nothing of it is kept.

An address of a member is not a follower: the member hears the news as a
member (see `publishing.writers`), and not at all if they unsubscribed.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.urls import reverse

from lifeline.actions.models import Appeal, OutgoingAppeal
from lifeline.network import links
from lifeline.network.models import Follower, Member

STOP_SALT = "lifeline.network.stop_news"


def asked_for_news(case_id: int):
    """Appeals about the case whose writer, not signed in, gave an email to hear more.

    An appeal the site sent for the writer carries their address too, as the
    sender; they gave it for the official's reply, not for news, so it does not count.
    """
    sent_from_site = OutgoingAppeal.objects.filter(code=OuterRef("key"))
    return (
        Appeal.objects.filter(document__case_id=case_id, writer__isnull=True)
        .exclude(email="")
        .exclude(Exists(sent_from_site))
    )


def followers_of(case_id: int):
    """The mailable followers of the case, made for addresses that asked and have no row yet."""
    languages = {code for code, _name in settings.LANGUAGES}
    wanted: dict[str, str] = {}
    for email, language in (
        asked_for_news(case_id).order_by("sent").values_list("email", "language")
    ):
        # The language of their latest letter, when the site speaks it.
        wanted[email.strip().lower()] = language if language in languages else "en"
    members = set(
        Member.objects.annotate(lower_email=Lower("email"))
        .filter(lower_email__in=list(wanted))
        .values_list("lower_email", flat=True)
    )
    emails = [email for email in wanted if email not in members]
    Follower.objects.bulk_create(
        [Follower(email=email, language=wanted[email]) for email in emails],
        ignore_conflicts=True,
        batch_size=500,
    )
    return Follower.objects.filter(email__in=emails, mail_stopped__isnull=True)


def stop_token(code) -> str:
    # No expiry: a link in a years-old mail must still work.
    return signing.dumps(str(code), salt=STOP_SALT, compress=True)


def stop_url(code) -> str:
    return links.absolute(reverse("network:stop_news", args=[stop_token(code)]))


def follower_for(token: str) -> Follower | None:
    code = links.read_token(token, STOP_SALT)
    return Follower.objects.filter(code=code).first() if code else None


def stop(follower: Follower) -> None:
    """No more news to this address, and nothing of it kept."""
    with transaction.atomic():
        Appeal.objects.filter(email__iexact=follower.email).update(email="")
        follower.delete()
