"""From a file's bytes (or text) to a ParsedDocument.

    bytes --sniff--> PDF text layer | HTML main text | decoded text
          --ocr-->   keywords and lines of scanned sheets repaired
          --cleanup--> lines, one "" between blocks
          --layout--> labelled fields | Urgent Action family | news | other

`parse` never raises, so an import of thousands of files goes on: a sheet
whose layout it cannot read becomes kind "other" with a warning that says why;
a file that is no document at all (empty, binary, a broken PDF, no letters, a
bomb) comes back with `refused` saying why, and the importer stores nothing.
"""

from __future__ import annotations

import hashlib
import re

from lifeline.documents import extract, ocr
from lifeline.documents.cleanup import clean_lines, paragraphs
from lifeline.documents.decode import (
    binary_format,
    decode,
    looks_binary,
    looks_binary_bytes,
    repair,
)
from lifeline.documents.files import too_large
from lifeline.documents.layouts.classic import parse_classic
from lifeline.documents.layouts.common import strip_site_furniture
from lifeline.documents.layouts.labelled import looks_labelled, parse_labelled
from lifeline.documents.layouts.news import has_news_marker, looks_like_news, parse_news
from lifeline.documents.limits import Limits, Unreadable, memory_reason
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
# A letter of any script; a "text" of digits and punctuation alone is no document.
_LETTER = re.compile(r"[^\W\d_]")
# PDF readers look for the end marker in the last kilobyte; some writers add a
# little junk after it.
_EOF_WINDOW = 2048


def parse(data: str | bytes, filename: str = "", limits: Limits | None = None) -> ParsedDocument:
    doc = ParsedDocument(source=filename)
    try:
        _parse(data, filename, doc, limits or Limits())
    except Unreadable as refusal:
        doc.refused = str(refusal)
    except MemoryError:
        doc.refused = memory_reason(limits or Limits())
    except Exception as error:
        doc.kind = "other"
        doc.warnings.append(f"could not parse: {type(error).__name__}: {error}")
    if doc.refused:
        # Nothing of a refused file is worth keeping, least of all its "text".
        doc.kind, doc.text, doc.source_text, doc.title, doc.body = "other", "", "", "", ""
    if doc.kind not in KINDS:
        doc.kind = "other"
    return doc


def _parse(data: str | bytes, filename: str, doc: ParsedDocument, limits: Limits) -> None:
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    doc.source_hash = hashlib.sha256(raw).hexdigest()
    if not raw.strip():
        raise Unreadable("empty file" if not raw else "empty file (blank space only)")
    if len(raw) > limits.max_bytes:
        raise Unreadable(too_large(limits.max_bytes))
    text = _read_text(data, raw, filename, doc, limits)
    if text is None:
        return
    if ocr.looks_scanned(text):
        text = ocr.repair(text)
    lines = strip_site_furniture(clean_lines(text))
    doc.text = "\n".join(lines)
    if not lines:
        raise Unreadable("no text found")
    if not _LETTER.search(doc.text):
        raise Unreadable("no letters in the text")
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


def _read_text(
    data: str | bytes, raw: bytes, filename: str, doc: ParsedDocument, limits: Limits
) -> str | None:
    """The document's text, by its format; None when there is none to read.

    Raises Unreadable for what is no document: a broken PDF, binary content.
    """
    kind = extract.sniff(raw, filename)
    if kind == extract.PDF:
        doc.encoding = "pdf"
        if b"%%EOF" not in raw[-_EOF_WINDOW:]:
            raise Unreadable("truncated PDF (it does not end with %%EOF)")
        try:
            text = extract.pdf_text(raw, limits.max_pages)
        except (Unreadable, MemoryError):
            raise
        except Exception as error:
            raise Unreadable(f"unreadable PDF: {type(error).__name__}: {error}") from None
        # NUL is no character of any text, and PostgreSQL cannot store it.
        text = text.replace("\x00", "")
        if not text.strip():
            raise Unreadable("the PDF has no text layer (a scan needs OCR first)")
        doc.source_text = text
        return repair(text, doc.warnings)
    if filename.lower().endswith(".pdf"):
        # A text misnamed .pdf is unheard of; binary junk under that name is not.
        raise Unreadable("not a PDF (no %PDF- header)")
    if isinstance(data, bytes):
        if what := binary_format(raw):
            raise Unreadable(f"not text: {what}")
        if looks_binary_bytes(raw):
            raise Unreadable("not text: binary content")
    decoded = decode(data)
    # Valid UTF-8 was judged by its bytes above; legacy and UTF-16 decodings may
    # turn junk into C1 controls and replacement characters, judged here.
    if decoded.encoding != "utf-8" and looks_binary(decoded.original):
        raise Unreadable("not text: binary content")
    doc.encoding = decoded.encoding
    doc.source_text = decoded.original
    doc.warnings.extend(decoded.warnings)
    if kind == extract.HTML:
        doc.layout = "html"
        # Entities (&#8217;, &nbsp;) only become characters now, so repair again.
        return repair(extract.html_text(decoded.text, limits.max_depth))
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
