"""`lifeline reindex`: rebuild the search index from the documents."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lifeline.archive.indexing import one_warming, reindex


class Command(BaseCommand):
    help = _(
        "Rebuild the search index from scratch, in one transaction, with a progress bar on "
        "stderr, then queue the asking again of the searches people made (`lifeline worker` "
        "does it). Only needed after writing documents behind Django's back (raw SQL or "
        "QuerySet.update())."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-progress",
            dest="progress",
            action="store_false",
            help=_("Do not show the progress bar on stderr."),
        )

    def handle(self, *args, progress, **options):
        with one_warming():
            count = reindex(progress=progress)
        self.stdout.write(_("indexed %(count)d documents") % {"count": count})
