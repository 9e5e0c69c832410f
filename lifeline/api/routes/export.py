"""Bulk export of every document, streamed as JSON Lines or CSV."""

from __future__ import annotations

from django.http import StreamingHttpResponse
from ninja import Router

from lifeline.api import export

router = Router(tags=["export"])


def _streamed(content_type: str, example: str) -> dict:
    return {
        "responses": {
            200: {
                "description": "The whole archive, one document a line.",
                "content": {content_type: {"schema": {"type": "string"}, "example": example}},
            }
        }
    }


@router.get(
    "/export/documents.jsonl",
    url_name="export_jsonl",
    openapi_extra=_streamed("application/x-ndjson", '{"code": "...", "kind": "urgent_action"}\n'),
)
def export_jsonl(request):
    """Every document with its parts, one JSON object a line (as the document endpoint)."""
    response = StreamingHttpResponse(export.jsonl(request), content_type="application/x-ndjson")
    response["Content-Disposition"] = 'attachment; filename="lifeline-documents.jsonl"'
    return response


@router.get(
    "/export/documents.csv",
    url_name="export_csv",
    openapi_extra=_streamed("text/csv", "code,case,kind,...\r\n"),
)
def export_csv(request):
    """Every document, one CSV row each; lists inside a cell are joined with "; "."""
    response = StreamingHttpResponse(export.csv_rows(request), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="lifeline-documents.csv"'
    return response
