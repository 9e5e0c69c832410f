"""Small fields every layout shares: dates, indexes, UA numbers, deadlines,
channels and languages. Each reader takes text and returns plain values."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import cast

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})"
)
DATE_RE = re.compile(DATE, re.I)
_DMY = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH}),?\s+(\d{{4}})", re.I)
_MDY = re.compile(rf"({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})", re.I)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(text: str, warnings: list[str] | None = None) -> dt.date | None:
    """The first date in `text` ("19 July 2000", "July 19, 2000", "2000-07-19")."""
    match = DATE_RE.search(text)
    if not match:
        return None
    found = match.group()
    if m := _ISO.fullmatch(found):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := _DMY.fullmatch(found):
        day, month, year = int(m[1]), MONTHS[m[2].lower().rstrip(".")], int(m[3])
    elif m := _MDY.fullmatch(found):
        month, day, year = MONTHS[m[1].lower().rstrip(".")], int(m[2]), int(m[3])
    else:  # pragma: no cover - DATE_RE only matches the three shapes
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        if warnings is not None:
            warnings.append(f"not a valid date: {found!r}")
        return None


# "ASA 17/21/00", "AMR 41/012/2004"; OCR turns 1 into l or I and 0 into O.
INDEX = r"[A-Z]{3}\s?[0-9lIO]{1,2}\s?/\s?[0-9lIO]{1,4}\s?/\s?[0-9lIO]{2,4}\b"
INDEX_RE = re.compile(rf"\b({INDEX})")
_INDEX_PARTS = re.compile(
    r"([A-Z]{3})\s?([0-9lIO]{1,2})\s?/\s?([0-9lIO]{1,4})\s?/\s?([0-9lIO]{2,4})"
)
_OCR_DIGITS = str.maketrans("lIO", "110")


def normalise_index(text: str) -> str:
    """ "ASA l7 / 2l/00" -> "ASA 17/21/00"."""
    m = _INDEX_PARTS.search(text)
    if not m:
        return text.strip()
    digits = [part.translate(_OCR_DIGITS) for part in m.groups()[1:]]
    return f"{m[1]} {digits[0]}/{digits[1]}/{digits[2]}"


# "UA 105/00", "UA: 45/13", "UA45/13"; EXTRA actions are numbered apart.
UA_RE = re.compile(r"\b(UA|EXTRA)\s*:?\s*(?:No\.?\s*)?(\d{1,4})\s?/\s?(\d{2,4})\b")


def ua_number(match: re.Match[str]) -> str:
    """The key a UA number is filed under: "105/00", or "EXTRA 45/98" for EXTRA actions."""
    number = f"{int(match[2])}/{match[3]}" if match[2].isdigit() else f"{match[2]}/{match[3]}"
    return number if match[1].upper() == "UA" else f"EXTRA {number}"


ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)|([a-z]+)", re.I)


def ordinal(text: str) -> int | None:
    """ "1st" -> 1, "THIRD" -> 3."""
    m = _ORDINAL.fullmatch(text.strip())
    if not m:
        return None
    if m[1]:
        return int(m[1])
    return ORDINAL_WORDS.get(m[2].lower())


# --- deadlines -------------------------------------------------------------

# Searched in lower-cased text: case-insensitive patterns are several times
# slower over a whole sheet, and these run on every one.
_DATE_LOWER = DATE.lower()
_DEADLINE = re.compile(
    rf"(?:appeals?|action|write|letters?)\b[^.]{{0,80}}?\b(?:after|before|until|by|no later than)"
    rf"\s*:?\s*(?:the\s+)?({_DATE_LOWER})"
)
_DEADLINE_NOTICE = re.compile(rf"appeal deadline(?: notice)?\s*:[^\n]*?({_DATE_LOWER})")
_IMMEDIATELY = re.compile(
    r"\b(?:send|write|take action|appeals?)\b[^.\n]{0,40}?\bimmediately\b"
    r"|\bplease write (?:immediately|now)\b|\bas (?:quickly|soon) as possible\b"
)


def deadline(text: str, warnings: list[str] | None = None) -> dt.date | None:
    """The date after which members should check before sending appeals."""
    lower = text.lower()
    m = _DEADLINE_NOTICE.search(lower) if "deadline" in lower else None
    m = m or _DEADLINE.search(lower)
    return parse_date(m[1], warnings) if m else None


def immediately(text: str) -> bool:
    lower = text.lower()
    return ("immediately" in lower or "as possible" in lower) and bool(_IMMEDIATELY.search(lower))


# --- channels and languages ------------------------------------------------

_CHANNEL = re.compile(
    r"\b(?:(telegram)s?|(telex)(?:es)?|(fax)(?:es)?|(express)|(air ?mail)|(e-?mail)s?|(letter)s?"
    r"|(phone|telephone)(?: calls?)?|(tweet|twitter)s?|(facebook))\b",
    re.I,
)
_CHANNEL_NAMES = (
    "telegram",
    "telex",
    "fax",
    "express letter",
    "airmail letter",
    "email",
    "letter",
    "phone",
    "twitter",
    "facebook",
)


def channels(sentence: str) -> list[str]:
    """ "telegrams/telexes/faxes/express/airmail letters" -> the five channels.

    "express" and "airmail" qualify the "letters" that follow them, so a
    plain "letter" is only counted when no qualified one came just before.
    """
    return list(_channels(sentence))


# Sheets of a decade repeat their action sentence word for word: remember it.
@lru_cache(maxsize=1024)
def _channels(sentence: str) -> tuple[str, ...]:
    found: list[str] = []
    qualified_end = -100
    for m in _CHANNEL.finditer(sentence):
        # Each alternative of _CHANNEL is a group: a match always has a last one.
        name = _CHANNEL_NAMES[cast(int, m.lastindex) - 1]
        if name == "letter" and m.start() - qualified_end < 30:
            continue
        if name in ("express letter", "airmail letter"):
            qualified_end = m.end()
        if name not in found:
            found.append(name)
    return tuple(found)


# fmt: off
LANGUAGES = frozenset((
    "Afrikaans", "Albanian", "Amharic", "Arabic", "Armenian", "Azerbaijani", "Azeri",
    "Belarusian", "Bengali", "Bosnian", "Bulgarian", "Burmese", "Catalan", "Chinese", "Croatian",
    "Czech", "Danish", "Dari", "Dutch", "English", "Estonian", "Farsi", "Filipino", "Finnish",
    "French", "Georgian", "German", "Greek", "Gujarati", "Hausa", "Hebrew", "Hindi", "Hungarian",
    "Icelandic", "Indonesian", "Italian", "Japanese", "Kazakh", "Khmer", "Kinyarwanda",
    "Kirundi", "Korean", "Kurdish", "Kyrgyz", "Lao", "Latvian", "Lithuanian", "Macedonian",
    "Malagasy", "Malay", "Mandarin", "Mongolian", "Nepali", "Norwegian", "Pashto", "Persian",
    "Polish", "Portuguese", "Punjabi", "Romanian", "Russian", "Serbian", "Sinhala", "Slovak",
    "Slovenian", "Somali", "Spanish", "Swahili", "Swedish", "Tagalog", "Tajik", "Tamil", "Thai",
    "Tibetan", "Tigrinya", "Turkish", "Turkmen", "Ukrainian", "Urdu", "Uyghur", "Uzbek",
    "Vietnamese", "Wolof", "Yoruba", "Zulu",
))
# fmt: on
_WORDS = re.compile(r"[A-Za-z]+")
_OWN_LANGUAGE = re.compile(r"\b(?:your|their) own language", re.I)


def languages(sentence: str) -> tuple[list[str], bool]:
    """ "in English, Persian or your own language" -> (["English", "Persian"], True)."""
    found, own = _languages(sentence)
    return list(found), own


@lru_cache(maxsize=1024)
def _languages(sentence: str) -> tuple[tuple[str, ...], bool]:
    found: list[str] = []
    for word in _WORDS.findall(sentence):
        name = word.capitalize()
        if name in LANGUAGES and (word[0].isupper()) and name not in found:
            found.append(name)
    return tuple(found), _OWN_LANGUAGE.search(sentence) is not None
