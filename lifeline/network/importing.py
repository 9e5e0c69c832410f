"""Importing and exporting members: the database side of members_csv."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lifeline.lib import spreadsheet
from lifeline.network import postbox
from lifeline.network.members_csv import MemberRow
from lifeline.network.models import Member, Section
from lifeline.network.signup import username_for

EXPORT_COLUMNS = ["name", "email", "language", "country", "address", "section", "confirmed"]


@dataclass
class MemberImport:
    created: int = 0
    existing: list[str] = field(default_factory=list)  # "line N: email is already a member"
    section_created: bool = False


def import_members(
    rows: list[MemberRow], section_code: str, confirmed: bool, dry_run: bool = False
) -> MemberImport:
    """Create the members of `rows` in `section` (created if missing), all or nothing.

    Addresses that are already members are left as they are and reported. Unless
    `confirmed` (the section holds their consent), each new member is sent a
    confirmation mail (queued with them), and gets nothing else until they confirm.
    """
    outcome = MemberImport()
    emails = {row.email.lower(): row for row in rows}
    taken = {
        email.lower()
        for email in Member.objects.filter(email__in=[row.email for row in rows]).values_list(
            "email", flat=True
        )
    } | {
        name.lower()
        for name in get_user_model()
        .objects.filter(username__in=[username_for(row.email) for row in rows])
        .values_list("username", flat=True)
    }
    new = []
    for email, row in emails.items():
        if email in taken:
            outcome.existing.append(f"line {row.line}: {row.email} is already a member")
        else:
            new.append(row)
    outcome.created = len(new)
    if dry_run:
        outcome.section_created = not Section.objects.filter(code=section_code).exists()
        return outcome
    with transaction.atomic():
        section, outcome.section_created = Section.objects.get_or_create(
            code=section_code, defaults={"name": section_code}
        )
        User = get_user_model()
        users = []
        for row in new:
            user = User(
                username=username_for(row.email), email=row.email, first_name=row.name[:150]
            )
            user.set_unusable_password()
            users.append(user)
        User.objects.bulk_create(users, batch_size=1000)
        now = timezone.now()
        members = Member.objects.bulk_create(
            (
                Member(
                    user=user,
                    section=section,
                    name=row.name,
                    email=row.email,
                    language=row.language,
                    country=row.country,
                    address=row.address,
                    confirmed=now if confirmed else None,
                )
                for user, row in zip(users, new, strict=True)
            ),
            batch_size=1000,
        )
        if not confirmed:
            postbox.confirmations([member.pk for member in members])
    return outcome


def export_members(out: TextIO, section_code: str | None = None) -> int:
    """Write the members (of one section, or all) as CSV; returns how many."""
    members = Member.objects.select_related("section").order_by("email")
    if section_code:
        members = members.filter(section__code=section_code)
    writer = spreadsheet.writer(out)
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for member in members.iterator(chunk_size=2000):
        writer.writerow(
            [
                member.name,
                member.email,
                member.language,
                member.country,
                member.address,
                member.section.code if member.section else "",
                member.confirmed.isoformat() if member.confirmed else "",
            ]
        )
        count += 1
    return count
