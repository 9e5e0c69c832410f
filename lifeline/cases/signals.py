"""Signals of the cases app for writes that Django's model signals do not see."""

from django.dispatch import Signal

# Sent by the importer once it has written documents with all their parts (concerns,
# countries, appeal groups) and refreshed their cases' summaries; bulk inserts send no
# post_save. `documents` are the Document instances. The archive indexes them.
documents_imported = Signal()
