"""`lifeline search QUERY [--country XX] [--concern C] [--kind K] [--year Y] [--json]`."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lifeline.archive import InvalidSearch, SearchTimeout, search
from lifeline.archive.results import MAX_PER_PAGE, SORTS


class Command(BaseCommand):
    help = _(
        'Search the archive: words, "quoted phrases" and prefixes (tort*), with filters. '
        "Prints the hits, or with --json the total, the hits and the facet counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("query", metavar="QUERY")
        parser.add_argument("--country", help=_("Two-letter country code, such as CN."))
        parser.add_argument("--concern", help=_("Concern slug, such as fear-for-safety."))
        parser.add_argument("--kind", help=_("Document kind, such as urgent_action."))
        parser.add_argument("--year", help=_("Year of the document, such as 2000."))
        parser.add_argument("--status", help=_("Case status: open, past_deadline or closed."))
        parser.add_argument("--sort", choices=SORTS, default="relevance")
        parser.add_argument("--page", type=int, default=1)
        parser.add_argument("--per-page", type=int, default=20, help=f"1-{MAX_PER_PAGE}")
        parser.add_argument("--json", action="store_true", help=_("Print JSON."))

    def handle(self, *args, query, **options):
        try:
            result = search(
                query,
                country=options["country"],
                concern=options["concern"],
                kind=options["kind"],
                year=options["year"],
                status=options["status"],
                sort=options["sort"],
                page=options["page"],
                per_page=options["per_page"],
            )
        except InvalidSearch as exc:
            raise CommandError(f"--{exc.field.replace('_', '-')}: {exc.message}") from None
        except SearchTimeout as exc:
            # CommandError: the message on stderr and exit status 1.
            raise CommandError(exc.message) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
            return
        self.stdout.write(_("%(total)d documents") % {"total": result.total})
        for hit in result.results:
            label = hit.document_index or hit.ua_number or hit.case
            self.stdout.write(f"{label}  {hit.kind}  {hit.date or ''}  {hit.title}")
