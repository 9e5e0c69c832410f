"""Matching the officials a sheet names to the directory of targets.

An official is recognised by `target_key()` (name, title, country, organisation,
address, normalised); one the directory lacks is added. One it has keeps what it
has: only its blank fields are filled from the sheet, so an editor's corrections
are never overwritten by an import.
"""

from __future__ import annotations

from collections.abc import Iterable

from lifeline.cases.columns import check_lengths
from lifeline.cases.models import TARGET_FIELDS, Target, target_key
from lifeline.documents import ParsedTarget


def key_of(sheet: ParsedTarget) -> str:
    """The directory key of an official as a sheet names them ("" when it names nobody)."""
    return target_key(sheet.name, sheet.title, sheet.country, sheet.organisation, sheet.address)


class Directory:
    """The directory rows an import has met, by key, to save queries across documents.

    Rows created in a transaction that rolls back are gone from the database, so
    the importer calls `forget()` then. Two imports creating the same new official
    at the same moment make one of them fail on the unique key; importing that
    file again then matches the other's row.
    """

    def __init__(self) -> None:
        self._targets: dict[str, Target] = {}

    def forget(self) -> None:
        self._targets.clear()

    def targets_for(self, sheets: Iterable[tuple[str, ParsedTarget]]) -> dict[str, Target]:
        """Directory rows for the (key, sheet) officials, matched by key or created."""
        by_key: dict[str, list[ParsedTarget]] = {}
        for key, sheet in sheets:
            if key:
                by_key.setdefault(key, []).append(sheet)
        missing = [key for key in by_key if key not in self._targets]
        if missing:
            for target in Target.objects.filter(key__in=missing):
                self._targets[target.key] = target
        new: list[Target] = []
        for key, key_sheets in by_key.items():
            known = self._targets.get(key)
            if known is None:
                target = Target(key=key)
                for sheet in key_sheets:
                    _fill_blanks(target, sheet)
                check_lengths(target)
                new.append(target)
            elif changed := [name for sheet in key_sheets for name in _fill_blanks(known, sheet)]:
                check_lengths(known)
                known.save(update_fields=[*dict.fromkeys(changed), "updated"])
        Target.objects.bulk_create(new)
        for target in new:
            self._targets[target.key] = target
        return {key: self._targets[key] for key in by_key}


def _fill_blanks(target: Target, sheet: ParsedTarget) -> list[str]:
    """Copy the sheet's values into the target's blank fields; return their names."""
    changed = []
    for name in TARGET_FIELDS:
        value = getattr(sheet, name)
        if name == "country":
            value = value.upper()
        if value and not getattr(target, name):
            setattr(target, name, list(value) if isinstance(value, list) else value)
            changed.append(name)
    return changed
