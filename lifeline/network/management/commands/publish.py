"""`lifeline publish FILE_OR_DOCUMENT_INDEX`: import if needed, then publish."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lifeline.cases.importing import ImportRejected, import_parsed, limits
from lifeline.cases.models import Document
from lifeline.documents import Unreadable, read_path
from lifeline.network.publishing import publish
from lifeline.network.rules import Audience

AUDIENCES = {
    Audience.PREFERENCES: "members whose preferences match",
    Audience.FOLLOWERS: "members who received the case before",
    Audience.NOBODY: "nobody (nothing of the case was sent before)",
}


class Command(BaseCommand):
    help = (
        "Publish a document: a case-sheet file (imported first if new) or the document "
        "index of one already imported (e.g. 'ASA 17/21/00'). Queues its notifications."
    )

    def add_arguments(self, parser):
        parser.add_argument("document", metavar="FILE_OR_DOCUMENT_INDEX")

    def handle(self, *args, document, **options):
        target = self._document(document)
        outcome = publish(target)
        label = target.document_index or target.source_name or str(target.code)
        if not outcome.first_time:
            self.stdout.write(
                f"{label} was already published on {target.published:%Y-%m-%d %H:%M}; nothing sent"
            )
            return
        self.stdout.write(
            f"published {label}: {outcome.deliveries} notification(s) queued for "
            f"{AUDIENCES[outcome.audience]}"
        )

    def _document(self, argument: str) -> Document:
        path = Path(argument)
        if path.is_file():
            try:
                # The import's checks and bounds: a binary file named .txt, a PDF
                # bomb or a huge page is refused (ImportRejected), not published.
                parsed = read_path(path, limits())
                return import_parsed(parsed).document
            except Unreadable as exc:
                raise CommandError(f"{argument}: {exc}") from None
            except ImportRejected as exc:
                raise CommandError(f"{argument}: {exc}") from None
        document = Document.objects.filter(document_index=argument).first()
        if document is None:
            raise CommandError(f"{argument}: no such file, and no document with that index")
        return document
