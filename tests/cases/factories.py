"""Plain functions that create cases, documents, appeal groups and targets through the ORM.

Defaults describe a small invented case; tests pass only what they check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools

from django.utils.text import slugify

from lifeline.cases.models import (
    AppealGroup,
    AppealPoint,
    Case,
    Concern,
    Document,
    DocumentCountry,
    GroupTarget,
    Target,
)

_serial = itertools.count(1)


def make_case(**fields) -> Case:
    number = next(_serial)
    fields.setdefault("ua_number", f"{number}/99")
    fields.setdefault("title", f"Fear for safety {number}")
    fields.setdefault("slug", f"ua-{number}-99")
    fields.setdefault("countries", ["MX"])
    fields.setdefault("issued", dt.date(1999, 3, 1))
    return Case.objects.create(**fields)


def make_concern(name: str) -> Concern:
    concern, _ = Concern.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return concern


def make_document(case: Case, concerns=(), **fields) -> Document:
    """A document of `case`; its countries also get the rows the case list filters on."""
    number = next(_serial)
    fields.setdefault("kind", "urgent_action")
    fields.setdefault("ua_number", case.ua_number or "")
    fields.setdefault("countries", list(case.countries))
    fields.setdefault("issue_date", case.issued)
    fields.setdefault("body", "Fictional background paragraph.")
    fields.setdefault("source_text", fields["body"])
    fields.setdefault("source_hash", hashlib.sha256(f"doc-{number}".encode()).hexdigest())
    document = Document.objects.create(case=case, **fields)
    DocumentCountry.objects.bulk_create(
        DocumentCountry(document=document, code=code, position=position)
        for position, code in enumerate(document.countries)
    )
    if concerns:
        document.concerns.set(make_concern(name) for name in concerns)
    return document


def make_target(**fields) -> Target:
    number = next(_serial)
    fields.setdefault("title", "Minister of the Interior")
    fields.setdefault("name", f"Invented Official {number}")
    fields.setdefault("address", ["Ministry of the Interior", "Example Street 1", "Capital City"])
    fields.setdefault("salutation", "Dear Minister")
    fields.setdefault("key", f"target-{number}")
    return Target.objects.create(**fields)


def make_group(document: Document, audience="", points=(), targets=(), position=None):
    """An appeal group with its points (strings) and targets (Target rows)."""
    if position is None:
        position = document.groups.count()
    group = AppealGroup.objects.create(document=document, audience=audience, position=position)
    AppealPoint.objects.bulk_create(
        AppealPoint(group=group, text=text, position=index) for index, text in enumerate(points)
    )
    GroupTarget.objects.bulk_create(
        GroupTarget(group=group, target=target, position=index)
        for index, target in enumerate(targets)
    )
    return group


def make_action_case(**fields) -> tuple[Case, Document]:
    """A case with one Urgent Action carrying a full recommended action."""
    case = make_case(**fields)
    document = make_document(
        case,
        concerns=["Fear for safety"],
        document_index=f"AMR 41/{case.pk:03d}/99",
        people_at_risk=["Ana Invented (f), journalist"],
        channels=["fax", "email"],
        languages=["Spanish"],
        own_language=True,
        copies_to="Diplomatic representatives of Mexico accredited to your country.",
        appeal_deadline=case.deadline,
        body="Ana Invented was threatened.\n\nShe has asked for protection.",
    )
    make_group(
        document,
        audience="",
        points=["calling for protection for Ana Invented;", "urging an investigation;"],
        targets=[
            make_target(
                title="Governor of Example State",
                name="Lic. Ficticio Gobernador",
                address=["Palacio de Gobierno", "Example City, Example State", "Mexico"],
                fax=["+52 000 000 0000"],
                email=["governor@example.org"],
                salutation="Dear Governor",
            )
        ],
    )
    return case, document
