"""`lifeline backup PATH`: a consistent copy of the database, taken while the site runs."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from lifeline.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = _(
        "Copy the database to PATH while the site runs (SQLite's online backup, or "
        "pg_dump on PostgreSQL); `lifeline restore PATH` puts it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path, **options):
        try:
            backup(path, connection.settings_dict)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("Backed up to %(path)s") % {"path": path})
