"""API tokens: made, stored as a digest, checked; the `lifeline apitoken` command."""

import io

import pytest
from django.core.management import CommandError, call_command

from lifeline.api import tokens
from lifeline.api.models import ApiToken


def test_a_new_token_is_long_random_and_stored_only_as_its_digest():
    first, second = tokens.new_token(), tokens.new_token()

    assert first.secret.startswith("ll_")
    assert len(first.secret) > 40
    assert first.secret != second.secret
    assert first.digest == tokens.digest(first.secret)
    assert first.secret not in first.digest
    assert first.secret.startswith(first.visible)


@pytest.mark.parametrize("value", ["", "Bearer", "ll_short", "xx_" + "a" * 40, "ll_" + "a" * 300])
def test_values_that_cannot_be_tokens_are_refused_without_a_lookup(value):
    assert not tokens.looks_like_token(value)


@pytest.mark.django_db
def test_a_token_identifies_its_user_and_records_its_use(editor):
    row, secret = ApiToken.issue(editor, name="script")

    assert ApiToken.objects.user_for(secret) == editor
    row.refresh_from_db()
    assert row.last_used is not None
    assert row.digest == tokens.digest(secret)
    assert secret not in str(row.__dict__)
    assert ApiToken.objects.user_for(secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None


@pytest.mark.django_db
def test_the_command_prints_a_working_token(editor, client):
    out, err = io.StringIO(), io.StringIO()

    call_command("apitoken", "edith", "--name", "importer", stdout=out, stderr=err)

    secret = out.getvalue().strip()
    assert ApiToken.objects.user_for(secret) == editor
    assert ApiToken.objects.get(user=editor).name == "importer"
    assert "shown only now" in err.getvalue()


@pytest.mark.django_db
def test_the_command_refuses_an_unknown_user():
    with pytest.raises(CommandError, match="no user 'nobody'"):
        call_command("apitoken", "nobody", stdout=io.StringIO(), stderr=io.StringIO())
