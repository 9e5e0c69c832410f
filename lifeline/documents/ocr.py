"""Repair text that came through OCR of scanned sheets.

OCR reads "AI Index" as "Al Index" and "UA/SC" as "UAlSC", splits words with
stray spaces ("Sal utation"), and often flattens a whole sheet onto a few long
lines. We repair only what the parser relies on: the layout's keywords and
the places where its sections and lines begin.
"""

from __future__ import annotations

import re

from lifeline.documents import countries
from lifeline.documents.fields import DATE, INDEX

# Misreadings OCR leaves in sheets: "Al Index", "UAlSC", "lndex", "Sal utation".
# (Looked for in the UTF-8 bytes, where searching is fastest.)
_SIGNS = (b"Al Index", b"AlIndex", b"A I Index", b"UAl", b"lndex", b"Sal ut")
_LONG_LINE = 300

_FIXES = (
    (re.compile(r"\b(?:Al|A I|A\.I\.)\s?(?=[Il]ndex\b)"), "AI "),
    (re.compile(r"\b[Il]ndex:"), "Index:"),
    (re.compile(r"\bUAl(?=SC\b)"), "UA/"),
    (re.compile(r"\b(UA\s?)[lI](?=\d)"), r"\g<1>1"),
)


def _spaced(word: str) -> str:
    return " ?".join(re.escape(char) for char in word)


# Keywords the layouts look for, in the cases sheets write them, allowing one
# stray space between any two letters.
# fmt: off
_KEYWORDS = [
    "Salutation", "Telegrams", "Telegram", "Telexes", "Telex", "Faxes", "Excellency",
    "Secretariat", "RECOMMENDED", "ACTION", "APPEALS", "COPIES", "IMMEDIATELY", "BACKGROUND",
    "INFORMATION", "Further", "Index",
]
# fmt: on
_SPLIT_KEYWORD = re.compile(
    r"\b(?:" + "|".join(_spaced(word) for word in sorted(_KEYWORDS, key=len, reverse=True)) + r")\b"
)


def looks_scanned(text: str) -> bool:
    """Cheap signs of OCR: its typical misreadings, or a sheet flattened into long lines."""
    data = text.encode("utf-8", "surrogatepass")
    if any(sign in data for sign in _SIGNS):
        return True
    # A flattened sheet has few line breaks for its length.
    return len(text) > _LONG_LINE and len(text) / (text.count("\n") + 1) > _LONG_LINE / 2


def repair(text: str) -> str:
    for pattern, replacement in _FIXES:
        text = pattern.sub(replacement, text)
    text = _SPLIT_KEYWORD.sub(_join_letters, text)
    if any(len(line) > _LONG_LINE for line in text.split("\n")):
        text = unflatten(text)
    return text


def _join_letters(match: re.Match[str]) -> str:
    return match.group().replace(" ", "")


_MONTH_DATE = DATE
# One salutation ("Dear Attorney General", "Excmo. Sr. Presidente"); a sheet may
# give two, in English and in the target's language, separated by a slash.
_ONE_SALUTATION = (
    r"(?:Your\s+(?:Excellency|Honou?r|Majesty|Highness|Eminence)"
    r"|Dear\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+[A-Z][\w'-]+|Attorney General|Prime Minister"
    r"|Chief Justice|Sir(?:\s*/\s*Madam)?|Madam|[A-Z][\w'-]+(?: General)?)"
    r"|(?:Señora?|Estimad[oa]|Excm[oa]\.?(?: Sr[a]?\.)?|Monsieur|Madame|Sehr geehrter?)"
    r"\s+[A-Z][\w.]+|Excellency|Sir|Madam)"
)
_SALUTATION_VALUE = rf"{_ONE_SALUTATION}(?:\s*/\s*{_ONE_SALUTATION})?[,.]?"
# (pattern, replacement) applied in order to a flattened sheet.
_BREAKS = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[ \t]+(?=(?:AI Index|Distr)\s*:)", "\n"),
        (rf"(\bAI Index:\s*{INDEX})[ \t]+", r"\1\n"),
        (r"(\bDistr\s*:\s*\S+)[ \t]+", r"\1\n\n"),
        (
            r"[ \t]+(?=(?:Further information|\d{1,2}(?:st|nd|rd|th) update) (?:on|to) "
            r"(?:UA|EXTRA)\b)",
            "\n\n",
        ),
        (
            rf"(?<!on )(?<!to )\b(UA\s?\d{{1,4}}/\d{{2,4}}\b[^\n()]{{0,150}}?\b{DATE})[ \t]+",
            r"\n\n\1\n\n",
        ),
        (r"[ \t]*\n?[ \t]*((?:FURTHER |ADDITIONAL )?RECOMMENDED ACTION\b)", r"\n\n\1"),
        (r"[ \t]+(?=BACKGROUND INFORMATION\b)", "\n\n"),
        (r"(BACKGROUND INFORMATION:?)[ \t]+", r"\1\n"),
        (r"[ \t]+(?=APPEALS? TO\b)", "\n\n"),
        (r"(APPEALS? TO[^:\n]{0,60}:)[ \t]+", r"\1\n"),
        (r"[ \t]+(?=(?:COPIES TO|PLEASE SEND APPEALS|PLEASE WRITE)\b)", "\n\n"),
        (r"(?<=[:;.])[ \t]+[-\u2022\u2013][ \t]+(?=\w)", "\n- "),
        (
            r"[ \t]+(?=(?:Telegrams?|Telex(?:es)?|Fax(?:es)?|E-?mails?|Tel|Phone|Twitter"
            r"|Salutation)\s*:)",
            "\n",
        ),
        (rf"(Salutation:\s*{_SALUTATION_VALUE})[ \t]+", r"\1\n\n"),
    )
)
_LABEL_LINE = re.compile(
    r"(?:Telegrams?|Telex(?:es)?|Fax(?:es)?|E-?mails?|Tel|Phone|Twitter|Salutation)\s*:"
)
# Where a target's title, name, office and address meet on one flattened line:
# before an honorific, an office, a post box, or a postcode.
_ADDRESS_BREAK = re.compile(
    # ("Attorney General", "Prosecutor General": "General" there is no honorific)
    r"(?<!Attorney)(?<!Prosecutor)(?<!Inspector)(?<!Procurator)(?<!Secretary)(?<!Director)"
    r"[ \t]+(?=(?:(?:Office|Ministry) of|Ministerio|Ministère|Secretar[ií]a|Procuradur[ií]a"
    r"|Fiscal[ií]a|Palacio|PO Box|P\.O\. Box|State Capitol|c/o|Force Headquarters)\b"
    r"|(?:Mr|Mrs|Ms|Dr|Lic|Sr|Sra|Señora?|Gen|General|Ayatollah|Hojjatoleslam|Counsellor)\.? [A-Z]"
    r"|\d{4,6} [A-Z][a-z])"
)
_HEADING = re.compile(
    r"(?:(?:Further information|\d{1,2}(?:st|nd|rd|th) update) (?:on|to) )?(?:UA|EXTRA) ?\d"
)
_CAPITALS = re.compile(r" (?=[A-Z][A-Z'.-]{2,}\b)")


def unflatten(text: str) -> str:
    """Put a flattened sheet's sections, points and target lines back on lines."""
    for pattern, replacement in _BREAKS:
        text = pattern.sub(replacement, text)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if len(line) > 80 and _HEADING.match(line):
            lines[i] = _break_before_country(line)
    for i in range(len(lines) - 1):
        # The line before a target's contact lines holds its title, name and address.
        if len(lines[i]) > 60 and _LABEL_LINE.match(lines[i + 1]):
            lines[i] = _ADDRESS_BREAK.sub("\n", lines[i])
    return "\n".join(lines)


def _break_before_country(line: str) -> str:
    """ "UA 7/98 ... - Legal Concern TURKEY Yusuf Ibarra (m) ..." -> heading / country line."""
    for m in _CAPITALS.finditer(line, 12):
        if countries.leading(line[m.end() : m.end() + 80])[0]:
            return f"{line[: m.start()]}\n\n{line[m.end() :]}"
    return line
