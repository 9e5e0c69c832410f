"""A member's own data: preferences, the download of everything held, and deletion."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from lifeline.actions.models import Appeal
from lifeline.network.models import Member, MemberCountry


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


def _about(delivery) -> dict:
    if delivery.outcome_id is not None:
        return {"outcome": delivery.outcome.kind, "case": delivery.outcome.case.slug}
    document = delivery.document
    return {"document": document.document_index or document.title, "case": document.case.slug}


def export_data(member: Member) -> dict:
    """Everything held about `member`, as JSON-ready data."""
    deliveries = member.deliveries.select_related(
        "document", "document__case", "outcome", "outcome__case"
    ).order_by("pk")
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
            "username": member.user.username,
            "last_login": _when(member.user.last_login),
            "date_joined": _when(member.user.date_joined),
        },
        "notifications": [
            {
                **_about(delivery),
                "state": delivery.state,
                "attempts": delivery.attempts,
                "sent": _when(delivery.sent),
                "queued": _when(delivery.created),
            }
            for delivery in deliveries
        ],
        "appeals": [
            {
                "document": appeal.document.document_index or appeal.document.title,
                "case": appeal.document.case.slug,
                "target": str(appeal.target),
                "channel": appeal.channel,
                "language": appeal.language,
                "sent": _when(appeal.sent),
            }
            for appeal in Appeal.objects.filter(writer=member.user_id)
            .select_related("document", "document__case", "target")
            .order_by("sent")
        ],
    }


def delete_member(member: Member) -> None:
    """Delete the member, their login and their notifications.

    Appeals they wrote stay counted without their identity: `Appeal.writer` is
    set to NULL by the database (on_delete=SET_NULL) and the writer's address
    kept on an appeal is blanked here.
    """
    with transaction.atomic():
        user = member.user
        Appeal.objects.filter(Q(writer=user) | Q(email__iexact=member.email)).update(email="")
        member.delete()
        user.delete()
