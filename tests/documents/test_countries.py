"""Countries in one place: names to codes in every spelling the sheets, addresses and
the letter command use, and codes to names in a language."""

from pathlib import Path

import pytest

from lifeline.documents import countries


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # As case sheets write them.
        ("Iran", "IR"),
        ("USA", "US"),
        ("BURMA", "MM"),
        ("ZAIRE", "CD"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "KP"),
        ("Kosovo", "XK"),
        # As address lines end.
        ("People’s Republic of China", "CN"),
        ("Democratic People's Republic of Korea", "KP"),
        ("Islamic Republic of Iran", "IR"),
        ("the Netherlands", "NL"),
        ("Korea (DPRK)", "KP"),
        ("ROK", "KR"),
        ("US of America", "US"),
        ("Ivory Coast", "CI"),
        ("East Timor", "TL"),
        # CLDR's English names, which pycountry spells otherwise.
        ("Congo - Kinshasa", "CD"),
        ("Myanmar (Burma)", "MM"),
        # Not countries.
        ("Beijingshi", ""),
        ("Geneva 10", ""),
        ("", ""),
    ],
)
def test_it_finds_the_code_of_a_countrys_name(name, code):
    assert countries.lookup(name) == code


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("United Kingdom", "GB"),
        ("united kingdom", "GB"),
        ("GB", "GB"),
        ("gb", "GB"),
        ("GBR", "GB"),
        ("826", "GB"),
        ("UK", "GB"),
        ("France", "FR"),
        ("Viet Nam", "VN"),
        ("Bolivia, Plurinational State of", "BO"),
        ("Narnia", ""),
        ("XX", ""),
        ("", ""),
    ],
)
def test_it_reads_a_country_a_person_typed(typed, code):
    assert countries.from_user(typed) == code


def test_a_near_miss_counts_only_when_it_names_one_country():
    assert countries.from_user("Plurinational") == "BO"
    assert countries.from_user("Republic") == ""


def test_it_names_a_country_in_a_language():
    assert countries.name("DE", "en") == "Germany"
    assert countries.name("DE", "fr") == "Allemagne"
    assert countries.name("de", "es") == "Alemania"
    assert countries.name("CN", "ar") == "الصين"
    assert countries.name("CN", "fr-ca") == "Chine"
    assert countries.name("XK", "fr") == "Kosovo"


def test_an_unknown_code_or_language_falls_back():
    assert countries.name("XX", "fr") == "XX"
    assert countries.name("XX", "fr", default="") == ""
    assert countries.name("001", "en", default="") == ""  # a CLDR region, not a country
    assert countries.name("", "fr") == ""
    assert countries.name("DE", "xx") == "Germany"


def test_the_choices_are_every_country_sorted_as_a_reader_sorts():
    french = countries.choices("fr")
    assert len(french) == len(countries.names("en")) > 240
    names = [name for _, name in french]
    # "Égypte" among the E's, not after "Zimbabwe".
    assert names.index("Égypte") < names.index("Espagne") < names.index("Zimbabwe")
    assert ("DE", "Allemagne") in french


def test_is_code_knows_iso_codes_only():
    assert countries.is_code("DE")
    assert not countries.is_code("de")
    assert not countries.is_code("DEU")
    assert not countries.is_code("XX")


def test_no_other_module_keeps_its_own_country_table():
    """Names and codes of countries come from this module only: pycountry's country
    list, Babel's territory names and fuzzy matching are read nowhere else."""
    lifeline = Path(countries.__file__).resolve().parents[1]
    found = [
        f"{path.relative_to(lifeline.parent)}: {needle}"
        for path in sorted(lifeline.rglob("*.py"))
        if path != Path(countries.__file__).resolve()
        for needle in ("pycountry.countries", ".territories", "search_fuzzy")
        if needle in path.read_text(encoding="utf-8")
    ]
    assert found == []
