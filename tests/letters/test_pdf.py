"""Letters as PDF, read back with poppler's pdftotext, pdfinfo and pdffonts."""

from __future__ import annotations

import datetime as dt

import pytest

from lifeline.documents.model import ParsedTarget
from lifeline.letters import compose
from lifeline.letters.pdf import blank_writer, letter_pdf, missing_fonts, render_many
from tests.letters.fixtures import CHINESE_POINT_TAILS, document, premier, writer
from tests.letters.pdftools import font_names, page_count, page_size, pdf_text, squeezed

DAY = dt.date(2000, 6, 12)


def letter(language="en", target=None, **writer_changes):
    doc = document()
    group = doc.appeal_groups[0]
    chosen = target or premier()
    return compose(doc, group, chosen, writer(**writer_changes), language, "letter", 3, date=DAY)


def test_the_fonts_for_every_script_are_installed():
    assert missing_fonts() == []


def test_a_letter_is_one_a4_page_with_salutation_address_and_every_point():
    composed = letter()
    pdf = letter_pdf(composed)
    assert pdf.startswith(b"%PDF-")
    assert page_count(pdf) == 1
    assert page_size(pdf) == (595, 842)
    text = squeezed(pdf_text(pdf))
    for line in [*composed.recipient_block, *composed.sender_block, "12 June 2000"]:
        assert squeezed(line) in text
    assert "YourExcellency," in text
    for tail in CHINESE_POINT_TAILS:
        assert squeezed(tail) in text
    assert squeezed("Yours sincerely,") in text


def test_us_letter_paper_is_8_5_by_11_inches():
    assert page_size(letter_pdf(letter(), paper="us-letter")) == (612, 792)


def test_an_unknown_paper_is_refused():
    with pytest.raises(ValueError, match="Unknown paper 'a5'"):
        letter_pdf(letter(), paper="a5")


def test_the_envelope_page_has_the_airmail_mark_and_both_addresses():
    composed = letter()
    pdf = letter_pdf(composed, envelope=True)
    assert page_count(pdf) == 2
    envelope = pdf_text(pdf, first=2, last=2)
    assert "PAR AVION" in envelope and "BY AIR MAIL" in envelope
    for line in [*composed.recipient_block, *composed.sender_block]:
        assert line in envelope
    assert "Your Excellency" not in envelope


def test_markup_in_the_writers_words_is_printed_as_typed():
    # Typst markup, code, a closing bracket, backslashes and a page setting that
    # would change the paper if it were ever evaluated.
    hostile = (
        '#set page(paper: "a5") #import "/etc/passwd" *bold* _em_ ] [ \\ \\\\ '
        "$x^2$ <b>tag</b> @label // not a comment /* nor this */ `raw` = heading"
    )
    pdf = letter_pdf(letter(own_words=hostile))
    assert page_size(pdf) == (595, 842)
    assert squeezed(hostile) in squeezed(pdf_text(pdf))


def test_every_script_is_extracted_and_drawn_from_a_font_that_has_it():
    target = ParsedTarget(
        title="Premier",
        name="朱镕基 (Zhu Rongji)",
        address=["김정일 청사", "9 Xihuangchenggenbeijie", "Beijing 100032"],
        country="CN",
        salutation="Your Excellency",
    )
    composed = letter(
        target=target, name="Łukasz Żółć Ткаченко", own_words="Ich grüße Sie. Ça va. مرحبا"
    )
    pdf = letter_pdf(composed)
    text = pdf_text(pdf)
    for words in [
        "朱镕基",
        "김정일 청사",
        "Łukasz Żółć Ткаченко",
        "Ich grüße Sie. Ça va.",
        "مرحبا",
    ]:
        assert words in text
    fonts = font_names(pdf)
    # Typst's own Libertinus has no Han, Hangul or Arabic: these prove the fallbacks.
    assert "WenQuanYiMicroHei" in fonts
    assert "NotoNaskhArabic" in fonts


def test_an_arabic_letter_renders_its_frame_right_to_left():
    composed = letter("ar")
    pdf = letter_pdf(composed)
    assert page_count(pdf) == 1
    text = pdf_text(pdf)
    assert composed.salutation.rstrip("،,") in text
    assert "وتفضلوا بقبول فائق الاحترام والتقدير" in text
    # The English points keep their reading order inside the Arabic letter.
    for tail in CHINESE_POINT_TAILS:
        assert squeezed(tail) in squeezed(text)


def test_a_blank_letter_leaves_lines_to_write_on():
    doc = document()
    composed = compose(doc, doc.appeal_groups[0], premier(), blank_writer(), "en", seed=1, date=DAY)
    text = pdf_text(letter_pdf(composed))
    assert "Your Excellency," in text
    assert "Ana Silva" not in text


def test_a_very_long_letter_runs_on_rather_than_failing():
    own = "\n\n".join(["A paragraph of my own words about this case. " * 12] * 8)
    pdf = letter_pdf(letter(own_words=own))
    assert page_count(pdf) == 2
    assert squeezed(own[:200]) in squeezed(pdf_text(pdf))


def test_several_letters_in_one_document_each_start_a_page():
    names = ["Ana Silva", "Анна Ткаченко", "김민준"]
    pdf = render_many([letter(name=name) for name in names], paper="us-letter")
    assert page_count(pdf) == 3
    for page, name in enumerate(names, 1):
        assert name in pdf_text(pdf, first=page, last=page)


def test_a_long_letter_shrinks_its_type_to_stay_on_one_page():
    own = "A sentence of my own words about this case. " * 50
    pdf = letter_pdf(letter(own_words=own), envelope=True)
    # One page for the letter, then the envelope.
    assert page_count(pdf) == 2
    first = squeezed(pdf_text(pdf, first=1, last=1))
    assert squeezed(own) in first
    assert squeezed(CHINESE_POINT_TAILS[-1]) in first
    assert "cc:Diplomatic" in first
