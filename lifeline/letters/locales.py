"""Babel locales, parsed once per process.

`Locale.parse("en_GB")` compares the name with each of Babel's ~1,000 locale
files (about 1 ms a call), and a letter asks for several: cached, composing
a letter takes a third of the time.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError


@lru_cache(maxsize=512)
def parse_locale(identifier: str) -> Locale | None:
    """The Babel locale for "fr", "en_GB" or "es-MX", or None when Babel has none."""
    try:
        return Locale.parse(identifier.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def locale(identifier: str) -> Locale:
    """Like `parse_locale`, for an identifier known to exist (raises otherwise)."""
    found = parse_locale(identifier)
    if found is None:
        raise UnknownLocaleError(identifier)
    return found
