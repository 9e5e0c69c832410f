"""From a file's bytes (or text) to a ParsedDocument.

    bytes --sniff--> PDF text layer | HTML main text | decoded text
          --ocr-->   keywords and lines of scanned sheets repaired
          --cleanup--> lines, one "" between blocks
          --layout--> labelled fields | Urgent Action family | news | other

`parse` never raises: whatever it cannot read becomes kind "other" with a
warning that says why, so an import of thousands of files goes on.
"""

from __future__ import annotations

import hashlib
import re

from lifeline.documents import extract, ocr
from lifeline.documents.cleanup import clean_lines, paragraphs
from lifeline.documents.decode import decode, repair
from lifeline.documents.layouts.classic import parse_classic
from lifeline.documents.layouts.common import strip_site_furniture
from lifeline.documents.layouts.labelled import looks_labelled, parse_labelled
from lifeline.documents.layouts.news import has_news_marker, looks_like_news, parse_news
from lifeline.documents.model import KINDS, ParsedDocument

# Enough to call a sheet part of the Urgent Action family, looked for in its
# lower-cased UTF-8 bytes (much faster to search than text).
_UA_WORDS = (b"recommended action", b"urgent action", b"appeals to", b"please write immediately")
_UA_FAMILY = re.compile(
    rb"^(?:(?:further information|follow[- ]up|update) (?:on|to) )?"
    rb"(?:ua|extra)\s*:?\s*\d{1,4}\s?/\s?\d{2,4}\b"
    rb"|\b\d{1,2}(?:st|nd|rd|th) update (?:to|on|of) ua\b",
    re.M,
)
_MAX_TITLE = 200


def parse(data: str | bytes, filename: str = "") -> ParsedDocument:
    doc = ParsedDocument(source=filename)
    try:
        _parse(data, filename, doc)
    except Exception as error:
        doc.kind = "other"
        doc.warnings.append(f"could not parse: {type(error).__name__}: {error}")
    if doc.kind not in KINDS:
        doc.kind = "other"
    return doc


def _parse(data: str | bytes, filename: str, doc: ParsedDocument) -> None:
    if isinstance(data, str):
        raw = data.encode("utf-8", "surrogatepass")
        text = _read_text(data, raw, filename, doc)
    else:
        raw = bytes(data)
        text = _read_text(raw, raw, filename, doc)
    doc.source_hash = hashlib.sha256(raw).hexdigest()
    if text is None:
        return
    if ocr.looks_scanned(text):
        text = ocr.repair(text)
    lines = strip_site_furniture(clean_lines(text))
    doc.text = "\n".join(lines)
    if not lines:
        doc.warnings.append("no text found")
        return
    if looks_labelled(lines, doc.text):
        doc.layout = "labelled"
        parse_labelled(lines, doc)
    elif has_news_marker(lines):
        # Before the UA family: a release about a case says "Urgent Action" in its text.
        doc.layout = "news"
        parse_news(lines, doc)
    elif _is_ua_family(lower := doc.text.encode("utf-8", "surrogatepass").lower()):
        doc.layout = "classic"
        parse_classic(lines, doc, lower)
    elif looks_like_news(lines):
        doc.layout = "news"
        parse_news(lines, doc)
    else:
        _parse_other(lines, doc)
    _tidy(doc)


def _is_ua_family(lower: bytes) -> bool:
    return any(word in lower for word in _UA_WORDS) or _UA_FAMILY.search(lower) is not None


def _read_text(data: str | bytes, raw: bytes, filename: str, doc: ParsedDocument) -> str | None:
    """The document's text, by its format; None when there is none to read."""
    kind = extract.sniff(raw, filename)
    if kind == extract.PDF:
        doc.encoding = "pdf"
        try:
            text = extract.pdf_text(raw)
        except Exception as error:
            doc.warnings.append(f"unreadable PDF: {type(error).__name__}: {error}")
            return None
        doc.source_text = text
        if not text.strip():
            doc.warnings.append("the PDF has no text layer (a scan needs OCR first)")
            return None
        return repair(text, doc.warnings)
    decoded = decode(data)
    doc.encoding = decoded.encoding
    doc.source_text = decoded.original
    doc.warnings.extend(decoded.warnings)
    if kind == extract.HTML:
        doc.layout = "html"
        # Entities (&#8217;, &nbsp;) only become characters now, so repair again.
        return repair(extract.html_text(decoded.text))
    return decoded.text


def _parse_other(lines: list[str], doc: ParsedDocument) -> None:
    doc.kind = "other"
    doc.layout = doc.layout or "unknown"
    found = paragraphs(lines)
    if found and len(found[0]) <= _MAX_TITLE:
        doc.title = found.pop(0)
    doc.body = "\n\n".join(found)
    doc.warnings.append("layout not recognised")


def _tidy(doc: ParsedDocument) -> None:
    doc.title = " ".join(doc.title.split())[:_MAX_TITLE]
    doc.concerns = _unique(doc.concerns)
    doc.countries = _unique(doc.countries)
    doc.people_at_risk = _unique(doc.people_at_risk)


def _unique(values: list[str]) -> list[str]:
    """In order, without repeats or empty strings (no generator: this runs thrice a sheet)."""
    found = dict.fromkeys(values)
    found.pop("", None)
    return list(found)
