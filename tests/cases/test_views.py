"""The home page and the case page, as a reader sees them."""

import datetime as dt

import pytest
from django.urls import reverse

from lifeline.archive.related import RELATED_QUERIES
from tests.cases.factories import make_action_case, make_case, make_document, make_group

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def test_it_lists_open_cases_nearest_deadline_first(client):
    for title, deadline, closed in [
        ("Later deadline", TODAY + dt.timedelta(days=30), False),
        ("No deadline given", None, False),
        ("Nearest deadline", TODAY, False),
        ("Deadline passed", TODAY - dt.timedelta(days=1), False),
        ("Closed case", TODAY + dt.timedelta(days=5), True),
    ]:
        make_document(make_case(title=title, deadline=deadline, closed=closed))

    html = client.get(reverse("cases:home")).content.decode()

    assert html.index("Nearest deadline") < html.index("Later deadline")
    assert html.index("Later deadline") < html.index("No deadline given")
    assert "Deadline passed" not in html
    assert "Closed case" not in html


def test_the_home_page_leaves_out_cases_that_ask_for_no_appeals(client):
    make_document(make_case(title="Only a news release", deadline=None), kind="news")
    make_document(make_case(title="Update asks for appeals", deadline=None), kind="urgent_action")

    html = client.get(reverse("cases:home")).content.decode()

    assert "Only a news release" not in html
    assert "Update asks for appeals" in html


def test_the_home_page_shows_countries_concerns_and_people_at_risk(client):
    case = make_case(countries=["KP", "CN"], deadline=TODAY + dt.timedelta(days=10))
    make_document(case, concerns=["Forcible return"], people_at_risk=["Kim Invented"])
    make_document(
        case,
        kind="further_information",
        concerns=["Fear for safety"],
        people_at_risk=["Kim Invented", "Lee Invented"],
    )

    html = client.get(reverse("cases:home")).content.decode()

    assert "North Korea, China" in html
    assert "Fear for safety, Forcible return" in html
    assert html.count("Kim Invented") == 1
    assert "Lee Invented" in html
    assert f'<time datetime="{case.deadline.isoformat()}">' in html


def test_the_home_page_says_when_nothing_is_open(client):
    make_case(closed=True)
    response = client.get(reverse("cases:home"))
    assert "There are no open actions at the moment." in response.content.decode()


def test_the_home_page_costs_the_same_queries_for_many_cases(client, django_assert_max_num_queries):
    for index in range(30):
        case = make_case(deadline=TODAY + dt.timedelta(days=index))
        make_document(case, concerns=["Torture"], people_at_risk=[f"Person {index}"])
    with django_assert_max_num_queries(5):
        response = client.get(reverse("cases:home"))
    assert response.content.decode().count('class="case-card"') == 30


def test_the_case_page_shows_people_deadline_points_and_targets(client):
    case, _ = make_action_case(deadline=TODAY + dt.timedelta(days=20))

    html = client.get(case.get_absolute_url()).content.decode()

    assert "Ana Invented (f), journalist" in html
    assert f'<time datetime="{case.deadline.isoformat()}">' in html
    assert "Appeals are needed." in html
    assert "calling for protection for Ana Invented;" in html
    assert "Governor of Example State" in html
    assert "Palacio de Gobierno<br>Example City, Example State" in html
    assert "+52 000 000 0000" in html
    assert '<a href="mailto:governor@example.org">' in html
    assert "Dear Governor" in html
    assert "Diplomatic representatives of Mexico accredited to your country." in html
    assert "<p>Ana Invented was threatened.</p>" in html
    assert "<p>She has asked for protection.</p>" in html
    assert "Spanish or your own language" in html


def test_the_recommended_action_comes_from_the_newest_document_with_appeal_groups(client):
    case, _ = make_action_case(deadline=TODAY + dt.timedelta(days=20))
    update = make_document(
        case,
        kind="further_information",
        update_number=1,
        issue_date=case.issued + dt.timedelta(days=30),
    )
    make_group(update, audience="the Public Prosecutor", points=["urging a fair trial;"])
    make_document(case, kind="news", issue_date=case.issued + dt.timedelta(days=60))

    html = client.get(case.get_absolute_url()).content.decode()

    assert "Appeals to the Public Prosecutor" in html
    assert "urging a fair trial;" in html
    assert "calling for protection for Ana Invented;" not in html


def test_past_the_deadline_it_says_to_check_with_the_section_office(client):
    case, _ = make_action_case(deadline=TODAY - dt.timedelta(days=1))

    html = client.get(case.get_absolute_url()).content.decode()

    assert "has passed" in html
    assert "Check with your section office before sending appeals." in html
    assert "Past deadline" in html


def test_a_closed_case_says_so_and_shows_the_outcome_instead_of_the_action(client):
    case, _ = make_action_case(closed=True, outcome="Ana Invented was released on 3 May.")
    make_document(case, kind="stop_action", body="Ana Invented has been released.")

    html = client.get(case.get_absolute_url()).content.decode()

    assert "This case is closed." in html
    assert "No more appeals are needed." in html
    assert "Ana Invented was released on 3 May." in html
    assert "Ana Invented has been released." in html
    assert "calling for protection for Ana Invented;" not in html


def test_the_timeline_lists_every_document_with_kind_date_index_and_link(client):
    case, ua = make_action_case()
    update = make_document(
        case,
        kind="further_information",
        update_number=2,
        document_index="AMR 41/099/99",
        issue_date=dt.date(1999, 4, 2),
    )

    html = client.get(case.get_absolute_url()).content.decode()

    timeline = html[html.index('class="timeline"') :]
    assert timeline.index(ua.get_absolute_url()) < timeline.index(update.get_absolute_url())
    assert "Further information 2" in timeline
    assert "AMR 41/099/99" in timeline
    assert '<time datetime="1999-04-02">' in timeline


def test_the_case_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    case, document = make_action_case()
    for _ in range(5):
        make_group(document, points=["a", "b", "c"], targets=[])
    for index in range(10):
        make_document(case, kind="news", issue_date=dt.date(1999, 5, index + 1))
    # Eight for the case itself (the last its recorded outcomes), and a fixed few for
    # its related cases.
    with django_assert_max_num_queries(8 + RELATED_QUERIES):
        client.get(case.get_absolute_url())


def test_an_unknown_case_is_not_found(client):
    assert client.get(reverse("cases:case", kwargs={"slug": "no-such-case"})).status_code == 404


def test_pages_declare_language_and_direction(client):
    html = client.get(reverse("cases:home")).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert 'href="#main"' in html
    assert '<main id="main"' in html


def test_arabic_pages_are_right_to_left(client):
    client.post(reverse("set_language"), {"language": "ar", "next": "/"})
    html = client.get(reverse("cases:home")).content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_french_readers_get_french_pages_and_country_names(client):
    case, _ = make_action_case(countries=["KP"], deadline=TODAY + dt.timedelta(days=3))
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})

    html = client.get(case.get_absolute_url()).content.decode()

    assert '<html lang="fr" dir="ltr">' in html
    assert "Corée du Nord" in html
    assert "Personnes en danger" in html
