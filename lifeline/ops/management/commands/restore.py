"""`lifeline restore PATH`: replace the database's contents with a backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from lifeline.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = _(
        "Replace everything in the database with the backup at PATH (made by "
        "`lifeline backup`). Stop the site and its workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help=_("do not ask for confirmation"),
        )

    def handle(self, *args, path, interactive, **options):
        name = connection.settings_dict["NAME"]
        if interactive:
            answer = input(
                _("Everything in %(name)s will be replaced by %(path)s. Type 'yes' to go on: ")
                % {"name": name, "path": path}
            )
            if answer != "yes":
                raise CommandError(_("Restore cancelled."))
        # pg_restore and SQLite's copy each use a connection of their own.
        connection.close()
        try:
            restore(path, connection.settings_dict)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("Restored %(path)s into %(name)s") % {"path": path, "name": name})
