"""Text that must fit its database column: refused when it is data, clipped when it is a label.

PostgreSQL refuses a value longer than its column but SQLite stores it
silently; checking here makes both backends accept and refuse the same
documents, with a readable reason. The importer and the API's writes use these.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _

from lifeline.cases.errors import ImportRejected


def check_lengths(instance: models.Model) -> None:
    """Raise ImportRejected, naming the field, for text longer than its column."""
    for column in instance._meta.concrete_fields:
        if isinstance(column, models.CharField) and column.max_length:
            value = getattr(instance, column.attname)
            if value and len(value) > column.max_length:
                raise ImportRejected(
                    _("%(model)s %(field)s is longer than %(max)d characters: %(value)s")
                    % {
                        "model": instance._meta.verbose_name,
                        "field": column.verbose_name,
                        "max": column.max_length,
                        "value": value if len(value) <= 60 else value[:60] + "…",
                    }
                )


def clip(text: str, model: type[models.Model], name: str) -> str:
    """Shorten display text (titles) to its column instead of refusing the document."""
    field = model._meta.get_field(name)
    if not isinstance(field, models.CharField) or field.max_length is None:
        raise TypeError(f"{model.__name__}.{name} is not a text column of bounded length")
    limit = field.max_length
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
