"""A member's own data: preferences, the download of everything held, and deletion.

What counts as "everything" is `personal_data.HOLDINGS`: each table listed there
as deleted or anonymised has its key in `export_data()` and is handled by
`delete_member()`, and a test holds both to the list.
"""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from django.db.models import Q

from lifeline.actions.models import Appeal, OutgoingAppeal, SenderAddress
from lifeline.api.models import ApiToken
from lifeline.network.models import Delivery, Follower, MailKind, Member, MemberCountry


def save_preferences(form) -> Member:
    """Save a PreferencesForm, keeping the country rows that publishing matches on."""
    with transaction.atomic():
        member = form.save()
        chosen = set(form.cleaned_data.get("chosen_countries") or [])
        member.country_rows.exclude(code__in=chosen).delete()
        have = set(member.country_rows.values_list("code", flat=True))
        MemberCountry.objects.bulk_create(
            MemberCountry(member=member, code=code) for code in sorted(chosen - have)
        )
        if member.user.first_name != member.name[:150]:
            member.user.first_name = member.name[:150]
            member.user.save(update_fields=["first_name"])
    return member


def _when(value):
    return value.isoformat() if value else None


NEWS = {MailKind.NOTIFICATION, MailKind.OUTCOME}


def _about(delivery) -> dict:
    if delivery.kind == MailKind.OUTCOME:
        return {"outcome": delivery.outcome.kind, "case": delivery.outcome.case.slug}
    if delivery.kind == MailKind.NOTIFICATION:
        document = delivery.document
        return {"document": document.document_index or document.title, "case": document.case.slug}
    return {"mail": delivery.kind}


def _delivered(delivery) -> dict:
    return {
        **_about(delivery),
        "state": delivery.state,
        "attempts": delivery.attempts,
        "sent": _when(delivery.sent),
        "queued": _when(delivery.created),
    }


def _written_by(member: Member) -> Q:
    """Appeals the member wrote: signed in, or with their email when not signed in."""
    return Q(writer=member.user_id) | Q(email__iexact=member.email)


def _followers(member: Member):
    """The member's address as a follower of cases (from before they joined, say)."""
    return Follower.objects.filter(email__iexact=member.email)


def _sender_addresses(member: Member):
    """The addresses the member sent appeal emails from: their account's email."""
    return SenderAddress.objects.filter(email__iexact=member.email)


def _sign_in_records(user) -> list:
    """django-axes' records of sign-ins under the member's username, when it is installed."""
    if not apps.is_installed("axes"):
        return []
    return [
        apps.get_model("axes", name).objects.filter(username=user.username)
        for name in ("AccessAttempt", "AccessFailureLog", "AccessLog")
    ]


def _two_step_devices(user) -> list:
    """django-otp's authenticators of the user, when it is installed (deleted with the user)."""
    if not apps.is_installed("django_otp.plugins.otp_totp"):
        return []
    return list(apps.get_model("otp_totp", "TOTPDevice").objects.filter(user=user).order_by("pk"))


def export_data(member: Member) -> dict:
    """Everything held about `member`, as JSON-ready data."""
    user = member.user
    # The mail of the outbox to the member, and the password resets of their login.
    deliveries = (
        Delivery.objects.filter(Q(member=member) | Q(user=user))
        .select_related("document", "document__case", "outcome", "outcome__case")
        .order_by("pk")
    )
    return {
        "member": {
            "name": member.name,
            "email": member.email,
            "postal_address": member.address,
            "country": member.country,
            "language": member.language,
            "section": member.section.code if member.section else None,
            "joined": _when(member.created),
            "confirmed": _when(member.confirmed),
            "unsubscribed": _when(member.unsubscribed),
            "bounces": member.bounces,
            "mail_stopped": _when(member.mail_stopped),
        },
        "preferences": {
            "every_action": member.all_actions,
            "countries": sorted(member.country_rows.values_list("code", flat=True)),
            "concerns": sorted(member.concerns.values_list("name", flat=True)),
            "weekly_limit": member.weekly_limit,
            "frequency": member.frequency,
        },
        "login": {
            "username": user.username,
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "last_login": _when(user.last_login),
            "date_joined": _when(user.date_joined),
        },
        "roles": {
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "permissions": sorted(
                f"{app}.{codename}"
                for app, codename in user.user_permissions.values_list(
                    "content_type__app_label", "codename"
                )
            ),
            "coordinates": sorted(user.coordinated_sections.values_list("code", flat=True)),
        },
        "sign_ins": [
            {
                "kind": records.model._meta.model_name,
                "time": _when(record.attempt_time),
                "ip_address": record.ip_address,
                "user_agent": record.user_agent,
                "path": record.path_info,
            }
            for records in _sign_in_records(user)
            for record in records.order_by("attempt_time", "pk")
        ],
        "news_of_cases": [
            {
                "email": follower.email,
                "language": follower.language,
                "since": _when(follower.created),
            }
            for follower in _followers(member).order_by("pk")
        ],
        "two_step_devices": [
            {
                "name": device.name,
                "confirmed": device.confirmed,
                "created": _when(getattr(device, "created_at", None)),
                "last_used": _when(getattr(device, "last_used_at", None)),
            }
            for device in _two_step_devices(user)
        ],
        "api_tokens": [
            {
                "name": token.name,
                "created": _when(token.created),
                "last_used": _when(token.last_used),
            }
            for token in ApiToken.objects.filter(user=user).order_by("pk")
        ],
        "notifications": [_delivered(d) for d in deliveries if d.kind in NEWS],
        # Confirmation links and password resets: mail about the account, not about cases.
        "account_mail": [_delivered(d) for d in deliveries if d.kind not in NEWS],
        "appeals": [
            {
                "document": appeal.document.document_index or appeal.document.title,
                "case": appeal.document.case.slug,
                "target": str(appeal.target),
                "channel": appeal.channel,
                "language": appeal.language,
                "sent": _when(appeal.sent),
                "signed_in": appeal.writer_id == user.pk,
                "email": appeal.email,
            }
            for appeal in Appeal.objects.filter(_written_by(member))
            .select_related("document", "document__case", "target")
            .order_by("sent", "pk")
        ],
        "sender_addresses": [
            {
                "email": address.email,
                "confirmed": _when(address.confirmed),
                "added": _when(address.created),
            }
            for address in _sender_addresses(member).order_by("pk")
        ],
        "appeal_emails": [
            {
                "document": outgoing.document.document_index or outgoing.document.title,
                "case": outgoing.document.case.slug,
                "to": outgoing.to,
                "from": outgoing.sender.email,
                "writer_name": outgoing.writer_name,
                "language": outgoing.language,
                "subject": outgoing.subject,
                "text": outgoing.text,
                "state": outgoing.state,
                "error": outgoing.error,
                "created": _when(outgoing.created),
                "sent": _when(outgoing.sent),
            }
            for outgoing in OutgoingAppeal.objects.filter(sender__in=_sender_addresses(member))
            .select_related("document", "document__case", "sender")
            .order_by("created", "pk")
        ],
    }


def delete_member(member: Member) -> None:
    """Delete every row about the member (see `personal_data.HOLDINGS`).

    Gone: the member, their login (with its roles and API tokens, by cascade),
    their notifications, the address they sent appeal emails from and those
    emails (the letter with their name and own words, by cascade), their
    address as a follower of cases, their sign-in records and two-step devices.
    Appeals they wrote stay counted without their identity: no writer, no email,
    no hash of their network address.
    """
    with transaction.atomic():
        user = member.user
        # The client's hashed network address is only for the hour's rate limit.
        Appeal.objects.filter(_written_by(member)).update(email="", writer=None, client="")
        _sender_addresses(member).delete()
        _followers(member).delete()
        for records in _sign_in_records(user):
            records.delete()
        member.delete()
        user.delete()
