"""Countries: names to ISO 3166 alpha-2 codes, and codes to names in a language.

The one place that knows countries; it imports nothing from Django, so the
parser and `lifeline letter` use it as they are (lifeline/lib/countries.py
adds the page's language for the site).

Names to codes. pycountry and CLDR give the standard names; the table below
adds what case sheets and addresses actually say: "DEMOCRATIC PEOPLE'S
REPUBLIC OF KOREA (NORTH KOREA)", "USA", "Iran", "BURMA", "ZAIRE", "ISRAEL AND
THE OCCUPIED TERRITORIES", ... `lookup` takes a whole name; `find_all`,
`leading` and `at_end` find names inside a text, on whole words, longest name
first, so "REPUBLIC OF KOREA" inside "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA"
never wins. `from_user` also takes an ISO code or a near miss, for a name a
person typed.

Codes to names: CLDR's (Babel's) names, the ones letters print too, so a page
and a letter in the same language name a country alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry
from babel import Locale, UnknownLocaleError

# Names the archive uses that pycountry does not know (or knows differently).
# Successor states stand for the ones that no longer exist, so a 1990s sheet
# and a 2010s sheet about the same place land on the same code.
ARCHIVE_NAMES = {
    "DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA": "KP",
    "DEMOCRATIC PEOPLES REPUBLIC OF KOREA": "KP",
    "NORTH KOREA": "KP",
    "DPRK": "KP",
    "KOREA DPR": "KP",
    "REPUBLIC OF KOREA": "KR",
    "SOUTH KOREA": "KR",
    "KOREA": "KR",
    "PEOPLE'S REPUBLIC OF CHINA": "CN",
    "PEOPLES REPUBLIC OF CHINA": "CN",
    "PRC": "CN",
    "CHINA": "CN",
    "TIBET": "CN",
    "HONG KONG": "HK",
    "HONG KONG SAR": "HK",
    "MACAO": "MO",
    "MACAU": "MO",
    "TAIWAN": "TW",
    "IRAN": "IR",
    "ISLAMIC REPUBLIC OF IRAN": "IR",
    "USA": "US",
    "US": "US",
    "UNITED STATES": "US",
    "UNITED STATES OF AMERICA": "US",
    "UK": "GB",
    "UNITED KINGDOM": "GB",
    "GREAT BRITAIN": "GB",
    "BRITAIN": "GB",
    "ENGLAND": "GB",
    "SCOTLAND": "GB",
    "WALES": "GB",
    "NORTHERN IRELAND": "GB",
    "RUSSIA": "RU",
    "RUSSIAN FEDERATION": "RU",
    "USSR": "RU",
    "SOVIET UNION": "RU",
    "SYRIA": "SY",
    "SYRIAN ARAB REPUBLIC": "SY",
    "LAOS": "LA",
    "LAO PDR": "LA",
    "VIETNAM": "VN",
    "VIET NAM": "VN",
    "SOCIALIST REPUBLIC OF VIET NAM": "VN",
    "BOLIVIA": "BO",
    "VENEZUELA": "VE",
    "TANZANIA": "TZ",
    "MOLDOVA": "MD",
    "MACEDONIA": "MK",
    "FORMER YUGOSLAV REPUBLIC OF MACEDONIA": "MK",
    "FYROM": "MK",
    "CONGO": "CG",
    "REPUBLIC OF CONGO": "CG",
    "REPUBLIC OF THE CONGO": "CG",
    "DEMOCRATIC REPUBLIC OF THE CONGO": "CD",
    "DEMOCRATIC REPUBLIC OF CONGO": "CD",
    "DRC": "CD",
    "ZAIRE": "CD",
    "IVORY COAST": "CI",
    "COTE D'IVOIRE": "CI",
    "BURMA": "MM",
    "MYANMAR": "MM",
    "EAST TIMOR": "TL",
    "TIMOR LESTE": "TL",
    "ISRAEL AND THE OCCUPIED TERRITORIES": "IL",
    "ISRAEL AND THE OCCUPIED PALESTINIAN TERRITORIES": "IL",
    "OCCUPIED PALESTINIAN TERRITORIES": "PS",
    "OCCUPIED TERRITORIES": "PS",
    "PALESTINIAN AUTHORITY": "PS",
    "PALESTINE": "PS",
    "GAZA": "PS",
    "WEST BANK": "PS",
    "SWAZILAND": "SZ",
    "CAPE VERDE": "CV",
    "BRUNEI": "BN",
    "UAE": "AE",
    "CZECH REPUBLIC": "CZ",
    "CZECHOSLOVAKIA": "CZ",
    "TURKEY": "TR",
    "KYRGYZSTAN": "KG",
    "KYRGYZ REPUBLIC": "KG",
    "BOSNIA HERZEGOVINA": "BA",
    "BOSNIA": "BA",
    "YUGOSLAVIA": "RS",
    "FEDERAL REPUBLIC OF YUGOSLAVIA": "RS",
    "SERBIA AND MONTENEGRO": "RS",
    "KOSOVO": "XK",  # not in ISO 3166, but the code everyone uses
    "VATICAN": "VA",
    "HOLY SEE": "VA",
    "WESTERN SAHARA": "EH",
    "GAMBIA": "GM",
    "BAHAMAS": "BS",
    "SAINT KITTS AND NEVIS": "KN",
    "ST KITTS AND NEVIS": "KN",
    "SAINT LUCIA": "LC",
    "ST LUCIA": "LC",
    "SAINT VINCENT AND THE GRENADINES": "VC",
    "ST VINCENT AND THE GRENADINES": "VC",
    "TRINIDAD": "TT",
    "MICRONESIA": "FM",
    "SAO TOME AND PRINCIPE": "ST",
    "ESWATINI": "SZ",
    "MEXICO": "MX",
    "NETHERLANDS": "NL",
    "HOLLAND": "NL",
    "PHILIPPINES": "PH",
    "KINGDOM OF SAUDI ARABIA": "SA",
    "ARAB REPUBLIC OF EGYPT": "EG",
    "KINGDOM OF BAHRAIN": "BH",
    "STATE OF QATAR": "QA",
    "BELARUS": "BY",
    "SUDAN": "SD",
    "SOUTH SUDAN": "SS",
    "GUINEA BISSAU": "GW",
    "PAPUA NEW GUINEA": "PG",
    "KOREA (DPRK)": "KP",
    "ROK": "KR",
    "US OF AMERICA": "US",
}

_WORD = re.compile(r"[A-Z0-9']+")
_PLAIN = re.compile(r"[A-Z0-9']+(?: [A-Z0-9']+)*")  # already in the form of a key
_SEPARATORS = re.compile(r"[^A-Z0-9' ]+")
_MAX_WORDS = 8


def _key(text: str) -> str:
    """Upper case, plain letters, words separated by single spaces."""
    if text.isupper() and _PLAIN.fullmatch(text):
        return text[4:] if text.startswith("THE ") else text
    if not text.isascii():
        text = "".join(
            char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
        )
    text = text.upper().replace("&", " AND ").replace(".", "")
    words = _WORD.findall(text.replace("-", " "))
    if words and words[0] == "THE":
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    table = {_key(name): code for name, code in ARCHIVE_NAMES.items()}
    for country in pycountry.countries:
        code = country.alpha_2
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if not name:
                continue
            table.setdefault(_key(name), code)
            if ", " in name:  # "Korea, Republic of" -> "Republic of Korea" and "Korea"
                head, tail = name.split(", ", 1)
                table.setdefault(_key(f"{tail} {head}"), code)
                table.setdefault(_key(head), code)
    return table


def _compact(text: str) -> str:
    """Letters and digits only, lower case, no accents: "People’s Rep." -> "peoplesrep".

    Punctuation a key keeps apart ("KOREA (DPRK)", a curly apostrophe) does not
    matter here.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in kept.casefold() if c.isalnum())


@lru_cache(maxsize=1)
def _compact_table() -> dict[str, str]:
    # Whole names only: CLDR's English names ("Congo - Kinshasa", "Myanmar
    # (Burma)") name a country in an address line but are not looked for in
    # prose, where their words would change what the parser finds.
    table = {_compact(key): code for key, code in _table().items()}
    for code, name in _locale("en").territories.items():
        if len(code) == 2 and code.isalpha() and code in _iso_codes():
            table.setdefault(_compact(name), code)
    return table


@lru_cache(maxsize=4096)
def lookup(name: str) -> str:
    """The code of a country named in full ("Iran", "BURMA", "the Netherlands",
    "People’s Republic of China"), or ""."""
    code = _table().get(_key(name), "")
    if code:
        return code
    compact = _compact(name)
    table = _compact_table()
    return table.get(compact) or table.get(compact.removeprefix("the"), "")


def from_user(text: str) -> str:
    """The code of a country a person typed: an ISO code ("GB", "GBR", "826"),
    a name, or a near miss that matches one country only; "" when unknown."""
    text = text.strip()
    if not text:
        return ""
    country = pycountry.countries.get(alpha_2=text.upper()) if len(text) == 2 else None
    if country is None and len(text) == 3:
        country = pycountry.countries.get(alpha_3=text.upper()) or (
            pycountry.countries.get(numeric=text) if text.isdigit() else None
        )
    if country is not None:
        return country.alpha_2
    code = lookup(text)
    if code or len(text) <= 3:
        return code
    try:
        matches = pycountry.countries.search_fuzzy(text)
    except LookupError:
        return ""
    return matches[0].alpha_2 if len(matches) == 1 else ""


def _words(text: str) -> list[str]:
    key = text
    if not key.isascii():
        key = "".join(
            char for char in unicodedata.normalize("NFKD", key) if not unicodedata.combining(char)
        )
    key = key.upper().replace("&", " AND ").replace(".", "").replace("-", " ")
    return _WORD.findall(key)


def find_all(text: str) -> list[str]:
    """Every country named in `text`, in order of mention, without repeats."""
    table = _table()
    words = _words(text)
    found: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            code = table.get(" ".join(words[i : i + size]))
            if code and not (size == 1 and words[i] in _AMBIGUOUS_WORDS):
                if code not in found:
                    found.append(code)
                i += size
                break
        else:
            i += 1
    return found


# Single words that name a country but mostly mean something else in prose.
_AMBIGUOUS_WORDS = frozenset(("US", "CHAD", "JORDAN", "GEORGIA", "TOGO", "NIGER", "GUINEA", "MALI"))


def leading(text: str) -> tuple[list[str], str]:
    """Countries at the start of a heading line, and what follows them.

    "CHINA Li Ming (m), aged 45" gives (["CN"], "Li Ming (m), aged 45");
    "USA (Texas) Joseph Cannon" skips the state in brackets; "/", "and" and
    commas join several countries. Country lines are written in capitals, so
    only capitalised names count: "USA Chad Smith" is not two countries.
    """
    codes, rest = _leading(text)
    return list(codes), rest


# The heading reader asks about the same lines more than once, and the
# updates of a case repeat its country line: remember the answers.
@lru_cache(maxsize=4096)
def _leading(text: str) -> tuple[tuple[str, ...], str]:
    table = _table()
    codes: list[str] = []
    pos, length = 0, len(text)
    while pos < length:
        sep = _LEAD_SEP.match(text, pos)
        if sep and sep.end() > pos:
            pos = sep.end()
            continue
        if text[pos] == "(":
            close = text.find(")", pos)
            if close == -1 or not codes:
                break
            for code in find_all(text[pos + 1 : close]):
                if code not in codes:
                    codes.append(code)
            pos = close + 1
            continue
        run = _LEAD_RUN.match(text, pos)
        if not run:
            break
        spans: list[tuple[int, int]] = []
        for word in _LEAD_WORD.finditer(run.group()):
            if len(spans) == _MAX_WORDS or not word.group().isupper():
                break  # only the capitalised words can name the country
            spans.append(word.span())
        hit = None
        for size in range(len(spans), 0, -1):
            words = text[pos + spans[0][0] : pos + spans[size - 1][1]]
            named = table.get(_key(words))
            if named:
                hit = (named, pos + spans[size - 1][1])
                break
        if hit is None:
            break
        if hit[0] not in codes:
            codes.append(hit[0])
        pos = hit[1]
    return tuple(codes), text[pos:].strip(" )/,;:-")


_LEAD_SEP = re.compile(r"(?:\s+|[/,;:\-)]+|(?:AND|and)(?=\s))+")
# A country name is a run of words with nothing but spaces between them.
_LEAD_RUN = re.compile(r"[^\s/,;:()]+(?: +[^\s/,;:()]+){0,7}")
_LEAD_WORD = re.compile(r"[^ ]+")


@lru_cache(maxsize=4096)  # the same address lines recur in every sheet naming an official
def at_end(line: str) -> str:
    """The country a postal address line ends with ("Austin, TX 78711, USA" -> "US")."""
    table = _table()
    words = _words(line)
    for size in range(min(_MAX_WORDS, len(words)), 0, -1):
        code = table.get(" ".join(words[-size:]))
        if code:
            return code
    return ""


@lru_cache(maxsize=1)
def _iso_codes() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


@lru_cache(maxsize=64)
def _locale(language: str) -> Locale:
    """Babel's locale for "fr", "en-gb" or "es_MX"; English when Babel has none.

    Cached: `Locale.parse` reads and compares locale files, about 1 ms a call.
    """
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en")


def is_code(code: str) -> bool:
    """Whether `code` is an ISO 3166 alpha-2 code ("DE"; not "de", "XX" or "DEU")."""
    return code in _iso_codes()


def name(code: str, language: str, default: str | None = None) -> str:
    """ "KP" -> "North Korea" in English, "Corée du Nord" in French (English when
    CLDR has no name in `language`). A code CLDR does not name gives `default`,
    or the code itself as it came."""
    key = str(code or "").upper()
    found = _locale(language).territories.get(key) or _locale("en").territories.get(key)
    if found and key.isalpha():
        return str(found)
    return code if default is None else default


def names(language: str) -> dict[str, str]:
    """Every ISO 3166 country's code -> its name in `language`."""
    return {code: name(code, language) for code in sorted(_iso_codes())}


def sort_key(text: str) -> str:
    """Order names as a reader does: "Égypte" among the E's, not after "Zimbabwe"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=16)
def choices(language: str) -> tuple[tuple[str, str], ...]:
    """(code, name) of every ISO 3166 country, in `language`, sorted by name.

    Cached per language: 250 names sorted on every page that lists them would
    cost each of those pages a few milliseconds.
    """
    return tuple(sorted(names(language).items(), key=lambda pair: sort_key(pair[1])))
