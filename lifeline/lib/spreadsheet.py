"""CSV that spreadsheets open as data: no cell may become a formula.

Excel, LibreOffice and Google Sheets treat a cell that begins with = + - or @
as a formula (a tab or carriage return in front still counts), so a member
named `=HYPERLINK(...)` would become a live link in a coordinator's sheet.
Every CSV the project writes goes through `writer()`, which puts an
apostrophe before such text: the spreadsheet shows it as typed, and a reader
of the raw file can strip it.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """`value`, with an apostrophe in front when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class SafeWriter:
    """`csv.writer` whose rows are neutralised cell by cell; returns what the file returns."""

    def __init__(self, out, **options) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out, **options) -> SafeWriter:
    """The CSV writer every export uses (the arguments of `csv.writer`)."""
    return SafeWriter(out, **options)
