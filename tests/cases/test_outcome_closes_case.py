"""An outcome that ends the need for appeals closes its case, once an editor says so.

Closed like a stop action: the case page shows the outcome first and asks for no
appeals, the case leaves the open actions, search's status filter and the API say
closed, and the letter page says so instead of drafting.
"""

import datetime as dt

import pytest
from django.urls import reverse

from lifeline.archive import search
from lifeline.cases.models import Case, Outcome
from tests.cases.factories import make_case, make_document, make_group, make_target

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def open_case():
    deadline = TODAY + dt.timedelta(days=30)
    case = make_case(title="Fear for safety of Ana Invented", deadline=deadline, issued=TODAY)
    document = make_document(
        case,
        title=case.title,
        appeal_deadline=deadline,
        issue_date=TODAY,
        people_at_risk=["Ana Invented"],
    )
    make_group(document, points=["urging her release;"], targets=[make_target()])
    case.refresh_summary()
    return case


def release(case, closes_case=True):
    return Outcome.objects.create(
        case=case,
        kind="released",
        summary="Ana Invented was released without charge.",
        happened=TODAY,
        closes_case=closes_case,
    )


def test_a_closing_outcome_closes_the_case(open_case):
    release(open_case)

    open_case.refresh_from_db()
    assert open_case.closed
    assert open_case.status == "closed"


def test_an_outcome_not_marked_closing_leaves_the_case_open(open_case):
    release(open_case, closes_case=False)

    open_case.refresh_from_db()
    assert not open_case.closed


def test_unmarking_or_deleting_the_outcome_opens_the_case_again(open_case):
    outcome = release(open_case)
    outcome.closes_case = False
    outcome.save()
    open_case.refresh_from_db()
    assert not open_case.closed

    outcome.closes_case = True
    outcome.save()
    Outcome.objects.filter(pk=outcome.pk).delete()
    open_case.refresh_from_db()
    assert not open_case.closed


def test_a_new_document_keeps_the_case_closed_by_its_outcome(open_case):
    release(open_case)
    make_document(open_case, kind="further_information", update_number=1)
    open_case.refresh_summary()

    open_case.refresh_from_db()
    assert open_case.closed


def test_the_case_page_shows_the_outcome_first_and_asks_for_no_appeals(client, open_case):
    release(open_case)

    html = client.get(open_case.get_absolute_url()).content.decode()

    assert "Appeals are needed" not in html
    assert "Write your appeal" not in html
    main = html[html.index("<main") :]
    summary = main.index("Ana Invented was released without charge.")
    assert summary < main.index("People at risk")
    assert summary < main.index('class="facts"')
    assert "No more appeals are needed" in html


def test_an_outcome_not_closing_the_case_shows_first_but_appeals_are_still_asked(client, open_case):
    release(open_case, closes_case=False)

    html = client.get(open_case.get_absolute_url()).content.decode()

    assert "Appeals are needed" in html
    main = html[html.index("<main") :]
    assert main.index("Ana Invented was released without charge.") < main.index("People at risk")


def test_the_case_leaves_the_open_actions(client, open_case):
    home = reverse("cases:home")
    assert "Fear for safety of Ana Invented" in client.get(home).content.decode()

    release(open_case)

    assert "Fear for safety of Ana Invented" not in client.get(home).content.decode()


def test_search_s_status_filter_and_facet_say_closed(open_case):
    assert [hit.case for hit in search("", status="open").results] == [open_case.slug]

    release(open_case)

    assert search("", status="open").results == []
    assert [hit.case for hit in search("", status="closed").results] == [open_case.slug]
    assert search("").facets["status"] == {"closed": 1}


def test_the_api_says_closed(client, open_case):
    release(open_case)

    case = client.get(f"/api/v1/cases/{open_case.slug}").json()
    assert case["status"] == "closed"
    assert case["closed"] is True
    listed = client.get("/api/v1/cases", {"status": "open"}).json()
    assert listed["count"] == 0
    listed = client.get("/api/v1/cases", {"status": "closed"}).json()
    assert [row["slug"] for row in listed["results"]] == [open_case.slug]


def test_the_letter_page_says_the_outcome_ended_the_appeals(client, open_case):
    release(open_case)

    html = client.get(reverse("actions:write", kwargs={"slug": open_case.slug})).content.decode()

    assert "This case is closed: no new letters, please." in html
    assert "stop action" not in html.lower()
    assert "Released" in html
    assert f"{open_case.get_absolute_url()}#outcome-heading" in html


def test_an_editor_marks_the_outcome_as_closing_in_the_admin(editor, open_case):
    response = editor.post(
        reverse("admin:cases_outcome_add"),
        {
            "case": open_case.pk,
            "kind": "released",
            "happened": TODAY.isoformat(),
            "summary": "Ana Invented was released.",
            "closes_case": "on",
        },
    )

    assert response.status_code == 302
    assert Case.objects.get(pk=open_case.pk).closed
    form = editor.get(reverse("admin:cases_outcome_add")).content.decode()
    assert 'name="closes_case"' in form


def test_deleting_a_case_with_a_closing_outcome_deletes_both(open_case):
    release(open_case)

    open_case.delete()

    assert not Case.objects.exists()
    assert not Outcome.objects.exists()


def test_the_letter_page_says_so_in_french(client, open_case):
    release(open_case)

    html = client.get(
        reverse("actions:write", kwargs={"slug": open_case.slug}), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()

    assert "les appels sont terminés" in html


def test_an_outcome_moved_to_another_case_reopens_the_first(open_case):
    outcome = release(open_case)
    other = make_case(title="Another case")
    make_document(other, title="Another case")

    outcome.case = other
    outcome.save()

    open_case.refresh_from_db()
    other.refresh_from_db()
    assert not open_case.closed
    assert other.closed
