"""Links and paths come from the URL configuration, not from strings that repeat it."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from lifeline.network import links
from tests.actions.conftest import open_case

pytestmark = pytest.mark.django_db


def test_the_mailed_letter_link_opens_the_letter_writer(client, settings):
    settings.SITE_URL = "https://lifeline.example.org"
    case, _ = open_case()
    url = links.write_url(case)
    path = url.removeprefix(settings.SITE_URL)
    assert url.startswith(settings.SITE_URL + "/")
    assert path == reverse("actions:write", kwargs={"slug": case.slug})
    response = client.get(path)
    assert response.status_code == 200
    assert response.resolver_match.view_name == "actions:write"


def test_a_required_second_factor_does_not_hold_back_static_files(settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.STATIC_URL = "/assets/"
    editor = User.objects.create_user("editor", password="a long passphrase", is_staff=True)
    client = Client()
    client.force_login(editor)
    assert client.get(reverse("admin:index")).url == reverse("network:two_factor")
    # Whatever the static prefix is, the middleware lets it through: a file that
    # is not there is a 404, not a page asking for the second factor.
    assert client.get("/assets/lifeline/site.css").status_code == 200
    assert client.get("/assets/lifeline/missing.css").status_code == 404
    assert client.get("/static/lifeline/missing.css").url == reverse("network:two_factor")
