"""Recipient blocks by the postal conventions of the official's country."""

import pytest

from lifeline.documents.model import ParsedTarget
from lifeline.letters.address import recipient_lines, sender_lines, supported
from tests.letters.fixtures import premier

PREMIER_BLOCK = [
    "ZHU Rongji Zongli",
    "Premier of the People’s Republic of China",
    "9 Xihuangchenggenbeijie",
    "BEIJING SHI, 100032",
    "CHINA",
]


def test_it_formats_the_premiers_address_in_the_chinese_latin_order():
    assert recipient_lines(premier()) == PREMIER_BLOCK


@pytest.mark.parametrize(
    "address",
    [
        ["9 Xihuangchenggenbeijie", "Beijingshi 100032 - People’s Republic of China"],
        ["9 Xihuangchenggenbeijie", "Beijingshi 100032", "People's Republic of China"],
        ["9 Xihuangchenggenbeijie", "Beijingshi 100032"],
    ],
)
def test_it_reads_the_sheets_lines_with_or_without_the_country(address):
    target = premier()
    target.address = address
    assert recipient_lines(target) == PREMIER_BLOCK


def test_it_names_the_country_from_the_last_line_when_the_target_has_none():
    target = premier()
    target.country = ""
    assert recipient_lines(target) == PREMIER_BLOCK


def test_it_latinises_province_and_city_of_the_jilin_governor():
    target = ParsedTarget(
        title="Governor of the Jilin Provincial People’s Government",
        name="HONG Hu Shengzhang",
        address=[
            "Jilinsheng Renmin Zhengfu",
            "11 Xinfa Lu",
            "Changchunshi 130051, Jilinsheng - People’s Republic of China",
        ],
        country="CN",
        salutation="Dear Governor",
    )
    assert recipient_lines(target) == [
        "HONG Hu Shengzhang",
        "Governor of the Jilin Provincial People’s Government",
        "Jilinsheng Renmin Zhengfu",
        "11 Xinfa Lu",
        "Changchun Shi",
        "JILIN SHENG, 130051",
        "CHINA",
    ]


def test_it_formats_a_north_korean_minister():
    target = ParsedTarget(
        title="Minister of Foreign Affairs",
        name="Mr Paek Nam Sun",
        address=["Pyongyang - Democratic People’s Republic of Korea"],
        country="KP",
    )
    assert recipient_lines(target) == [
        "Mr Paek Nam Sun",
        "Minister of Foreign Affairs",
        "Pyongyang",
        "NORTH KOREA",
    ]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (
            ParsedTarget(
                title="President",
                name="Moon Jae-in",
                address=["The Blue House", "1 Cheongwadae-ro, Jongno-gu", "Seoul 03048"],
                country="KR",
            ),
            [
                "Moon Jae-in",
                "President",
                "The Blue House",
                "1 Cheongwadae-ro, Jongno-gu",
                "Seoul",
                "03048",
                "SOUTH KOREA",
            ],
        ),
        (
            ParsedTarget(
                title="Governor of Texas",
                name="Greg Abbott",
                address=["Office of the Governor", "PO Box 12428", "Austin, Texas 78711", "USA"],
                country="US",
            ),
            [
                "Greg Abbott",
                "Governor of Texas",
                "Office of the Governor",
                "PO Box 12428",
                "AUSTIN, TX 78711",
                "UNITED STATES",
            ],
        ),
        (
            ParsedTarget(
                title="President of the United States",
                name="Joe Biden",
                address=["The White House", "1600 Pennsylvania Avenue NW", "Washington, DC 20500"],
                country="US",
            ),
            [
                "Joe Biden",
                "President of the United States",
                "The White House",
                "1600 Pennsylvania Avenue NW",
                "WASHINGTON, DC 20500",
                "UNITED STATES",
            ],
        ),
        (
            ParsedTarget(
                title="Ministre de l'Intérieur",
                name="M. Jean Dupont",
                address=["Place Beauvau", "75008 Paris", "France"],
                country="FR",
            ),
            ["Ministre de l'Intérieur", "M. Jean Dupont", "Place Beauvau", "75008 PARIS", "FRANCE"],
        ),
        (
            ParsedTarget(
                title="Home Secretary",
                name="",
                organisation="Home Office",
                address=["2 Marsham Street", "London SW1P 4DF", "United Kingdom"],
                country="GB",
            ),
            [
                "Home Secretary",
                "Home Office",
                "2 Marsham Street",
                "LONDON",
                "SW1P 4DF",
                "UNITED KINGDOM",
            ],
        ),
        (
            ParsedTarget(
                title="Head of the Judiciary",
                name="Ayatollah Mahmoud Hashemi Shahroudi",
                organisation="Office of the Head of the Judiciary",
                address=["Pasteur St., Vali Asr Ave.", "Tehran, Islamic Republic of Iran"],
                country="IR",
            ),
            [
                "Head of the Judiciary",
                "Office of the Head of the Judiciary",
                "Ayatollah Mahmoud Hashemi Shahroudi",
                "TEHRAN",
                "Pasteur St., Vali Asr Ave.",
                "IRAN",
            ],
        ),
        (
            ParsedTarget(
                title="Presidente de los Estados Unidos Mexicanos",
                name="Lic. Vicente Fox Quesada",
                address=[
                    "Residencia Oficial de los Pinos",
                    "Col. San Miguel Chapultepec",
                    "México D.F., C.P. 11850, MEXICO",
                ],
                country="MX",
            ),
            [
                "Lic. Vicente Fox Quesada",
                "Presidente de los Estados Unidos Mexicanos",
                "Residencia Oficial de los Pinos",
                "Col. San Miguel Chapultepec",
                "11850 CIUDAD DE MÉXICO, CDMX",
                "MEXICO",
            ],
        ),
        (
            ParsedTarget(
                title="Gobernador del Estado de Guerrero",
                name="Lic. René Juárez Cisneros",
                address=["Palacio de Gobierno", "Chilpancingo, Guerrero, C.P. 39000, México"],
                country="MX",
            ),
            [
                "Lic. René Juárez Cisneros",
                "Gobernador del Estado de Guerrero",
                "Palacio de Gobierno",
                "39000 CHILPANCINGO, GRO.",
                "MEXICO",
            ],
        ),
    ],
)
def test_it_formats_addresses_by_their_countrys_conventions(target, expected):
    assert recipient_lines(target) == expected


def test_it_gives_each_caller_its_own_copy_of_a_remembered_address():
    recipient_lines(premier()).append("Fax: 1")
    assert recipient_lines(premier()) == PREMIER_BLOCK


def test_it_leaves_out_the_country_line_within_one_country():
    assert recipient_lines(premier(), home_country="CN") == PREMIER_BLOCK[:-1]


def test_it_keeps_the_sheets_own_lines_where_the_country_is_unknown():
    target = ParsedTarget(
        title="Minister of the Interior",
        name="Mr A. Example",
        address=["Rruga e Example 1", "Atlantis"],
        country="",
    )
    assert recipient_lines(target) == [
        "Mr A. Example",
        "Minister of the Interior",
        "Rruga e Example 1",
        "Atlantis",
    ]


def test_it_keeps_the_sheets_own_lines_where_the_library_has_no_data():
    assert not supported("ZZ")
    target = ParsedTarget(name="Someone", address=["Somewhere 1", "Nowhere"], country="ZZ")
    assert recipient_lines(target) == ["Someone", "Somewhere 1", "Nowhere"]


def test_it_drops_a_country_line_named_the_old_way():
    target = ParsedTarget(name="Someone", address=["1 Main Road", "Yangon - Burma"], country="")
    lines = recipient_lines(target, home_country="GB")
    assert "Burma" not in " ".join(lines)
    assert lines[-1] == "MYANMAR"


def test_it_names_the_writers_country_in_the_letters_language():
    lines = sender_lines("Ana Silva", ["12 Rose Street"], "Edinburgh EH2 2PR", "GB", "fr")
    assert lines == ["Ana Silva", "12 Rose Street", "Edinburgh EH2 2PR", "Royaume-Uni"]
    assert sender_lines("Ana Silva", [], "", "", "en") == ["Ana Silva"]


def _block(country: str, address: list[str]) -> list[str]:
    return recipient_lines(ParsedTarget(name="A. Official", address=address, country=country))


@pytest.mark.parametrize(
    ("country", "address", "expected"),
    [
        # Azerbaijan's format is "AZ %Z %C": the "AZ" belongs to the postal code.
        ("AZ", ["1 Istiqlaliyyat Street", "Baku AZ1005", "Azerbaijan"], "AZ 1005 BAKU"),
        ("AZ", ["1 Istiqlaliyyat Street", "AZ 1005 Baku"], "AZ 1005 BAKU"),
        ("AZ", ["1 Istiqlaliyyat Street", "Baku AZ-1005, Azerbaijan"], "AZ 1005 BAKU"),
        ("AZ", ["1 Istiqlaliyyat Street", "Baku", "Azerbaijan"], "BAKU"),
        ("CH", ["1 Bundesplatz", "CH-3003 Bern", "Switzerland"], "CH-3003 Bern"),
        ("CH", ["1 Bundesplatz", "3003 Bern"], "CH-3003 Bern"),
        ("CH", ["1 Bundesplatz", "Bern"], "Bern"),
        ("FI", ["Snellmaninkatu 1", "FI-00170 Helsinki", "Finland"], "FI-00170 HELSINKI"),
        ("SE", ["Rosenbad 4", "SE-103 33 Stockholm", "Sweden"], "SE-103 33 STOCKHOLM"),
        ("LT", ["Gedimino pr. 11", "LT-01103 Vilnius", "Lithuania"], "LT-01103 VILNIUS"),
        ("HR", ["Trg sv. Marka 2", "HR-10000 Zagreb", "Croatia"], "HR-10000 ZAGREB"),
        ("MD", ["Piata Marii Adunari Nationale 1", "Chisinau, Moldova"], "CHISINAU"),
        ("LU", ["4 rue de la Congregation", "L-1352 Luxembourg"], "L-1352 LUXEMBOURG"),
    ],
)
def test_a_postal_code_prefix_goes_with_the_postal_code_and_never_stands_alone(
    country, address, expected
):
    block = _block(country, address)
    # Name, street, the locality line, the country: no line for a lone "AZ" or "CH-".
    assert block[:3] == ["A. Official", address[0], expected], block
    assert len(block) == 4, block


@pytest.mark.parametrize(
    ("country", "address", "line"),
    [
        # Formats that join two fields with a mark: "%C-%S", "%C-%Z", "%C - %Z", "%Z- %C".
        ("BR", ["Palacio do Planalto", "Brasilia"], "BRASILIA"),
        ("PK", ["Prime Minister's Office", "Islamabad", "Pakistan"], "ISLAMABAD"),
        ("BD", ["Ministry of Home Affairs", "Dhaka", "Bangladesh"], "DHAKA"),
        ("GT", ["Palacio Nacional", "Ciudad de Guatemala", "Guatemala"], "CIUDAD DE GUATEMALA"),
        ("TR", ["Adalet Bakanligi", "06659 Ankara", "Turkey"], "06659 Ankara"),
    ],
)
def test_a_mark_between_two_fields_goes_when_one_of_them_is_missing(country, address, line):
    block = _block(country, address)
    assert line in block, block
    assert not [text for text in block if text.strip(" -/,") != text], block


def test_a_country_format_s_own_words_are_printed_once():
    # Singapore's format is "SINGAPORE %Z": the sheet's "Singapore" is that line.
    assert _block("SG", ["100 High Street", "Singapore 179434"]) == [
        "A. Official",
        "100 High Street",
        "SINGAPORE 179434",
        "REP. OF SINGAPORE",
    ]
