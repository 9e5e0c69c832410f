"""Reading case sheets: legacy text, PDF and HTML into a ParsedDocument.

Pure Python: nothing here imports Django, so it can be tested and benchmarked alone.
"""

from lifeline.documents.model import ParsedAppealGroup, ParsedDocument, ParsedTarget

__all__ = ["ParsedAppealGroup", "ParsedDocument", "ParsedTarget", "parse"]


def parse(data: str | bytes, filename: str = "") -> ParsedDocument:
    """Parse one document; never raises (unreadable input gives kind "other")."""
    from lifeline.documents.parser import parse as _parse

    return _parse(data, filename)
