"""From the salutation a case sheet gives ("your Excellency") to the one a letter uses."""

from __future__ import annotations

import re

from lifeline.letters.frames import Frame

# Other spellings of the keys the frames know.
_SYNONYMS = {
    "excellency": "your excellency",
    "dear excellency": "your excellency",
    "your excellencies": "your excellency",
    "dear your excellency": "your excellency",
    "dear sir or madam": "dear sir/madam",
    "dear madam/sir": "dear sir/madam",
    "dear madam or sir": "dear sir/madam",
    "dear sirs": "dear sir/madam",
    "sir/madam": "dear sir/madam",
    "to whom it may concern": "dear sir/madam",
    "dear mr president": "dear president",
    "dear madam president": "dear president|f",
    "dear mr prime minister": "dear prime minister",
    "dear madam prime minister": "dear prime minister|f",
    "dear mr premier": "dear premier",
    "dear mr minister": "dear minister",
    "dear madam minister": "dear minister|f",
    "dear procurator": "dear prosecutor",
    "dear public prosecutor": "dear prosecutor",
    "dear chief prosecutor": "dear prosecutor",
    "dear procurator-general": "dear attorney general",
    "dear procurator general": "dear attorney general",
    "dear prosecutor general": "dear attorney general",
    "dear attorney-general": "dear attorney general",
    "dear mr ambassador": "dear ambassador",
    "dear madam ambassador": "dear ambassador|f",
    "dear governor-general": "dear governor",
    "dear mr governor": "dear governor",
    "dear madam governor": "dear governor|f",
    "dear justice": "dear judge",
    "your honour": "dear judge",
    "your honor": "dear judge",
    "dear chief justice": "dear judge",
}

# Guessing from the title when the sheet gives no salutation: first match wins.
_FROM_TITLE = (
    (r"\bking\b|\bqueen\b|\bemir\b|\bsultan\b", "your majesty"),
    (r"\bprime minister\b", "dear prime minister"),
    (r"\bpremier\b", "dear premier"),
    (r"\bvice[- ]president\b|\bpresident\b", "dear president"),
    (r"\b(?:attorney|procurator|prosecutor)[- ]general\b", "dear attorney general"),
    (r"\bprosecutor\b|\bprocurator\b", "dear prosecutor"),
    (r"\bminister\b", "dear minister"),
    (r"\bgovernor\b", "dear governor"),
    (r"\bambassador\b", "dear ambassador"),
    (r"\bhigh commissioner\b", "dear high commissioner"),
    (r"\bcommissioner\b", "dear commissioner"),
    (r"\bjudge\b|\bjustice\b", "dear judge"),
    (r"\bdirector\b", "dear director"),
    (r"\bmayor\b", "dear mayor"),
)

_WOMAN = re.compile(r"^\s*(?:mrs|ms|miss|madam|madame|mme|sra|señora|dame)\b\.?", re.IGNORECASE)


def _key(text: str) -> str:
    key = text.strip().rstrip(",:;.!،").strip().lower()
    key = re.sub(r"\b(mr|mrs|ms|dr)\.", r"\1", key)
    key = re.sub(r"\s*/\s*", "/", " ".join(key.split()))
    return _SYNONYMS.get(key, key)


def is_woman(name: str, salutation: str = "") -> bool:
    """Only what the sheet says: "Mrs ..." or "Dear Madam Minister"."""
    return bool(_WOMAN.match(name)) or "madam " in salutation.lower()


def salutation_for(frame: Frame, given: str, *, title: str = "", woman: bool = False) -> str:
    """The salutation in the frame's language, without its punctuation ("Excelencia").

    A known salutation is translated; an unknown one is kept as given in an
    English letter and replaced by the language's generic formal one otherwise.
    With none given, the title suggests one ("Minister of ..." -> "Dear Minister").
    """
    key = _key(given) if given.strip() else ""
    if not key:
        key = next((k for pattern, k in _FROM_TITLE if re.search(pattern, title, re.I)), "")
    if key.endswith("|f"):
        key, woman = key[:-2], True
    words = None
    if key:
        if woman:
            words = frame.salutations.get(f"{key}|f")
        words = words or frame.salutations.get(key)
        if words is None and frame.language == "en":
            words = " ".join(given.split()).rstrip(",:;.!")
        elif words is None:
            # "Dear Minister Paek": a known salutation followed by a name.
            for known in sorted(frame.salutations, key=len, reverse=True):
                if not known.endswith("|f") and key.startswith(known + " "):
                    words = frame.salutations.get(f"{known}|f") if woman else None
                    words = words or frame.salutations[known]
                    break
    return words or frame.generic_salutation
