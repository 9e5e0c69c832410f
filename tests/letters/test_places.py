"""Where the writer writes from: "from the United Kingdom", "du Royaume-Uni", in every frame."""

import datetime as dt

import pytest

from lifeline.letters import compose
from lifeline.letters.frames import FRAMES
from lifeline.letters.places import ARTICLES, from_country
from tests.letters.fixtures import chinese_group, document, premier, writer

DAY = dt.date(2026, 11, 23)


def openings(language: str, country: str, city: str = "") -> set[str]:
    """The opening paragraph of twenty letters (twenty seeds) from `country`."""
    who = writer(city=city, country=country)
    return {
        compose(
            document(), chinese_group(), premier(), who, language, seed=seed, date=DAY
        ).paragraphs[0]
        for seed in range(20)
    }


@pytest.mark.parametrize(
    ("language", "country", "place"),
    [
        ("en", "GB", "from the United Kingdom"),
        ("en", "US", "from the United States"),
        ("en", "NL", "from the Netherlands"),
        ("en", "PH", "from the Philippines"),
        ("en", "AE", "from the United Arab Emirates"),
        ("en", "GM", "from the Gambia"),
        ("en", "FR", "from France"),
        ("en", "AZ", "from Azerbaijan"),
        # After "de": le -> du, les -> des, a feminine name or none drops it
        # (de France), and "de" elides before a vowel (d'Espagne, d'Iran, d'Haïti).
        ("fr", "GB", "du Royaume-Uni"),
        ("fr", "FR", "de France"),
        ("fr", "US", "des États-Unis"),
        ("fr", "ES", "d'Espagne"),
        ("fr", "CA", "du Canada"),
        ("fr", "NL", "des Pays-Bas"),
        ("fr", "IR", "d'Iran"),
        ("fr", "HT", "d'Haïti"),
        ("fr", "HU", "de Hongrie"),
        ("fr", "HN", "du Honduras"),
        ("fr", "CU", "de Cuba"),
        ("fr", "YE", "du Yémen"),
        ("es", "GB", "desde el Reino Unido"),
        ("es", "FR", "desde Francia"),
        ("es", "US", "desde los Estados Unidos"),
        ("es", "NL", "desde los Países Bajos"),
        ("es", "IN", "desde la India"),
        ("es", "DO", "desde la República Dominicana"),
        ("es", "SV", "desde El Salvador"),
        # Arabic names carry their article: the frame adds none.
        ("ar", "GB", "من المملكة المتحدة"),
        ("ar", "US", "من الولايات المتحدة"),
        ("ar", "FR", "من فرنسا"),
    ],
)
def test_a_writer_who_gives_only_a_country_writes_from_it_with_its_article(
    language, country, place
):
    found = openings(language, country)
    assert all(place in opening for opening in found), found
    assert len(found) >= 2


@pytest.mark.parametrize(
    ("language", "city", "country", "place"),
    [
        ("en", "Edinburgh", "GB", "from Edinburgh, United Kingdom"),
        ("fr", "Lyon", "FR", "depuis Lyon (France)"),
        ("es", "Rosario", "AR", "desde Rosario (Argentina)"),
        ("ar", "Tunis", "TN", "من Tunis، تونس"),
    ],
)
def test_a_city_and_its_country_read_as_on_an_envelope(language, city, country, place):
    found = openings(language, country, city)
    assert all(place in opening for opening in found), found


def test_every_frame_has_a_form_for_each_article_its_table_uses():
    for language, frame in FRAMES.items():
        used = set(ARTICLES.get(language, {}).values())
        assert used <= set(frame.from_country), language
        assert "" in frame.from_country, language
        for opening in frame.openings:
            assert "{from_place}" in opening, opening


@pytest.mark.parametrize(
    ("language", "country", "place"),
    [
        # Names that keep their article after "de": islands, names made of a noun.
        ("fr", "DO", "de la République dominicaine"),
        ("fr", "MQ", "de la Martinique"),
        ("fr", "IM", "de l'Île de Man"),
        ("fr", "AE", "des Émirats arabes unis"),
        ("es", "IM", "desde la Isla de Man"),
        ("es", "BS", "desde las Bahamas"),
        ("en", "IM", "from the Isle of Man"),
        ("en", "DO", "from the Dominican Republic"),
    ],
)
def test_names_that_keep_their_article(language, country, place):
    assert from_country(FRAMES[language], country) == place
