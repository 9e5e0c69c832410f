"""What a careful reader sees in the two real samples (the issue's acceptance checks)."""

import datetime as dt

import pytest


@pytest.fixture
def further_information(sample):
    return sample("000")


@pytest.fixture
def news(sample):
    return sample("002")


def test_it_reads_the_further_information_heading(further_information):
    doc = further_information
    assert doc.kind == "further_information"
    assert doc.ua_number == "105/00"
    assert doc.document_index == "ASA 17/21/00"
    assert doc.title == "Forcible Return / Fear for Safety"
    assert doc.concerns == ["Forcible return", "Fear for safety"]
    assert doc.countries == ["KP", "CN"]


def test_it_reads_the_deadline_and_that_appeals_are_wanted_immediately(further_information):
    assert further_information.appeal_deadline == dt.date(2000, 7, 19)
    assert further_information.appeal_immediately is True


def test_it_reads_the_five_channels_and_the_languages(further_information):
    assert further_information.channels == [
        "telegram",
        "telex",
        "fax",
        "express letter",
        "airmail letter",
    ]
    assert further_information.languages == ["English"]
    assert further_information.own_language is True


def test_it_finds_three_appeal_groups_with_their_points_and_targets(further_information):
    groups = further_information.appeal_groups
    assert [g.audience for g in groups] == [
        "Chinese authorities",
        "North Korean authorities",
        "the UNHCR",
    ]
    assert [len(g.points) for g in groups] == [5, 6, 1]
    assert [len(g.targets) for g in groups] == [2, 2, 0]


def test_points_are_whole_and_free_of_bullets_page_numbers_and_semicolons(further_information):
    points = [p for g in further_information.appeal_groups for p in g.points]
    assert points[0].startswith("noting that, as a party to the 1951 UN Refugee Convention")
    assert points[0].endswith(
        "(this would include closing of borders to prevent people seeking asylum)"
    )
    assert points[3] == (
        "urging them to lift the restrictions on access to the border areas with North "
        "Korea for the UNHCR and other independent human rights monitors"
    )
    assert points[4].startswith("urging them to take immediate steps to stop all operations")
    for point in points:
        assert not point.startswith("-")
        assert not point.endswith(";")
        assert "\n" not in point
        assert "  " not in point
        assert " 2 " not in point


def test_it_reads_a_target_whose_title_comes_before_the_name(further_information):
    premier = further_information.appeal_groups[0].targets[0]
    assert premier.title == "Premier of the People's Republic of China"
    assert premier.name == "ZHU Rongji Zongli"
    assert premier.address == [
        "9 Xihuangchenggenbeijie",
        "Beijingshi 100032",
        "People's Republic of China",
    ]
    assert premier.country == "CN"
    assert premier.telex == ["210070 FMPRC CN", "22478 MFERT CN"]
    assert premier.telegram == ["Premier Zhu Rongji, Beijing, China"]
    assert premier.salutation == "Your Excellency"


def test_it_reads_the_governor_of_jilin(further_information):
    governor = further_information.appeal_groups[0].targets[1]
    assert governor.title == "Governor of the Jilin Provincial People's Government"
    assert governor.name == "HONG Hu Shengzhang"
    assert governor.address[-2:] == [
        "Changchunshi 130051, Jilinsheng",
        "People's Republic of China",
    ]
    assert governor.telegram == ["Governor, Changchun, Jilin Province, China"]
    assert governor.salutation == "Dear Governor"


def test_it_reads_a_target_whose_name_comes_before_the_title(further_information):
    minister, security = further_information.appeal_groups[1].targets
    assert minister.name == "Mr Paek Nam Sun"
    assert minister.title == "Minister of Foreign Affairs"
    assert minister.address == ["Pyongyang", "Democratic People's Republic of Korea"]
    assert minister.country == "KP"
    assert security.name == "Mr Paek Hak Rim"
    assert security.salutation == "Your Excellency"  # the sheet says "your Excellency"


def test_copies_go_to_the_diplomatic_representatives(further_information):
    assert further_information.copies_to == (
        "diplomatic representatives of Democratic People's Republic of Korea and the "
        "People's Republic of China accredited to your country."
    )


def test_the_body_is_the_four_background_paragraphs(further_information):
    paragraphs = further_information.body.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("More evidence has come to light")
    assert paragraphs[-1].endswith("between 50,000 and 300,000.")
    for paragraph in paragraphs:
        assert "\n" not in paragraph
        assert "  " not in paragraph
        assert paragraph == paragraph.strip()


def test_it_reads_the_news_release(news):
    assert news.kind == "news"
    assert news.title == "China: Hundreds of North Koreans forced back across the border"
    assert news.countries == ["CN"]
    assert len(news.body.split("\n\n")) == 7


def test_it_joins_a_sentence_split_by_a_page_break(news):
    paragraphs = news.body.split("\n\n")
    joined = [p for p in paragraphs if "were being deported every two days" in p]
    assert len(joined) == 1
    assert joined[0].startswith("Police in the border areas")
    assert joined[0].endswith("in Jilin province.")


def test_it_keeps_the_source_and_its_hash(further_information):
    assert further_information.source.startswith("000_")
    assert len(further_information.source_hash) == 64
    assert "Further information on UA 105/00" in further_information.source_text
    assert "Further information on UA 105/00" in further_information.text
