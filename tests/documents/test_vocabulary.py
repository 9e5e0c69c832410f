"""Concerns, countries and the small fields every layout shares."""

import datetime as dt

import pytest

from lifeline.documents import countries, fields
from lifeline.documents.concerns import infer_concerns, normalise_concern, split_concerns


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Fear for Safety", "Fear for safety"),
        ("FEAR FOR SAFETY", "Fear for safety"),
        ("fear for saftey", "Fear for safety"),
        ("Forcible Return", "Forcible return"),
        ("forcible return", "Forcible return"),
        ("Forcible return/refoulement", "Forcible return"),
        ("Fear of torture or ill-treatment", "Fear of torture"),
        ("Death Penalty", "Death penalty"),
        ("Unfair Trial", "Unfair trial"),
        ("PRISONER OF CONSCIENCE", "Prisoner of conscience"),
        ("Incommunicado Detention", "Incommunicado detention"),
        ("'Disappearance'", "Enforced disappearance"),
        ("Medical concerns", "Medical concern"),
        ("Health Concern", "Health concern"),
        ("Legal Concern", "Legal concern"),
    ],
)
def test_concern_spellings_map_to_one_form(written, canonical):
    assert normalise_concern(written) == canonical


def test_unknown_concerns_keep_their_words_in_sentence_case():
    assert normalise_concern("THREAT OF UN SANCTIONS") == "Threat of UN sanctions"
    assert normalise_concern("Lack of consular access") == "Lack of consular access"


def test_a_heading_lists_several_concerns():
    assert split_concerns("Forcible Return / Fear for Safety") == [
        "Forcible return",
        "Fear for safety",
    ]
    assert split_concerns("Forcible return/refoulement") == ["Forcible return"]
    assert split_concerns("Fear of torture / new concern: Death in custody") == [
        "Fear of torture",
        "Death in custody",
    ]


def test_concerns_are_inferred_from_a_headline():
    assert infer_concerns("JOURNALIST AT RISK OF TORTURE") == ["Fear of torture"]
    assert infer_concerns("Activist sentenced to death after unfair trial") == [
        "Death penalty",
        "Unfair trial",
    ]


def test_country_lines_of_the_archive():
    assert countries.leading(
        "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA (NORTH KOREA)/ PEOPLE'S REPUBLIC OF CHINA (CHINA)"
    ) == (["KP", "CN"], "")
    assert countries.leading("USA (Texas) Joseph Kline, white, aged 38") == (
        ["US"],
        "Joseph Kline, white, aged 38",
    )
    assert countries.leading("TRINIDAD AND TOBAGO Peter Singh") == (["TT"], "Peter Singh")
    assert countries.leading("INDONESIA/EAST TIMOR Names unknown")[0] == ["ID", "TL"]
    assert countries.leading("USA Chad Smith") == (["US"], "Chad Smith")
    assert countries.leading("Safety") == ([], "Safety")


def test_country_names_and_address_lines():
    assert countries.lookup("Iran") == "IR"
    assert countries.lookup("USA") == "US"
    assert countries.lookup("Türkiye") == countries.lookup("Turkey") == "TR"
    assert countries.lookup("BURMA") == "MM"
    assert countries.at_end("Beijingshi 100032 - People's Republic of China") == "CN"
    assert countries.at_end("Pyongyang - Democratic People's Republic of Korea") == "KP"
    assert countries.at_end("México D.F., C.P. 06500, MÉXICO") == "MX"
    assert countries.at_end("Geneva 10") == ""


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("19 July 2000", dt.date(2000, 7, 19)),
        ("2 APRIL 2013", dt.date(2013, 4, 2)),
        ("21st Sept. 1999", dt.date(1999, 9, 21)),
        ("July 19, 2000", dt.date(2000, 7, 19)),
        ("2000-07-19", dt.date(2000, 7, 19)),
    ],
)
def test_dates_in_the_shapes_sheets_write_them(text, date):
    assert fields.parse_date(text) == date


def test_an_impossible_date_is_a_warning_not_an_error():
    warnings = []
    assert fields.parse_date("31 February 2000", warnings) is None
    assert warnings


def test_deadlines_and_immediacy():
    text = (
        "PLEASE SEND APPEALS IMMEDIATELY. Check with the International Secretariat, "
        "or your section office, if sending appeals after 19 July 2000."
    )
    assert fields.deadline(text) == dt.date(2000, 7, 19)
    assert fields.immediately(text)
    assert fields.deadline("PLEASE SEND APPEALS BEFORE 14 April 2004") == dt.date(2004, 4, 14)
    assert not fields.immediately("PLEASE SEND APPEALS BEFORE 14 April 2004")


def test_channels_in_order_with_qualified_letters():
    sentence = "Please send telegrams/telexes/faxes/express/airmail letters in English:"
    assert fields.channels(sentence) == [
        "telegram",
        "telex",
        "fax",
        "express letter",
        "airmail letter",
    ]
    assert fields.channels("send faxes, emails or letters") == ["fax", "email", "letter"]


def test_languages_and_own_language():
    assert fields.languages(
        "PLEASE WRITE IMMEDIATELY in English, Persian or your own language"
    ) == (
        ["English", "Persian"],
        True,
    )
    assert fields.languages("in Spanish") == (["Spanish"], False)


def test_indexes_and_ua_numbers_are_normalised():
    assert fields.normalise_index("ASA l7 / 2l/00") == "ASA 17/21/00"
    match = fields.UA_RE.search("UA: 045/13")
    assert fields.ua_number(match) == "45/13"
    assert fields.ua_number(fields.UA_RE.search("EXTRA 12/98")) == "EXTRA 12/98"
    assert fields.ordinal("THIRD") == 3 and fields.ordinal("1st") == 1
