"""Print packs: many letters streamed into one PDF, chunk after chunk."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from lifeline.letters import compose
from lifeline.letters.pack import write_pack
from tests.letters.fixtures import document, premier, writer
from tests.letters.pdftools import page_count, page_size, pdf_text

DAY = dt.date(2000, 6, 12)
NAMES = [
    "Ana Silva",
    "Jean Dupont",
    "Анна Ткаченко",
    "김민준",
    "王芳",
    "Søren Ørsted",
    "Nour Haddad",
]


def letters(languages=("en",)):
    doc = document()
    group = doc.appeal_groups[0]
    for index, name in enumerate(NAMES):
        language = languages[index % len(languages)]
        yield compose(doc, group, premier(), writer(name=name), language, seed=index, date=DAY)


def test_a_pack_joins_chunks_into_one_pdf_in_order(tmp_path):
    out = tmp_path / "pack.pdf"
    # Chunks of 3: two whole chunks and one of a single letter.
    assert write_pack(letters(("en", "fr", "ar")), out, chunk=3) == len(NAMES)
    pdf = out.read_bytes()
    assert page_count(pdf) == len(NAMES)
    for page, name in enumerate(NAMES, 1):
        text = pdf_text(pdf, first=page, last=page)
        assert name in text
        # No other writer's name on this page.
        assert not [other for other in NAMES if other != name and other in text]
    assert not (tmp_path / "pack.pdf.part").exists()


def test_a_pack_is_a_valid_pdf_to_a_strict_reader(tmp_path):
    out = tmp_path / "pack.pdf"
    write_pack(letters(), out, chunk=2)
    reader = PdfReader(out, strict=True)
    assert len(reader.pages) == len(NAMES)
    assert reader.metadata.title == "Appeal letters"
    assert "王芳" in reader.pages[4].extract_text()


def test_a_pack_streams_to_a_file_object_and_on_us_letter(tmp_path):
    buffer = io.BytesIO()
    write_pack(letters(), buffer, paper="us-letter", chunk=4)
    pdf = buffer.getvalue()
    assert page_count(pdf) == len(NAMES)
    assert page_size(pdf) == (612, 792)


def test_envelopes_follow_each_letter(tmp_path):
    out = tmp_path / "pack.pdf"
    write_pack(letters(), out, chunk=3, envelopes=True)
    pdf = out.read_bytes()
    assert page_count(pdf) == 2 * len(NAMES)
    assert "PAR AVION" in pdf_text(pdf, first=2, last=2)
    assert "Your Excellency" in pdf_text(pdf, first=3, last=3)


def test_an_empty_pack_is_still_a_pdf(tmp_path):
    out = tmp_path / "pack.pdf"
    assert write_pack([], out) == 0
    assert PdfReader(out).pages == [] or len(PdfReader(out).pages) == 0


def test_a_failing_pack_leaves_no_file_behind(tmp_path):
    def broken():
        yield from letters()
        raise RuntimeError("composer failed")

    out = tmp_path / "pack.pdf"
    with pytest.raises(RuntimeError):
        write_pack(broken(), out, chunk=3)
    assert list(tmp_path.iterdir()) == []
