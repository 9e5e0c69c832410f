"""Late-2010s sheets made of labelled fields.

URGENT ACTION TITLE: Activist at risk of unfair trial
PUBLICATION DATE: 12 July 2017
URGENT ACTION TYPE AND NUMBER: THIRD UA 60/16
INDEX NUMBER: AMR 37/6674/2017
URGENT ACTION LETTER:
Dear Minister,
...
Yours sincerely,
TARGET'S CONTACT DETAILS
...
PREFERRED LANGUAGE TO ADDRESS TARGET: Spanish, English
APPEAL DEADLINE NOTICE: ...
"""

from __future__ import annotations

import re

from lifeline.documents import countries, fields
from lifeline.documents.cleanup import join_lines, paragraphs, split_blocks
from lifeline.documents.concerns import infer_concerns
from lifeline.documents.layouts.common import may_hold, people_names
from lifeline.documents.model import ParsedAppealGroup, ParsedDocument
from lifeline.documents.targets import (
    join_broken_blocks,
    normalise_salutation,
    parse_target,
    split_targets,
)

_FIELDS = {
    "URGENT ACTION TITLE": "title",
    "TITLE": "title",
    "PUBLICATION DATE": "date",
    "DATE OF PUBLICATION": "date",
    "ISSUE DATE": "date",
    "URGENT ACTION TYPE AND NUMBER": "type",
    "UA TYPE AND NUMBER": "type",
    "TYPE AND NUMBER": "type",
    "INDEX NUMBER": "index",
    "AI INDEX": "index",
    "COUNTRY": "country",
    "COUNTRIES": "country",
    "URGENT ACTION LETTER": "letter",
    "MODEL LETTER": "letter",
    "TARGET'S CONTACT DETAILS": "targets",
    "TARGETS' CONTACT DETAILS": "targets",
    "TARGET CONTACT DETAILS": "targets",
    "TARGETS CONTACT DETAILS": "targets",
    "PREFERRED LANGUAGE TO ADDRESS TARGET": "language",
    "PREFERRED LANGUAGES TO ADDRESS TARGET": "language",
    "PREFERRED LANGUAGE TO ADDRESS TARGETS": "language",
    "APPEAL DEADLINE NOTICE": "deadline",
    "APPEAL DEADLINE": "deadline",
    "ADDITIONAL INFORMATION": "background",
    "BACKGROUND INFORMATION": "background",
    "BACKGROUND": "background",
    "SUMMARY": "summary",
    "NAME AND PRONOUN": "people",
    "NAME AND GENDER PRONOUN": "people",
    "NAMES AND PRONOUNS": "people",
    "NAME(S) AND PRONOUN(S)": "people",
    "NAME": "people",
    "NAMES": "people",
    "GENDER": "other",
    "LINK TO PREVIOUS UA": "other",
    "LINK TO PREVIOUS UAS": "other",
}
_LABEL = re.compile(r"([A-Z][A-Z'()/ &-]{2,60}?)\s*(?::\s*(.*))?")
_MARKERS = ("URGENT ACTION TITLE", "URGENT ACTION TYPE AND NUMBER", "TARGET'S CONTACT DETAILS")
_TYPE = re.compile(r"\b(FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH)\b", re.I)
_STOP = re.compile(r"\bSTOP ACTION\b|\bno further (?:appeals?|action)\b", re.I)
_STOP_PHRASES = ("stop action", "no further ")  # gate the whole-sheet search
_DEAR = re.compile(r"(Dear|Your)\s+[^,\n]{2,60},?$")
_CLOSING = re.compile(r"(?:Yours (?:sincerely|faithfully|truly)|Sincerely|Respectfully)\b.*", re.I)


def looks_labelled(lines: list[str], text: str | None = None) -> bool:
    """Two lines that open with a marker. `text`: the lines joined by newlines,
    when the caller has it: most sheets hold no marker at all, and one search of
    the whole text for each tells so faster than a look at every line."""
    if text is None:
        text = "\n".join(lines)
    if not any(marker in text for marker in _MARKERS):
        return False
    hits = 0
    for line in lines:
        if line[:1].isupper() and line.startswith(_MARKERS):
            hits += 1
            if hits >= 2:
                return True
    return False


def _split_fields(lines: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        # A label opens with two capitals (or a capital and a space, "'", ...):
        # the prose between the labels needs no regex.
        m = _LABEL.fullmatch(line) if line[:2].isupper() else None
        name = _FIELDS.get(m[1].strip()) if m else None
        if m and name and (m[2] is not None or m[1].strip() in _FIELDS):
            current = found.setdefault(name, [])
            if current:
                current.append("")
            if m[2]:
                current.append(m[2].strip())
            continue
        if current is not None:
            current.append(line)
    return found


def parse_labelled(lines: list[str], doc: ParsedDocument) -> None:
    values = _split_fields(lines)

    def text(name: str) -> str:
        return join_lines([line for line in values.get(name, []) if line])

    doc.title = text("title")
    doc.issue_date = fields.parse_date(text("date"), doc.warnings)
    kind_text = text("type")
    ua = fields.UA_RE.search(kind_text)
    doc.ua_number = fields.ua_number(ua) if ua else None
    index = fields.INDEX_RE.search(text("index"))
    doc.document_index = fields.normalise_index(index[1]) if index else None
    # "FIRST UA" is the original urgent action; "SECOND UA" its first update,
    # "THIRD UA" its second, and so on: the ordinal counts sheets, not updates.
    ordinal = _TYPE.search(kind_text)
    number = fields.ordinal(ordinal[1]) if ordinal else 1
    sheet = "\n".join(lines)
    if _STOP.search(kind_text) or (may_hold(sheet, _STOP_PHRASES) and _STOP.search(sheet)):
        doc.kind = "stop_action"
    elif number and number > 1:
        doc.kind = "further_information"
    else:
        doc.kind = "urgent_action"
    if number and number > 1:
        doc.update_number = number - 1
    doc.model_letter = _letter(values.get("letter", []))
    doc.countries = countries.find_all(text("country"))
    doc.people_at_risk = people_names(text("people"))
    group = ParsedAppealGroup()
    for block in join_broken_blocks(split_blocks(values.get("targets", []))):
        for lines_ in split_targets(block):
            target = parse_target(lines_)
            if target:
                group.targets.append(target)
    greeting = _DEAR.match((doc.model_letter or "").split("\n", 1)[0])
    for target in group.targets:
        if not target.salutation and greeting:
            target.salutation = normalise_salutation(greeting.group())
    if group.targets:
        doc.appeal_groups.append(group)
    language_text = text("language")
    doc.languages, doc.own_language = fields.languages(language_text)
    doc.own_language = doc.own_language or "own language" in sheet.lower()
    deadline_text = text("deadline")
    doc.appeal_deadline = fields.deadline(deadline_text, doc.warnings) or fields.parse_date(
        deadline_text, doc.warnings
    )
    doc.appeal_immediately = fields.immediately(deadline_text)
    body = paragraphs(values.get("background", [])) or paragraphs(values.get("summary", []))
    doc.body = "\n\n".join(body)
    doc.concerns = infer_concerns(doc.title)
    for target in group.targets:
        if not doc.countries and target.country:
            doc.countries.append(target.country)
    if doc.kind == "stop_action":
        doc.appeal_deadline, doc.appeal_immediately = None, False
    channels = ["letter"] if any(t.address for t in group.targets) else []
    for attr in ("email", "fax", "phone", "twitter"):
        if any(getattr(t, attr) for t in group.targets):
            channels.append(attr)
    doc.channels = channels


def _letter(lines: list[str]) -> str | None:
    """The model letter from its greeting to its closing, paragraphs kept."""
    start = next((i for i, line in enumerate(lines) if _DEAR.match(line)), None)
    if start is None:
        text = "\n\n".join(paragraphs(lines))
        return text or None
    end = len(lines)
    for i in range(start, len(lines)):
        if _CLOSING.match(lines[i]):
            end = i + 1
            break
    kept = lines[start:end]
    out: list[str] = []
    for block in split_blocks(kept):
        # The greeting and closing keep their own lines; the rest is prose.
        if _DEAR.match(block[0]) and len(block) > 1:
            out.append(block[0])
            block = block[1:]
        closing = block[-1] if _CLOSING.match(block[-1]) and len(block) > 1 else None
        if closing:
            block = block[:-1]
        out.append(join_lines(block))
        if closing:
            out.append(closing)
    return "\n\n".join(out)
