"""The rules a well-formed document must still meet (`writing.problems`), without a database."""

import datetime as dt

from lifeline.api.writing import problems


def fields(found):
    return [problem["field"] for problem in found]


def test_a_plain_urgent_action_has_no_problems():
    assert problems({"kind": "urgent_action", "title": "x"}) == []


def test_a_deadline_before_the_issue_date_is_a_problem():
    found = problems({"issue_date": dt.date(2026, 11, 17), "appeal_deadline": dt.date(2026, 11, 1)})

    assert fields(found) == ["body.appeal_deadline"]
    assert "2026-11-01" in found[0]["message"]


def test_the_same_day_is_fine():
    day = dt.date(2026, 11, 17)

    assert problems({"issue_date": day, "appeal_deadline": day}) == []


def test_dates_outside_the_networks_years_are_problems():
    found = problems({"issue_date": dt.date(1850, 1, 1), "appeal_deadline": dt.date(2200, 1, 1)})

    assert fields(found) == ["body.issue_date", "body.appeal_deadline"]


def test_updates_and_stop_actions_name_their_ua():
    assert fields(problems({"kind": "further_information"})) == ["body.ua_number"]
    assert fields(problems({"kind": "stop_action", "ua_number": ""})) == ["body.ua_number"]
    assert problems({"kind": "stop_action", "ua_number": "105/00"}) == []
    assert problems({"kind": "news"}) == []


def test_a_target_needs_something_to_be_known_by():
    groups = [{"targets": [{"name": "Zhu"}, {"organisation": " "}, {"title": "Premier"}]}]

    assert fields(problems({"appeal_groups": groups})) == ["body.appeal_groups.0.targets.1"]
