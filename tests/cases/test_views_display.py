"""The display helpers the pages use for countries, languages, channels, paragraphs and dates."""

import datetime as dt

import pytest
from django.utils import translation

from lifeline.cases.templatetags.case_display import (
    audience,
    channel_label,
    country_name,
    country_names,
    language_name,
    paragraphs,
    time_tag,
)


@pytest.fixture(autouse=True)
def english():
    """Other tests in the same process may leave another language active."""
    with translation.override("en"):
        yield


def test_it_names_countries_by_their_common_name():
    assert country_names(["KP", "CN", "IR"]) == "North Korea, China, Iran"


def test_it_names_countries_in_the_active_language():
    with translation.override("fr"):
        assert country_names(["KP", "CN"]) == "Corée du Nord, Chine"


def test_it_shows_an_unknown_country_code_as_given():
    assert country_name("XX") == "XX"
    assert country_name("") == ""


def test_it_names_languages_given_as_codes_and_keeps_names():
    assert language_name("fr") == "French"
    assert language_name("Spanish") == "Spanish"
    with translation.override("fr"):
        assert language_name("es") == "Espagnol"


def test_it_labels_channels_and_keeps_unknown_ones():
    assert channel_label("express letter") == "Express letter"
    assert channel_label("carrier pigeon") == "Carrier pigeon"


def test_it_splits_paragraphs_on_blank_lines_and_joins_wrapped_lines():
    text = "First line\nwrapped here.\n\n\n  Second <b>para</b>.  \r\n\r\nThird."
    assert paragraphs(text) == ["First line wrapped here.", "Second <b>para</b>.", "Third."]


def test_dates_are_time_elements_in_the_active_language():
    assert time_tag(dt.date(2000, 7, 19)) == '<time datetime="2000-07-19">July 19, 2000</time>'
    with translation.override("fr"):
        assert (
            time_tag(dt.date(2000, 7, 19)) == '<time datetime="2000-07-19">19 juillet 2000</time>'
        )
    assert time_tag(None) == ""


def test_an_audience_loses_the_lead_in_the_page_supplies():
    assert audience("APPEALS TO CHINESE AUTHORITIES:") == "CHINESE AUTHORITIES"
    assert audience("Appeals to the UNHCR") == "the UNHCR"
    assert audience("the UNHCR") == "the UNHCR"
    assert audience("") == ""
