"""docs/security.md names every table that holds a member's personal data."""

from pathlib import Path

from lifeline.network.personal_data import ANONYMISED, DELETED, HOLDINGS

SECURITY = Path(__file__).resolve().parent.parent / "docs" / "security.md"


def test_every_table_with_a_members_data_is_named_on_the_security_page():
    page = SECURITY.read_text(encoding="utf-8")
    about_members = [
        label
        for label, holding in HOLDINGS.items()
        if holding.on_deletion in (DELETED, ANONYMISED) and not label.startswith("auth.User_")
    ]
    assert about_members
    assert [label for label in about_members if f"`{label}`" not in page] == []


def test_the_security_page_says_how_to_report_a_vulnerability():
    page = SECURITY.read_text(encoding="utf-8")
    assert "## Reporting a vulnerability" in page
