"""Composing a member's letter to the Premier from sample 000 (UA 105/00)."""

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.dates import format_date

import lifeline.letters
from lifeline.letters import Letter, LetterError, Writer, compose
from lifeline.letters.frames import ARABIC
from tests.letters.fixtures import CHINESE_POINT_TAILS, chinese_group, document, premier, writer
from tests.letters.test_address import PREMIER_BLOCK

DAY = dt.date(2026, 11, 23)


def letter(language="en", channel="letter", seed="member-1", **options) -> Letter:
    doc = options.pop("doc", None) or document()
    who = options.pop("who", None) or writer()
    return compose(
        doc, chinese_group(), premier(), who, language, channel, seed, date=DAY, **options
    )


def point_paragraphs(result: Letter) -> list[str]:
    """The paragraphs that carry the Chinese points, in the letter's order."""
    found = []
    for tail in CHINESE_POINT_TAILS:
        matches = [p for p in result.paragraphs if p.endswith(tail)]
        assert len(matches) == 1, tail
        found.append(matches[0])
    return found


def test_it_writes_the_premier_letter_in_english():
    result = letter("en")
    assert result.language == "en"
    assert result.direction == "ltr"
    assert result.recipient_block == PREMIER_BLOCK
    assert result.salutation == "Your Excellency,"
    assert result.date_line == "23 November 2026"
    assert result.closing == "Yours sincerely,"
    assert result.signature == "Ana Silva"
    assert result.sender_block == [
        "Ana Silva",
        "12 Rose Street",
        "Edinburgh EH2 2PR",
        "United Kingdom",
    ]
    assert result.points_translated
    assert result.notices == []


def test_it_turns_the_five_points_into_first_person_sentences_in_order():
    result = letter("en")
    points = point_paragraphs(result)
    indexes = [result.paragraphs.index(p) for p in points]
    assert indexes == sorted(indexes)
    for paragraph in points:
        assert re.match(r"(?:(?:Furthermore|In addition|Moreover), )?I ", paragraph), paragraph
        assert not paragraph.rstrip(".").endswith(";")
    assert "you to seek assurances" in points[2]
    assert "you to lift the restrictions" in points[3]


@pytest.mark.parametrize(
    ("language", "salutation", "date_line", "closing"),
    [
        (
            "fr",
            "Excellence,",
            "23 novembre 2026",
            "Je vous prie d'agréer, Excellence, l'expression de ma haute considération.",
        ),
        ("es", "Excelencia:", "23 de noviembre de 2026", "Atentamente,"),
    ],
)
def test_it_writes_the_premier_letter_in_french_and_spanish(
    language, salutation, date_line, closing
):
    result = letter(language)
    assert result.language == language
    assert result.recipient_block == PREMIER_BLOCK
    assert result.salutation == salutation
    assert result.date_line == date_line
    assert result.closing == closing
    assert len(point_paragraphs(result)) == 5


def test_it_keeps_untranslated_points_in_english_with_a_lead_in_and_a_notice():
    result = letter("fr")
    assert not result.points_translated
    assert result.notices == [
        "The appeal points have no French translation yet; they stay in English."
    ]
    first_point = result.paragraphs.index(point_paragraphs(result)[0])
    lead_in = result.paragraphs[first_point - 1]
    assert lead_in.endswith(":") and "anglais" in lead_in
    assert point_paragraphs(result)[3] == (
        "I urge you to lift the restrictions on access to the border areas with North Korea "
        "for the UNHCR and other independent human rights monitors."
    )


def test_it_uses_translated_points_when_given():
    french = [
        "- notant que la Chine est liée par le principe de non-refoulement ;",
        "Je note que la Chine devrait coopérer avec les autres États.",
        "- exhortant les autorités chinoises à demander des garanties ;",
        "- exhortant les autorités à lever les restrictions ;",
        "- exhortant les autorités à mettre fin aux opérations.",
    ]
    result = letter("fr", translations={"fr": french, "es": ["ignored"]})
    assert result.points_translated
    assert result.notices == []
    body = "\n".join(result.paragraphs)
    assert "Je note que la Chine est liée par le principe de non-refoulement." in body
    assert "Je vous exhorte à lever les restrictions." in body
    assert "I urge you" not in body


def test_it_keeps_english_points_when_the_translation_does_not_match():
    result = letter("es", translations={"es": ["Le pido que lo libere."]})
    assert not result.points_translated
    assert result.notices == [
        "The Spanish appeal points do not match the English ones (1 for 5); they stay in English."
    ]
    assert len(point_paragraphs(result)) == 5


def test_it_writes_an_arabic_letter_right_to_left():
    result = letter("ar")
    assert result.language == "ar"
    assert result.direction == "rtl"
    assert result.salutation == "صاحب السعادة،"
    assert result.closing == "وتفضلوا بقبول فائق الاحترام والتقدير،"
    assert result.date_line == format_date(DAY, format="long", locale="ar")
    assert "نوفمبر" in result.date_line
    assert result.sender_block[-1] == "المملكة المتحدة"
    assert result.copies_to.startswith("نسخة إلى: ")
    assert len(point_paragraphs(result)) == 5


def test_two_seeds_give_different_wording_and_the_same_points():
    first, second = letter(seed="member-1"), letter(seed="member-2")
    assert first.text() != second.text()
    assert [p.split(" ")[-4:] for p in point_paragraphs(first)] == [
        p.split(" ")[-4:] for p in point_paragraphs(second)
    ]


def test_the_same_seed_gives_the_same_letter():
    assert letter(seed=42) == letter(seed=42)
    assert letter(seed="member-1").text() == letter(seed="member-1").text()


@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_every_seed_keeps_every_point_in_order(language):
    texts = set()
    for seed in range(30):
        result = letter(language, seed=seed)
        assert len(point_paragraphs(result)) == 5
        texts.add(result.text())
    assert len(texts) > 3


def test_it_puts_the_writers_own_words_after_the_opening():
    own = "I have followed news from the border for years.\n\nMy own family were refugees once."
    result = letter(who=writer(own_words=own))
    assert result.paragraphs[0].startswith(("My name is Ana Silva", "I am Ana Silva", "Allow me"))
    assert result.paragraphs[1:3] == [
        "I have followed news from the border for years.",
        "My own family were refugees once.",
    ]
    assert result.paragraphs[-1] != "My own family were refugees once."


def test_it_leaves_no_room_for_own_words_that_are_empty():
    with_words = letter(who=writer(own_words="I care."))
    without = letter(who=writer(own_words="  \n "))
    assert len(with_words.paragraphs) == len(without.paragraphs) + 1
    assert "" not in without.paragraphs


def test_it_refuses_own_words_over_the_limit():
    with pytest.raises(LetterError) as error:
        letter(who=writer(own_words="x" * 100000))
    assert str(error.value) == "Your own words are 100000 characters long; the limit is 5000."
    assert "x" * 5000 in letter(who=writer(own_words="x" * 5000)).paragraphs


def test_it_strips_control_characters_and_stores_the_rest_as_written():
    result = letter(who=writer(own_words="<b>Free</b> them\x00 & \x1b[31mnow\u202e."))
    assert "<b>Free</b> them & [31mnow." in result.paragraphs


def test_it_opens_with_who_writes_and_from_where():
    openings = {letter(seed=seed).paragraphs[0].split(".")[0] for seed in range(20)}
    assert len(openings) >= 3
    for opening in openings:
        assert "Ana Silva" in opening
        assert "Edinburgh, United Kingdom" in opening
    assert "Edinburgh (Royaume-Uni)" in letter("fr").paragraphs[0]


def test_it_opens_without_a_place_when_the_writer_gives_none():
    result = letter("fr", who=writer(city="", country=""))
    assert "Ana Silva" in result.paragraphs[0]
    assert "depuis" not in result.paragraphs[0]


def test_it_says_when_the_language_is_unknown():
    result = letter("xx")
    assert result.language == "en"
    assert result.notices == ["Unknown language 'xx': the letter is in English."]
    assert result.salutation == "Your Excellency,"


def test_it_says_when_a_known_language_has_no_frame_yet():
    result = letter("de")
    assert result.language == "en"
    assert result.notices == ["There is no German letter frame yet: the letter is in English."]


def test_it_accepts_regional_codes_and_language_names():
    assert letter("fr-CA").language == "fr"
    assert letter("français").language == "fr"
    assert letter("Spanish").date_line == "23 de noviembre de 2026"


def test_it_writes_the_date_in_the_writers_regional_form():
    assert letter("en", who=writer(country="US")).date_line == "November 23, 2026"
    assert letter("es", who=writer(country="MX")).date_line == "23 de noviembre de 2026"


def test_it_dates_the_letter_today_by_default():
    result = compose(document(), chinese_group(), premier(), writer())
    assert result.date_line == format_date(dt.date.today(), format="long", locale="en_GB")


def test_it_copies_the_letter_to_whom_the_sheet_says():
    assert letter().copies_to == (
        "cc: Diplomatic representatives of Democratic People’s Republic of Korea and the "
        "People’s Republic of China accredited to your country"
    )
    doc = document()
    doc.copies_to = ""
    assert letter(doc=doc).copies_to == ""


def test_the_email_variant_has_no_postal_blocks_and_the_same_body():
    email, post = letter(channel="email"), letter(channel="letter")
    assert email.recipient_block == []
    assert email.sender_block == ["Ana Silva", "ana@example.org"]
    assert email.paragraphs == post.paragraphs
    assert email.salutation == post.salutation
    assert "Rose Street" not in email.text()


def test_the_fax_variant_names_the_fax_number():
    target = premier()
    target.fax = ["+86 10 6596 1109"]
    result = compose(document(), chinese_group(), target, writer(), "en", "fax", 1, date=DAY)
    assert result.recipient_block == [*PREMIER_BLOCK, "Fax: +86 10 6596 1109"]


def test_it_refuses_an_unknown_channel_a_missing_name_and_a_closed_case():
    with pytest.raises(LetterError, match="Unknown channel 'pigeon'"):
        letter(channel="pigeon")
    with pytest.raises(LetterError, match="name"):
        letter(who=writer(name="  "))
    closed = document()
    closed.kind = "stop_action"
    with pytest.raises(LetterError, match="closed"):
        letter(doc=closed)


def test_it_writes_to_a_group_without_targets():
    group = chinese_group()
    result = compose(document(), group, None, writer(), "es", date=DAY)
    assert result.recipient_block == []
    assert result.salutation == "Estimado señor o señora:"


def test_its_text_has_every_block_in_letter_order():
    result = letter(who=writer(own_words="I care."))
    text = result.text()
    order = [
        "Ana Silva\n12 Rose Street",
        "23 November 2026",
        "ZHU Rongji Zongli",
        "Your Excellency,",
        "I care.",
        CHINESE_POINT_TAILS[-1],
        "Yours sincerely,\nAna Silva",
        "cc: Diplomatic",
    ]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions)
    assert "\n\n\n" not in text


def test_the_package_exports_the_composer():
    assert lifeline.letters.compose is compose
    assert lifeline.letters.Writer is Writer


def test_no_letter_module_imports_django():
    package = Path(lifeline.letters.__file__).parent
    for module in package.rglob("*.py"):
        assert not re.search(r"^\s*(?:from|import)\s+django\b", module.read_text(), re.M), module


def test_a_language_named_but_without_locale_data_falls_back_to_english():
    # Babel knows the name "Klingon" (tlh) but has no locale data to parse it.
    letter = compose(document(), chinese_group(), premier(), writer(), language="Klingon")
    assert letter.language == "en"
    assert letter.notices == ["There is no Klingon letter frame yet: the letter is in English."]


@pytest.mark.parametrize(
    ("language", "salutation", "closing"),
    [
        ("en", "Dear Prosecutor General,", "Yours sincerely,"),
        (
            "fr",
            "Monsieur le Procureur général,",
            "Je vous prie d'agréer, Monsieur le Procureur général, "
            "l'expression de ma haute considération.",
        ),
        ("es", "Señor Fiscal General:", "Atentamente,"),
        ("ar", "سعادة النائب العام،", ARABIC.closing),
    ],
)
def test_the_letter_greets_the_official_with_the_sheets_salutation(language, salutation, closing):
    target = premier()
    target.salutation = "Dear Prosecutor General"
    result = compose(document(), chinese_group(), target, writer(), language, seed=1, date=DAY)
    assert result.salutation == salutation
    assert result.closing == closing


def test_a_spanish_letter_greets_with_the_sheets_own_spanish_salutation():
    target = premier()
    target.salutation = "Dear President / Excmo. Sr. Presidente"
    result = compose(document(), chinese_group(), target, writer(), "es", seed=1, date=DAY)
    assert result.salutation == "Excmo. Sr. Presidente:"
    english = compose(document(), chinese_group(), target, writer(), "en", seed=1, date=DAY)
    assert english.salutation == "Dear President,"
