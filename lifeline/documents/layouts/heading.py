"""The top of an Urgent Action sheet: its number, index, dates, concerns,
countries and people, whatever decade wrote it.

    PUBLIC                                   AI Index: AMR 41/012/2004
    UA 123/04   Fear of torture / Incommunicado detention   3 March 2004
    MEXICO      Juan Ortega Ruiz (m), aged 27, student

    Further information on UA 105/00 (ASA 17/21/00) - Forcible Return / Fear for Safety
    DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA (NORTH KOREA)/ PEOPLE'S REPUBLIC OF CHINA (CHINA)

    URGENT ACTION
    JOURNALIST DETAINED WITHOUT CHARGE
    ...
    UA: 45/13 Index: MDE 13/012/2013 Iran Date: 19 February 2013
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lifeline.documents import countries, fields
from lifeline.documents.cleanup import join_lines
from lifeline.documents.concerns import split_concerns
from lifeline.documents.layouts.common import is_site_furniture, people_names, person_name
from lifeline.documents.model import ParsedDocument

_FI = re.compile(
    r"(?:Further information|Follow[- ]up|Update|Stop action)\s+(?:on|to|for)\s+",
    re.I,
)
_NTH_UPDATE = re.compile(
    r"\b(\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
    r"\s+(?:update|further information)\s+(?:to|on|of|for)\s+(?:UA|EXTRA)\b",
    re.I,
)
_AI_INDEX = re.compile(
    rf"\b(?:AI\s+|Amnesty International\s+)?Index(?:\s+(?:Number|No\.?))?\s*:\s*({fields.INDEX})",
    re.I,
)
_DATE_LABEL = re.compile(
    rf"\b(?:Issue\s+Date|Date\s+of\s+issue|Date(?:\s+published)?|Published|Publication date)"
    rf"\s*:\s*({fields.DATE})",
    re.I,
)
_CLASSIFICATION = re.compile(r"(?:PUBLIC|EXTERNAL|INTERNAL|EMBARGOED)\b|Distr\s*:", re.I)
_URGENT = re.compile(r"URGENT ACTION\s*$", re.I)
_SHORT_LABEL = re.compile(r"[A-Z][A-Za-z ]{1,25}:\s")  # catalogue metadata: "Document type: ..."
_FOLLOW_UPS = re.compile(
    r"\s*,?\s*(?:and|&)\s+(?:its\s+|their\s+|all\s+)?(?:follow-?ups?|further information)\b", re.I
)
_TRAILING_DATE = re.compile(rf"[\s,]*{fields.DATE}\s*$", re.I)
_SEPARATOR = re.compile(r"^[\s\-\u2013\u2014:,]+")
_STOP = re.compile(  # searched in lower-cased text
    r"\bno further (?:appeals?|action|letters?)\s+(?:(?:is|are)\s+)?(?:now\s+)?(?:needed|requested"
    r"|required|necessary)|\bplease stop sending appeals|\bno more appeals (?:are|is) needed"
    r"|^stop action\b",
    re.M,
)
# The flattened OCR case: a person's description ("Lina Kolade (m), aged 42")
# runs straight into the case ("The arrest came ..."): a capital after a word
# in lower case or a number, with no punctuation between, starts the case.
_CASE_STARTS = re.compile(r"\b(?!and\b|of\b)(?:[a-z]+|\d+)\)? (?=[A-Z])")


@dataclass
class Heading:
    end: int = 0  # where the sheet's sections begin
    title: str = ""
    urgent: bool = False  # an "URGENT ACTION" banner
    fi: bool = False
    update_number: int | None = None
    refs: list[str] = field(default_factory=list)  # indexes the heading cites
    own_index: str = ""  # the "AI Index:" of this document
    body_start: list[str] = field(default_factory=list)
    deadline_lines: list[str] = field(default_factory=list)
    action_text: str = ""
    action_start: bool = False


def read(lines: list[str], doc: ParsedDocument) -> Heading:
    head = Heading()
    i, n = 0, len(lines)
    found = False  # a UA/FI heading or URGENT ACTION banner
    while i < n:
        line = lines[i]
        if not line:
            i += 1
            continue
        if _header_line(line, doc, head):
            i += 1
            continue
        if _URGENT.match(line):
            head.urgent = found = True
            i = _read_banner_title(lines, i + 1, head)
            continue
        # Searched in the whole line: cut at 80, "UA 258/05JOURNALIST" would end on a
        # word boundary that the heading's own reading then does not find.
        heading_match = fields.UA_RE.search(line)
        if heading_match and heading_match.start() >= 80:
            heading_match = None
        if heading_match and not found and _is_heading(line, heading_match):
            found = True
            i = _read_heading(lines, i, doc, head)
            i = _read_country_block(lines, i, doc, head)
            continue
        if not found and (_SHORT_LABEL.match(line) or is_site_furniture(line)) and i < 40:
            i += 1  # catalogue metadata and navigation before the sheet
            continue
        break
    head.end = i
    top = "\n".join(lines[:60])
    nth = _NTH_UPDATE.search(top) if "update" in top.lower() else None
    if nth:
        head.fi = True
        head.update_number = fields.ordinal(nth[1])
    doc.document_index = head.own_index or (head.refs[0] if head.refs else None)
    doc.related_indexes = [ref for ref in head.refs if ref != doc.document_index]
    return head


def _is_heading(line: str, m: re.Match[str]) -> bool:
    if not line[: m.start()].strip():
        return True
    return _FI.fullmatch(line[: m.start()]) is not None or bool(_NTH_UPDATE.match(line))


def _header_line(line: str, doc: ParsedDocument, head: Heading) -> bool:
    """Classification, index and date lines; True when `line` was one."""
    lower = line.lower()
    index = _AI_INDEX.search(line) if "index" in lower else None
    date = _DATE_LABEL.search(line) if "date" in lower or "publi" in lower else None
    if index and not head.own_index and not fields.UA_RE.match(line):
        head.own_index = fields.normalise_index(index[1])
    if date and doc.issue_date is None:
        doc.issue_date = fields.parse_date(date[1], doc.warnings)
    if index and fields.UA_RE.search(line):  # the 2010s line: "UA: 45/13 Index: ..."
        read_info_line(line, doc, head)
        return True
    return bool(index or date or _CLASSIFICATION.match(line))


def read_info_line(line: str, doc: ParsedDocument, head: Heading) -> None:
    """ "Further information on UA: 45/13 Index: MDE 13/015/2013 Iran Date: 3 April 2013"."""
    ua = fields.UA_RE.search(line)
    index = _AI_INDEX.search(line)
    date = _DATE_LABEL.search(line)
    if ua and not doc.ua_number:
        doc.ua_number = fields.ua_number(ua)
    if index:
        if not head.own_index:
            head.own_index = fields.normalise_index(index[1])
        doc.document_index = doc.document_index or head.own_index
        between = line[index.end() : date.start() if date else len(line)]
        # Here the words are a country's name, even "Jordan" or "Chad".
        named = countries.lookup(between.strip(" ,;-"))
        for code in [named] if named else countries.find_all(between):
            if code not in doc.countries:
                doc.countries.append(code)
    if date and doc.issue_date is None:
        doc.issue_date = fields.parse_date(date[1], doc.warnings)
    lower = line.lower()
    if ("further" in lower or "update" in lower) and (_FI.search(line) or _NTH_UPDATE.search(line)):
        head.fi = True


def _read_banner_title(lines: list[str], i: int, head: Heading) -> int:
    """The headline under "URGENT ACTION": capitals, one or two lines."""
    while i < len(lines) and not lines[i]:
        i += 1
    title: list[str] = []
    while i < len(lines) and lines[i] and len(title) < 2:
        line = lines[i]
        if not (line.isupper() and len(line) < 120) or fields.UA_RE.match(line):
            break
        title.append(line)
        i += 1
    if title and not head.title:
        head.title = join_lines(title)
    return i


def _read_heading(lines: list[str], i: int, doc: ParsedDocument, head: Heading) -> int:
    parts = [lines[i]]
    i += 1
    # A wrapped heading goes on in the same block until a country line or a label.
    while i < len(lines) and lines[i] and len(parts) < 3:
        line = lines[i]
        if _header_line(line, doc, head):
            i += 1
            break
        if countries.leading(line)[0] or _URGENT.match(line):
            break
        parts.append(line)
        i += 1
    text = join_lines(parts)
    m = fields.UA_RE.search(text)
    if m is None:  # joining the lines undid the number (the parser never raises)
        return i
    doc.ua_number = fields.ua_number(m)
    if _FI.fullmatch(text[: m.start()]):
        head.fi = True
    if "update" in text.lower() and (nth := _NTH_UPDATE.search(text)):
        head.fi = True
        head.update_number = fields.ordinal(nth[1])
    rest = _read_refs(text[m.end() :], head)
    own = _AI_INDEX.search(rest) if "ndex" in rest else None
    if own:
        head.own_index = head.own_index or fields.normalise_index(own[1])
        rest = rest[: own.start()]
    rest = _SEPARATOR.sub("", rest)
    date = _TRAILING_DATE.search(rest, max(0, len(rest) - 32))
    if date:
        if doc.issue_date is None:
            doc.issue_date = fields.parse_date(date.group(), doc.warnings)
        rest = rest[: date.start()]
    rest = rest.strip(" -\u2013:")
    head.title = head.title or rest
    doc.concerns = split_concerns(rest) if rest else []
    if head.fi and head.update_number is None and head.refs:
        # The heading cites the original and every update so far.
        head.update_number = len(head.refs)
    return i


def _read_refs(rest: str, head: Heading) -> str:
    """Take the bracketed references after the UA number: "(ASA 17/21/00, 19 May 2000)"."""
    while True:
        stripped = rest.lstrip(" ,")
        if stripped.startswith("("):
            close = stripped.find(")")
            if close == -1:
                return rest
            for index in fields.INDEX_RE.findall(stripped[1:close]):
                ref = fields.normalise_index(index)
                if ref not in head.refs:
                    head.refs.append(ref)
            rest = stripped[close + 1 :]
            continue
        follow = _FOLLOW_UPS.match(stripped)
        if follow:
            rest = stripped[follow.end() :]
            continue
        return rest


def _read_country_block(lines: list[str], i: int, doc: ParsedDocument, head: Heading) -> int:
    """ "CHINA Li Ming (m), aged 45" and the people on the lines below it."""
    while i < len(lines) and not lines[i]:
        i += 1
    if i >= len(lines):
        return i
    joined = lines[i]
    codes, rest = countries.leading(joined)
    if not codes:
        return i
    i += 1
    while (
        not rest
        and i < len(lines)
        and lines[i]
        and (lines[i].startswith("(") or countries.leading(lines[i])[0])
    ):
        joined = f"{joined} {lines[i]}"
        codes, rest = countries.leading(joined)
        i += 1
    for code in codes:
        if code not in doc.countries:
            doc.countries.append(code)
    people = [rest] if rest else []
    while i < len(lines) and lines[i] and _is_people_line(lines[i]):
        people.append(lines[i])
        i += 1
    for entry in people:
        if len(entry) > 150:  # flattened by OCR: the case follows the description
            cut = _CASE_STARTS.search(entry, 12)
            if cut:
                head.body_start.append(entry[cut.end() :].strip())
                entry = entry[: cut.end()]
        for name in people_names(entry) if " and " in entry else [person_name(entry)]:
            if name and name not in doc.people_at_risk:
                doc.people_at_risk.append(name)
    return i


def _is_people_line(line: str) -> bool:
    """ "Esteban Luna Díaz (m), aged 30" under the first person; not a label or a section."""
    if len(line) > 100 or ":" in line or fields.UA_RE.match(line):
        return False
    return line.startswith("and ") or bool(person_name(line))


# Case-insensitive searches are slow on a whole sheet; these words gate them.
_STOP_WORDS = (b"no further", b"stop sending", b"no more appeals", b"stop action")
_STOP_STARTS = ("no further", "please stop sending appeals", "no more appeals", "stop action")


def is_stop(text: str, lower: bytes | None = None) -> bool:
    """ "No further action is requested", "no further appeals are needed", ...

    `lower`: the text as lower-cased UTF-8 bytes (the fastest to search), when
    the caller has it already."""
    if lower is None:
        lower = text.encode("utf-8", "surrogatepass").lower()
    if not any(word in lower for word in _STOP_WORDS):
        return False
    # Every _STOP match begins with one of _STOP_STARTS: trying the regex only
    # there is much faster than letting it scan the whole sheet.
    lowered = text.lower()
    for start in _STOP_STARTS:
        at = lowered.find(start)
        while at != -1:
            if _STOP.match(lowered, at):
                return True
            at = lowered.find(start, at + 1)
    return False


def decide_kind(doc: ParsedDocument, head: Heading, text: str, lower: bytes | None = None) -> None:
    if is_stop(text, lower):
        doc.kind = "stop_action"
    elif head.fi:
        doc.kind = "further_information"
    elif doc.ua_number or head.urgent or head.action_start or doc.appeal_groups:
        doc.kind = "urgent_action"
    else:
        doc.kind = "other"
    if doc.kind in ("further_information", "stop_action"):
        doc.update_number = head.update_number
    doc.title = doc.title or head.title
