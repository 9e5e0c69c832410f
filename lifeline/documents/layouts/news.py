"""News releases: a headline, perhaps an index and a date, then paragraphs.

AI INDEX: ASA 17/29/00
News Service 155/00
16 August 2000

China: Hundreds of North Koreans forced back across the border

Amnesty International sent an open letter today ...
ENDS.../
"""

from __future__ import annotations

import re

from lifeline.documents import countries, fields
from lifeline.documents.cleanup import join_lines, split_blocks
from lifeline.documents.concerns import infer_concerns
from lifeline.documents.layouts.common import may_hold
from lifeline.documents.model import ParsedDocument

_MARKER = re.compile(
    r"(?:NEWS RELEASE|PRESS RELEASE|NEWS SERVICE|NEWS FLASH|MEDIA (?:ADVISORY|BRIEFING|RELEASE)"
    r"|PUBLIC STATEMENT|Amnesty International (?:News|Press|Media)\b)",
    re.I,
)
_INDEX = re.compile(rf"\b(?:AI\s+)?Index(?:\s+Number)?\s*:\s*({fields.INDEX})", re.I)
_NEWS_SERVICE = re.compile(r"(?:News Service|NEWS SERVICE)(?:\s+No\.?)?:?\s*\d+/\d+")
_DATE_ONLY = re.compile(rf"(?:[A-Z][a-z]+,?\s+)?{fields.DATE}", re.I)
_DATELINE = re.compile(
    rf"\b(?:Date(?:\s+published)?|Published|Embargo(?:ed)?(?: until)?)\s*:?\s*({fields.DATE})", re.I
)
_ENDS = re.compile(
    r"(?:ENDS\b|\*{3,}|-{3,}\s*ENDS|Public Document\b"
    r"|For more information,? (?:please )?(?:call|contact))",
    re.I,
)
_TITLE_PREFIX = re.compile(r"([^:]{2,60}):\s")
_EMBARGO = re.compile(r"EMBARGO", re.I)


# Every _MARKER holds one of these phrases ("public" or "press" alone would let
# through the "PUBLIC" of most sheets and their "express letters").
_MARKER_WORDS = (
    "news release", "press release", "news service", "news flash", "media advisory",
    "media briefing", "media release", "public statement", "amnesty international news",
    "amnesty international press", "amnesty international media",
)  # fmt: skip


def has_news_marker(lines: list[str]) -> bool:
    """ "NEWS RELEASE", "News Service 155/00", ... near the top."""
    top = "\n".join(lines[:12])
    # A case-insensitive search of many alternatives is slow; most sheets hold no marker word.
    return may_hold(top, _MARKER_WORDS) and _MARKER.search(top) is not None


def looks_like_news(lines: list[str]) -> bool:
    """News markers near the top, or a one-line headline followed by prose."""
    if has_news_marker(lines):
        return True
    blocks = split_blocks(lines)
    if len(blocks) < 3:
        return False
    first = blocks[0]
    if len(first) > 2 or len(join_lines(first)) > 160 or first[-1].endswith("."):
        return False
    prose = [block for block in blocks[1:] if len(join_lines(block)) > 120]
    return len(prose) >= 2


def parse_news(lines: list[str], doc: ParsedDocument) -> None:
    doc.kind = "news"
    blocks = split_blocks(lines)
    body: list[str] = []
    title = ""
    for block in blocks:
        text = join_lines(block)
        if not title:
            if _read_furniture(block, doc):
                continue
            title = text
            continue
        if _ENDS.match(text):
            break
        body.append(text)
    doc.title = title
    doc.body = "\n\n".join(body)
    prefix = _TITLE_PREFIX.match(title)
    if prefix:
        doc.countries = countries.find_all(prefix[1])
    doc.concerns = infer_concerns(title)
    # A release about a case names its action ("issued an Urgent Action ... (UA 196/26)"):
    # the first one named files the release with that case.
    named = fields.UA_RE.search(doc.body) if "UA" in doc.body or "EXTRA" in doc.body else None
    if named:
        doc.ua_number = fields.ua_number(named)


def _read_furniture(block: list[str], doc: ParsedDocument) -> bool:
    """Index, news service number, date and embargo lines above the headline."""
    furniture = True
    for line in block:
        index = _INDEX.search(line)
        if index:
            doc.document_index = doc.document_index or fields.normalise_index(index[1])
        date = _DATELINE.search(line)
        if date and doc.issue_date is None:
            doc.issue_date = fields.parse_date(date[1], doc.warnings)
        elif _DATE_ONLY.fullmatch(line.strip(" .")) and doc.issue_date is None:
            doc.issue_date = fields.parse_date(line, doc.warnings)
            continue
        if not (index or date or _MARKER.match(line) or _NEWS_SERVICE.search(line)
                or _EMBARGO.match(line) or _DATE_ONLY.fullmatch(line.strip(" ."))):  # fmt: skip
            furniture = False
    return furniture
