"""Where the writer writes from, as the letter's opening says it.

With a city, the place reads as on an envelope, and no language puts an
article there: "from Edinburgh, United Kingdom", "depuis Lyon (France)".
With only a country, the country's name follows the preposition, and many
names take an article: "from the United Kingdom", "du Royaume-Uni",
"desde los Estados Unidos". Which ones, and of what gender and number, is
data (`ARTICLES`); how an article joins the preposition is the frame's
(`Frame.from_country`); country names come from Babel.
"""

from __future__ import annotations

import unicodedata

from lifeline.documents import countries
from lifeline.letters.frames import Frame


def _each(codes: str, article: str) -> dict[str, str]:
    return dict.fromkeys(codes.split(), article)


# The article a country's name takes in a language, for the name as Babel
# (CLDR) spells it; a country not listed takes none. The classes are the
# language's own and the keys of its frame's `from_country`.
ARTICLES: dict[str, dict[str, str]] = {
    # "the": plural names, and names made of a common noun (kingdom, republic,
    # islands) or that are spelt so (the Gambia).
    "en": _each(
        """
        AE AX BQ BS CC CF CK DO FK FO GB GM HM IM IO KM KY MH MP MV NL PH PN PS
        SB SC TC TF UM US VG VI
        """,
        "the",
    ),
    # The article as it stands after "de". "le": masculine (du Canada; d'Iran
    # before a vowel, as feminine names); "les": plural (des États-Unis).
    # Feminine names drop theirs (de France, d'Espagne), like names without
    # one (de Cuba), and need no entry, but for islands and names made of a
    # noun, which keep it: "la" (de la République dominicaine, de la
    # Martinique) and "l'" (de l'Île de Man, de l'État de la Cité du Vatican).
    "fr": {
        **_each(
            """
            AF AO AZ BD BF BI BJ BN BR BT BW BZ CA CD CG CL CM CR CV DK EC EH GA GB
            GH GL GT GY HN IO IQ IR JP KE KG KH KW KZ LA LB LI LK LR LS LU MA ME ML
            MM MW MX MZ NE NG NI NP PA PE PK PT PY QA RW SD SN SR SS SV SZ TD TG TJ
            TL TM UG UY UZ VE VN VU YE ZW
            """,
            "le",
        ),
        **_each("BB CF DM DO GD GF GP GS HK JM MO MQ", "la"),
        **_each("AQ BV CX IM NF VA", "l'"),
        **_each(
            """
            AE AS AX BM BQ BS CC CK FJ FK FO HM KM KY MH MP MV NL PH PN PS SB SC TC
            TF UM US VG VI
            """,
            "les",
        ),
    },
    # "m" el, "f" la, "mpl" los, "fpl" las: where usage takes the article
    # (el Reino Unido, la India, los Estados Unidos, las Bahamas), not where it
    # is only allowed (el Perú, la Argentina, el Japón).
    "es": {
        **_each("BQ CG EH GB IO LB TD YE", "m"),
        **_each("AQ BV CD CF CX DO GF HK IM IN MO NF PF RE VA", "f"),
        **_each("AE NL PS TF US", "mpl"),
        **_each("AX BM BS CC CK FK FO GS HM KY MH MP PN SB TC UM VG VI", "fpl"),
    },
    # Arabic names carry their article ("المملكة المتحدة", "الولايات المتحدة")
    # and "من" does not join it: nothing to add.
    "ar": {},
}

# Names whose first letter is a mute "h": the preposition elides before them
# as before a vowel (d'Haïti, but de Hongrie, du Honduras).
MUTE_H: dict[str, frozenset[str]] = {"fr": frozenset({"HT"})}

_VOWELS = frozenset("aeiou")


def _elides(language: str, code: str, name: str) -> bool:
    first = unicodedata.normalize("NFD", name[:1].casefold())[:1]
    return first in _VOWELS or code in MUTE_H.get(language, frozenset())


def from_country(frame: Frame, code: str) -> str:
    """ "from the United Kingdom", "d'Espagne": the country alone after the
    frame's preposition, with its article; "" for a code Babel does not name."""
    code = code.upper()
    name = countries.name(code, frame.language, default="")
    if not name or not frame.from_country:
        return ""
    article = ARTICLES.get(frame.language, {}).get(code, "")
    forms = frame.from_country
    form = forms.get(article + "'") if _elides(frame.language, code, name) else None
    form = form or forms.get(article) or forms[""]
    return form.format(country=name)


def from_place(frame: Frame, city: str, country: str) -> str:
    """Where the writer writes from with its preposition, or "" when they gave neither."""
    name = countries.name(country, frame.language, default="")
    if city and name:
        return frame.from_city.format(city=city, country=name)
    if city:
        return frame.from_city_only.format(city=city)
    return from_country(frame, country) if name else ""
