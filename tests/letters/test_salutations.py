"""Salutations: the sheet's, kept in its own language and translated into the others."""

import pytest

from lifeline.letters.frames import ARABIC, ENGLISH, FRAMES, FRENCH, SPANISH
from lifeline.letters.salutations import is_woman, salutation_for


@pytest.mark.parametrize(
    ("given", "english", "french", "spanish", "arabic"),
    [
        ("Your Excellency", "Your Excellency", "Excellence", "Excelencia", "صاحب السعادة"),
        ("your Excellency", "Your Excellency", "Excellence", "Excelencia", "صاحب السعادة"),
        (
            "Dear Governor",
            "Dear Governor",
            "Monsieur le Gouverneur",
            "Señor Gobernador",
            "سعادة المحافظ",
        ),
        (
            "Dear Minister",
            "Dear Minister",
            "Monsieur le Ministre",
            "Señor Ministro",
            "معالي الوزير",
        ),
        (
            "Dear Sir/Madam",
            "Dear Sir/Madam",
            "Madame, Monsieur",
            "Estimado señor o señora",
            "حضرة السيد/السيدة المحترم/ة",
        ),
        # An English letter keeps the sheet's words; the others translate them.
        (
            "Dear Sir or Madam,",
            "Dear Sir or Madam",
            "Madame, Monsieur",
            "Estimado señor o señora",
            "حضرة السيد/السيدة المحترم/ة",
        ),
        (
            "Dear Prosecutor",
            "Dear Prosecutor",
            "Monsieur le Procureur",
            "Señor Fiscal",
            "سعادة المدعي العام",
        ),
        (
            "Dear President",
            "Dear President",
            "Monsieur le Président",
            "Señor Presidente",
            "فخامة الرئيس",
        ),
        (
            "Dear Mr. President",
            "Dear Mr. President",
            "Monsieur le Président",
            "Señor Presidente",
            "فخامة الرئيس",
        ),
    ],
)
def test_it_translates_the_usual_salutations(given, english, french, spanish, arabic):
    assert salutation_for(ENGLISH, given) == english
    assert salutation_for(FRENCH, given) == french
    assert salutation_for(SPANISH, given) == spanish
    assert salutation_for(ARABIC, given) == arabic


def test_it_uses_the_form_for_a_woman_when_the_sheet_says_so():
    assert salutation_for(FRENCH, "Dear Minister", woman=True) == "Madame la Ministre"
    assert salutation_for(SPANISH, "Dear Madam President") == "Señora Presidenta"
    assert is_woman("Mrs Maria Lopez")
    assert not is_woman("Mr Paek Nam Sun")


def test_it_keeps_an_unknown_salutation_as_given_in_an_english_letter():
    assert salutation_for(ENGLISH, "Dear Colonel Smith,") == "Dear Colonel Smith"


def test_it_falls_back_to_the_generic_salutation_in_other_languages():
    assert salutation_for(FRENCH, "Dear Colonel Smith") == "Madame, Monsieur"
    assert salutation_for(SPANISH, "Dear Colonel Smith") == "Estimado señor o señora"
    assert salutation_for(ARABIC, "Dear Colonel Smith") == ARABIC.generic_salutation


def test_it_translates_a_known_salutation_followed_by_a_name():
    assert salutation_for(FRENCH, "Dear Minister Paek") == "Monsieur le Ministre"
    assert salutation_for(ENGLISH, "Dear Minister Paek") == "Dear Minister Paek"


def test_it_suggests_a_salutation_from_the_title_when_the_sheet_gives_none():
    assert salutation_for(ENGLISH, "", title="Minister of Public Security") == "Dear Minister"
    assert salutation_for(SPANISH, "", title="Governor of Jilin") == "Señor Gobernador"
    assert salutation_for(ENGLISH, "", title="Head of the Judiciary") == "Dear Sir/Madam"


def test_every_frame_translates_every_salutation_english_knows():
    for frame in FRAMES.values():
        assert set(ENGLISH.salutations) <= set(frame.salutations), frame.language
        assert frame.generic_salutation
        assert frame.closing
        assert frame.openings and frame.openings_without_place and frame.thanks
        if frame is not ENGLISH:
            assert frame.english_lead_ins and frame.english_model_lead_ins


@pytest.mark.parametrize(
    "given",
    [
        "Dear Prosecutor General",
        "Dear Procurator General",
        "Dear Chief Justice",
        "Dear Governor-General",
        "Dear Mr. President",
        "Dear Sir or Madam",
        "Dear Counsellor",
        "Your Honour",
    ],
)
def test_an_english_letter_keeps_the_sheets_english_salutation_word_for_word(given):
    assert salutation_for(ENGLISH, given) == given
    assert salutation_for(ENGLISH, f"  {given}, ") == given


def test_an_english_letter_only_capitalises_the_first_word():
    assert salutation_for(ENGLISH, "your Excellency") == "Your Excellency"


@pytest.mark.parametrize(
    ("given", "english", "french", "spanish", "arabic"),
    [
        # The sheet's English salutation, translated as the same title.
        (
            "Dear Prosecutor General",
            "Dear Prosecutor General",
            "Monsieur le Procureur général",
            "Señor Fiscal General",
            "سعادة النائب العام",
        ),
        # A sheet that gives it in two languages: each letter takes its own.
        (
            "Dear Minister/Señor Ministro",
            "Dear Minister",
            "Monsieur le Ministre",
            "Señor Ministro",
            "معالي الوزير",
        ),
        (
            "Dear President / Excmo. Sr. Presidente",
            "Dear President",
            "Monsieur le Président",
            "Excmo. Sr. Presidente",
            "فخامة الرئيس",
        ),
        # "Sra." says the Attorney General is a woman: the French form follows.
        (
            "Dear Attorney General / Sra. Fiscal",
            "Dear Attorney General",
            "Madame la Procureure générale",
            "Sra. Fiscal",
            "سعادة النائب العام",
        ),
        (
            "Monsieur le Ministre / Dear Minister",
            "Dear Minister",
            "Monsieur le Ministre",
            "Señor Ministro",
            "معالي الوزير",
        ),
        # One salutation with a slash in it is not two.
        (
            "Dear Sir/Madam",
            "Dear Sir/Madam",
            "Madame, Monsieur",
            "Estimado señor o señora",
            "حضرة السيد/السيدة المحترم/ة",
        ),
    ],
)
def test_each_letter_language_keeps_the_sheets_salutation_in_it_or_translates_it(
    given, english, french, spanish, arabic
):
    woman = is_woman("", given)
    assert salutation_for(ENGLISH, given, woman=woman) == english
    assert salutation_for(FRENCH, given, woman=woman) == french
    assert salutation_for(SPANISH, given, woman=woman) == spanish
    assert salutation_for(ARABIC, given, woman=woman) == arabic


def test_a_sheets_salutation_in_arabic_is_kept_in_an_arabic_letter():
    given = "Dear Minister / معالي الوزير المحترم"
    assert salutation_for(ARABIC, given) == "معالي الوزير المحترم"
    assert salutation_for(ENGLISH, given) == "Dear Minister"


def test_a_salutation_in_a_language_without_a_frame_is_set_aside():
    given = "Dear Minister / Sehr geehrter Herr Minister"
    assert salutation_for(ENGLISH, given) == "Dear Minister"
    assert salutation_for(FRENCH, given) == "Monsieur le Ministre"
    # Two English titles joined by a slash stay together.
    assert salutation_for(ENGLISH, "Dear Governor/Commissioner") == "Dear Governor/Commissioner"


@pytest.mark.parametrize(
    ("given", "french", "spanish"),
    [
        # Translated as the same office, not as a neighbouring one (a judge, a governor).
        ("Dear Chief Justice", "Monsieur le Président", "Señor Presidente"),
        ("Dear Governor-General", "Monsieur le Gouverneur général", "Señor Gobernador General"),
    ],
)
def test_a_title_is_translated_as_the_same_office(given, french, spanish):
    assert salutation_for(FRENCH, given) == french
    assert salutation_for(SPANISH, given) == spanish
    assert salutation_for(ENGLISH, "", title="Chief Justice of Nigeria") == "Dear Chief Justice"
