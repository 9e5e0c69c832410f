"""The case models as the composer's plain data classes (`lifeline.documents.model`).

The composer and the channel advice are pure; this is the one place that turns
database rows into what they read.
"""

from __future__ import annotations

from lifeline.cases.models import TARGET_FIELDS, AppealGroup, Document, Target
from lifeline.documents.model import ParsedAppealGroup, ParsedDocument, ParsedTarget


def parsed_target(target: Target) -> ParsedTarget:
    return ParsedTarget(**{name: getattr(target, name) for name in TARGET_FIELDS})


def parsed_group(group: AppealGroup) -> ParsedAppealGroup:
    """Uses prefetched `points` and `target_links__target` when there (see cases.queries)."""
    return ParsedAppealGroup(
        audience=group.audience,
        points=[point.text for point in group.points.all()],
        targets=[parsed_target(link.target) for link in group.target_links.all()],
    )


def parsed_document(document: Document, groups: list[AppealGroup]) -> ParsedDocument:
    """The document with `groups` (prefetched); an untitled update takes its case's title."""
    return ParsedDocument(
        kind=document.kind,
        ua_number=document.ua_number or None,
        update_number=document.update_number,
        document_index=document.document_index,
        title=document.title or document.case.title,
        countries=list(document.countries),
        issue_date=document.issue_date,
        appeal_deadline=document.appeal_deadline,
        appeal_immediately=document.appeal_immediately,
        people_at_risk=list(document.people_at_risk),
        channels=list(document.channels),
        languages=list(document.languages),
        own_language=document.own_language,
        appeal_groups=[parsed_group(group) for group in groups],
        copies_to=document.copies_to,
        model_letter=document.model_letter or None,
    )
