"""Editors writing documents through the API: create and update, each in one transaction.

Creation goes through the importer, so a document written here joins its case,
its concerns and the target directory exactly as an imported sheet would. An
update changes only the fields it names; lists (countries, concerns, appeal
groups) are replaced whole.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lifeline.api.errors import ApiError
from lifeline.cases.columns import check_lengths, clip
from lifeline.cases.errors import ImportRejected
from lifeline.cases.importing import Importer, case_of, settle_cases
from lifeline.cases.models import Document
from lifeline.cases.signals import documents_imported
from lifeline.documents import ParsedDocument
from lifeline.documents.model import ParsedAppealGroup, ParsedTarget

SOURCE_NAME = "API"

# Fields copied onto the document as they come; the rest need work.
_PLAIN = (
    "kind",
    "update_number",
    "issue_date",
    "appeal_deadline",
    "appeal_immediately",
    "people_at_risk",
    "channels",
    "languages",
    "own_language",
    "copies_to",
    "model_letter",
    "body",
)


# Dates outside these are typing mistakes: the network's sheets start in the 1960s.
EARLIEST, LATEST = dt.date(1961, 1, 1), dt.date(2100, 12, 31)

# Kinds that continue an existing Urgent Action, and so must name it.
_UPDATES = ("further_information", "stop_action")


def problems(values: dict) -> list[dict]:
    """What makes a document's values unacceptable though each is well-formed.

    `values` holds the document as it would be after the write. Returns details in
    the error shape (`field`, `message`), empty when the document is acceptable.
    """
    found = []
    for name in ("issue_date", "appeal_deadline"):
        day = values.get(name)
        if day is not None and not (EARLIEST <= day <= LATEST):
            found.append(
                {
                    "field": f"body.{name}",
                    "message": _("%(day)s is not between %(earliest)s and %(latest)s")
                    % {"day": day, "earliest": EARLIEST, "latest": LATEST},
                }
            )
    issued, deadline = values.get("issue_date"), values.get("appeal_deadline")
    if issued and deadline and deadline < issued:
        found.append(
            {
                "field": "body.appeal_deadline",
                "message": _("the appeal deadline %(deadline)s is before the issue date %(issued)s")
                % {"deadline": deadline, "issued": issued},
            }
        )
    if values.get("kind") in _UPDATES and not values.get("ua_number"):
        found.append(
            {
                "field": "body.ua_number",
                "message": _("a further information or stop action names the UA it updates"),
            }
        )
    for number, group in enumerate(values.get("appeal_groups") or []):
        for position, target in enumerate(group.get("targets") or []):
            if not any(
                (target.get(name) or "").strip() for name in ("name", "title", "organisation")
            ):
                found.append(
                    {
                        "field": f"body.appeal_groups.{number}.targets.{position}",
                        "message": _("a target needs a name, a title or an organisation"),
                    }
                )
    return found


def _refuse(found: list[dict]) -> None:
    if found:
        raise ApiError(422, _("The document cannot be stored as it is; see details."), found)


def _groups(groups: list[dict]) -> list[ParsedAppealGroup]:
    return [
        ParsedAppealGroup(
            audience=group.get("audience", ""),
            points=list(group.get("points", [])),
            targets=[ParsedTarget(**target) for target in group.get("targets", [])],
        )
        for group in groups
    ]


def _countries(codes: list[str]) -> list[str]:
    return list(dict.fromkeys(code.upper() for code in codes))


def create_document(data: dict) -> Document:
    """A new document from validated `DocumentIn` data.

    Raises ApiError 409 when its document index is taken or the same content was
    written before, 422 when the database cannot hold it as it is.
    """
    canonical = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    parsed = ParsedDocument(
        source=SOURCE_NAME,
        kind=data["kind"],
        ua_number=data.get("ua_number") or None,
        update_number=data.get("update_number"),
        document_index=(data.get("document_index") or "").strip() or None,
        title=data["title"].strip(),
        concerns=list(data.get("concerns") or []),
        countries=_countries(data.get("countries") or []),
        issue_date=data.get("issue_date"),
        appeal_deadline=data.get("appeal_deadline"),
        appeal_immediately=bool(data.get("appeal_immediately")),
        people_at_risk=list(data.get("people_at_risk") or []),
        channels=list(data.get("channels") or []),
        languages=list(data.get("languages") or []),
        own_language=bool(data.get("own_language")),
        appeal_groups=_groups(data.get("appeal_groups") or []),
        copies_to=data.get("copies_to") or "",
        model_letter=data.get("model_letter") or None,
        body=data.get("body") or "",
        # Nothing was imported, so there is no original to show; the hash of what
        # the editor sent recognises the same submission sent twice.
        text="\n\n".join(part for part in (data["title"], data.get("body") or "") if part),
        source_hash=hashlib.sha256(canonical.encode()).hexdigest(),
    )
    found = problems(data)
    if not parsed.title:
        found.insert(0, {"field": "body.title", "message": _("a new document needs a title")})
    _refuse(found)
    if parsed.document_index:
        _check_index_free(parsed.document_index)
    try:
        outcome = Importer().import_parsed(parsed)
    except ImportRejected as exc:
        raise ApiError(422, str(exc)) from exc
    except IntegrityError as exc:
        # Another request took the index between the check and the insert.
        raise ApiError(409, _("Another document was written with the same index.")) from exc
    if outcome.status != "imported":
        raise ApiError(
            409,
            _("The same document was written before: %(code)s.") % {"code": outcome.document.code},
            [{"field": None, "message": str(outcome.document.code)}],
        )
    return outcome.document


def _check_index_free(index: str, exclude_pk: int | None = None) -> None:
    taken = Document.objects.filter(document_index=index)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    code = taken.values_list("code", flat=True).first()
    if code is not None:
        raise ApiError(
            409,
            _("Document index %(index)s belongs to document %(code)s.")
            % {"index": index, "code": code},
            [{"field": "body.document_index", "message": str(code)}],
        )


class _Writer(Importer):
    """The importer's lookups of concerns and targets, used for partial updates."""

    def update(self, document: Document, changes: dict) -> Document:
        current = {name: getattr(document, name) for name in ("kind", "ua_number", "update_number")}
        current |= {"issue_date": document.issue_date, "appeal_deadline": document.appeal_deadline}
        # Only new problems: legacy sheets may break a rule, and fixing their title
        # should not require fixing everything else first.
        _refuse([found for found in problems(current | changes) if found not in problems(current)])
        previous_case = document.case
        case = previous_case
        if "document_index" in changes:
            index = (changes["document_index"] or "").strip() or None
            if index:
                _check_index_free(index, exclude_pk=document.pk)
            document.document_index = index
        if "ua_number" in changes and (changes["ua_number"] or "") != document.ua_number:
            document.ua_number = changes["ua_number"] or ""
            if document.ua_number:
                probe = ParsedDocument(
                    ua_number=document.ua_number,
                    document_index=document.document_index,
                    # A document written by hand has no hash; its code is as unique,
                    # and a new case's slug takes its start when the first is taken.
                    source_hash=document.source_hash or document.code.hex,
                )
                case = case_of(probe)
            document.case = case
        for name in _PLAIN:
            if name in changes:
                setattr(document, name, changes[name])
        if "title" in changes:
            document.title = clip(changes["title"].strip(), Document, "title")
        if "countries" in changes:
            document.countries = _countries(changes["countries"])
        check_lengths(document)
        document.save()

        parts = ParsedDocument()
        if "concerns" in changes:
            document.concerns.clear()
            parts.concerns = list(changes["concerns"])
        if "appeal_groups" in changes:
            document.groups.all().delete()
            parts.appeal_groups = _groups(changes["appeal_groups"])
        # The country rows are rewritten from `document.countries` every time.
        document.country_rows.all().delete()
        self._add_parts([(document, parts)])

        settle_cases(case, previous_case)
        # Bulk-written parts send no model signals; this tells the archive's index.
        documents_imported.send(sender=Document, documents=[document])
        return document


def update_document(document: Document, changes: dict) -> Document:
    """Apply validated `DocumentPatch` changes (only the keys present) in one transaction."""
    writer = _Writer()
    try:
        with transaction.atomic():
            locked = Document.objects.select_for_update().select_related("case").get(pk=document.pk)
            return writer.update(locked, changes)
    except ImportRejected as exc:
        raise ApiError(422, str(exc)) from exc
    except IntegrityError as exc:
        raise ApiError(409, _("The change conflicts with another document.")) from exc
