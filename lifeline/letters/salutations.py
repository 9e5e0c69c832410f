"""From the salutation a case sheet gives ("your Excellency") to the one a letter uses.

The sheet's salutation is the organisation's choice for that official ("Dear
Prosecutor General", not "Dear Attorney General"): a letter in the language it
is written in keeps it word for word. A sheet may give it in two languages,
"Dear President / Excmo. Sr. Presidente": each letter takes the one in its
own language. A letter in a language the sheet does not give translates the
English one by the frame's table, as the same title ("Monsieur le Procureur
général"); what the table does not know becomes the language's generic formal
salutation ("Madame, Monsieur") rather than English words in a French letter
or a guessed title.
"""

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
    "dear governor-general": "dear governor general",
    "dear mr governor": "dear governor",
    "dear madam governor": "dear governor|f",
    "dear justice": "dear judge",
    "your honour": "dear judge",
    "your honor": "dear judge",
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
    (r"\bgovernor[- ]general\b", "dear governor general"),
    (r"\bgovernor\b", "dear governor"),
    (r"\bambassador\b", "dear ambassador"),
    (r"\bhigh commissioner\b", "dear high commissioner"),
    (r"\bcommissioner\b", "dear commissioner"),
    (r"\bchief justice\b", "dear chief justice"),
    (r"\bjudge\b|\bjustice\b", "dear judge"),
    (r"\bdirector\b", "dear director"),
    (r"\bmayor\b", "dear mayor"),
)

_WOMAN = re.compile(r"^\s*(?:mrs|ms|miss|madam|madame|mme|sra|señora|dame)\b\.?", re.IGNORECASE)
# A salutation to a woman: "Dear Madam Minister", "Sra. Fiscal", "Excma. Sra. Presidenta".
_WOMAN_SALUTED = re.compile(
    r"\b(?:madam|madame|mme|sra|señora|excma|estimada|distinguida)\b", re.IGNORECASE
)

# Words that say which language a salutation is written in (its first word).
# Arabic is told by its script. German and Portuguese have no letter frame;
# knowing them splits "Dear Minister / Sehr geehrter Herr Minister" in two.
_LANGUAGE_WORDS = {
    language: frozenset(words.split())
    for language, words in {
        "en": "dear your sir madam excellency honourable honorable to",
        "es": "señor señora sr sra excmo excma excelentísimo excelentísima estimado "
        "estimada distinguido distinguida ilmo ilma su excelencia",
        "fr": "monsieur madame mme excellence maître cher chère votre",
        "de": "sehr geehrter geehrte exzellenz",
        "pt": "exmo exma exmº senhor senhora prezado prezada vossa",
    }.items()
}


def _key(text: str) -> str:
    key = text.strip().rstrip(",:;.!،").strip().lower()
    key = re.sub(r"\b(mr|mrs|ms|dr)\.", r"\1", key)
    key = re.sub(r"\s*/\s*", "/", " ".join(key.split()))
    return _SYNONYMS.get(key, key)


def is_woman(name: str, salutation: str = "") -> bool:
    """Only what the sheet says: "Mrs ..." or "Dear Madam Minister", "Sra. Fiscal"."""
    return bool(_WOMAN.match(name) or _WOMAN_SALUTED.search(salutation))


def _language_of(salutation: str) -> str:
    """ "es" for "Excmo. Sr. Presidente", "" when its words say no known language."""
    if any("\u0600" <= c <= "\u06ff" for c in salutation):
        return "ar"
    first = re.split(r"[\s.,/]+", salutation.strip().casefold(), maxsplit=1)[0]
    return next((lang for lang, words in _LANGUAGE_WORDS.items() if first in words), "")


def _tidy(salutation: str) -> str:
    words = " ".join(salutation.split()).strip(" ,:;.!،")
    return words[:1].upper() + words[1:]


def _by_language(given: str) -> dict[str, str]:
    """The sheet's salutation per language: "Dear Minister/Señor Ministro" gives
    two; "Dear Sir/Madam" is one (both sides English)."""
    parts = [_tidy(part) for part in re.split(r"\s*/\s*", given) if _tidy(part)]
    languages = [_language_of(part) for part in parts]
    if len(parts) < 2 or "" in languages or len(set(languages)) < len(languages):
        whole = _tidy(given)
        return {_language_of(whole) or "en": whole} if whole else {}
    return dict(zip(languages, parts, strict=True))


def salutation_for(frame: Frame, given: str, *, title: str = "", woman: bool = False) -> str:
    """The salutation in the frame's language, without its punctuation ("Excelencia").

    The sheet's salutation in the letter's language is kept as given; another
    is translated from its English form when the frame knows it, and is the
    language's generic formal one otherwise. With none given, the title
    suggests one ("Minister of ..." -> "Dear Minister").
    """
    given_by_language = _by_language(given)
    if frame.language in given_by_language:
        return given_by_language[frame.language]
    # English is what the frames' tables translate from; a sheet that gives only
    # another language ("Excmo. Sr. Presidente") is read for its title.
    given = given_by_language.get("en", "")
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
        if words is None:
            # "Dear Minister Paek": a known salutation followed by a name.
            for known in sorted(frame.salutations, key=len, reverse=True):
                if not known.endswith("|f") and key.startswith(known + " "):
                    words = frame.salutations.get(f"{known}|f") if woman else None
                    words = words or frame.salutations[known]
                    break
    return words or frame.generic_salutation
