"""`lifeline import PATH...`: import case sheets from files, folders and globs.

Django loads commands with importlib, so a module named after the keyword works.
The archive's rather than the cases' (whose `importing` it runs): it batches the
archive's warming, and cases imports nothing of the archive.
"""

import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lifeline.archive.indexing import one_warming
from lifeline.cases.importing import import_paths


class Command(BaseCommand):
    help = _(
        "Import .txt, .pdf and .html case sheets from files, folders (recursively) and globs. "
        "Each document is imported in its own transaction; importing a file again changes "
        "nothing. Then queues the asking again of the searches people made, so they stay "
        "fast (`lifeline worker` does it). Exits with 1 when any file failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--no-progress",
            dest="progress",
            action="store_false",
            help=_("Do not show the progress bar on stderr."),
        )

    def handle(self, *args, paths, progress, **options):
        # One warming of the searches people made, queued at the end for the worker,
        # not one per document; the command does not wait for it.
        with one_warming():
            report = import_paths(paths, progress=progress)
        self.stdout.write(report.summary())
        for failure in report.failures:
            self.stderr.write(
                _("FAILED %(path)s: %(reason)s") % {"path": failure.path, "reason": failure.reason}
            )
        if report.failures:
            sys.exit(1)
