"""Sections and members through the ORM; defaults describe a confirmed member."""

from __future__ import annotations

import itertools
import uuid

from django.contrib.auth import get_user_model
from django.utils import timezone

from lifeline.actions.models import Appeal
from lifeline.network.models import Member, MemberCountry, Section
from tests.cases.factories import make_target

_serial = itertools.count(1)


def make_section(code="GB", **fields) -> Section:
    section, _ = Section.objects.get_or_create(
        code=code, defaults={"name": fields.pop("name", f"Section {code}"), **fields}
    )
    return section


def make_member(countries=(), concerns=(), confirmed=True, **fields) -> Member:
    number = next(_serial)
    fields.setdefault("name", f"Member {number}")
    fields.setdefault("email", f"member{number}@example.org")
    user = get_user_model().objects.create(username=fields["email"], email=fields["email"])
    member = Member.objects.create(
        user=user, confirmed=timezone.now() if confirmed else None, **fields
    )
    MemberCountry.objects.bulk_create(MemberCountry(member=member, code=c) for c in countries)
    if concerns:
        member.concerns.set(concerns)
    return member


def make_members(count: int, start: int = 0, domain: str = "example.org") -> None:
    """Many confirmed members who want every action, in two bulk inserts."""
    User = get_user_model()
    now = timezone.now()
    users = User.objects.bulk_create(
        User(username=f"bulk{n}@{domain}", email=f"bulk{n}@{domain}")
        for n in range(start, start + count)
    )
    Member.objects.bulk_create(
        Member(user=user, name=f"Bulk {n}", email=user.email, confirmed=now)
        for n, user in zip(range(start, start + count), users, strict=True)
    )


def make_appeal(member: Member, document, **fields) -> Appeal:
    """An appeal `member` says they sent about `document`."""
    fields.setdefault("channel", "letter")
    fields.setdefault("language", "en")
    return Appeal.objects.create(
        key=uuid.uuid4(),
        document=document,
        target=fields.pop("target", None) or make_target(),
        writer=member.user,
        email=member.email,
        **fields,
    )
