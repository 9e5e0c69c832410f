"""Undo what conversion did to a sheet's lines.

Converters left their marks: every wrapped line followed by an empty line,
paragraphs separated by lines of spaces, page numbers and page breaks in the
middle of a sentence or a list, CRLF, tabs, form feeds, words hyphenated at
line ends. `clean_lines` turns any of that into lines with single empty strings
between blocks; `join_lines` and `paragraphs` turn blocks into running text.
"""

from __future__ import annotations

import re

# "2", "Page 2", "Page 2 of 5", "2/5", "- 2 -": page furniture, never content.
_PAGE_NUMBER = re.compile(
    r"(?:page\s*)?\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?|[-\u2013]\s*\d{1,3}\s*[-\u2013]", re.I
)
# Labels of contact lines: a line that starts with one ends a run of prose.
LABEL = re.compile(
    r"(?:telex(?:es)?|telegrams?|fax(?:es)?|e-?mails?|tel(?:ephone)?|phone|twitter|facebook"
    r"|salutation|website)\b\s*[:.]",
    re.I,
)
_STARTS_LOWER_WORD = re.compile(r"[a-z][a-z'\-]*(?=[\s,.;:)]|$)")
_ENDS_MID_SENTENCE = frozenset('.!?:;"')
# Prefixes that keep their hyphen when a line break falls after them.
# fmt: off
_KEEP_HYPHEN = frozenset((
    "non", "self", "ill", "well", "co", "ex", "anti", "pre", "post", "pro", "counter", "cross",
    "half", "quasi", "semi", "so", "long", "short", "high", "low", "all", "extra", "multi",
    "ultra", "mid", "socio", "politico", "over", "under", "re-",
))
# fmt: on
_WORD_BEFORE_HYPHEN = re.compile(r"([A-Za-z]+)-$")


def clean_lines(text: str) -> list[str]:
    """Lines of the sheet, stripped, with exactly one "" between blocks."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        text = text.replace("\f", "\n\n")  # a page break is at least a block break
    if "\t" in text:
        text = text.replace("\t", " ")  # tabs only ever separated columns
    # Runs of spaces become one; line by line, as a regex over the text is slower.
    lines = [" ".join(line.split()) if "  " in line else line.strip() for line in text.split("\n")]
    # Double spacing needs most line breaks doubled; a count in C rules most texts out.
    if text.count("\n\n") * 3 > text.count("\n") and _is_double_spaced(lines):
        lines = _undouble(lines)
    return _blocks(lines)


def _is_double_spaced(lines: list[str]) -> bool:
    """True when nearly every line is followed by an empty one *and* the text
    was wrapped (lines after a single gap often start in lower case), which
    tells double-spaced wrapping apart from one-paragraph-per-line text."""
    texts = followed_by_blank = pairs = lower = 0
    last = len(lines) - 1
    for i, line in enumerate(lines):
        if not line:
            continue
        texts += 1
        if i < last and not lines[i + 1]:
            followed_by_blank += 1
            if i + 1 < last and lines[i + 2]:
                pairs += 1
                if lines[i + 2][0].islower():
                    lower += 1
    return texts >= 4 and followed_by_blank >= 0.8 * texts and lower >= max(2, 0.1 * pairs)


def _undouble(lines: list[str]) -> list[str]:
    """Drop the one empty line that follows every line; longer gaps stay gaps."""
    out: list[str] = []
    after_text = False
    for line in lines:
        if not line and after_text:
            after_text = False
            continue
        out.append(line)
        after_text = bool(line)
    return out


def _blocks(lines: list[str]) -> list[str]:
    out: list[str] = []
    gap = False
    last = len(lines) - 1
    for i, line in enumerate(lines):
        if not line:
            gap = bool(out)
            continue
        if (
            len(line) <= 12
            and _PAGE_NUMBER.fullmatch(line)
            and (gap or not out or i == last or not lines[i + 1])
        ):
            gap = bool(out)  # the page number goes; the page break stays a gap
            continue
        if gap:
            gap = False
            if not continues(out[-1], line):
                out.append("")
        out.append(line)
    return out


def continues(previous: str, line: str) -> bool:
    """Does `line` carry on the sentence `previous` left open (across a page break)?"""
    if previous[-1] in _ENDS_MID_SENTENCE or LABEL.match(previous):
        return False
    if previous.isupper():  # a heading
        return False
    return _STARTS_LOWER_WORD.match(line) is not None


def join_lines(lines: list[str]) -> str:
    """One running text from wrapped lines, undoing end-of-line hyphenation."""
    if not lines:
        return ""
    joined = " ".join(lines)
    # Only a line ending in "-" or "/" joins differently; most paragraphs have none.
    if "- " not in joined and "/ " not in joined:
        return joined
    parts = [lines[0]]
    for line in lines[1:]:
        previous = parts[-1]
        if previous.endswith("-") and len(previous) > 1 and previous[-2].isalnum():
            word = _WORD_BEFORE_HYPHEN.search(previous)
            if line[:1].islower() and word and word[1].lower() not in _KEEP_HYPHEN:
                parts[-1] = previous[:-1]  # "inter-" + "national" -> "international"
            parts.append(line)
        elif previous.endswith("/") and not previous.endswith(" /"):
            parts.append(line)  # "express/" + "airmail letters"
        else:
            parts.append(" ")
            parts.append(line)
    return "".join(parts)


def split_blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    if not blocks[-1]:
        blocks.pop()
    return blocks


def paragraphs(lines: list[str]) -> list[str]:
    """Each block's lines joined into one paragraph."""
    return [join_lines(block) for block in split_blocks(lines)]
