"""Plain text, HTML preview and mailto: link of a composed letter."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, unquote, urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from lifeline.letters import compose
from lifeline.letters.render import (
    CUT_MARK,
    MAILTO_LIMIT,
    email_body,
    email_subject,
    letter_html,
    letter_text,
    mailto_is_complete,
    mailto_link,
)
from tests.letters.fixtures import CHINESE_POINT_TAILS, document, premier, writer

DAY = dt.date(2000, 6, 12)
HOSTILE = '<script>alert("x")</script> & #import "evil.typ" ] \\ $x$ *bold*'


def letter(language="en", channel="letter", **writer_changes):
    doc = document()
    group = doc.appeal_groups[0]
    return compose(doc, group, premier(), writer(**writer_changes), language, channel, 7, date=DAY)


def test_letter_text_is_the_letters_own_text():
    composed = letter()
    assert letter_text(composed) == composed.text()
    assert "Your Excellency," in letter_text(composed)


def test_the_html_preview_escapes_what_the_writer_typed():
    fragment = letter_html(letter(own_words=HOSTILE))
    assert "<script>" not in fragment
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; #import" in fragment
    tree = HTMLParser(fragment)
    assert tree.css("script") == []
    own = [p.text() for p in tree.css("p.letter-paragraph")]
    assert HOSTILE in own


def test_the_html_preview_holds_every_block_in_order():
    composed = letter()
    tree = HTMLParser(letter_html(composed))
    article = tree.css_first("article.letter")
    assert article.attributes["lang"] == "en"
    assert article.attributes["dir"] == "ltr"
    recipient = [span.text() for span in tree.css("address.letter-recipient span")]
    assert recipient == composed.recipient_block
    assert tree.css_first("p.letter-salutation").text() == "Your Excellency,"
    body = " ".join(p.text() for p in tree.css("p.letter-paragraph"))
    for tail in CHINESE_POINT_TAILS:
        assert tail in body
    assert tree.css_first("p.letter-signature").text() == "Ana Silva"
    assert tree.css_first("p.letter-copies").text().startswith("cc: Diplomatic")


def test_the_arabic_preview_is_right_to_left_with_english_points_left_to_right():
    composed = letter("ar")
    tree = HTMLParser(letter_html(composed))
    article = tree.css_first("article.letter")
    assert (article.attributes["lang"], article.attributes["dir"]) == ("ar", "rtl")
    # The salutation is Arabic: it follows the article's direction.
    assert "dir" not in tree.css_first("p.letter-salutation").attributes
    english = [p for p in tree.css("p.letter-paragraph") if p.text().startswith("I urge you")]
    assert english and all(p.attributes["dir"] == "ltr" for p in english)


def test_own_words_keep_their_line_breaks_in_html():
    fragment = letter_html(letter(own_words="First line\nsecond line"))
    assert "First line<br>second line" in fragment


def test_the_email_body_starts_at_the_salutation():
    body = email_body(letter(channel="email"))
    assert body.startswith("Your Excellency,\n\n")
    assert body.rstrip().endswith("accredited to your country")
    assert "ana@example.org" not in body


def test_a_short_mailto_link_carries_subject_and_body_exactly():
    composed = letter(channel="email")
    subject = "Urgent appeal: Jiménez / Ткаченко"
    link = mailto_link(composed, ["premier@example.gov.cn", "a+b@example.org"], subject, limit=None)
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    assert [unquote(a) for a in parts.path.split(",")] == [
        "premier@example.gov.cn",
        "a+b@example.org",
    ]
    query = parse_qs(parts.query)
    assert query["subject"] == [subject]
    assert query["body"] == [email_body(composed).replace("\n", "\r\n")]
    assert " " not in link and "\n" not in link
    assert mailto_is_complete(composed, ["x@example.org"], subject, limit=None)


def test_the_sample_letter_fits_whole_in_a_mailto_link():
    composed = letter(channel="email")
    link = mailto_link(composed, ["premier@example.gov.cn"], "Urgent appeal")
    assert len(link) <= MAILTO_LIMIT
    assert parse_qs(urlsplit(link).query)["body"] == [email_body(composed).replace("\n", "\r\n")]


def test_a_long_mailto_link_is_cut_at_a_paragraph_under_the_limit():
    own = "I have followed the news of the people returned across the border. " * 12
    composed = letter(channel="email", own_words=own)
    assert len(email_body(composed)) > MAILTO_LIMIT
    link = mailto_link(composed, ["premier@example.gov.cn"], "Urgent appeal")
    assert len(link) <= MAILTO_LIMIT
    body = parse_qs(urlsplit(link).query)["body"][0]
    assert body.endswith("\r\n\r\n" + CUT_MARK)
    kept = body.removesuffix("\r\n\r\n" + CUT_MARK).split("\r\n\r\n")
    whole = email_body(composed).split("\n\n")
    assert kept == whole[: len(kept)]
    assert not mailto_is_complete(composed, ["premier@example.gov.cn"], "Urgent appeal")


def test_an_arabic_mailto_link_stays_under_the_limit_and_decodes():
    composed = letter("ar", channel="email")
    link = mailto_link(composed, ["premier@example.gov.cn"], email_subject(document(), "ar"))
    assert len(link) <= MAILTO_LIMIT
    query = parse_qs(urlsplit(link).query)
    assert query["subject"] == ["نداء عاجل: Forcible Return / Fear for Safety"]
    assert query["body"][0].startswith("صاحب السعادة")


def test_email_subjects_are_in_the_letters_language():
    doc = document()
    assert email_subject(doc, "en") == "Urgent appeal: Forcible Return / Fear for Safety"
    assert email_subject(doc, "fr") == "Appel urgent: Forcible Return / Fear for Safety"
    assert email_subject(doc, "es-MX").startswith("Llamamiento urgente: ")
    assert email_subject(doc, "xx").startswith("Urgent appeal: ")


@settings(max_examples=60, deadline=None)
@given(
    own=st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=1500),
    limit=st.integers(min_value=300, max_value=4000),
)
def test_any_mailto_link_fits_its_limit_and_decodes_to_the_start_of_the_letter(own, limit):
    composed = letter(channel="email", own_words=own)
    subject = "Urgent appeal: Jiménez"
    link = mailto_link(composed, ["premier@example.gov.cn"], subject, limit=limit)
    assert len(link) <= limit
    query = parse_qs(urlsplit(link).query, keep_blank_values=True)
    assert query["subject"] == [subject]
    body = query.get("body", [""])[0].replace("\r\n", "\n")
    whole = email_body(composed)
    if mailto_is_complete(composed, ["premier@example.gov.cn"], subject, limit=limit):
        assert body == whole
    elif body:
        assert body.endswith(CUT_MARK)
        assert whole.startswith(body.removesuffix(CUT_MARK).rstrip())


@settings(max_examples=60, deadline=None)
@given(own=st.text(st.sampled_from("<>&\"'/=ab \nscript#[]\\"), max_size=300))
def test_no_writers_text_becomes_markup_in_the_preview(own):
    tree = HTMLParser(letter_html(letter(own_words=own)))
    tags = {node.tag for node in tree.root.traverse() if node.tag != "-text"}
    assert tags <= {"html", "head", "body", "article", "address", "span", "br", "p"}
    text = " ".join(p.text() for p in tree.css("p.letter-paragraph"))
    for word in own.split():
        assert word in text
