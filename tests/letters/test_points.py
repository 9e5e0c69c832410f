"""Appeal points, from the case sheet's list form to first-person sentences."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lifeline.letters.points import first_person, first_person_in, tidy
from tests.letters.fixtures import CHINESE_POINT_TAILS, CHINESE_POINTS, SAMPLE, sample_groups


def test_it_turns_urging_them_into_i_urge_you():
    point = "- urging them to lift the restrictions on access to the border areas;"
    assert first_person(point) == (
        "I urge you to lift the restrictions on access to the border areas."
    )


def test_it_turns_calling_on_the_authorities_into_i_call_on_you():
    point = "- calling on the Chinese authorities to seek assurances from the government;"
    assert first_person(point) == "I call on you to seek assurances from the government."


def test_it_turns_noting_into_i_note():
    assert first_person("- noting that, as a party to the Convention, China is bound;") == (
        "I note that, as a party to the Convention, China is bound."
    )


def test_it_turns_urging_the_authorities_into_i_urge_you():
    assert first_person("urging the authorities to release him") == "I urge you to release him."
    assert first_person("urging the North Korean authorities not to return them") == (
        "I urge you not to return them."
    )


@pytest.mark.parametrize(
    ("point", "expected"),
    [
        ("expressing concern that he may be tortured;", "I am concerned that he may be tortured."),
        (
            "expressing grave concern at reports of torture;",
            "I am gravely concerned at reports of torture.",
        ),
        ("expressing concern for his safety;", "I am concerned for his safety."),
        ("expressing alarm at the verdict;", "I express alarm at the verdict."),
        (
            "seeking assurances that he will not be tortured;",
            "I seek assurances that he will not be tortured.",
        ),
        ("asking them to reveal his whereabouts;", "I ask you to reveal his whereabouts."),
        ("asking for details of the charges;", "I ask you for details of the charges."),
        ("asking that he be released;", "I ask that he be released."),
        (
            "calling for greater openness and accountability on human rights;",
            "I call for greater openness and accountability on human rights.",
        ),
        ("welcoming the release of Li Wei;", "I welcome the release of Li Wei."),
        ("condemning the executions;", "I condemn the executions."),
        (
            "urging the immediate and unconditional release of all prisoners of conscience;",
            "I urge the immediate and unconditional release of all prisoners of conscience.",
        ),
    ],
)
def test_it_turns_each_list_verb_into_a_first_person_sentence(point, expected):
    assert first_person(point) == expected


@pytest.mark.parametrize(
    ("point", "expected"),
    [
        (
            "- Ratify the 1987 Convention against Torture and Other Cruel, Inhuman and "
            "Degrading Punishment or Treatment.",
            "I ask you to ratify the 1987 Convention against Torture and Other Cruel, Inhuman "
            "and Degrading Punishment or Treatment.",
        ),
        (
            '- immediately adapt policies concerning "defection" to bring them into line;',
            'I ask you to immediately adapt policies concerning "defection" to bring them '
            "into line.",
        ),
        (
            "- provide Amnesty International with full clarification;",
            "I ask you to provide Amnesty International with full clarification.",
        ),
        ("Please release him;", "I ask you to release him."),
        ("to release him immediately;", "I ask you to release him immediately."),
    ],
)
def test_it_turns_imperatives_into_i_ask_you_to(point, expected):
    assert first_person(point) == expected


def test_it_makes_the_addressed_authorities_possessions_yours():
    point = "urging them to honour their obligations to detainees in their custody;"
    assert first_person(point) == (
        "I urge you to honour your obligations to detainees in your custody."
    )


def test_it_leaves_them_and_their_about_other_people_alone():
    point = (
        "urging them to stop returning refugees against their will and those who are helping them;"
    )
    assert first_person(point) == (
        "I urge you to stop returning refugees against their will and those who are helping them."
    )


def test_it_does_not_take_a_wider_group_for_the_addressee():
    point = "calling on the international community and the government to act;"
    assert first_person(point) == "I call on the international community and the government to act."


def test_it_takes_the_groups_audience_for_the_addressee():
    point = "- calling on the UNHCR to put pressure on the Chinese authorities."
    assert first_person(point, audience="APPEALS TO THE UNHCR:") == (
        "I call on you to put pressure on the Chinese authorities."
    )
    assert first_person(point) == "I call on the UNHCR to put pressure on the Chinese authorities."


@pytest.mark.parametrize(
    "point",
    [
        "To date, nothing has been heard of him;",
        "Free and fair elections must be held;",
        "the authorities must act now,",
    ],
)
def test_it_keeps_a_point_it_does_not_recognise_whole(point):
    result = first_person(point)
    assert result == point[0].upper() + point[1:].rstrip(";,") + "."


@pytest.mark.parametrize(
    ("point", "expected"),
    [
        ("- urging them to act;", "I urge you to act."),
        ("urging them to act; and", "I urge you to act."),
        ("urging them to act, ", "I urge you to act."),
        ("urging them to act..", "I urge you to act."),
        ("urging them to act.", "I urge you to act."),
        ("• urging them to act", "I urge you to act."),
        ("(a) urging them to act:", "I urge you to act."),
        ('stating that "nobody shall be tortured."', 'I state that "nobody shall be tortured."'),
        ("urging them\n to   act ;", "I urge you to act."),
    ],
)
def test_it_fixes_list_punctuation_so_each_point_ends_with_one_full_stop(point, expected):
    assert first_person(point) == expected


def test_it_turns_the_chinese_points_into_first_person_sentences():
    sentences = [first_person(p, "CHINESE AUTHORITIES") for p in CHINESE_POINTS]
    leads = ["I note ", "I note ", "I call on you to ", "I urge you to ", "I urge you to "]
    assert sentences == [lead + tail for lead, tail in zip(leads, CHINESE_POINT_TAILS, strict=True)]


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shared samples are not checked out")
def test_it_turns_all_twelve_points_of_sample_000_into_sentences():
    groups = sample_groups(SAMPLE.read_text(encoding="utf-8"))
    assert [len(points) for _, points in groups] == [5, 6, 1]
    for audience, points in groups:
        for point in points:
            sentence = first_person(point, audience)
            assert not sentence.startswith("- ")
            assert "- urging" not in sentence
            assert not re.match(r"(?i)(urging|calling|noting)\b", sentence)
            assert sentence.startswith("I ")
            assert sentence.endswith(".")
            assert not sentence.endswith((";.", "..", ";"))
            assert "  " not in sentence


def test_tidy_returns_nothing_for_an_empty_point():
    assert tidy(" - ; ") == ""
    assert first_person("") == ""


@pytest.mark.parametrize(
    ("point", "language", "expected"),
    [
        (
            "- exhortant les autorités chinoises à lever les restrictions ;",
            "fr",
            "Je vous exhorte à lever les restrictions.",
        ),
        (
            "- demandant instamment aux autorités de le libérer;",
            "fr",
            "Je vous demande instamment de le libérer.",
        ),
        (
            "- instando a las autoridades chinas a levantar las restricciones;",
            "es",
            "Le insto a levantar las restricciones.",
        ),
    ],
)
def test_it_puts_french_and_spanish_list_forms_in_the_first_person(point, language, expected):
    assert first_person_in(point, language) == expected


def test_it_only_tidies_translated_points_it_has_no_rules_for():
    sentence = "Je vous demande de le libérer"
    assert first_person_in(sentence, "fr") == sentence + "."
    assert first_person_in("- أطالبكم بالإفراج عنه؛", "ar") == "أطالبكم بالإفراج عنه."


@given(st.text(max_size=300))
def test_any_text_becomes_one_sentence_or_nothing(text):
    sentence = first_person(text)
    if sentence:
        assert re.search(r"[.!?؟…][\"'”’»)\]]*$", sentence)
        assert not sentence.endswith((";.", ",.", ":."))
        assert sentence == sentence.strip()
        assert not sentence.startswith("- ")
