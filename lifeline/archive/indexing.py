"""Keeping the search index in step with the documents and their cases.

Every write path reaches `index_documents()`: a document's `save()` through post_save,
a change of its concerns through m2m_changed, the importer's bulk inserts and updates
through `cases.signals.documents_imported`. A case's `save()` (which its summary refresh
does whenever a document joins or changes) copies its closed flag and deadline to its
entries. Deletions follow the cascade from Document to SearchEntry and SearchText, whose
delete trigger, on SQLite, takes the row out of the FTS5 table. Each of these also
calls `index_changed()` after its change and in its transaction: it bumps the index's
generation (`cache.bump()`), so remembered answers are out of reach the moment the
change commits, and enqueues the warming of the searches people made once it commits
(`tasks.enqueue_warming()`; `one_warming()` makes that one enqueuing for a whole
import). Only writes behind the ORM's back (raw SQL, `QuerySet.update()`, bulk_create
of parts) go unseen: run `lifeline reindex` after them.

What is indexed of each document is bounded: the first settings.SEARCH_INDEXED_CHARACTERS
of its body (cut between words) and the first TITLE_CHARACTERS of its title with the
people at risk. The document keeps its whole text; only the index (and so the search's
matching, ranking and snippets, which are made from the indexed text) stops there. A
few very large documents would otherwise make every search that finds them slow:
FTS5's snippet() and PostgreSQL's ts_headline() read the whole text of each hit, and
snippet() takes time that grows with the square of the matches in one document.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.db import connection, transaction
from django.db.models.functions import Left
from django.db.models.signals import m2m_changed, post_delete, post_save
from tqdm import tqdm

from lifeline.archive import cache, schema, tasks
from lifeline.archive.models import NO_DEADLINE, UNDATED, SearchEntry, SearchText
from lifeline.cases.models import Case, Concern, Document, document_date
from lifeline.cases.signals import documents_imported

# What the index rows are made from; the original text and the parts are not needed.
SOURCE_FIELDS = (
    "id",
    "case_id",
    "kind",
    "title",
    "people_at_risk",
    "document_index",
    "ua_number",
    "issue_date",
    "appeal_deadline",
    "countries",
    "case__closed",
    "case__deadline",
)
BATCH_SIZE = 1000
# The title with the people at risk, index and UA number: a few hundred characters,
# unless a sheet lists thousands of people.
TITLE_CHARACTERS = 10_000
# How far back from the cap a space is looked for, so that no word is cut in two.
_WORD_BACK = 200
# Control characters could collide with the highlight markers of the engines.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_Concerns = Document.concerns.through
# Inside `one_warming()`: the list that index changes are noted in, instead of each
# enqueuing the warming.
_batch: contextvars.ContextVar[list | None] = contextvars.ContextVar(
    "archive_index_batch", default=None
)


def index_changed() -> None:
    """Make every remembered answer stale and warm the searches people made once the
    change commits; call it after the change, in its transaction (see `cache.bump()`)."""
    cache.bump()
    batch = _batch.get()
    if batch is None:
        transaction.on_commit(tasks.enqueue_warming)
    else:
        batch.append(True)


@contextlib.contextmanager
def one_warming() -> Iterator[None]:
    """Index changes made inside enqueue one warming, at the end, rather than one per
    transaction (`lifeline import`, `lifeline reindex`); the command then returns
    without waiting for it: `lifeline worker` runs it."""
    changes: list = []
    token = _batch.set(changes)
    try:
        yield
    finally:
        _batch.reset(token)
        if changes:
            tasks.enqueue_warming()


def _clean(text: str) -> str:
    return _CONTROL.sub(" ", text or "")


def bounded(text: str, limit: int) -> str:
    """The text up to `limit` characters, cut at a space so that no word is cut in two
    (unless there is none in the last few hundred characters)."""
    if len(text) <= limit:
        return text
    for end in range(limit, max(0, limit - _WORD_BACK), -1):
        if text[end].isspace():
            return text[:end]
    return text[:limit]


def _spaced(values: Iterable) -> str:
    return " " + "".join(f"{value} " for value in values)


def rows_for(source: dict, concern_ids: Iterable[int]) -> tuple[SearchEntry, SearchText]:
    """The unsaved index rows of one document, from its SOURCE_FIELDS values and its
    `body` (of which only the first SEARCH_INDEXED_CHARACTERS are indexed)."""
    date = document_date(
        source["issue_date"],
        source["appeal_deadline"],
        source["document_index"],
        source["ua_number"],
    )
    people = [str(person) for person in source["people_at_risk"] or []]
    title = [source["title"], *people, source["document_index"] or "", source["ua_number"]]
    entry = SearchEntry(
        document_id=source["id"],
        case_id=source["case_id"],
        kind=source["kind"],
        date=date or UNDATED,
        year=date.year if date else None,
        countries=_spaced(code.upper() for code in source["countries"] or []),
        concerns=_spaced(sorted(concern_ids)),
        closed=source["case__closed"],
        deadline=source["case__deadline"] or NO_DEADLINE,
    )
    text = SearchText(
        document_id=source["id"],
        title=_clean(bounded("\n".join(part for part in title if part), TITLE_CHARACTERS)),
        body=_clean(bounded(source["body"] or "", settings.SEARCH_INDEXED_CHARACTERS)),
    )
    return entry, text


def _read(ids: list[int] | None, after: int = 0) -> list[tuple[SearchEntry, SearchText]]:
    """Index rows for the documents with `ids`, or for the next batch after pk `after`."""
    documents = Document.objects.order_by("pk")
    if ids is not None:
        documents = documents.filter(pk__in=ids)
    else:
        documents = documents.filter(pk__gt=after)[:BATCH_SIZE]
    # Only the head of each body leaves the database: one past the cap, so that
    # bounded() can tell whether a word goes on beyond it.
    head = Left("body", settings.SEARCH_INDEXED_CHARACTERS + 1)
    sources = list(documents.values(*SOURCE_FIELDS, body_head=head))
    for source in sources:
        source["body"] = source.pop("body_head")
    concerns = defaultdict(list)
    links = _Concerns.objects.filter(document_id__in=[source["id"] for source in sources])
    for document_id, concern_id in links.values_list("document_id", "concern_id"):
        concerns[document_id].append(concern_id)
    return [rows_for(source, concerns[source["id"]]) for source in sources]


def index_documents(ids: Iterable[int]) -> int:
    """Index (or re-index) the documents with these ids; returns how many were found.

    Three queries per thousand documents: the documents with their cases, their
    concerns, and an upsert into each index table.
    """
    ids = list(ids)
    if not ids:
        return 0
    with transaction.atomic():
        count = _upsert(ids)
        index_changed()  # after the change, in its transaction (see cache.bump)
    return count


def _upsert(ids: list[int]) -> int:
    count = 0
    for start in range(0, len(ids), BATCH_SIZE):
        rows = _read(ids[start : start + BATCH_SIZE])
        SearchEntry.objects.bulk_create(
            [entry for entry, _ in rows],
            update_conflicts=True,
            unique_fields=["document"],
            update_fields=[
                "case",
                "kind",
                "date",
                "year",
                "countries",
                "concerns",
                "closed",
                "deadline",
            ],
        )
        SearchText.objects.bulk_create(
            [text for _, text in rows],
            update_conflicts=True,
            unique_fields=["document"],
            update_fields=["title", "body"],
        )
        count += len(rows)
    return count


def reindex(progress: bool = False) -> int:
    """Rebuild the whole index from the documents, in one transaction; returns the count.

    The engine's per-row upkeep (SQLite's triggers, PostgreSQL's GIN index) is dropped
    for the rebuild and made again at the end, in one pass, which is several times
    faster than keeping it up row by row. Reads the documents in primary-key batches
    (keyset, so memory stays flat), with a tqdm bar on stderr when `progress` is set.
    """
    total = Document.objects.count()
    count = 0
    with (
        transaction.atomic(),
        tqdm(total=total, disable=not progress, file=sys.stderr, unit="doc") as bar,
        connection.cursor() as cursor,
    ):
        index_changed()
        for sql in _before_rebuild(connection.vendor):
            cursor.execute(sql)
        last = 0
        while rows := _read(None, after=last):
            SearchEntry.objects.bulk_create([entry for entry, _ in rows])
            SearchText.objects.bulk_create([text for _, text in rows])
            count += len(rows)
            last = rows[-1][0].document_id
            bar.update(len(rows))
        for sql in _after_rebuild(connection.vendor):
            cursor.execute(sql)
    return count


_EMPTY = ["DELETE FROM archive_searchtext", "DELETE FROM archive_searchentry"]


def _before_rebuild(vendor: str) -> list[str]:
    if vendor == "sqlite":
        # Without the triggers, emptying the texts leaves the FTS index alone; the
        # "rebuild" below then remakes it from the new texts.
        return [*schema.SQLITE_DROP_TRIGGERS, *_EMPTY]
    return ["DROP INDEX IF EXISTS archive_text_vector_idx", *_EMPTY]


def _after_rebuild(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return ["INSERT INTO archive_fts(archive_fts) VALUES ('rebuild')", *schema.SQLITE_TRIGGERS]
    # Django's foreign keys are checked at commit, and PostgreSQL refuses CREATE INDEX
    # on a table with checks pending: run them now, then defer again.
    return [
        "SET CONSTRAINTS ALL IMMEDIATE",
        schema.POSTGRES_VECTOR_INDEX,
        "SET CONSTRAINTS ALL DEFERRED",
    ]


def _document_saved(sender, instance, raw=False, **kwargs):
    # Fixtures (raw) may load documents before their cases; reindex after loading.
    if not raw:
        index_documents([instance.pk])


def _case_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        with transaction.atomic():
            SearchEntry.objects.filter(case_id=instance.pk).update(
                closed=instance.closed, deadline=instance.deadline or NO_DEADLINE
            )
            index_changed()


def _gone_or_renamed(sender, raw=False, **kwargs):
    # A deleted document leaves the index by the cascade; a concern's slug is what
    # searches filter by and facets show.
    if not raw:
        index_changed()


def _concerns_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        if action == "pre_clear" and reverse:
            # A concern losing all its documents: remember which, to reindex them after.
            instance._archive_cleared = list(instance.documents.values_list("pk", flat=True))
        return
    if not reverse:
        index_documents([instance.pk])
    elif action == "post_clear":
        index_documents(getattr(instance, "_archive_cleared", []))
    else:
        index_documents(pk_set or [])


def _documents_imported(sender, documents, **kwargs):
    index_documents(document.pk for document in documents)


def connect_signals() -> None:
    post_save.connect(_document_saved, sender=Document, dispatch_uid="archive.document_saved")
    post_save.connect(_case_saved, sender=Case, dispatch_uid="archive.case_saved")
    m2m_changed.connect(_concerns_changed, sender=_Concerns, dispatch_uid="archive.concerns")
    documents_imported.connect(_documents_imported, dispatch_uid="archive.documents_imported")
    post_delete.connect(_gone_or_renamed, sender=Document, dispatch_uid="archive.document_gone")
    post_save.connect(_gone_or_renamed, sender=Concern, dispatch_uid="archive.concern_saved")
    post_delete.connect(_gone_or_renamed, sender=Concern, dispatch_uid="archive.concern_gone")
