"""Cases to write about: an invented open case, and UA 105/00 from the shared sample."""

import datetime as dt
from pathlib import Path

import pytest

from lifeline.cases.importing import import_paths
from lifeline.cases.models import Case
from tests.cases.factories import make_case, make_document, make_group, make_target
from tests.mailserver import smtp  # noqa: F401 - a fixture

TODAY = dt.date.today()
SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "000_53efcc61e7a56288.txt"


def open_case(days_left=30, **fields):
    """A case whose one group names a governor (post, email, fax) and a prosecutor (email only)."""
    fields.setdefault("title", "Fear for safety")
    case = make_case(deadline=TODAY + dt.timedelta(days=days_left), issued=TODAY, **fields)
    document = make_document(
        case,
        appeal_deadline=case.deadline,
        issue_date=TODAY,
        copies_to="Diplomatic representatives of Mexico accredited to your country.",
    )
    make_group(
        document,
        audience="Mexican authorities",
        points=[
            "urging the authorities to protect Ana Invented;",
            "calling for an investigation into the threats against her;",
        ],
        targets=[
            make_target(
                title="Governor of Example State",
                name="Lic. Ficticio Gobernador",
                address=["Palacio de Gobierno", "Avenida Central 1", "Ciudad Ejemplo"],
                country="MX",
                fax=["+52 000 000 0000"],
                email=["governor@example.org"],
                salutation="Dear Governor",
            ),
            make_target(
                title="Attorney General",
                name="Lic. Fiscal Inventado",
                address=[],
                email=["fiscal@example.org"],
                salutation="Dear Attorney General",
            ),
        ],
    )
    return case, document


@pytest.fixture
def case_and_document():
    return open_case()


@pytest.fixture
def sample_case():
    if not SAMPLE.exists():
        pytest.skip(f"the shared samples are not beside the repository ({SAMPLE})")
    report = import_paths([str(SAMPLE)])
    assert (report.imported, report.failures) == (1, [])
    return Case.objects.get(ua_number="105/00")
