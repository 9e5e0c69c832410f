"""The batch importer: parsed case sheets into cases, documents and their parts.

`Importer.import_parsed()` stores one document in its own transaction: a failure
leaves nothing of it. For speed, `Importer.import_batch()` writes the new
documents of a batch together, in one transaction with bulk inserts; if anything
in it fails, it is rolled back and every document of the batch is imported again
alone, each in its own transaction, so the outcome is the same as importing one
by one. `ImportReport` counts what happened to a run's files.

Officials are matched to the directory by `officials`; legacy imports are
archive material: nothing here sets `Document.published` or notifies anyone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import connections, models, router, transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lifeline.cases.columns import check_lengths, clip
from lifeline.cases.errors import ImportRejected
from lifeline.cases.importing.files import ImportFailure
from lifeline.cases.importing.officials import Directory, key_of
from lifeline.cases.models import (
    SUMMARY_SOURCE,
    AppealGroup,
    AppealPoint,
    Case,
    Concern,
    Document,
    DocumentCountry,
    DocumentKind,
    GroupTarget,
    refresh_summaries,
)
from lifeline.cases.signals import documents_imported
from lifeline.documents import ParsedDocument

# Documents parsed and imported together by import_paths(): large enough that the
# per-query cost vanishes, small enough to keep memory flat and a failed batch's
# retry cheap.
BATCH_SIZE = 100


@dataclass
class ImportOutcome:
    status: str  # "imported", "updated" or "skipped"
    document: Document


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    failures: list[ImportFailure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def count(self, outcome: ImportOutcome) -> None:
        setattr(self, outcome.status, getattr(self, outcome.status) + 1)

    def summary(self) -> str:
        return _(
            "imported %(imported)d, updated %(updated)d, skipped %(skipped)d, failed %(failed)d"
        ) % {
            "imported": self.imported,
            "updated": self.updated,
            "skipped": self.skipped,
            "failed": self.failed,
        }


def _slug(text: str) -> str:
    # slugify() drops "/", which would glue "17/21/00" into "172100".
    return slugify(re.sub(r"[/\s]+", "-", text))[:60].strip("-")


def _slug_candidates(parsed: ParsedDocument) -> list[str]:
    """Slugs for a new case, in order of preference.

    "ua-105-00" from the UA number, else "asa-17-21-00" from the document index,
    else "doc-" and the start of the source hash; when taken, the same with the
    start of the source hash appended.
    """
    if parsed.ua_number:
        base = f"ua-{_slug(parsed.ua_number)}"
    elif parsed.document_index and _slug(parsed.document_index):
        base = _slug(parsed.document_index)
    else:
        base = f"doc-{parsed.source_hash[:12]}"
    return [base, f"{base}-{parsed.source_hash[:8]}", f"{base}-{parsed.source_hash[:20]}"]


class _CaseBook:
    """The cases that documents join, looked up for all of them in one query.

    Cases made here are unsaved until the caller saves `new`; a later document of
    the same UA number finds the case made for an earlier one.
    """

    def __init__(self, documents: list[ParsedDocument]) -> None:
        ua_numbers = {parsed.ua_number for parsed in documents if parsed.ua_number}
        slugs = {slug for parsed in documents for slug in _slug_candidates(parsed)}
        self.by_ua_number: dict[str, Case] = {}
        self.taken: set[str] = set()
        self.new: list[Case] = []
        for case in Case.objects.filter(Q(ua_number__in=ua_numbers) | Q(slug__in=slugs)):
            self.taken.add(case.slug)
            if case.ua_number:
                self.by_ua_number[case.ua_number] = case

    def case_for(self, parsed: ParsedDocument) -> Case:
        if parsed.ua_number in self.by_ua_number:
            return self.by_ua_number[parsed.ua_number]
        candidates = _slug_candidates(parsed)
        slug = next((slug for slug in candidates if slug not in self.taken), None)
        if slug is None:
            raise ImportRejected(_("no free case slug for %(slug)s") % {"slug": candidates[0]})
        case = Case(slug=slug, ua_number=parsed.ua_number or None)
        check_lengths(case)
        self.taken.add(slug)
        if case.ua_number:
            self.by_ua_number[case.ua_number] = case
        self.new.append(case)
        return case


def case_of(parsed: ParsedDocument) -> Case:
    """The case a document of this UA number joins, created (and saved) if there is none."""
    book = _CaseBook([parsed])
    case = book.case_for(parsed)
    Case.objects.bulk_create(book.new)
    return case


def settle_cases(case: Case, previous_case: Case) -> None:
    """Refresh the summary of a changed document's case, and of the case it left.

    The case it left is deleted if nothing else is in it and it has no outcome.
    """
    cases = [case]
    if previous_case.pk != case.pk:
        if previous_case.documents.exists() or previous_case.outcome:
            cases.append(previous_case)
        else:
            previous_case.delete()
    refresh_summaries(cases)


class Importer:
    """Imports documents, remembering concerns and targets between them.

    The remembered rows save queries across documents and batches. They are
    forgotten whenever a transaction rolls back, since rows it created are gone;
    so an Importer must not be used inside a caller's transaction that may later
    roll back. Officials are matched to the directory by `officials.Directory`.
    """

    def __init__(self) -> None:
        self._concerns: dict[str, int] = {}
        self._directory = Directory()

    def import_parsed(self, parsed: ParsedDocument) -> ImportOutcome:
        """Store one document in its own transaction.

        "skipped" when the same bytes were imported before; "updated" when a document
        with the same index exists (its groups, points, countries and concerns are
        replaced; its pk and code stay); else "imported". A further information, stop
        action or news naming a UA number joins the case of that number, which is
        created if the original has not arrived yet; other documents get a case of
        their own. The case summary is refreshed. Raises ImportRejected or a
        database error, having written nothing.
        """
        try:
            with transaction.atomic():
                return self._import(parsed)
        except BaseException:
            self._forget()
            raise

    def import_batch(self, batch: list[ParsedDocument]) -> list[ImportOutcome | Exception]:
        """Import several documents; each result is an outcome or the exception.

        Same outcome as `import_parsed()` on each in turn. New documents are written
        together with bulk inserts in one transaction; if that fails, each document
        is imported alone so that only the faulty one fails. Known documents (to skip
        or update) and any repeat within the batch are imported one by one after.
        """
        results: dict[int, ImportOutcome | Exception] = {}
        hashes = {parsed.source_hash for parsed in batch}
        indexes = {parsed.document_index for parsed in batch if parsed.document_index}
        known = Document.objects.filter(Q(source_hash__in=hashes) | Q(document_index__in=indexes))
        by_hash = {document.source_hash: document for document in known.select_related("case")}
        seen_indexes = {document.document_index for document in by_hash.values()}
        seen_hashes: set[str] = set()
        fresh, alone = [], []
        for position, parsed in enumerate(batch):
            if parsed.source_hash in by_hash:
                results[position] = ImportOutcome("skipped", by_hash[parsed.source_hash])
            elif parsed.source_hash in seen_hashes or (
                parsed.document_index and parsed.document_index in seen_indexes
            ):
                alone.append(position)
            else:
                try:
                    _check_readable(parsed)
                    fresh.append(position)
                except ImportRejected as exc:
                    results[position] = exc
            seen_hashes.add(parsed.source_hash)
            seen_indexes.add(parsed.document_index)

        if fresh:
            try:
                with transaction.atomic():
                    outcomes = self._import_new([batch[position] for position in fresh])
            except Exception:
                self._forget()
                alone = sorted(fresh + alone)
            except BaseException:
                self._forget()
                raise
            else:
                for position, outcome in zip(fresh, outcomes, strict=True):
                    results[position] = outcome
        for position in alone:
            try:
                results[position] = self.import_parsed(batch[position])
            except Exception as exc:  # reported with its document; the others go on
                results[position] = exc
        return [results[position] for position in range(len(batch))]

    def _forget(self) -> None:
        self._concerns.clear()
        self._directory.forget()

    def _import(self, parsed: ParsedDocument) -> ImportOutcome:
        _check_readable(parsed)
        match = Q(source_hash=parsed.source_hash)
        if parsed.document_index:
            match |= Q(document_index=parsed.document_index)
        existing = list(Document.objects.filter(match).select_related("case"))
        for document in existing:
            if document.source_hash == parsed.source_hash:
                return ImportOutcome("skipped", document)
        if not existing:
            [outcome] = self._import_new([parsed])
            return outcome

        document = existing[0]
        previous_case = document.case
        case = previous_case
        if parsed.ua_number and parsed.ua_number != previous_case.ua_number:
            case = case_of(parsed)
        values = _document_values(parsed, case)
        for name, value in values.items():
            setattr(document, name, value)
        check_lengths(document)
        document.save(update_fields=[*values, "updated"])
        # Replace what hangs off the document; its pk and code stay, so links to it
        # (appeals, URLs) keep working.
        document.groups.all().delete()
        document.country_rows.all().delete()
        document.concerns.clear()
        self._add_parts([(document, parsed)])
        settle_cases(case, previous_case)
        documents_imported.send(sender=Document, documents=[document])
        return ImportOutcome("updated", document)

    def _import_new(self, batch: list[ParsedDocument]) -> list[ImportOutcome]:
        """Insert documents known to be new, with their cases and parts, in bulk."""
        book = _CaseBook(batch)
        cases = [book.case_for(parsed) for parsed in batch]
        values = [_document_values(parsed, case) for parsed, case in zip(batch, cases, strict=True)]
        # A case made for this batch holds only documents of this batch, so its
        # summary is known before it is inserted; cases that exist are refreshed.
        new_cases = {id(case) for case in book.new}
        for case in book.new:
            case.summarise(
                [
                    {name: fields[name] for name in SUMMARY_SOURCE if name != "pk"}
                    | {"pk": position}
                    for position, fields in enumerate(values)
                    if fields["case"] is case
                ]
            )
        Case.objects.bulk_create(book.new)
        documents = []
        for fields in values:
            document = Document(**fields)
            check_lengths(document)
            documents.append(document)
        # bulk_create sets the pks on both backends (RETURNING), which the parts need.
        Document.objects.bulk_create(documents)
        self._add_parts(list(zip(documents, batch, strict=True)))
        touched = {case.pk: case for case in cases if id(case) not in new_cases}
        refresh_summaries(list(touched.values()))
        documents_imported.send(sender=Document, documents=documents)
        return [ImportOutcome("imported", document) for document in documents]

    def _add_parts(self, pairs: list[tuple[Document, ParsedDocument]]) -> None:
        """Concerns, countries, appeal groups, points and target links, in bulk.

        Rows are given foreign key ids rather than objects: it halves the cost of
        building them, which is most of an import's time.
        """
        concern_ids = self._concern_ids(name for _, parsed in pairs for name in parsed.concerns)
        through = Document.concerns.through
        _insert_rows(
            through,
            ("document_id", "concern_id"),
            (
                (document.pk, concern_ids[name])
                for document, parsed in pairs
                for name in dict.fromkeys(_clean_names(parsed.concerns))
            ),
        )
        for document, _parsed in pairs:
            for code in document.countries:
                check_lengths(DocumentCountry(code=code))
        _insert_rows(
            DocumentCountry,
            ("document_id", "code", "position"),
            (
                (document.pk, code, position)
                for document, _ in pairs
                for position, code in enumerate(document.countries)
            ),
        )
        groups = [
            AppealGroup(document_id=document.pk, audience=group.audience, position=position)
            for document, parsed in pairs
            for position, group in enumerate(parsed.appeal_groups)
        ]
        for row in groups:
            check_lengths(row)
        AppealGroup.objects.bulk_create(groups)
        parsed_groups = [group for _, parsed in pairs for group in parsed.appeal_groups]
        _insert_rows(
            AppealPoint,
            ("group_id", "text", "position"),
            (
                (group.pk, text, position)
                for group, parsed_group in zip(groups, parsed_groups, strict=True)
                for position, text in enumerate(parsed_group.points)
            ),
        )
        keys = [[key_of(sheet) for sheet in group.targets] for group in parsed_groups]
        targets = self._directory.targets_for(
            (key, sheet)
            for group_keys, group in zip(keys, parsed_groups, strict=True)
            for key, sheet in zip(group_keys, group.targets, strict=True)
        )
        links = []
        for group, group_keys in zip(groups, keys, strict=True):
            # A sheet naming the same official twice in a group links them once.
            linked = [targets[key].pk for key in dict.fromkeys(group_keys) if key]
            links += [
                (group.pk, target_id, position)
                for position, target_id in enumerate(linked, start=1)
            ]
        _insert_rows(GroupTarget, ("group_id", "target_id", "position"), links)

    def _concern_ids(self, names: Iterable[str]) -> dict[str, int]:
        names = list(dict.fromkeys(_clean_names(names)))
        missing = [name for name in names if name not in self._concerns]
        if missing:
            for concern in Concern.objects.filter(name__in=missing):
                self._concerns[concern.name] = concern.pk
            for name in missing:
                if name not in self._concerns:
                    self._concerns[name] = _new_concern(name).pk
        return self._concerns


def _insert_rows(
    model: type[models.Model], columns: tuple[str, ...], rows: Iterable[tuple]
) -> None:
    """Insert plain rows of a model that has no defaults, signals or hooks to run.

    For the leaf rows of a document (points, links, countries, concerns) the ORM's
    per-field preparation in bulk_create() cost more than the rest of an import.
    Values must be what the columns store (ints and str), and the caller checks them.
    """
    rows = list(rows)
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    # Concrete fields all have a column; the test only tells the type checker.
    column_of = {
        field.attname: field.column for field in model._meta.concrete_fields if field.column
    }
    names = ", ".join(quote(column_of[name]) for name in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})",  # noqa: S608
            rows,
        )


def _check_readable(parsed: ParsedDocument) -> None:
    if parsed.refused:
        raise ImportRejected(parsed.refused)
    if not parsed.source_hash:
        raise ImportRejected(_("the parsed document has no source hash"))
    if not (parsed.source_text.strip() or parsed.text.strip()):
        reason = _("no readable text")
        if parsed.warnings:
            reason = f"{reason} ({'; '.join(parsed.warnings)})"
        raise ImportRejected(reason)


def _document_values(parsed: ParsedDocument, case: Case) -> dict:
    countries = list(dict.fromkeys(code.upper() for code in parsed.countries if code))
    kind = parsed.kind if parsed.kind in DocumentKind.values else DocumentKind.OTHER
    return {
        "case": case,
        "kind": kind,
        "ua_number": parsed.ua_number or "",
        "update_number": parsed.update_number,
        "document_index": parsed.document_index or None,
        "title": clip(parsed.title, Document, "title"),
        "countries": countries,
        "issue_date": parsed.issue_date,
        "appeal_deadline": parsed.appeal_deadline,
        "appeal_immediately": parsed.appeal_immediately,
        "people_at_risk": parsed.people_at_risk,
        "channels": parsed.channels,
        "languages": parsed.languages,
        "own_language": parsed.own_language,
        "copies_to": parsed.copies_to,
        "model_letter": parsed.model_letter or "",
        "body": parsed.body,
        "source_name": parsed.source,
        "source_text": parsed.source_text,
        "source_hash": parsed.source_hash,
        "warnings": parsed.warnings,
    }


def _clean_names(names: Iterable[str]) -> Iterable[str]:
    return (name.strip() for name in names if name.strip())


def _new_concern(name: str) -> Concern:
    base = slugify(name)[:180] or "concern"
    taken = set(Concern.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug = base
    number = 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    concern = Concern(name=name, slug=slug)
    check_lengths(concern)
    concern.save()
    return concern
