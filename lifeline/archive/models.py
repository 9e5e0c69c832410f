"""The search index's own tables, one row per document in each, owned by the archive.

`SearchEntry` holds what filters, facets and sorting read, and nothing else, so that
counting facets over many matches scans narrow rows. `SearchText` holds the text: it is
copied rather than indexed in place so that the full-text machinery (an FTS5 table with
triggers on SQLite, a generated tsvector column with a GIN index on PostgreSQL, both
made by migration 0001 for their backend only; see `schema.py`) hangs off a table no
other app migrates. A later migration that alters SearchText must recreate them: on
SQLite, Django rebuilds an altered table and its triggers are lost.
"""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from lifeline.cases.models import Case, Document

# Undated documents get this date rather than NULL, so that "newest first" is one
# plain index scan on both backends (they place NULLs differently).
UNDATED = dt.date(1, 1, 1)
# A case without a deadline gets this one, so that "open" (closed = false and deadline
# >= today) is one range of an index, with no "or NULL" to defeat it.
NO_DEADLINE = dt.date(9999, 12, 31)


class SearchEntry(models.Model):
    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30)
    date = models.DateField()
    year = models.PositiveSmallIntegerField(null=True)
    # Copies, so that counting facets reads no other table: country codes and concern
    # ids, space-separated with a space at each end (" CN KP ", " 3 7 ") so that one is
    # matched with LIKE '% CN %'; the case's closed flag and deadline (the status).
    countries = models.CharField(max_length=200, default=" ")
    concerns = models.CharField(max_length=500, default=" ")
    closed = models.BooleanField(default=False)
    deadline = models.DateField(default=NO_DEADLINE)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        indexes = [
            # Newest first, and its keyset pagination.
            models.Index(fields=["date", "document"], name="archive_entry_date_idx"),
            # Year and kind filters without a text query.
            models.Index(fields=["year", "date"], name="archive_entry_year_idx"),
            models.Index(fields=["kind", "date"], name="archive_entry_kind_idx"),
            # Status filters (open, past deadline, closed), with a kind or alone.
            models.Index(fields=["kind", "closed", "deadline"], name="archive_entry_kstatus_idx"),
            models.Index(fields=["closed", "deadline"], name="archive_entry_status_idx"),
        ]

    def __str__(self):
        return f"search entry of document {self.document_id}"


class SearchText(models.Model):
    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, primary_key=True, related_name="search_text"
    )
    # Title, people at risk, index and UA number: they weigh more than the body.
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search text")
        verbose_name_plural = _("search texts")

    def __str__(self):
        return f"search text of document {self.document_id}"


class IndexState(models.Model):
    """One row: the generation of the index, a new one in every transaction that changes it.

    Searches are remembered in Django's cache under the generation they were made at,
    so a change to the index makes every earlier one unreachable at the moment it
    commits (see `cache.py`).
    """

    generation = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("search index state")
        verbose_name_plural = _("search index states")

    def __str__(self):
        return f"search index generation {self.generation}"


class AskedSearch(models.Model):
    """A search someone made, as its arguments to `search()`, for warming (`asked.py`).

    Written by the search page and the API when a search is worked out from scratch
    (not when it is recalled, which must stay cheap), so `asked` is the last time it
    was worked out.
    """

    key = models.CharField(max_length=64, primary_key=True)
    question = models.TextField()
    asked = models.DateTimeField()

    class Meta:
        verbose_name = _("asked search")
        verbose_name_plural = _("asked searches")
        indexes = [models.Index(fields=["asked"], name="archive_asked_idx")]

    def __str__(self):
        return f"asked search {self.key[:12]}"
