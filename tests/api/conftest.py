"""Users with API tokens: an editor and a member without editor rights."""

import pytest
from django.contrib.auth.models import Group, User

from lifeline.accounts.roles import EDITORS
from lifeline.api.models import ApiToken
from tests.api.helpers import Api


@pytest.fixture
def editor(db):
    user = User.objects.create_user("edith", password="x")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def member(db):
    return User.objects.create_user("mo", password="x")


@pytest.fixture
def api(client):
    return Api(client)


@pytest.fixture
def editor_api(client, editor):
    return Api(client, ApiToken.issue(editor)[1])


@pytest.fixture
def member_api(client, member):
    return Api(client, ApiToken.issue(member)[1])
