"""Country names in the page's language: lifeline.documents.countries with Django's active language.

Forms, filters and templates name countries through here, so every page
names a country the same way, in its own language, sorted by those names.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import get_language

from lifeline.documents import countries


def _language() -> str:
    return get_language() or "en"


def country_name(code: str) -> str:
    """ "KP" -> "North Korea" on an English page, "Corée du Nord" on a French one;
    an unknown code is shown as given."""
    return countries.name(code, _language())


def country_names(codes: Iterable[str] | None) -> str:
    """Codes as one comma-separated line of names."""
    return ", ".join(country_name(code) for code in codes or [])


def country_choices() -> list[tuple[str, str]]:
    """(code, name) of every country, named and sorted in the page's language."""
    return list(countries.choices(_language()))


def sorted_choices(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(code, name) of some countries, named and sorted in the page's language."""
    named = ((code, country_name(code)) for code in codes)
    return sorted(named, key=lambda pair: countries.sort_key(pair[1]))
