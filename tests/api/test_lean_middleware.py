"""Requests under /api/ skip the user and message middleware (tokens authenticate
them) but keep the security headers; the site's pages keep all of it."""

import uuid

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.api.test_appeals import appeal_for
from tests.cases.factories import make_action_case

pytestmark = pytest.mark.django_db

SECURITY_HEADERS = [
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
]


def signed_in_browser() -> Client:
    browser = Client()
    browser.force_login(User.objects.create_user("reader", password="x"))
    return browser


def test_api_answers_keep_the_security_headers(member_api):
    _, document = make_action_case()
    answers = [
        member_api.post(
            "/appeals", appeal_for(document), headers={"Idempotency-Key": str(uuid.uuid4())}
        ),
        member_api.get("/cases"),
        member_api.get("/nothing-here"),
    ]

    assert [answer.status_code for answer in answers] == [201, 200, 404]
    for answer in answers:
        assert [name for name in SECURITY_HEADERS if not answer.has_header(name)] == []


def test_the_api_neither_reads_nor_writes_the_session_or_cookies():
    browser = signed_in_browser()
    answer = browser.get("/api/v1/cases")

    assert answer.status_code == 200
    assert "Cookie" not in answer.get("Vary", "")
    assert not answer.cookies
    assert not hasattr(answer.wsgi_request, "user")
    assert not hasattr(answer.wsgi_request, "_messages")
    assert not answer.wsgi_request.session.accessed


def test_the_sites_pages_still_have_sessions_users_and_csrf():
    case, _ = make_action_case()
    browser = signed_in_browser()
    assert browser.get(case.get_absolute_url()).wsgi_request.user.username == "reader"

    strict = Client(enforce_csrf_checks=True)
    data = {"key": str(uuid.uuid4()), "to": "1-1", "channel": "letter", "language": "en"}
    refused = strict.post(reverse("actions:sent", kwargs={"slug": case.slug}), data)

    assert refused.status_code == 403
