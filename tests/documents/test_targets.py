"""Target blocks in their many orders."""

from lifeline.documents.targets import normalise_salutation, parse_target, split_targets


def test_title_and_name_on_one_line_are_split():
    target = parse_target(
        ["President Ramón Echeverría Sosa", "Palacio Nacional", "Managua, Nicaragua"]
    )
    assert (target.title, target.name) == ("President", "Ramón Echeverría Sosa")
    assert target.organisation == "Palacio Nacional"
    assert target.country == "NI"


def test_a_longer_title_wins_over_its_first_word():
    target = parse_target(["Chief Justice Amos Kolade", "Supreme Court", "Abuja, Nigeria"])
    assert (target.title, target.name) == ("Chief Justice", "Amos Kolade")


def test_a_title_only_block_is_still_a_target():
    target = parse_target(
        ["Governor", "Office of the Governor", "State Capitol", "Richmond, VA 23219, USA"]
    )
    assert target.title == "Governor"
    assert target.name == ""
    assert target.address == ["State Capitol", "Richmond, VA 23219, USA"]


def test_contact_lines_are_split_into_lists():
    target = parse_target(
        [
            "Minister of the Interior",
            "Mr Tomas Varga",
            "Fax: +36 1 555 0101 or +36 1 555 0102",
            "Tel/Fax: +36 1 555 0199",
            "E-mail: minister@interior.example.hu, press@interior.example.hu",
            "Telegram: Interior Minister,",
            "Budapest, Hungary",
            "Salutation: dear minister",
        ]
    )
    assert target.fax == ["+36 1 555 0101", "+36 1 555 0102", "+36 1 555 0199"]
    assert target.phone == ["+36 1 555 0199"]
    assert target.email == ["minister@interior.example.hu", "press@interior.example.hu"]
    assert target.telegram == ["Interior Minister, Budapest, Hungary"]
    assert target.salutation == "Dear Minister"


def test_a_salutation_ends_a_block():
    lines = ["Minister A", "Salutation: Dear Minister", "Minister B", "Salutation: Dear Minister"]
    assert split_targets(lines) == [lines[:2], lines[2:]]


def test_lines_that_name_no_one_are_no_target():
    assert parse_target(["diplomatic representatives"]) is None


def test_salutations_are_capitalised_and_trimmed():
    assert normalise_salutation("your Excellency,") == "Your Excellency"
    assert normalise_salutation("Señor Procurador / Dear Attorney General") == (
        "Señor Procurador / Dear Attorney General"
    )
