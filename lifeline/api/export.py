"""Bulk export of the public archive as JSON Lines and CSV, streamed.

Rows are read with `iterator()` in chunks, their concerns, groups, points and
targets prefetched per chunk, and written out as they come: memory holds one
chunk whatever the archive's size.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest

from lifeline.api import present
from lifeline.cases.models import Document
from lifeline.lib import spreadsheet

CHUNK = 500

CSV_COLUMNS = [
    "code",
    "case",
    "kind",
    "ua_number",
    "update_number",
    "document_index",
    "title",
    "countries",
    "concerns",
    "issue_date",
    "appeal_deadline",
    "people_at_risk",
    "channels",
    "languages",
    "targets",
    "url",
    "body",
]
# Lists inside one CSV cell.
SEPARATOR = "; "


def _documents():
    return present.documents_with_parts(Document.objects.order_by("id")).iterator(chunk_size=CHUNK)


def jsonl(request: HttpRequest) -> Iterator[str]:
    """One document per line, as `GET /api/v1/documents/{code}` returns it."""
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    for row in _documents():
        yield encoder.encode(present.document(request, row)) + "\n"


class _Line:
    """A file-like object whose write() hands back what the CSV writer gives it."""

    def write(self, value: str) -> str:
        return value


def csv_rows(request: HttpRequest) -> Iterator[str]:
    """A header, then one row per document; list cells are joined with "; "."""
    writer = spreadsheet.writer(_Line())
    yield writer.writerow(CSV_COLUMNS)
    for row in _documents():
        data = present.document(request, row)
        targets = [
            ", ".join(part for part in (target["name"], target["title"]) if part)
            for group in data["appeal_groups"]
            for target in group["targets"]
        ]
        yield writer.writerow(
            [
                data["code"],
                data["case"],
                data["kind"],
                data["ua_number"],
                data["update_number"] if data["update_number"] is not None else "",
                data["document_index"] or "",
                data["title"],
                SEPARATOR.join(data["countries"]),
                SEPARATOR.join(c["name"] for c in data["concerns"]),
                data["issue_date"] or "",
                data["appeal_deadline"] or "",
                SEPARATOR.join(data["people_at_risk"]),
                SEPARATOR.join(data["channels"]),
                SEPARATOR.join(data["languages"]),
                SEPARATOR.join(targets),
                data["page_url"],
                data["body"],
            ]
        )
