"""Bulk export of the archive as JSON Lines and CSV, streamed."""

import csv
import io
import json

import pytest

from lifeline.api import export
from tests.cases.factories import make_action_case, make_case, make_document

pytestmark = pytest.mark.django_db


def read(response) -> str:
    assert response.status_code == 200
    # Streamed: the body is produced while it is sent, never held whole.
    assert response.streaming
    return b"".join(response.streaming_content).decode()


def test_json_lines_hold_every_document_as_the_api_shows_it(api):
    _, document = make_action_case()
    make_document(make_case(), title="Second", body="Line one\nline two")

    response = api.get("/export/documents.jsonl")
    lines = read(response).splitlines()

    assert response["Content-Type"] == "application/x-ndjson"
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first == api.get(f"/documents/{document.code}").json()
    assert json.loads(lines[1])["body"] == "Line one\nline two"


def test_csv_has_a_header_and_one_row_per_document(api):
    _, document = make_action_case()
    make_document(make_case(countries=["CN", "KP"]), title='Quote " and, comma', body="a\nb")

    response = api.get("/export/documents.csv")
    rows = list(csv.DictReader(io.StringIO(read(response))))

    assert response["Content-Type"] == "text/csv"
    assert len(rows) == 2
    assert list(rows[0]) == export.CSV_COLUMNS
    assert rows[0]["code"] == str(document.code)
    assert rows[0]["targets"] == "Lic. Ficticio Gobernador, Governor of Example State"
    assert rows[0]["channels"] == "fax; email"
    assert rows[1]["title"] == 'Quote " and, comma'
    assert rows[1]["countries"] == "CN; KP"
    assert rows[1]["body"] == "a\nb"


def test_the_export_reads_in_chunks(api, monkeypatch):
    # Three chunks of two: every document still comes out once, in id order.
    monkeypatch.setattr(export, "CHUNK", 2)
    documents = [make_document(make_case()) for _ in range(5)]

    lines = read(api.get("/export/documents.jsonl")).splitlines()

    assert [json.loads(line)["code"] for line in lines] == [str(d.code) for d in documents]
