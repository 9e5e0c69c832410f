"""What conversion did to the sheets, and what the parser undoes.

Each artifact fixture is a plain fixture put through one conversion (see
make_fixtures.py); reading it must give what reading the plain one gives.
"""

import io

import pytest

from lifeline.documents import parse
from tests.documents.conftest import FIXTURES, parse_fixture


def essentials(doc):
    """Everything a reader relies on, without the bookkeeping fields."""
    data = doc.to_json()
    for key in ("source", "source_hash", "warnings", "encoding", "layout"):
        data.pop(key)
    return data


@pytest.mark.parametrize(
    "variant",
    [
        "ua_1998_classic.double_spaced.txt",
        "ua_1998_classic.crlf_tabs_ff.txt",
    ],
)
def test_line_artifacts_change_nothing_a_reader_sees(variant):
    assert essentials(parse_fixture(variant)) == essentials(parse_fixture("ua_1998_classic.txt"))


def test_it_undoes_double_spacing_and_whitespace_only_separators():
    doc = parse_fixture("ua_1998_classic.double_spaced.txt")
    body = doc.body.split("\n\n")
    assert len(body) == 3
    assert body[0].startswith("Dwayne Harlan Pickett is scheduled to be executed")
    assert "He was sentenced to death in 1987" in body[0]


def test_it_drops_page_numbers_inside_a_list_of_points():
    doc = parse_fixture("ua_1998_classic.double_spaced.txt")
    points = doc.appeal_groups[0].points
    assert len(points) == 3
    assert points[1].endswith("suffered as a child")
    assert points[2] == "urging the Board to recommend clemency for Dwayne Harlan Pickett"


def test_it_reads_crlf_tabs_and_form_feeds():
    doc = parse_fixture("ua_1998_classic.crlf_tabs_ff.txt")
    assert doc.issue_date.isoformat() == "1998-04-24"
    assert doc.people_at_risk == ["Dwayne Harlan Pickett"]
    assert "\r" not in doc.text and "\t" not in doc.text and "\f" not in doc.text
    assert "Page 2 of 2" not in doc.text
    assert "He was sentenced" in doc.body


def test_it_joins_words_hyphenated_at_line_ends():
    doc = parse_fixture("ua_1998_classic.hyphenated.txt")
    assert "He was sentenced to death" in doc.body
    assert "his court-appointed lawyer" in doc.body
    assert "Amnesty International opposes" in doc.body
    assert "It supports non-violent campaigns" in doc.body  # "non-" keeps its hyphen
    assert doc.appeal_groups[0].points[0].startswith("expressing sympathy for the family")


@pytest.mark.parametrize(
    ("variant", "encoding"),
    [("ua_2004.cp1252.txt", "cp1252"), ("ua_2004.mojibake.txt", "utf-8")],
)
def test_legacy_encodings_and_mojibake_read_like_utf8(variant, encoding):
    doc = parse_fixture(variant)
    assert doc.encoding == encoding
    assert essentials(doc) == essentials(parse_fixture("ua_2004.txt"))
    assert doc.warnings  # it says how the text was repaired


def test_it_reads_latin1_bytes():
    doc = parse_fixture("ua_2004.latin1.txt")
    assert doc.people_at_risk == ["Joaquín Ortega Ruiz", "Esteban Luna Díaz"]
    assert doc.appeal_groups[0].targets[1].name == "Lic. Marcela Treviño Garza"
    assert "Bosque Vivo" in doc.body
    assert "decoded as" in doc.warnings[0]


def test_source_text_is_the_decoded_original_and_the_hash_is_of_the_bytes():
    import hashlib

    raw = (FIXTURES / "ua_2004.mojibake.txt").read_bytes()
    doc = parse(raw, "ua_2004.mojibake.txt")
    assert doc.source_hash == hashlib.sha256(raw).hexdigest()
    assert "DÃ­az" in doc.source_text
    assert "Díaz" in doc.text


def test_curly_quotes_become_straight():
    doc = parse_fixture("ua_2004.txt")
    assert 'belong to "Bosque Vivo", a local organisation' in doc.body


def test_it_unflattens_and_repairs_an_ocr_sheet():
    doc = parse_fixture("ocr_flattened_1998.txt")
    assert doc.kind == "urgent_action"
    assert doc.ua_number == "77/98"
    assert doc.document_index == "AMR 51/048/98"  # from "Al Index"
    assert "Distr: UA/SC" in doc.text  # from "UAlSC"
    assert doc.concerns == ["Death penalty"]
    assert doc.countries == ["US"]
    assert doc.people_at_risk == ["Thomas Edwin Hale"]
    assert doc.body.startswith("Thomas Hale is scheduled to be executed")
    assert doc.appeal_deadline.isoformat() == "1998-05-15"
    assert doc.appeal_immediately is True  # from "IMMEDI ATELY"
    (group,) = doc.appeal_groups
    assert len(group.points) == 3
    (governor,) = group.targets
    assert (governor.title, governor.name) == ("Governor", "Harold P. Lindqvist")
    assert governor.fax == ["+1 804 371 6351"]
    assert governor.salutation == "Dear Governor"  # from "Sal utation"
    assert governor.country == "US"


def test_it_takes_the_main_text_of_a_catalogue_page():
    doc = parse_fixture("catalogue_page.html")
    assert doc.kind == "further_information"
    assert doc.ua_number == "12/03"
    assert doc.document_index == "ASA 17/009/2003"
    assert doc.related_indexes == ["ASA 17/003/2003"]
    assert doc.issue_date.isoformat() == "2003-02-21"
    assert doc.countries == ["CN"]
    assert doc.people_at_risk == ["Wen Jiahong"]
    assert doc.languages == ["English", "Chinese"]
    assert len(doc.body.split("\n\n")) == 2
    for furniture in ("Skip to", "Donate", "Campaigns", "Related documents", "Privacy", "track()"):
        assert furniture not in doc.text
    (target,) = doc.appeal_groups[0].targets
    assert target.address[-1] == "People's Republic of China"
    assert target.salutation == "Dear Director"


def test_it_strips_site_navigation_around_a_text_catalogue_page():
    doc = parse_fixture("catalogue_page.txt")
    assert doc.kind == "urgent_action"
    assert doc.ua_number == "33/99"
    assert doc.title == "Fear for safety"
    assert doc.countries == ["CO"]
    assert doc.appeal_deadline.isoformat() == "1999-04-19"
    assert not doc.text.startswith("Skip")
    assert "Privacy policy" not in doc.text
    assert "Facebook" not in doc.text


def _pdf(text: str, lines_per_page: int = 30) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    y, page = height - 60, 1
    for number, line in enumerate(text.split("\n")):
        if number and number % lines_per_page == 0:
            pdf.drawString(width / 2, 30, str(page))  # the page number in the footer
            pdf.showPage()
            y, page = height - 60, page + 1
        pdf.setFont("Helvetica", 10)
        pdf.drawString(50, y, line)
        y -= 14
    pdf.drawString(width / 2, 30, str(page))
    pdf.save()
    return buffer.getvalue()


def test_it_reads_the_text_layer_of_a_pdf():
    text = (FIXTURES / "ua_2004.txt").read_text(encoding="utf-8")
    doc = parse(_pdf(text), "ua_2004.pdf")
    assert doc.encoding == "pdf"
    assert essentials(doc) == essentials(parse_fixture("ua_2004.txt"))


def test_a_page_break_inside_a_target_block_keeps_the_block_whole():
    text = (FIXTURES / "ua_2004.txt").read_text(encoding="utf-8")
    doc = parse(_pdf(text, lines_per_page=30), "ua_2004.pdf")  # breaks after "Fax:"
    defence = doc.appeal_groups[0].targets[0]
    assert defence.fax == ["+52 55 5557 1370"]
    assert defence.email == ["correo@defensa.example.mx"]
    assert defence.salutation == "Dear General / Estimado General"


def test_a_pdf_without_text_is_refused_with_the_reason():
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.rect(100, 100, 200, 200)  # a scan would be an image; a shape has no text either
    pdf.save()
    doc = parse(buffer.getvalue(), "scan.pdf")
    assert doc.kind == "other"
    assert doc.refused == "the PDF has no text layer (a scan needs OCR first)"


def test_a_broken_pdf_is_refused_with_the_reason():
    doc = parse(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is not a PDF", "broken.pdf")
    assert doc.kind == "other"
    assert doc.refused == "truncated PDF (it does not end with %%EOF)"
    doc = parse(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\nthis is not a PDF\n%%EOF", "b.pdf")
    assert doc.refused.startswith("unreadable PDF: ")
