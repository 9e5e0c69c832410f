"""Pieces every layout reader shares: appeal points, audiences, people, and
the site furniture of catalogue pages."""

from __future__ import annotations

import re
from functools import lru_cache

from lifeline.documents.cleanup import join_lines

BULLET = re.compile(r"(?:[-\u2013\u2014\u2022*\u25e6\u2023]|\d{1,2}[.)])\s+(?=\S)|\u2022(?=\S)")
# Points whose bullet character was lost in conversion still open with one of these.
POINT_VERB = re.compile(
    r"(?:Calling|Urging|Expressing|Asking|Noting|Seeking|Reminding|Welcoming|Demanding"
    r"|Requesting|Acknowledging|Insisting|Recognising|Recognizing|Stating|Explaining"
    r"|Pointing out|Emphasising|Emphasizing)\b",
)
_ABBREVIATION_END = re.compile(r"(?:\b[A-Z]\.){2,}$|\b(?:etc|Art|No|Nos|para)\.$")


# Letters that re.IGNORECASE matches to ASCII ones but str.lower() does not
# map to them: "ſ" matches "s", "ı" and "İ" match "i".
_IGNORECASE_ODD = ("\u0130", "\u0131", "\u017f")


def may_hold(text: str, phrases: tuple[str, ...]) -> bool:
    """False only when no case-insensitive search for `phrases` (in lower case)
    can find one in `text`: a gate in front of slow re.IGNORECASE searches."""
    lower = text.lower()
    if any(phrase in lower for phrase in phrases):
        return True
    return not text.isascii() and any(odd in text for odd in _IGNORECASE_ODD)


def point_text(lines: list[str]) -> str:
    """One appeal point: bullet removed, lines joined, trailing ";" / "and" / "." dropped.

    Points are stripped of their closing punctuation consistently; the letter
    composer punctuates them in its own sentences.
    """
    bullet = BULLET.match(lines[0])
    first = lines[0][bullet.end() :] if bullet else lines[0]
    text = _strip_trailing(join_lines([first, *lines[1:]]))
    if text.endswith(".") and not _ABBREVIATION_END.search(text[-12:]):
        text = _strip_trailing(text[:-1])
    return text


def _strip_trailing(text: str) -> str:
    """Drop what closes a point in a list: "; and", ",", ":"."""
    while True:
        text = text.rstrip(" ;,:")
        if text.endswith((" and", " or")):
            text = text.rsplit(" ", 1)[0]
        else:
            return text


# fmt: off
_KEEP_UPPER = frozenset((
    "UN", "UNHCR", "UNICEF", "EU", "AU", "OAS", "OSCE", "ICRC", "USA", "UK", "US", "UAE", "DRC",
    "DPRK", "PRC", "NGO", "NGOS", "UA", "AI",
))
# fmt: on
# fmt: off
_LOWER_WORDS = frozenset((
    "the", "of", "and", "to", "in", "on", "for", "at", "by", "authorities", "authority",
    "government", "governments", "officials", "official", "minister", "ministers", "ministry",
    "governor", "president", "prime", "head", "heads", "judicial", "military", "police",
    "security", "forces", "federal", "state", "provincial", "local", "regional", "national",
    "embassy", "embassies", "representatives", "concerned", "following", "other", "relevant",
    "all", "both", "following",
))
# fmt: on


def audience_name(text: str) -> str:
    """ "CHINESE AUTHORITIES" -> "Chinese authorities"; "THE UNHCR" -> "the UNHCR"."""
    text = " ".join(text.split()).strip(" :.-")
    if not text or not text.isupper():
        return text
    words = []
    for word in text.split(" "):
        bare = word.strip("()'\",")
        if bare in _KEEP_UPPER:
            words.append(word)
        elif bare.lower() in _LOWER_WORDS:
            words.append(word.lower())
        else:
            words.append(word.capitalize())
    return " ".join(words)


_PERSON_END = re.compile(r"\s*(?:\(|,|;|\s-\s|\s\u2013\s|\baged\b|\bage\b)")
_PERSON_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
_NOT_A_PERSON = re.compile(
    r"^(?:and\s+)?(?:\d+|some|several|many|about|around|at least|over|more than|names?|unnamed"
    r"|unknown|others?|family|families|members?|residents?|villagers?|students|relatives)\b",
    re.I,
)
_DIGIT = re.compile(r"\d")


def person_name(text: str) -> str:
    """ "Juan Ortega Ruiz (m), aged 27, student" -> "Juan Ortega Ruiz" ("" when it is no name)."""
    text = text.strip(" .;:")
    m = _PERSON_END.search(text)
    name = text[: m.start()] if m else text
    name = name.strip(" .;:-")
    if (
        not name
        or len(name) > 60
        or _DIGIT.search(name)
        or _NOT_A_PERSON.match(name)
        or not name[0].isupper()
    ):
        return ""
    return name


def people_names(text: str) -> list[str]:
    """ "Reza Ahmadi, Ali Rezaei and Maryam Hosseini" -> three names."""
    names = []
    for part in _PERSON_SPLIT.split(text):
        name = person_name(part)
        if name and name not in names:
            names.append(name)
    return names


_NAV = re.compile(
    r"(?:skip to (?:main )?content|home|menu|main menu|search|log ?in|sign in|sign up|donate"
    r"(?: now)?|join(?: us)?|contact(?: us)?|about(?: us)?|news|library|research|campaigns|"
    r"get involved|take action|countries|languages?|english|fran\u00e7ais|espa\u00f1ol|share"
    r"(?: this)?(?: page)?|print(?: this page)?|download(?: pdf)?|pdf|back to top|privacy"
    r"(?: policy)?|cookies?(?: policy| settings)?|terms(?: of use| and conditions)?"
    r"|accessibility|follow us|facebook|twitter|youtube|instagram|rss|related(?: documents"
    r"| content)?|close|open menu|subscribe|newsletter|sitemap|you are here:?.*|\u00a9.*"
    r"|copyright.*|all rights reserved.*|(?:[^|>\u00bb\u203a]{1,30}\s*[|>\u00bb\u203a]\s*)+"
    r"[^|>\u00bb\u203a]{1,40})",
    re.I,
)


# Sheets open and end with the same few lines ("PUBLIC", "URGENT ACTION", a
# footer): remember the answers rather than run _NAV again.
@lru_cache(maxsize=4096)
def is_site_furniture(line: str) -> bool:
    """Navigation, breadcrumbs and footers that catalogue pages wrap around a sheet."""
    if len(line) > 120:
        return False
    if len(line) > 40 and not any(mark in line for mark in _NAV_MARKS):
        return False  # long lines are furniture only as breadcrumbs or notices
    return _NAV.fullmatch(line) is not None


_NAV_MARKS = ("|", ">", "\u00bb", "\u203a", "\u00a9", "ou are here", "opyright", "rights reserved")


def strip_site_furniture(lines: list[str]) -> list[str]:
    """Drop navigation before the sheet and footers after it."""
    start, end = 0, len(lines)
    while start < end and (not lines[start] or is_site_furniture(lines[start])):
        start += 1
    while end > start and (not lines[end - 1] or is_site_furniture(lines[end - 1])):
        end -= 1
    if start == 0 and end == len(lines):
        return lines
    return lines[start:end]
