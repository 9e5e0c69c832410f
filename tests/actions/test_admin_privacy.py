"""The "I have sent it" form promises an anonymous writer's email is shown to no
one: not to editors, not to superusers, in no admin page (issue 10 §5)."""

import uuid

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from lifeline.actions.models import Appeal, OutgoingAppeal, SenderAddress

pytestmark = pytest.mark.django_db

WRITER = "secret.writer@example.net"
SENDER = "secret.sender@example.net"


@pytest.fixture
def written(case_and_document):
    _case, document = case_and_document
    target = document.groups.get().targets.first()
    appeal = Appeal.objects.create(
        key=uuid.uuid4(),
        document=document,
        target=target,
        channel="letter",
        language="en",
        email=WRITER,
    )
    outgoing = OutgoingAppeal.objects.create(
        sender=SenderAddress.objects.create(email=SENDER),
        document=document,
        target=target,
        to="governor@example.org",
        writer_name="Wanda Writer",
        language="en",
        subject="Protect Ana Invented",
        text=f"Dear Governor, ... Wanda Writer <{SENDER}>",
        html=f"<p>Dear Governor, ... Wanda Writer &lt;{SENDER}&gt;</p>",
    )
    return appeal, outgoing


@pytest.fixture(params=["editor", "superuser"])
def staff(request, client, db):
    if request.param == "editor":
        return request.getfixturevalue("editor")
    user = User.objects.create_superuser("root", "root@example.org", "x")
    client.force_login(user)
    return client


def test_no_admin_page_shows_a_writers_email(staff, written):
    appeal, outgoing = written
    pages = [
        reverse("admin:actions_appeal_changelist"),
        reverse("admin:actions_appeal_changelist") + "?q=secret",
        reverse("admin:actions_appeal_change", args=[appeal.pk]),
        reverse("admin:actions_outgoingappeal_changelist"),
        reverse("admin:actions_outgoingappeal_changelist") + "?q=secret",
        reverse("admin:actions_outgoingappeal_change", args=[outgoing.pk]),
    ]
    for page in pages:
        response = staff.get(page)
        assert response.status_code == 200, page
        text = response.content.decode()
        assert "secret." not in text, page
        assert "Wanda Writer" not in text, page


def test_the_admin_cannot_search_or_filter_by_a_writers_email(staff, written):
    for model in ("appeal", "outgoingappeal"):
        url = reverse(f"admin:actions_{model}_changelist")
        for query in (f"?email={WRITER}", f"?sender__email={SENDER}", "?email__contains=secret"):
            response = staff.get(url + query)
            # Refused (400: a disallowed lookup; 302 to ?e=1: no such field), never
            # a list that would tell whether the address wrote.
            assert response.status_code in (302, 400), url + query
            assert "secret." not in response.content.decode()
