"""Target blocks: the official to write to, as a sheet lays them out.

    Premier of the People's Republic of China      <- title
    ZHU Rongji Zongli                              <- name
    9 Xihuangchenggenbeijie                        <- address ...
    Beijingshi 100032 - People's Republic of China <- ... whose last line gives the country
    Telexes: 210070 FMPRC CN or 22478 MFERT CN
    Salutation: Your Excellency                    <- ends the block

Sheets put the title before the name or after it, or on one line with it
("Governor Rick Vance"), and sometimes name the office ("Office of the
Governor"), which becomes the organisation.
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import lru_cache

from lifeline.documents import countries
from lifeline.documents.model import ParsedTarget

_LABEL = re.compile(
    r"(?P<label>tel(?:ephone)?\s*/\s*fax|fax\s*/\s*tel(?:ephone)?|telex(?:es)?|telegrams?"
    r"|fax(?:es)?(?:\s+numbers?)?|e-?mails?(?:\s+address(?:es)?)?|tel(?:ephone)?(?:\s+numbers?)?"
    r"|phones?|mobile|twitter|facebook|instagram|web\s?site|salutation)\s*:\s*(?P<value>.*)",
    re.I,
)
_FIELD = {
    "telex": "telex",
    "telegram": "telegram",
    "fax": "fax",
    "email": "email",
    "e-mail": "email",
    "tel": "phone",
    "telephone": "phone",
    "phone": "phone",
    "mobile": "phone",
    "twitter": "twitter",
    "salutation": "salutation",
}
_SPLIT = {
    "telex": re.compile(r"\s+or\s+|\s*;\s*|,\s*(?=\d)", re.I),
    "telegram": re.compile(r"\s+or\s+|\s*;\s*", re.I),
    "fax": re.compile(r"\s+or\s+|\s*;\s*|\s+/\s+|,\s*(?=\+|\(\+)", re.I),
}
_SPLIT["phone"] = _SPLIT["fax"]
_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE = re.compile(r"@\w{1,30}")

TITLE_WORDS = (
    "President|Vice[- ]President|Premier|Prime Minister|Deputy Prime Minister|Minister"
    "|Deputy Minister|Secretary of State|Secretary|Under-?Secretary|Secretary[- ]General"
    "|Governor|Lieutenant Governor|Attorney[- ]General|Procurator[- ]General|Prosecutor[- ]General"
    "|Public Prosecutor|Prosecutor|Chief Prosecutor|Director[- ]General|Director|Head|Chief"
    "|Chief Justice|Chief of Police|Chairman|Chairperson|Chairwoman|Chair|Ambassador"
    "|High Commissioner|Commissioner|King|Queen|Emir|Amir|Sultan|Crown Prince|Supreme Leader"
    "|Leader|Speaker|Commander|Commandant|Mayor|Ombudsman|Ombudsperson|Judge|Superintendent"
    "|Warden|Inspector[- ]General|Inspector|Representative|Special Rapporteur|Regional"
    "|Procuradora?|Presidente|Presidenta|Ministr[oa]|Fiscal(?: General)?|Gobernador[a]?"
    "|Secretari[oa]|Director[a]?|Defensor(?:a)?|Président|Ministre|Procureur|Directeur"
    "|Gouverneur|Senator|Member of Parliament|Federal Minister|State Minister"
)
# Longest first: "Chief Justice" must win over "Chief".
_TITLE = re.compile(
    r"(?:The\s+)?(?:Acting\s+|Deputy\s+|Interim\s+)?(?:"
    + "|".join(sorted(TITLE_WORDS.split("|"), key=len, reverse=True))
    + r")\b"
)
# After a title, a personal name: capitalised words with no "of", "de", "for".
_NAME_AFTER_TITLE = re.compile(
    r"\s+((?:[A-Z][\w'.-]*|(?:bin|bint|al|el|van|von|da|dos|du|le|la|y)-?)"
    r"(?:\s+(?:[A-Z][\w'.-]*|(?:bin|bint|al|el|van|von|da|dos|du|le|y)\b-?)){1,5})$"
)
_HONORIFIC = re.compile(
    r"(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|H\.\s?E|His Excellency|Her Excellency|His Majesty"
    r"|Her Majesty|His Highness|Her Highness|Sr|Sra|Srta|Señor|Señora|Lic|Licenciad[oa]|Ing"
    r"|Gen|General|Ayatollah|Hojjatoleslam|Sheikh|Shaikh|Sheikha|Hon|Honourable|Honorable"
    r"|The Hon|The Honourable|The Honorable|Rt\.? Hon|M|Mme|Monsieur|Madame|Herr|Frau|Dato'?"
    r"|Datuk|Tan Sri|Bapak|Pak|Ibu|U|Daw|Maj|Col|Colonel|Brigadier|Field Marshal|Justice|Rev"
    r"|Reverend|Bishop|Imam|Dom|Don|Doña|Dona|Dra|Abogad[oa]|Prince|Princess)\.?\s+[A-Z]"
)
_ORGANISATION = re.compile(
    r"\b(?:Ministry|Ministerio|Minist[eè]re|Office|Oficina|Bureau|Department|Departamento"
    r"|Government|Gobierno|Palace|Palacio|Palais|Secretariat|Secretar[ií]a|Embassy|Embajada"
    r"|Commission|Comisi[oó]n|Council|Court|Corte|Tribunal|Prison|Penitentiary|Police"
    r"|Parliament|Presidency|Presidencia|Cabinet|Gabinete|Procuradur[ií]a|Fiscal[ií]a|Kantor"
    r"|Kementerian|Agency|Directorate|Headquarters|Authority|Institute|Committee|Assembly"
    r"|Judiciary|Chancellery|Casa de Gobierno|UNHCR|United Nations|Mission|Defensor[ií]a|Board)\b"
)
_CAPITALISED = re.compile(r"(?:[A-Z][\w'.-]*|bin|bint|al|el|van|von|da|dos|de|del|y)(?:\s+|$)")
_ALL_CAPS_WORD = re.compile(r"\b[A-Z]{2,}\b")
_DIGIT = re.compile(r"\d")
_FUNCTION_WORD = re.compile(r"\b(?:of|the|for|and|de la)\b", re.I)
_PLACE_WORD = re.compile(
    r"\b(?:Street|St|Road|Rd|Avenue|Ave|Av|Box|Capitol|Plaza|Building|House|Tower|Complex"
    r"|Compound|Cent(?:re|er)|Block|Sector|Floor|Square|Boulevard|Blvd|Lane|Calle|Avenida|Rue"
    r"|Jalan|Lu|Jie|Dajie|Hall|Estate|Park|Quarter|District|Province|City)\b"
)
_DASH_TAIL = re.compile(r"\s+[-\u2013\u2014]\s+(?=[^-\u2013\u2014]+$)")


def is_label(line: str) -> bool:
    return _LABEL.match(line) is not None


def continues_after_gap(lines: list[str], line: str) -> bool:
    """Does a gap before `line` fall inside the target block `lines` (a page break)?

    Contact lines after the gap belong to a block that has no salutation yet;
    and a block with neither contact lines nor a country at its end is cut short.
    """
    if _LABEL.match(line) and not any(prev[:10].lower() == "salutation" for prev in lines):
        return True
    if any(_LABEL.match(previous) for previous in lines):
        return False
    return not countries.at_end(lines[-1])


def join_broken_blocks(blocks: list[list[str]]) -> list[list[str]]:
    joined: list[list[str]] = []
    for block in blocks:
        if joined and continues_after_gap(joined[-1], block[0]):
            joined[-1] = joined[-1] + block
        else:
            joined.append(block)
    return joined


def split_targets(lines: list[str]) -> list[list[str]]:
    """A run of target lines cut into blocks: a salutation ends a block."""
    blocks: list[list[str]] = [[]]
    for line in lines:
        blocks[-1].append(line)
        if line[:10].lower() == "salutation":
            blocks.append([])
    return [block for block in blocks if block]


def parse_target(lines: list[str]) -> ParsedTarget | None:
    """One target block; None when the lines hold no official to write to.

    The same officials' blocks recur, word for word, in every update of a case
    and across an archive's years, so blocks are remembered; each caller gets
    its own copy to change.
    """
    target = _parse_target(tuple(lines))
    if target is None:
        return None
    return _copy(target)


_LIST_FIELDS = tuple(f.name for f in fields(ParsedTarget) if f.type.startswith("list"))


def _copy(target: ParsedTarget) -> ParsedTarget:
    """A copy with lists of its own (dataclasses.replace, which re-runs __init__
    with keyword checks, cost as much as a cache hit saves)."""
    copy = object.__new__(ParsedTarget)
    copy.__dict__.update(target.__dict__)
    for name in _LIST_FIELDS:
        setattr(copy, name, getattr(target, name)[:])
    return copy


@lru_cache(maxsize=2048)
def _parse_target(lines: tuple[str, ...]) -> ParsedTarget | None:
    target = ParsedTarget()
    heads: list[str] = []
    last_field = last_value = ""
    for line in lines:
        m = _LABEL.match(line)
        if m:
            last_value = m["value"].strip()
            last_field = _add_field(target, m["label"], last_value)
        elif last_field and _continues_value(target, last_field, last_value, line):
            last_value = line
        else:
            last_field = ""
            heads.append(line)
    _read_heads(target, heads)
    if not (target.name or target.title or target.organisation or len(target.address) >= 2):
        return None
    return target


@lru_cache(maxsize=256)  # a few dozen spellings of a few labels
def _label_field(label: str) -> str:
    label = label.lower()
    if "/" in label:
        return "fax+phone"
    word = label.split(None, 1)[0]
    word = word.rstrip("s") if word not in ("telexes", "faxes") else word[:-2]
    return _FIELD.get(word, "")


def _add_field(target: ParsedTarget, label: str, value: str) -> str:
    field = _label_field(label)
    if not value or not field:
        return field
    if field == "salutation":
        target.salutation = normalise_salutation(value)
    elif field == "fax+phone":
        target.fax.extend(_split_numbers(value, "fax"))
        target.phone.extend(_split_numbers(value, "phone"))
    elif field == "email":
        target.email.extend(_EMAIL.findall(value) or [value])
    elif field == "twitter":
        target.twitter.extend(_HANDLE.findall(value) or [value])
    else:
        getattr(target, field).extend(_split_numbers(value, field))
    return field


def _split_numbers(value: str, field: str) -> list[str]:
    return [part.strip(" ,;") for part in _SPLIT[field].split(value) if part.strip(" ,;")]


def _continues_value(target: ParsedTarget, field: str, raw: str, line: str) -> bool:
    """A wrapped telegram address or salutation carries on the line before."""
    if field not in ("telegram", "salutation"):
        return False
    if not (raw.endswith((",", "-", "/")) or line[:1].islower()):
        return False
    if field == "telegram" and target.telegram:
        target.telegram[-1] = f"{target.telegram[-1]}, {line}"
    elif field == "salutation" and target.salutation:
        target.salutation = normalise_salutation(f"{raw} {line}")
    else:
        return False
    return True


def _read_heads(target: ParsedTarget, heads: list[str]) -> None:
    address: list[str] = []
    for position, line in enumerate(heads):
        if address or (_DIGIT.search(line) and not _TITLE.match(line)):
            address.append(line)
            continue
        if not target.name and _HONORIFIC.match(line):
            target.name, title = _split_trailing_title(line)
            target.title = target.title or title
        elif not target.title and (title_match := _TITLE.match(line)):
            rest = _NAME_AFTER_TITLE.match(line, title_match.end())
            if rest and not target.name and not _FUNCTION_WORD.search(rest[1]):
                target.title, target.name = line[: title_match.end()].strip(), rest[1]
            else:
                target.title = line
        elif not target.organisation and _ORGANISATION.search(line):
            target.organisation = line
        elif not target.name and _looks_like_name(line, target, position):
            target.name = line
        else:
            address.append(line)
    target.address = _split_country_line(address)
    for line in reversed(target.address[-2:]):
        target.country = countries.at_end(line)
        if target.country:
            break


def _split_trailing_title(line: str) -> tuple[str, str]:
    """ "Mr Victor T. Ramsey, Chairman" -> ("Mr Victor T. Ramsey", "Chairman")."""
    name, comma, tail = line.partition(", ")
    if comma and _TITLE.match(tail):
        return name, tail
    return line, ""


def _looks_like_name(line: str, target: ParsedTarget, position: int) -> bool:
    """ "ZHU Rongji Zongli", or capitalised words right after the title."""
    words = line.split()
    if not 2 <= len(words) <= 6 or _FUNCTION_WORD.search(line) or _PLACE_WORD.search(line):
        return False
    if len(_CAPITALISED.findall(line)) != len(words):
        return False
    if countries.at_end(line):
        return False
    return bool(_ALL_CAPS_WORD.search(line) and not line.isupper()) or (
        position == 1 and bool(target.title) and len(words) <= 4
    )


def _split_country_line(address: list[str]) -> list[str]:
    """ "Beijingshi 100032 - People's Republic of China" -> two lines."""
    if not address:
        return address
    last = address[-1]
    m = _DASH_TAIL.search(last)
    if m and countries.lookup(last[m.end() :]):
        return [*address[:-1], last[: m.start()].rstrip(" ,"), last[m.end() :].strip()]
    return address


_SMALL = frozenset(("of", "the", "de", "la", "del", "y", "and", "et", "du", "des", "le", "los"))


@lru_cache(maxsize=1024)  # "Your Excellency", "Dear Minister", ... over and over
def normalise_salutation(text: str) -> str:
    """ "your Excellency," -> "Your Excellency"."""
    text = " ".join(text.split()).strip(" ,.;:")
    if not text:
        return ""
    words = text.split(" ")
    if len(words) <= 5:
        words = [
            word if (i and word in _SMALL) or not word[:1].isalpha() else word[0].upper() + word[1:]
            for i, word in enumerate(words)
        ]
    return " ".join(words)
