"""`lifeline purge`: apply the retention periods of writers' data now."""

from django.core.management.base import BaseCommand

from lifeline.network import retention


class Command(BaseCommand):
    help = (
        "Blank or delete what the retention settings say is no longer kept (appeal "
        "emails' text, unused sender addresses, client address hashes) and print "
        "what was removed; `lifeline worker` does this every hour."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="count what would be removed, change nothing"
        )

    def handle(self, *args, dry_run, **options):
        report = retention.purge(dry_run=dry_run)
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
        for line in report.lines(dry_run):
            self.stdout.write(line)
