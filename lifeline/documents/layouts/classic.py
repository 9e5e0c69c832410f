"""Urgent Actions, Further information and Stop actions, 1990s to 2010s.

One reader covers the family, because the sheets kept the same bones while
the headings changed:

- 1990s-2000s: `UA 105/00  Fear for safety  15 May 2000` or `Further
  information on UA 105/00 (ASA 17/21/00) - Forcible return`, a line of
  countries (and people), the case, `RECOMMENDED ACTION: Please send
  telegrams/...`, `APPEALS TO ...:` with `- ...` points, target blocks ending in
  `Salutation:`, `COPIES TO:`, `PLEASE SEND APPEALS IMMEDIATELY. Check ... after
  19 July 2000.`;
- 2004-2010: `AI Index: AMR 41/012/2004`, `Issue Date: 3 March 2004`, `PLEASE SEND
  APPEALS BEFORE 14 April 2004`;
- 2010s: `URGENT ACTION` and a headline, `PLEASE WRITE IMMEDIATELY in ...`,
  `PLEASE SEND APPEALS BEFORE 2 APRIL 2013 TO:`, `And copies to:`, and at the end
  `UA: 45/13 Index: MDE 13/012/2013 Iran Date: 19 February 2013`.

The heading is read first (`heading.py`); this module walks the rest line by
line, switching section on the lines that open one.
"""

from __future__ import annotations

import re
from typing import cast

from lifeline.documents import countries, fields
from lifeline.documents.cleanup import LABEL, join_lines
from lifeline.documents.concerns import infer_concerns
from lifeline.documents.layouts import heading
from lifeline.documents.layouts.common import (
    BULLET,
    POINT_VERB,
    audience_name,
    people_names,
    point_text,
)
from lifeline.documents.model import ParsedAppealGroup, ParsedDocument, ParsedTarget
from lifeline.documents.targets import continues_after_gap, parse_target, split_targets

# Lines that open a section, tried once per line.
_SECTION = re.compile(
    r"(?P<action>(?:FURTHER |ADDITIONAL )?RECOMMENDED ACTIONS?\b|PLEASE WRITE\b(?! TO\b)"
    r"|TAKE ACTION\b)"
    rf"|(?P<before>PLEASE SEND APPEALS (?:TO ARRIVE )?(?:BEFORE|BY|NO LATER THAN)\s+{fields.DATE})"
    r"|(?P<appeals>(?:SEND )?APPEALS? TO\b)"
    r"|(?P<copytargets>(?:AND|ALSO SEND)? ?COPIES TO\s*:?\s*$)"
    r"|(?P<copies>(?:AND |ALSO SEND )?COPIES (?:TO|OF)\b|ALSO SEND COPIES\b)"
    r"|(?P<deadline>PLEASE SEND APPEALS IMMEDIATELY|PLEASE CHECK WITH\b|CHECK WITH (?:THE|YOUR)\b"
    r"|PLEASE TAKE ACTION\b)"
    r"|(?P<background>(?:BACKGROUND(?: INFORMATION)?|ADDITIONAL INFORMATION)\s*:?\s*$)"
    r"|(?P<name>NAMES?\s*:)|(?P<gender>GENDER\b)"
    r"|(?P<form>NAME ADDRESS 1\b|PLEASE INSERT LOCAL\b)"
    r"|(?P<urgent>URGENT ACTION\s*$)",
    re.I,
)
# The first two letters of every _SECTION line: most lines need no regex at all.
# In every case ("Pl", "PL", "pL", ...), so a line needs no lower() to be looked up.
_SECTION_STARTS = frozenset(
    first + second
    for start in ("fu", "ad", "re", "pl", "ta", "ap", "se", "an", "al", "co", "ch", "ba", "na",
                  "ge", "ur")
    for first in (start[0], start[0].upper())
    for second in (start[1], start[1].upper())
)  # fmt: skip
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_TARGET_START = re.compile(r"(?:Mr|Mrs|Ms|Dr|His|Her|H\.E|President|Minister|Governor)\b")

BODY, ACTION, GROUP, COPIES, COPY_TARGETS, DEADLINE, TAIL = range(7)
_PROSE = frozenset((BODY, TAIL))  # states whose lines are the case's paragraphs


def parse_classic(lines: list[str], doc: ParsedDocument, lower: bytes | None = None) -> None:
    """`lower`: the sheet's text as lower-cased UTF-8, when the caller has it already."""
    head = heading.read(lines, doc)
    _Sections(doc, head).run(lines[head.end :])
    _finish(doc, head, lines, lower)


class _Sections:
    """The walk through a sheet after its heading, one line at a time."""

    def __init__(self, doc: ParsedDocument, head: heading.Heading) -> None:
        self.doc = doc
        self.head = head
        self.state = BODY
        self.para: list[str] = list(head.body_start)
        self.point: list[str] = []
        self.point_gap = False
        self.pending_points: list[str] = []
        self.group: ParsedAppealGroup | None = None
        self.target_lines: list[str] = []
        self.target_gap = False
        self.copies: list[str] = []
        self.action: list[str] = []
        self.action_closed = True
        self.action_gap = False
        self.body: list[str] = []
        # A 2010s sheet repeats its banner and headline at the top of page 2.
        self.skip = {head.title.upper(), "URGENT ACTION"} if head.urgent else {"URGENT ACTION"}

    def run(self, lines: list[str]) -> None:
        # This loop sees every line of every sheet: the common lines (a blank, a
        # line of prose, a line that opens no section) cost no method call here.
        skip = self.skip
        para = self.para
        for line in lines:
            if not line:
                self.blank()
            elif line.isupper() and line in skip:
                continue
            elif line[:2] in _SECTION_STARTS and (m := _SECTION.match(line)):
                _OPENERS[cast(str, m.lastgroup)](self, line, m)
            elif ("UA" in line or "EXTRA" in line) and self.info_line(line):
                continue
            elif self.state in _PROSE:
                para.append(line)
            else:
                self.content(line)
        self.blank()
        self.end_points()
        self.flush_targets()
        self.doc.copies_to = join_lines(self.copies).strip()
        self.doc.body = "\n\n".join(self.body)
        if self.pending_points:  # points with no "APPEALS TO" after them
            self.doc.appeal_groups.insert(0, ParsedAppealGroup(points=self.pending_points))
        self.head.action_text = join_lines(self.action)

    # --- lines that open no section -----------------------------------------

    def info_line(self, line: str) -> bool:
        """The 2010s line "UA: 45/13 Index: MDE 13/012/2013 Iran Date: ..." at the end."""
        ua = fields.UA_RE.search(line, 0, 60)
        if ua and "index" in line[ua.end() :].lower():
            heading.read_info_line(line, self.doc, self.head)
            return True
        return False

    def content(self, line: str) -> None:
        """A line in a section other than the body (run() takes the body's lines)."""
        if self.state == ACTION:
            if self.action_continues(line):
                self.action.append(line)
                self.action_closed = line.endswith(":")
            elif not self.add_point_line(line):
                self.open_group("")  # targets with no "APPEALS TO:" before them
                self.add_target_line(line)
        elif self.state == GROUP:
            if self.target_lines or not self.add_point_line(line):
                if self.point or self.point_gap:
                    self.end_points()
                self.add_target_line(line)
        elif self.state == COPY_TARGETS:
            if not self.target_lines and line[:1].islower():
                self.state = COPIES  # "COPIES TO:" with its text on the next line
                self.copies.append(line)
            else:
                self.add_target_line(line)
        elif self.state == COPIES and not (self.copies and self.copies[-1].endswith(".")):
            # The copies sentence ends at its full stop; instructions may follow it.
            self.copies.append(_SENTENCE_END.split(line, maxsplit=1)[0])
        elif self.state == DEADLINE:
            self.head.deadline_lines.append(line)  # "... if sending appeals after" / "5 June"

    def action_continues(self, line: str) -> bool:
        """The action sentence goes on until its colon; across a page break only
        when the line after it closes the sentence ("Turkish or your own language:")."""
        if self.action_closed or BULLET.match(line) or POINT_VERB.match(line):
            return False
        if self.action_gap and not line.endswith(":"):
            self.action_closed = True
            return False
        return True

    def blank(self) -> None:
        if self.para:
            self.end_paragraph()
        if self.target_lines:
            self.target_gap = True
        if self.point:
            self.point_gap = True
        self.action_gap = True
        if self.state in (COPIES, DEADLINE):
            self.state = TAIL

    # --- appeal points -----------------------------------------------------

    def add_point_line(self, line: str) -> bool:
        """Take a point's line (a new point or the current one's next line)."""
        if BULLET.match(line) or POINT_VERB.match(line):
            self.end_points()
            self.point = [line]
            return True
        if self.point and self.point_continues(line):
            self.point.append(line)
            self.point_gap = False
            return True
        return False

    def point_continues(self, line: str) -> bool:
        if LABEL.match(line):
            return False
        last = self.point[-1]
        if line[0].islower():
            return True
        if last[-1] in ".;:!?":
            return False
        return not (self.point_gap and _TARGET_START.match(line))

    def end_points(self) -> None:
        if self.point:
            text = point_text(self.point)
            if text:
                (self.group.points if self.group else self.pending_points).append(text)
            self.point = []
        self.point_gap = False

    # --- targets -----------------------------------------------------------

    def open_group(self, audience: str) -> ParsedAppealGroup:
        self.end_points()
        self.flush_targets()
        self.group = ParsedAppealGroup(audience=audience_name(audience))
        if self.pending_points and not self.doc.appeal_groups:
            self.group.points, self.pending_points = self.pending_points, []
        self.doc.appeal_groups.append(self.group)
        self.state = GROUP
        return self.group

    def add_target_line(self, line: str) -> None:
        """A gap ends a target block, unless a page break fell inside it."""
        if self.target_gap:
            self.target_gap = False
            if not continues_after_gap(self.target_lines, line):
                self.flush_targets()
        self.target_lines.append(line)

    def flush_targets(self) -> None:
        self.target_gap = False
        if not self.target_lines:
            return
        lines, self.target_lines = self.target_lines, []
        for block in split_targets(lines):
            target = parse_target(block)
            if target is None:
                if sum(map(len, block)) > 200:  # prose that strayed among the targets
                    self.body.append(join_lines(block))
                continue
            if self.state == COPY_TARGETS:
                self.doc.copy_targets.append(target)
            else:
                group = self.group or self.open_group("")
                group.targets.append(target)

    # --- section openers (named after the _SECTION groups) -----------------

    def on_action(self, line: str, m: re.Match[str]) -> None:
        self.close_section()
        self.state = ACTION
        self.head.action_start = True
        self.action = [line]
        self.action_closed = line.endswith(":")
        self.action_gap = False

    def on_before(self, line: str, m: re.Match[str]) -> None:
        self.head.deadline_lines.append(line)
        if line.rstrip(" :").upper().endswith(" TO") or line.endswith(":"):
            self.close_section()
            self.open_group("")
        else:
            self.on_deadline(line, m)

    def on_appeals(self, line: str, m: re.Match[str]) -> None:
        self.close_section()
        audience, _, rest = line[m.end() :].partition(":")
        self.open_group(audience)
        if rest.strip():
            self.target_lines.append(rest.strip())

    def on_copytargets(self, line: str, m: re.Match[str]) -> None:
        self.close_section()
        self.state = COPY_TARGETS

    def on_copies(self, line: str, m: re.Match[str]) -> None:
        self.close_section()
        text = line[m.end() :].strip(" :")
        if text.lower().startswith("to "):
            text = text[3:]
        if text.lower().startswith("diplomatic") or not self.copies:
            first = _SENTENCE_END.split(text, maxsplit=1)[0]
            self.copies = [first] if first else []
        self.state = COPIES

    def on_deadline(self, line: str, m: re.Match[str]) -> None:
        self.close_section()
        self.head.deadline_lines.append(line)
        self.state = DEADLINE

    def on_background(self, line: str, m: re.Match[str]) -> None:
        self.close_section()
        self.state = TAIL if self.state != BODY else BODY

    def on_name(self, line: str, m: re.Match[str]) -> None:
        for name in people_names(line[m.end() :]):
            if name not in self.doc.people_at_risk:
                self.doc.people_at_risk.append(name)

    def on_gender(self, line: str, m: re.Match[str]) -> None:
        pass

    def on_form(self, line: str, m: re.Match[str]) -> None:
        pass

    def on_urgent(self, line: str, m: re.Match[str]) -> None:
        pass

    def close_section(self) -> None:
        self.end_points()
        self.flush_targets()
        if self.para:
            self.end_paragraph()

    def end_paragraph(self) -> None:
        # The lines in `para` are never empty (a blank ends the paragraph), so
        # they join into one; cleared in place, as run() holds on to the list.
        self.body.append(join_lines(self.para))
        self.para.clear()


# The handler of each _SECTION group, looked up once rather than per line.
_OPENERS = {name: getattr(_Sections, f"on_{name}") for name in _SECTION.groupindex}


def _finish(
    doc: ParsedDocument, head: heading.Heading, lines: list[str], lower: bytes | None
) -> None:
    """Fill what needs the whole sheet: kind, deadline, channels, languages, countries."""
    text = "\n".join(lines)
    heading.decide_kind(doc, head, text, lower)
    action = head.action_text
    doc.channels = fields.channels(action)
    doc.languages, doc.own_language = fields.languages(action)
    tail = "\n".join([action, *head.deadline_lines])
    if doc.kind != "stop_action":
        doc.appeal_deadline = fields.deadline(tail, doc.warnings) or fields.deadline(
            text, doc.warnings
        )
        doc.appeal_immediately = fields.immediately(tail)
    targets = [t for group in doc.appeal_groups for t in group.targets]
    if not doc.channels and targets:
        doc.channels = _channels_from_targets(targets)
    if not doc.countries:
        for target in targets:
            if target.country and target.country not in doc.countries:
                doc.countries.append(target.country)
    if not doc.concerns and doc.title:
        doc.concerns = infer_concerns(doc.title)
    if not doc.appeal_groups and doc.kind in ("urgent_action", "further_information"):
        doc.warnings.append("no appeal points or targets found")
    if not doc.countries and doc.kind != "other":
        doc.warnings.append("no country found")
    _ = countries  # the heading module does the country reading


def _channels_from_targets(targets: list[ParsedTarget]) -> list[str]:
    """A sheet that says "please write" lists no channels; its contact lines do."""
    found = []
    if any(t.address for t in targets):
        found.append("letter")
    for attr in ("fax", "email", "phone", "twitter", "telex", "telegram"):
        if any(getattr(t, attr) for t in targets):
            found.append(attr)
    return found
