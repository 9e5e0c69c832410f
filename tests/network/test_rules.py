"""The notification rules, without a database."""

import datetime as dt
import smtplib

from lifeline.network.rules import Audience, Failure, audience_for, backoff, classify, next_digest


def test_who_gets_what():
    assert audience_for("urgent_action", case_was_sent=True) == Audience.PREFERENCES
    assert audience_for("further_information", case_was_sent=True) == Audience.FOLLOWERS
    assert audience_for("stop_action", case_was_sent=True) == Audience.FOLLOWERS
    assert audience_for("further_information", case_was_sent=False) == Audience.PREFERENCES
    assert audience_for("stop_action", case_was_sent=False) == Audience.PREFERENCES
    assert audience_for("news", case_was_sent=True) == Audience.FOLLOWERS
    assert audience_for("news", case_was_sent=False) == Audience.NOBODY


def test_backoff_doubles_up_to_the_cap():
    delays = [backoff(n, 60, 600).total_seconds() for n in range(1, 7)]
    assert delays == [60, 120, 240, 480, 600, 600]


def test_the_digest_goes_out_on_the_coming_monday_morning():
    wednesday = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
    assert next_digest(wednesday) == dt.datetime(2026, 11, 30, 7, 0, tzinfo=dt.UTC)
    monday_late = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.UTC)
    assert next_digest(monday_late) == dt.datetime(2026, 12, 7, 7, 0, tzinfo=dt.UTC)


def test_smtp_failures_are_told_apart():
    refused = smtplib.SMTPRecipientsRefused({"a@b.c": (550, b"5.1.1 no such user")})
    assert classify(refused).kind == Failure.PERMANENT
    assert "550" in classify(refused).reason
    busy = smtplib.SMTPRecipientsRefused({"a@b.c": (451, b"try later")})
    assert classify(busy).kind == Failure.TRANSIENT
    assert classify(smtplib.SMTPDataError(554, b"rejected")).kind == Failure.PERMANENT
    assert classify(smtplib.SMTPDataError(421, b"closing")).kind == Failure.CONNECTION
    assert classify(smtplib.SMTPServerDisconnected("gone")).kind == Failure.CONNECTION
    assert classify(ConnectionRefusedError(111, "refused")).kind == Failure.CONNECTION
    sender = smtplib.SMTPSenderRefused(553, b"bad sender", "x@y.z")
    assert classify(sender).kind == Failure.TRANSIENT
