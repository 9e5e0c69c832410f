"""Display helpers for case pages: country and language names, dates, paragraphs, channels."""

from __future__ import annotations

import datetime as dt
import gettext
import re
from functools import lru_cache

import pycountry
from django import template
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext as translate
from django.utils.translation import gettext_lazy as _

from lifeline.lib import countries

register = template.Library()

# Channel words as the parser reports them; anything else is shown as given.
CHANNEL_LABELS = {
    "telegram": _("Telegram"),
    "telex": _("Telex"),
    "fax": _("Fax"),
    "email": _("Email"),
    "phone": _("Phone"),
    "twitter": _("Twitter"),
    "letter": _("Letter"),
    "express letter": _("Express letter"),
    "airmail letter": _("Airmail letter"),
    "express": _("Express letter"),
    "airmail": _("Airmail letter"),
    "post": pgettext_lazy("channel", "Post"),
}

# Target contact fields, in the order a sheet lists them, with their labels.
TARGET_CHANNELS = (
    ("telex", _("Telex")),
    ("telegram", _("Telegram")),
    ("fax", _("Fax")),
    ("email", _("Email")),
    ("phone", _("Phone")),
    ("twitter", _("Twitter")),
)


@lru_cache(maxsize=8)
def _iso639(language: str) -> gettext.NullTranslations:
    # pycountry ships the iso-codes project's translations; a language it lacks
    # falls back to English names rather than failing the page.
    return gettext.translation(
        "iso639-3", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def _language() -> str:
    return (get_language() or "en").split("-")[0]


@register.filter
def country_name(code: str) -> str:
    """ "KP" -> "North Korea" in the active language; an unknown code is shown as given."""
    return countries.country_name(code)


@register.filter
def country_names(codes) -> str:
    """A list of codes as a comma-separated line of names."""
    return countries.country_names(codes)


@register.filter
def language_name(value: str) -> str:
    """ "fr" -> "French" in the active language; a name ("Spanish") is shown as given."""
    text = str(value)
    language = None
    if len(text) == 2:
        language = pycountry.languages.get(alpha_2=text.lower())
    elif len(text) == 3:
        language = pycountry.languages.get(alpha_3=text.lower())
    if language is None:
        return text
    return _iso639(_language()).gettext(language.name)


@register.filter
def channel_label(value: str) -> str | Promise:
    key = " ".join(str(value).lower().split())
    return CHANNEL_LABELS.get(key, str(value).capitalize())


_APPEALS_TO = re.compile(r"^\s*appeals?\s+to\b\s*|\s*:\s*$", re.I)


@register.filter
def audience(value: str) -> str:
    """ "APPEALS TO THE UNHCR:" or "the UNHCR" -> "the UNHCR", for "Appeals to {audience}".

    Sheets and the parser give the audience with or without its lead-in; the page
    supplies the lead-in itself, translated.
    """
    return _APPEALS_TO.sub("", str(value or "")).strip()


@register.filter
def paragraphs(text: str) -> list[str]:
    """Body text split on blank lines; each paragraph's line breaks become spaces.

    Returns plain strings so that the template escapes them.
    """
    result = []
    for block in str(text or "").replace("\r\n", "\n").split("\n\n"):
        paragraph = " ".join(block.split())
        if paragraph:
            result.append(paragraph)
    return result


@register.filter
def case_name(case) -> str:
    """ "UA 105/00 Forcible return" as plain text, for <title> and other places without markup.

    `cases/_case_name.html` is the same name with the number marked up for pages.
    """
    title = case.title or case.slug
    if not case.ua_number:
        return title
    return f"{translate('UA %(number)s') % {'number': case.ua_number}} {title}"


@register.simple_tag
def closing_outcome(case):
    """The newest outcome an editor marked as closing `case`, or None (one query)."""
    return case.outcomes.filter(closes_case=True).first()


@register.simple_tag
def time_tag(value: dt.date | None):
    """<time datetime="2000-07-19">19 July 2000</time>, the text in the active language."""
    if not value:
        return ""
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(), date_format(value, "DATE_FORMAT")
    )


@register.simple_tag
def target_channels(target) -> list[tuple[str, str, list[str]]]:
    """The target's non-empty contact channels as (name, label, values)."""
    return [
        (name, str(label), values)
        for name, label in TARGET_CHANNELS
        if (values := getattr(target, name, None))
    ]
