"""Channel advice from the deadline, the case status and how the target can be reached."""

import datetime as dt

import pytest

from lifeline.documents.model import ParsedTarget
from lifeline.letters.advice import advise, target_channels

TODAY = dt.date(2026, 11, 23)
EVERY = ("letter", "email", "fax")


def advice(days=None, status="open", channels=EVERY, immediately=False):
    deadline = TODAY + dt.timedelta(days=days) if days is not None else None
    return advise(
        status=status,
        deadline=deadline,
        appeal_immediately=immediately,
        channels=channels,
        today=TODAY,
    )


def test_more_than_a_week_left_recommends_a_printed_letter():
    result = advice(days=20)
    assert (result.situation, result.recommended, result.can_write) == ("post", ("letter",), True)
    assert result.days_left == 20


def test_exactly_a_week_left_is_still_time_for_a_letter():
    assert advice(days=7).recommended == ("letter",)


def test_under_a_week_recommends_fax_then_email():
    result = advice(days=6)
    assert (result.situation, result.recommended) == ("urgent", ("fax", "email"))
    assert result.best == "fax"


def test_under_a_week_recommends_only_the_fast_channels_the_target_has():
    assert advice(days=3, channels=("letter", "email")).recommended == ("email",)


def test_under_a_week_without_fax_or_email_a_letter_is_still_recommended():
    assert advice(days=2, channels=("letter",)).recommended == ("letter",)


def test_appeal_immediately_without_a_deadline_is_urgent():
    assert advice(immediately=True).situation == "urgent"
    assert advice(immediately=False).situation == "post"


def test_appeal_immediately_with_weeks_left_still_recommends_a_letter():
    assert advice(days=30, immediately=True).recommended == ("letter",)


def test_past_the_deadline_writing_is_allowed_with_a_notice():
    result = advice(days=-3, status="past_deadline")
    assert (result.situation, result.can_write) == ("past_deadline", True)
    assert result.recommended == ("fax", "email")
    assert result.days_left == -3


def test_a_deadline_passed_since_the_status_was_computed_counts_as_past():
    assert advice(days=-1, status="open").situation == "past_deadline"


def test_a_closed_case_asks_for_no_letter():
    result = advice(days=10, status="closed")
    assert (result.situation, result.can_write, result.recommended) == ("closed", False, ())


def test_a_target_without_a_postal_address_cannot_get_a_letter():
    result = advice(days=20, channels=("email",))
    assert result.available == ("email",)
    assert result.unavailable == {"letter": "no_postal_address", "fax": "no_fax"}
    # No letter possible: the fast channel it has is the advice.
    assert result.recommended == ("email",)


def test_a_target_reachable_by_nothing_gets_no_recommendation():
    result = advice(days=20, channels=())
    assert result.recommended == () and result.best is None
    assert set(result.unavailable) == set(EVERY)


def test_unknown_status_and_channel_are_refused():
    with pytest.raises(ValueError, match="status 'pending'"):
        advice(status="pending")
    with pytest.raises(ValueError, match="channel 'telex'"):
        advice(channels=("telex",))


def test_target_channels_follow_what_the_directory_holds():
    full = ParsedTarget(address=["9 Xihuangchenggenbeijie"], email=["a@b.cn"], fax=["+86 1"])
    assert target_channels(full) == EVERY
    assert target_channels(ParsedTarget(address=["  "], email=["x@y.org"])) == ("email",)
    assert target_channels(ParsedTarget(fax=["+86 1"])) == ("fax",)
    assert target_channels(None) == ()
