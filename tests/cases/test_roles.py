"""The Editors role and the demo editor login."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command

from lifeline.accounts.roles import EDITORS, ensure_roles

pytestmark = pytest.mark.django_db

CASES_MODELS = [
    "case",
    "document",
    "documentcountry",
    "concern",
    "target",
    "appealgroup",
    "appealpoint",
    "grouptarget",
    "appealpointstranslation",
    "outcome",
]


def test_migrate_gives_the_editors_every_permission_on_the_cases_models():
    permissions = Group.objects.get(name=EDITORS).permissions
    codenames = set(
        permissions.filter(content_type__app_label="cases").values_list("codename", flat=True)
    )

    assert codenames == {
        f"{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in CASES_MODELS
    }


def test_ensure_roles_takes_back_a_permission_granted_by_hand():
    editors = Group.objects.get(name=EDITORS)
    editors.permissions.add(Permission.objects.get(codename="delete_user"))

    ensure_roles()

    assert not editors.permissions.filter(codename="delete_user").exists()
    assert editors.permissions.filter(codename="change_document").exists()


def test_demo_logins_creates_an_editor_and_prints_where_to_log_in(settings, capsys):
    settings.DEBUG = True

    call_command("demo_logins")

    user = User.objects.get(username="editor")
    assert user.check_password("lifeline-editor")
    assert user.is_staff
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS]
    assert user.has_perm("cases.change_document")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/\n" in out
    assert "http://127.0.0.1:8000/admin/" in out
    assert "editor / lifeline-editor" in out


def test_demo_logins_resets_an_editor_someone_changed(settings):
    settings.DEBUG = True
    user = User.objects.create_user("editor", password="changed", is_superuser=True)

    call_command("demo_logins")

    user.refresh_from_db()
    assert user.check_password("lifeline-editor")
    assert not user.is_superuser
    assert user.is_staff
    assert User.objects.count() == 1


def test_demo_logins_refuses_to_publish_a_password_with_debug_off(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG=True"):
        call_command("demo_logins")

    assert not User.objects.exists()
