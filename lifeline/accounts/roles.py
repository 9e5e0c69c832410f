"""Roles are groups whose permissions are declared here and kept in step on every migrate.

Editors run the back office: they issue and import documents, fix targets and
record outcomes, so they get every permission on the cases models (translations of
appeal points and outcomes among them), and on the actions models (appeals and
appeal emails, read-only in the admin).
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import DEFAULT_DB_ALIAS

EDITORS = "Editors"

# Group name -> the apps whose models it may add, change, delete and view.
ROLES = {EDITORS: ["cases", "actions"]}


def ensure_roles(using: str = DEFAULT_DB_ALIAS) -> None:
    """Create the role groups and set their permissions to exactly those declared.

    Exactly: a permission added to a role by hand in the admin is removed on the
    next migrate, so the code stays the one description of what a role may do.
    """
    for name, app_labels in ROLES.items():
        for label in app_labels:
            # post_migrate creates permissions app by app; ours may run first.
            create_permissions(apps.get_app_config(label), verbosity=0, using=using)
        group, _ = Group.objects.using(using).get_or_create(name=name)
        permissions = Permission.objects.using(using).filter(content_type__app_label__in=app_labels)
        group.permissions.set(permissions)
