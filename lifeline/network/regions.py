"""Countries grouped by world region, with names in the reader's language, from offline data.

Names come from lifeline.lib.countries. Babel (CLDR) gives each territory's
time zones, and the zones' continents place nearly every country in its UN
M49 region; the few that the zones place wrongly or not at all (islands in
the Indian and Atlantic oceans, countries spanning two continents) are
listed in OVERRIDES.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from babel.core import get_global
from django.utils.translation import gettext_lazy as _

from lifeline.lib.countries import country_choices

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
    votes = Counter(
        region for zone in zones if (region := ZONE_REGIONS.get(zone.split("/")[0])) is not None
    )
    return votes.most_common(1)[0][0] if votes else "antarctica"


def grouped_country_choices() -> list[tuple[str, list]]:
    """[(region name, [(code, name), ...]), ...] in REGIONS order, names sorted,
    in the page's language."""
    groups: dict[str, list] = {key: [] for key in REGIONS}
    for code, name in country_choices():
        groups[region_of(code)].append((code, name))
    return [(str(REGIONS[key]), choices) for key, choices in groups.items() if choices]
