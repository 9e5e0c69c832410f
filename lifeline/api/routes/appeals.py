"""Appeals: members (or tools acting for them) record that they sent one; anyone reads counts."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from django.utils.translation import gettext as _
from ninja import Header, Router, Schema, Status
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from lifeline.actions.appeals import (
    AppealRefused,
    Recordable,
    counted,
    forget,
    known,
    record_appeal,
    record_known,
    recording_limited,
    remember,
)
from lifeline.actions.clients import client_hash
from lifeline.actions.from_models import parsed_target
from lifeline.actions.models import Appeal, Channel
from lifeline.api.auth import token_auth
from lifeline.api.errors import ApiError, responses
from lifeline.api.routes.cases import Slug, get_case
from lifeline.cases.models import Document, GroupTarget
from lifeline.cases.queries import APPEAL_KINDS
from lifeline.letters.advice import target_channels

router = Router(tags=["appeals"])

ChannelName = Literal[tuple(Channel.values)]


IdempotencyKey = Annotated[
    UUID,
    Header(
        alias="Idempotency-Key",
        description="A UUID the client makes for this appeal and reuses on every retry.",
    ),
]


class AppealIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document: UUID = Field(description="The code of the Urgent Action or update written about.")
    target: UUID = Field(
        description="The code of the official written to; the document names them."
    )
    channel: ChannelName
    language: Annotated[
        str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,4})?$", max_length=10)
    ] = Field(description='The letter\'s language, e.g. "en", "fr", "zh-Hans".')


class AppealOut(Schema):
    code: UUID
    key: UUID = Field(description="The idempotency key it was recorded with.")
    document: UUID
    target: UUID
    case: str
    channel: ChannelName
    language: str
    sent: str = Field(description="When it was recorded (ISO 8601).")


class TargetAppealsOut(Schema):
    code: UUID
    name: str
    total: int
    by_channel: dict[str, int]


class CaseAppealsOut(Schema):
    case: str
    total: int
    by_channel: dict[str, int]
    targets: list[TargetAppealsOut] = Field(description="Most written to first.")


def _appeal(appeal: Appeal, facts: Recordable) -> dict:
    return {
        "code": appeal.code,
        "key": appeal.key,
        "document": facts.document_code,
        "target": facts.target_code,
        "case": facts.case_slug,
        "channel": appeal.channel,
        "language": appeal.language,
        "sent": appeal.sent.isoformat(),
    }


@router.post(
    "/appeals",
    auth=token_auth,
    response={200: AppealOut, 201: AppealOut, **responses(400, 401, 404, 409, 422, 429)},
    url_name="record_appeal",
)
def create_appeal(
    request,
    payload: AppealIn,
    idempotency_key: IdempotencyKey,
):
    """Record that the token's user sent an appeal: 201 the first time, 200 on a retry.

    Sending the same `Idempotency-Key` again returns the appeal recorded with it,
    so a retried request never counts twice; the same key with a different appeal
    is a 409.
    """
    client = client_hash(request)
    # Recorded before from this process: one INSERT that checks all it needs
    # (appeals.record_known); anything it does not record takes the full path below.
    remembered = (payload.document, payload.target)
    facts = known(remembered)
    if facts is not None and facts.takes(payload.channel):
        appeal = record_known(
            facts,
            key=idempotency_key,
            channel=payload.channel,
            language=payload.language,
            writer=request.auth,
            client=client,
        )
        if appeal is not None:
            return Status(201, _appeal(appeal, facts))
        forget(remembered)
    document = Document.objects.select_related("case").filter(code=payload.document).first()
    if document is None:
        raise ApiError(404, _("There is no document %(code)s.") % {"code": payload.document})
    link = (
        GroupTarget.objects.select_related("target")
        .filter(group__document=document, target__code=payload.target)
        .first()
    )
    problems = []
    if document.kind not in APPEAL_KINDS:
        problems.append(
            {"field": "body.document", "message": _("this document asks for no appeals")}
        )
    if link is None:
        problems.append(
            {"field": "body.target", "message": _("the document does not name this official")}
        )
    if problems or link is None:
        raise ApiError(422, _("This appeal cannot be recorded; see details."), problems)
    facts = Recordable.read(
        document, document.case, link.target, target_channels(parsed_target(link.target))
    )
    remember(remembered, facts)
    if not Appeal.objects.filter(key=idempotency_key).exists():
        # A retry of an appeal already recorded is answered as before, whatever changed.
        _check_recordable(facts, payload.channel)
        if recording_limited(client):
            raise ApiError(
                429,
                _(
                    "Too many appeals were recorded from your network address in the last hour; "
                    "please try again later."
                ),
            )
    appeal, created = record_appeal(
        key=idempotency_key,
        document=document,
        target=link.target,
        channel=payload.channel,
        language=payload.language,
        writer=request.auth,
        client=client,
    )
    same = (
        appeal.document_id == document.pk
        and appeal.target_id == link.target_id
        and appeal.channel == payload.channel
        and appeal.language == payload.language
    )
    if not same:
        raise ApiError(
            409,
            _("This Idempotency-Key recorded a different appeal (%(code)s); use a new key.")
            % {"code": appeal.code},
        )
    return Status(201 if created else 200, _appeal(appeal, facts))


def _check_recordable(facts: Recordable, channel: str) -> None:
    """422 for a closed case or a channel the official cannot be reached by."""
    try:
        facts.check(channel)
    except AppealRefused as refusal:
        field = "body.document" if refusal.field == "case" else "body.channel"
        raise ApiError(
            422,
            _("This appeal cannot be recorded; see details."),
            [{"field": field, "message": refusal.message}],
        ) from refusal


@router.get(
    "/cases/{slug}/appeals",
    response={200: CaseAppealsOut, **responses(400, 404)},
    url_name="case_appeals",
)
def case_appeals(request, slug: Slug):
    """How many appeals members recorded for a case: per channel and per official (one query)."""
    case = get_case(slug)
    rows = counted(
        Appeal.objects.filter(document__case=case),
        "target__code",
        "target__name",
        "target__title",
        "target__organisation",
        "channel",
    )
    by_target: dict[UUID, dict] = {}
    by_channel: dict[str, int] = {}
    for row in rows:
        name = ", ".join(p for p in (row["target__name"], row["target__title"]) if p)
        entry = by_target.setdefault(
            row["target__code"],
            {
                "code": row["target__code"],
                "name": name or row["target__organisation"],
                "total": 0,
                "by_channel": {},
            },
        )
        entry["by_channel"][row["channel"]] = row["count"]
        entry["total"] += row["count"]
        by_channel[row["channel"]] = by_channel.get(row["channel"], 0) + row["count"]
    targets = sorted(by_target.values(), key=lambda entry: (-entry["total"], entry["name"]))
    return {
        "case": case.slug,
        "total": sum(by_channel.values()),
        "by_channel": by_channel,
        "targets": targets,
    }
