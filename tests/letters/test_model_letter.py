"""A case sheet's model letter as the starting point of a member's letter."""

import datetime as dt

from lifeline.letters import compose
from lifeline.letters.model_letter import model_paragraphs
from tests.letters.fixtures import chinese_group, document, premier, writer

MODEL = """Dear Premier,

I am writing to express my concern about the forcible return of North Korean
asylum-seekers from China.

As a party to the 1951 UN Refugee Convention, China is bound by the principle
of non-refoulement.

I urge you to lift the restrictions on access to the border areas.

Yours sincerely,

[Your name]
"""


def compose_with(model, language="en", **changes):
    return compose(
        document(model_letter=model),
        chinese_group(),
        premier(),
        writer(**changes),
        language,
        "letter",
        7,
        date=dt.date(2026, 11, 23),
    )


def test_it_cuts_the_model_letters_own_salutation_and_closing():
    assert model_paragraphs(MODEL) == [
        "I am writing to express my concern about the forcible return of North Korean "
        "asylum-seekers from China.",
        "As a party to the 1951 UN Refugee Convention, China is bound by the principle of "
        "non-refoulement.",
        "I urge you to lift the restrictions on access to the border areas.",
    ]


def test_it_keeps_a_model_letter_without_salutation_or_closing_whole():
    assert model_paragraphs("First.\nStill first.\n\nSecond.") == ["First. Still first.", "Second."]
    assert model_paragraphs("") == []


def test_it_offers_the_model_letter_instead_of_the_composed_body():
    result = compose_with(MODEL)
    assert result.from_model_letter
    assert result.paragraphs == model_paragraphs(MODEL)
    assert result.salutation == "Your Excellency,"
    assert result.closing == "Yours sincerely,"
    assert result.recipient_block[0] == "ZHU Rongji Zongli"
    assert result.sender_block[0] == "Ana Silva"
    text = result.text()
    assert "Dear Premier" not in text
    assert text.count("Yours sincerely,") == 1
    assert "[Your name]" not in text


def test_it_puts_own_words_after_the_model_letters_first_paragraph():
    result = compose_with(MODEL, own_words="I have a friend from Sinuiju.")
    assert result.paragraphs[1] == "I have a friend from Sinuiju."
    assert result.paragraphs[0].startswith("I am writing to express my concern")
    assert len(result.paragraphs) == 4


def test_it_frames_the_english_model_letter_in_another_language():
    result = compose_with(MODEL, "fr")
    assert result.salutation == "Excellence,"
    assert result.paragraphs[0].startswith(("Je m'appelle", "Permettez-moi", "Je suis"))
    assert result.paragraphs[-3:] == model_paragraphs(MODEL)[-3:]
    assert result.notices == ["The model letter has no French translation; it stays in English."]
    assert not result.points_translated


def test_it_composes_instead_when_asked_not_to_use_the_model_letter():
    result = compose(
        document(model_letter=MODEL),
        chinese_group(),
        premier(),
        writer(),
        "en",
        "letter",
        7,
        use_model_letter=False,
    )
    assert not result.from_model_letter
    assert "Dear Premier" not in result.text()
    assert any(p.startswith("My name is") or "Ana Silva" in p for p in result.paragraphs[:1])
