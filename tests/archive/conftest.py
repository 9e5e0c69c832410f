"""Fictional documents for the search tests, made through the ORM (so through post_save)."""

import datetime as dt

import pytest
import time_machine

from tests.cases.factories import make_case, make_document


@pytest.fixture
def archive(db):
    """Four fictional cases and their documents, all about invented people.

    The clock stands at the fixtures' `today` (ticking), so a search that does not
    pass `today=` (a cursor's next page, a page view) agrees with those that do.
    """
    today = dt.date(2026, 11, 23)
    traveller = time_machine.travel(dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC), tick=True)
    traveller.start()
    open_case = make_case(
        ua_number="10/05", slug="ua-10-05", countries=["CN"], deadline=today + dt.timedelta(30)
    )
    closed_case = make_case(ua_number="20/98", slug="ua-20-98", countries=["MX"], closed=True)
    past_case = make_case(
        ua_number="30/01", slug="ua-30-01", countries=["CN", "KP"], deadline=dt.date(2001, 3, 1)
    )
    news_case = make_case(ua_number=None, slug="news-1", countries=["CN"])
    docs = {
        "ua": make_document(
            open_case,
            concerns=["Forcible return"],
            title="Forcible return / Fear for safety",
            body="Invented refugees were forcibly returned across the border.",
            issue_date=dt.date(2005, 4, 1),
            document_index="ASA 17/01/05",
        ),
        "fi": make_document(
            open_case,
            kind="further_information",
            concerns=["Fear for safety"],
            title="Further information: fear for safety",
            body="The prisoner of conscience Wen Invented faces torture in detention.",
            issue_date=dt.date(2005, 5, 1),
        ),
        "stop": make_document(
            closed_case,
            kind="stop_action",
            concerns=["Torture"],
            countries=["MX"],
            title="Torture: released",
            body="Ana Ficticia was tortured, then released; thanks to everyone who wrote.",
            issue_date=dt.date(1999, 8, 1),
        ),
        "past": make_document(
            past_case,
            concerns=["Death penalty"],
            countries=["CN", "KP"],
            title="Death penalty",
            body="A conscientious prisoner, Invented Kim, faces the death penalty.",
            issue_date=dt.date(2001, 1, 20),
        ),
        "news": make_document(
            news_case,
            kind="news",
            countries=["CN"],
            title="China: invented news release",
            body='Text with <script>alert("x")</script> & an ampersand about returns.',
            issue_date=None,
        ),
    }
    yield {"today": today, **docs}
    traveller.stop()
