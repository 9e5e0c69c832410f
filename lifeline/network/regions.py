"""Countries grouped by world region, with names in the reader's language, from offline data.

Babel (CLDR) gives each territory's localised name and its time zones, and the
zones' continents place nearly every country in its UN M49 region; the few that
the zones place wrongly or not at all (islands in the Indian and Atlantic
oceans, countries spanning two continents) are listed in OVERRIDES.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

import pycountry
from babel import Locale, UnknownLocaleError
from babel.core import get_global
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

REGIONS = {
    "africa": _("Africa"),
    "americas": _("Americas"),
    "asia": _("Asia"),
    "europe": _("Europe"),
    "oceania": _("Oceania"),
    "antarctica": _("Antarctica"),
}

ZONE_REGIONS = {
    "Africa": "africa",
    "America": "americas",
    "Asia": "asia",
    "Europe": "europe",
    "Arctic": "europe",
    "Australia": "oceania",
    "Pacific": "oceania",
    "Antarctica": "antarctica",
}

OVERRIDES = {
    **dict.fromkeys(["CV", "IO", "KM", "MG", "MU", "RE", "SC", "SH", "TF", "YT"], "africa"),
    **dict.fromkeys(["BM", "BV", "FK", "GS"], "americas"),
    **dict.fromkeys(["MV", "TR"], "asia"),
    **dict.fromkeys(["ES", "FO", "IS", "PT", "RU", "SJ"], "europe"),
    **dict.fromkeys(["CC", "CX", "HM"], "oceania"),
}


@cache
def region_of(code: str) -> str:
    if code in OVERRIDES:
        return OVERRIDES[code]
    zones = get_global("territory_zones").get(code, [])
    votes = Counter(ZONE_REGIONS.get(zone.split("/")[0]) for zone in zones)
    votes.pop(None, None)
    return votes.most_common(1)[0][0] if votes else "antarctica"


def country_names(language: str | None = None) -> dict[str, str]:
    """ISO 3166 code -> the country's name in `language` (English when CLDR has none)."""
    try:
        local = Locale.parse((language or get_language() or "en").replace("-", "_")).territories
    except (UnknownLocaleError, ValueError):
        local = {}
    return {c.alpha_2: local.get(c.alpha_2, c.name) for c in pycountry.countries}


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    names = country_names(language)
    return sorted(names.items(), key=lambda pair: pair[1].casefold())


def grouped_country_choices(language: str | None = None) -> list[tuple[str, list]]:
    """[(region name, [(code, name), ...]), ...] in REGIONS order, names sorted."""
    groups: dict[str, list] = {key: [] for key in REGIONS}
    for code, name in country_choices(language):
        groups[region_of(code)].append((code, name))
    return [(str(REGIONS[key]), choices) for key, choices in groups.items() if choices]
