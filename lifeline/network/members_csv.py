"""Reading members from a CSV file: every bad row reported with its line number.

`read_members()` only reads and checks; nothing is written until the caller
imports the result, and then all of it in one transaction or none.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from lifeline.documents.countries import is_code

REQUIRED = ("name", "email", "language", "country")
OPTIONAL = ("address",)
# Headers that coordinators' spreadsheets use for our columns.
ALIASES = {
    "full name": "name",
    "e-mail": "email",
    "email address": "email",
    "mail": "email",
    "lang": "language",
    "postal address": "address",
}


@dataclass(frozen=True)
class MemberRow:
    line: int
    name: str
    email: str
    language: str
    country: str
    address: str = ""


@dataclass
class ReadResult:
    rows: list[MemberRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "line N: reason"
    # The file as a whole cannot be read (missing columns, a bad mapping).
    unreadable: bool = False


def column_map(headers: Iterable[str], mapping: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Our field -> the file's header, from `mapping` (field -> header) and known aliases."""
    by_field: dict[str, str] = {}
    for header in headers:
        key = header.strip().lower()
        name = ALIASES.get(key, key)
        if name in (*REQUIRED, *OPTIONAL):
            by_field.setdefault(name, header)
    for name, header in mapping.items():
        if name not in (*REQUIRED, *OPTIONAL):
            return {}, [
                f"--column {name}=...: no such field (fields: {', '.join(REQUIRED + OPTIONAL)})"
            ]
        if header not in headers:
            return {}, [f"--column {name}={header}: the file has no column {header!r}"]
        by_field[name] = header
    missing = [name for name in REQUIRED if name not in by_field]
    if missing:
        return {}, [f"line 1: missing column(s) {', '.join(missing)} (found: {', '.join(headers)})"]
    return by_field, []


def read_members(text: str, mapping: dict[str, str] | None = None) -> ReadResult:
    """Parse and check the CSV `text`; line numbers count the header as line 1."""
    result = ReadResult()
    reader = csv.DictReader(io.StringIO(text))
    headers = reader.fieldnames or []
    columns, errors = column_map(headers, mapping or {})
    if errors:
        result.errors = errors
        result.unreadable = True
        return result
    languages = {code for code, _ in settings.LANGUAGES}
    seen: dict[str, int] = {}
    for record in reader:
        line = reader.line_num
        values = {name: (record.get(header) or "").strip() for name, header in columns.items()}
        problems = []
        if None in record:
            problems.append("more fields than columns")
        if not values["name"]:
            problems.append("name is empty")
        email = values["email"]
        try:
            validate_email(email)
        except ValidationError:
            problems.append(f"email {email!r} is not an email address")
        else:
            if email.lower() in seen:
                problems.append(f"email {email} is also on line {seen[email.lower()]}")
            seen.setdefault(email.lower(), line)
        language = values["language"].lower().replace("_", "-").split("-")[0]
        if language not in languages:
            problems.append(
                f"language {values['language']!r} is not one of {', '.join(sorted(languages))}"
            )
        country = values["country"].upper()
        if not is_code(country):
            problems.append(f"country {values['country']!r} is not a two-letter ISO code")
        if problems:
            result.errors.append(f"line {line}: {'; '.join(problems)}")
            continue
        result.rows.append(
            MemberRow(line, values["name"], email, language, country, values.get("address", ""))
        )
    return result
