"""Each layout of the archive, read from a fictional sheet written in it."""

import datetime as dt

from tests.documents.conftest import parse_fixture


def test_it_reads_a_1990s_urgent_action():
    doc = parse_fixture("ua_1998_classic.txt")
    assert doc.kind == "urgent_action"
    assert doc.layout == "classic"
    assert doc.ua_number == "123/98"
    assert doc.update_number is None
    assert doc.document_index == "AMR 51/045/98"
    assert doc.title == "Death penalty / Legal concern"
    assert doc.concerns == ["Death penalty", "Legal concern"]
    assert doc.issue_date == dt.date(1998, 4, 24)
    assert doc.countries == ["US"]
    assert doc.people_at_risk == ["Dwayne Harlan Pickett"]
    assert doc.channels == ["telegram", "fax", "express letter", "airmail letter"]
    assert doc.appeal_deadline == dt.date(1998, 6, 5)
    assert doc.appeal_immediately is True
    assert doc.copies_to == "diplomatic representatives of USA accredited to your country."


def test_background_information_joins_the_body_without_its_heading():
    body = parse_fixture("ua_1998_classic.txt").body.split("\n\n")
    assert len(body) == 3
    assert body[2].startswith("Texas has carried out more executions")
    assert "BACKGROUND" not in "".join(body)


def test_points_before_appeals_to_belong_to_its_group():
    (group,) = parse_fixture("ua_1998_classic.txt").appeal_groups
    assert group.audience == ""
    assert group.points == [
        "expressing sympathy for the family of the murder victim, but explaining that you "
        "are opposed to the death penalty",
        "expressing concern that the jury did not hear evidence of the brain injury he "
        "suffered as a child",
        "urging the Board to recommend clemency for Dwayne Harlan Pickett",
    ]


def test_it_reads_an_organisation_and_a_title_after_a_comma():
    board, governor = parse_fixture("ua_1998_classic.txt").appeal_groups[0].targets
    assert board.organisation == "Texas Board of Pardons and Paroles"
    assert board.name == "Mr Victor T. Ramsey"
    assert board.title == "Chairman"
    assert board.address == ["PO Box 13401", "Austin, TX 78711-3401, USA"]
    assert board.salutation == "Dear Mr Ramsey"
    assert (governor.title, governor.name) == ("Governor", "Harold B. Whitcombe")
    assert governor.organisation == "Office of the Governor"
    assert governor.fax == ["+1 512 463 1849"]


def test_it_reads_a_2004_urgent_action():
    doc = parse_fixture("ua_2004.txt")
    assert doc.kind == "urgent_action"
    assert doc.ua_number == "123/04"
    assert doc.document_index == "AMR 41/012/2004"
    assert doc.issue_date == dt.date(2004, 3, 3)
    assert doc.appeal_deadline == dt.date(2004, 4, 14)
    assert doc.concerns == ["Fear of torture", "Incommunicado detention"]
    assert doc.countries == ["MX"]
    assert doc.people_at_risk == ["Joaquín Ortega Ruiz", "Esteban Luna Díaz"]
    assert doc.languages == ["Spanish"]
    assert doc.own_language is True
    # "Please send appeals" names no channel; the targets' contact lines do.
    assert doc.channels == ["letter", "fax", "email"]


def test_it_reads_spanish_targets_with_email():
    defence, attorney = parse_fixture("ua_2004.txt").appeal_groups[0].targets
    assert defence.title == "Secretary of National Defence"
    assert defence.name == "General Ricardo Valdés Ibarra"
    assert defence.organisation == "Secretaría de la Defensa Nacional"
    assert defence.country == "MX"
    assert defence.email == ["correo@defensa.example.mx"]
    assert defence.salutation == "Dear General / Estimado General"
    assert attorney.name == "Lic. Marcela Treviño Garza"
    assert attorney.address[-1] == "México D.F., C.P. 06500, MEXICO"


def test_it_reads_a_2010s_urgent_action_sheet():
    doc = parse_fixture("ua_2013_urgent_action.txt")
    assert doc.kind == "urgent_action"
    assert doc.ua_number == "45/13"
    assert doc.document_index == "MDE 13/012/2013"
    assert doc.title == "JOURNALIST DETAINED WITHOUT CHARGE"
    assert doc.concerns == ["Detention without charge"]
    assert doc.countries == ["IR"]
    assert doc.issue_date == dt.date(2013, 2, 19)
    assert doc.appeal_deadline == dt.date(2013, 4, 2)
    assert doc.appeal_immediately is True
    assert doc.languages == ["English", "Persian"]
    assert doc.own_language is True
    assert doc.people_at_risk == ["Farhad Rostami"]
    assert doc.copies_to == "diplomatic representatives accredited to your country."


def test_the_2010s_body_has_the_summary_and_the_additional_information():
    body = parse_fixture("ua_2013_urgent_action.txt").body.split("\n\n")
    assert len(body) == 4
    assert body[0].startswith("Iranian journalist Farhad Rostami")
    assert body[2].startswith("Journalists in Iran")
    assert "URGENT ACTION" not in "".join(body)
    assert "Gender" not in "".join(body)


def test_it_reads_bullets_and_email_fax_twitter_targets():
    doc = parse_fixture("ua_2013_urgent_action.txt")
    (group,) = doc.appeal_groups
    assert [p[:30] for p in group.points] == [
        "Calling on the authorities to ",
        "Urging them to ensure that he ",
        "Calling on them to disclose th",
    ]
    leader, judiciary = group.targets
    assert leader.name == "Ayatollah Sayed Mohsen Tabrizi"
    assert leader.organisation == "The Office of the Supreme Leader"
    assert leader.email == ["info@leader.example.ir"]
    assert leader.twitter == ["@leader_example"]
    assert leader.address[-1] == "Tehran, Islamic Republic of Iran"
    assert judiciary.fax == ["+98 21 5555 0100"]
    assert judiciary.country == "IR"
    (president,) = doc.copy_targets
    assert (president.title, president.name) == ("President", "Hassan Moradi")
    assert president.twitter == ["@president_example"]


def test_it_reads_a_first_update():
    doc = parse_fixture("fi_2005_first_update.txt")
    assert doc.kind == "further_information"
    assert doc.ua_number == "258/05"
    assert doc.update_number == 1
    assert doc.document_index == "AFR 44/031/2005"
    assert doc.related_indexes == ["AFR 44/025/2005"]
    assert doc.title == "Fear of torture / Incommunicado detention"
    assert doc.people_at_risk == ["Chinedu Okonkwo", "Emeka Nwosu"]
    assert doc.appeal_deadline == dt.date(2005, 11, 11)
    (target,) = doc.appeal_groups[0].targets
    assert target.title == "Inspector General of Police"
    assert target.organisation == "Force Headquarters"
    assert target.country == "NG"


def test_it_reads_a_stop_action_and_counts_the_follow_ups():
    doc = parse_fixture("stop_2001.txt")
    assert doc.kind == "stop_action"
    assert doc.ua_number == "77/01"
    assert doc.update_number == 2  # the heading cites the original and one follow-up
    assert doc.document_index == "EUR 46/031/2001"
    assert doc.related_indexes == ["EUR 46/012/2001", "EUR 46/020/2001"]
    assert doc.countries == ["RU"]
    assert doc.people_at_risk == ["Arkady Volkov"]
    assert doc.appeal_deadline is None
    assert doc.appeal_immediately is False
    assert doc.appeal_groups == []


def test_it_reads_a_2010s_stop_action():
    doc = parse_fixture("stop_2014_urgent_action.txt")
    assert doc.kind == "stop_action"
    assert doc.ua_number == "112/14"
    assert doc.update_number == 2
    assert doc.document_index == "MDE 16/014/2014"
    assert doc.countries == ["JO"]
    assert doc.issue_date == dt.date(2014, 9, 4)


def test_it_reads_labelled_fields_and_counts_third_ua_as_the_second_update():
    doc = parse_fixture("labelled_2017.txt")
    assert doc.layout == "labelled"
    assert doc.kind == "further_information"
    assert doc.ua_number == "60/16"
    assert doc.update_number == 2
    assert doc.document_index == "AMR 37/6674/2017"
    assert doc.title == "Human rights defender at risk of unfair trial"
    assert doc.issue_date == dt.date(2017, 7, 12)
    assert doc.appeal_deadline == dt.date(2017, 8, 23)
    assert doc.languages == ["Spanish", "English"]
    assert doc.own_language is True
    assert doc.countries == ["HN"]
    assert doc.people_at_risk == ["Ana Lucía Meza Castro"]
    assert len(doc.body.split("\n\n")) == 2


def test_it_keeps_the_model_letter_from_greeting_to_closing():
    letter = parse_fixture("labelled_2017.txt").model_letter
    paragraphs = letter.split("\n\n")
    assert paragraphs[0] == "Dear Minister,"
    assert paragraphs[-1] == "Yours sincerely,"
    assert len(paragraphs) == 5
    assert paragraphs[1].startswith("I am writing to express my concern for Ana Lucía Meza Castro")
    assert "[Your name]" not in letter


def test_the_labelled_target_takes_its_salutation_from_the_letter():
    (target,) = parse_fixture("labelled_2017.txt").appeal_groups[0].targets
    assert target.title == "Minister of Human Rights and Justice"
    assert target.name == "Roberto Castellanos Pineda"
    assert target.organisation == "Secretaría de Derechos Humanos y Justicia"
    assert target.country == "HN"
    assert target.email == ["despacho@sdhj.example.hn"]
    assert target.salutation == "Dear Minister"


def test_it_reads_a_news_release_with_its_index_and_date():
    doc = parse_fixture("news_2003.txt")
    assert doc.kind == "news"
    assert doc.document_index == "ASA 24/004/2003"
    assert doc.issue_date == dt.date(2003, 3, 19)
    assert doc.title == "North Korea: Famine survivors punished for crossing the border"
    assert doc.countries == ["KP"]
    body = doc.body.split("\n\n")
    assert len(body) == 3
    assert "ENDS" not in doc.body
    assert "press office" not in doc.body


def test_a_news_release_naming_an_urgent_action_carries_its_ua_number():
    from lifeline.documents import parse

    text = (
        "NEWS RELEASE\n\nAI Index: MDE 12/044/2026\n20 November 2026\n\n"
        "Egypt: Student held in secret\n\n"
        "The authorities must reveal where he is held, the organisation said today.\n\n"
        "The organisation issued an Urgent Action on 10 November (UA\n196/26), and an\n"
        "earlier one, UA 12/25, on his brother.\n\nENDS\n"
    )
    doc = parse(text, "news.txt")
    assert doc.kind == "news"
    assert doc.ua_number == "196/26"  # the first named, across the line break


def test_a_news_release_naming_no_action_has_no_ua_number():
    assert parse_fixture("news_2003.txt").ua_number is None


def test_text_without_a_known_layout_is_other_with_a_warning():
    from lifeline.documents import parse

    doc = parse("Minutes of the section meeting\n\nWe agreed to meet again in May.\n")
    assert doc.kind == "other"
    assert doc.title == "Minutes of the section meeting"
    assert doc.body == "We agreed to meet again in May."
    assert doc.warnings
