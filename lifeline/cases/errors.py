"""Why a document cannot be stored: the one error the importer and the API's writes raise."""


class ImportRejected(Exception):
    """The document cannot be stored as it is; the message says why."""
