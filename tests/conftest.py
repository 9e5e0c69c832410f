"""Fixtures for the whole suite."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language():
    """Start every test in the default language.

    LocaleMiddleware activates the language of each request in the thread that
    served it and leaves it active, so without this a test would see the
    language of whatever test ran before it in the same worker.
    """
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _forget_what_processes_remember():
    """Empty the per-process memories of recorded appeals and trusted API tokens.

    Rows rolled back at the end of a test can come back in the next with the same
    ids; what a process remembered about the old ones must not meet the new.
    """
    from lifeline.actions import appeals
    from lifeline.api import auth

    appeals._known.clear()
    auth._trusted.clear()


@pytest.fixture
def editor(client, db):
    """The test client, signed in as a staff user with the Editors role."""
    from django.contrib.auth.models import Group, User

    from lifeline.accounts.roles import EDITORS

    user = User.objects.create_user("ed", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client
