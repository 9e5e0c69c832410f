"""What the parser gives back: plain data classes, shared by the importer and the CLI."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("urgent_action", "further_information", "stop_action", "news", "other")


@dataclass
class ParsedTarget:
    """An official to write to, as the case sheet gives them."""

    title: str = ""
    name: str = ""
    organisation: str = ""
    address: list[str] = field(default_factory=list)
    country: str = ""  # ISO 3166 alpha-2 of the postal address, "" when unknown
    telex: list[str] = field(default_factory=list)
    telegram: list[str] = field(default_factory=list)
    fax: list[str] = field(default_factory=list)
    email: list[str] = field(default_factory=list)
    phone: list[str] = field(default_factory=list)
    twitter: list[str] = field(default_factory=list)
    salutation: str = ""


@dataclass
class ParsedAppealGroup:
    """`APPEALS TO CHINESE AUTHORITIES:` with its points and the targets that follow."""

    audience: str = ""
    points: list[str] = field(default_factory=list)
    targets: list[ParsedTarget] = field(default_factory=list)


@dataclass
class ParsedDocument:
    source: str = ""
    kind: str = "other"
    ua_number: str | None = None  # "105/00"
    update_number: int | None = None
    document_index: str | None = None  # "ASA 17/21/00"
    title: str = ""
    concerns: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO alpha-2, order of mention
    issue_date: dt.date | None = None
    appeal_deadline: dt.date | None = None
    appeal_immediately: bool = False
    people_at_risk: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    own_language: bool = False
    appeal_groups: list[ParsedAppealGroup] = field(default_factory=list)
    copies_to: str = ""
    model_letter: str | None = None
    body: str = ""  # background paragraphs separated by one blank line
    warnings: list[str] = field(default_factory=list)
    # Why the file cannot be read as a document at all (binary, empty, a PDF bomb,
    # ...): the importer stores nothing of it and reports this reason. "" when read.
    refused: str = ""
    # Not part of the JSON contract's required keys, but kept by the importer.
    text: str = ""  # the whole cleaned text
    source_text: str = ""  # the original, decoded
    source_hash: str = ""  # sha256 hex of the original bytes
    # Added by the parser beyond the contract; the importer may ignore them.
    layout: str = ""  # which reader recognised the sheet: "classic", "labelled", "news", ...
    encoding: str = ""  # how the bytes were decoded ("utf-8", "cp1252", ...; "" for str input)
    related_indexes: list[str] = field(default_factory=list)  # other documents the heading cites
    copy_targets: list[ParsedTarget] = field(default_factory=list)  # "And copies to:" officials

    def to_json(self) -> dict[str, Any]:
        """The `lifeline parse` JSON object (dates as YYYY-MM-DD)."""
        data = asdict(self)
        for key in ("issue_date", "appeal_deadline"):
            value = data[key]
            data[key] = value.isoformat() if value else None
        for key in ("text", "source_text"):
            data.pop(key)
        return data
