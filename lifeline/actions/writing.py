"""What the letter page shows: the writer's form bound to sensible defaults, the
draft, the advice worded for the page, and the ways to send it.

Kept apart from the views so they stay a few lines each; nothing here knows
about HTTP beyond reading a QueryDict. The writer's name, address and own
words come only from POST bodies (`PERSONAL_FIELDS`); links carry the rest.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Protocol

from babel import Locale
from django.http import QueryDict
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lifeline.actions import drafting
from lifeline.actions.forms import UNAVAILABLE, SenderForm, SentForm, WriteForm, recipient_label
from lifeline.actions.models import Channel
from lifeline.letters import Letter, LetterError
from lifeline.letters.frames import FRAMES
from lifeline.letters.render import email_subject, letter_html, mailto_is_complete, mailto_link


class Member(Protocol):
    """What the letter page reads of a member's profile (`network.models.Member`).

    Described, not imported: the network depends on actions (appeals, their
    counts) and not back.
    """

    @property
    def name(self) -> str: ...
    @property
    def email(self) -> str: ...
    @property
    def address(self) -> str: ...
    @property
    def country(self) -> str: ...
    @property
    def confirmed(self) -> dt.datetime | None: ...


# What the writer says about themselves. It travels only in POST bodies, never
# in a URL: URLs end up in server and proxy logs and in the browser's history.
PERSONAL_FIELDS = ("name", "address", "city", "country", "own_words")


def public_query(query: QueryDict) -> QueryDict:
    """`query` without the writer's personal fields: what a link may carry."""
    public = query.copy()
    for name in (*PERSONAL_FIELDS, "csrfmiddlewaretoken"):
        public.pop(name, None)
    return public


def params(query: QueryDict) -> dict[str, str]:
    """The request's values, a multi-line address sent as several hidden fields joined."""
    data = {key: query.get(key, "") for key in query}
    if "address" in query:
        data["address"] = "\n".join(query.getlist("address"))
    return data


def member_of(user) -> Member | None:
    """The signed-in writer's membership, if they have one."""
    if not getattr(user, "is_authenticated", False):
        return None
    # A user with no membership raises the reverse relation's DoesNotExist, an
    # AttributeError too.
    return getattr(user, "member", None)


def defaults(
    desk: drafting.Desk, given: dict[str, str], member: Member | None = None
) -> dict[str, str]:
    """The first official, the page's language, the channel advised for the official;
    a member's name, address and country from their profile."""
    recipient = desk.recipient(given.get("to", "")) or desk.recipients[0]
    language = (get_language() or "en").split("-")[0]
    values = {
        "to": recipient.value,
        "language": language if language in FRAMES else "en",
        "channel": drafting.advice_for(desk, recipient).best or "letter",
        "paper": "a4",
    }
    if member is not None:
        values |= {"name": member.name, "address": member.address, "country": member.country}
    return values


def bound_form(desk: drafting.Desk, query: QueryDict, member: Member | None = None) -> WriteForm:
    given = params(query)
    form = WriteForm({**defaults(desk, given, member), **given}, desk=desk)
    form.is_valid()
    return form


def letter_for(desk: drafting.Desk, form: WriteForm, email: str = "") -> tuple[Letter | None, str]:
    """The draft for a valid form, or the composer's reason why there is none."""
    if form.errors:
        return None, ""
    try:
        return drafting.draft(desk, form.choices(email)), ""
    except LetterError as error:
        return None, str(error)


def page_context(
    desk: drafting.Desk,
    form: WriteForm,
    sender_form: SenderForm | None = None,
    member: Member | None = None,
) -> dict[str, Any]:
    """The letter page's context: the form, the advice, and the draft when there is one."""
    letter, problem = letter_for(desk, form)
    recipient = form.recipient or desk.recipients[0]
    advice = drafting.advice_for(desk, recipient)
    who = recipient_label(recipient)
    labels = dict(Channel.choices)
    context = {
        "case": desk.case,
        "desk": desk,
        "form": form,
        "about_fields": [form[field] for field in ("name", "address", "city", "country")],
        "advice": advice,
        "recipient": recipient,
        "recipient_name": who,
        "recommended_labels": ", ".join(str(labels[c]) for c in advice.recommended),
        "channel_options": [
            {
                "value": value,
                "label": label,
                "checked": form.data.get("channel") == value,
                "available": value in advice.available,
                "recommended": value in advice.recommended,
                "reason": UNAVAILABLE[value] % {"target": who},
            }
            for value, label in Channel.choices
        ],
        "letter": letter,
        "problem": problem,
        "query": QueryDict(mutable=True),
        "carried": [],
        "personal_fields": " ".join(PERSONAL_FIELDS),
    }
    if letter is not None:
        _document, parsed = desk.action()
        query = QueryDict(mutable=True)
        for name in WriteForm.base_fields:
            value = form.data.get(name)
            if value:
                query.setlist(name, str(value).split("\n") if name == "address" else [value])
        emails = recipient.parsed_target.email[:1]
        subject = email_subject(parsed, letter.language)
        context |= {
            "preview": mark_safe(letter_html(letter)),  # noqa: S308 - escaped by letter_html
            "blank": drafting.is_blank(letter),
            "notices": notices(letter, form.cleaned_data["language"]),
            # The draft's choices for links: nothing personal (see PERSONAL_FIELDS).
            "query": public_query(query),
            # Everything, for the hidden fields of the page's POST forms.
            "carried": carried(query),
            "sent_form": SentForm(
                initial={
                    "key": uuid.uuid4(),
                    "to": recipient.value,
                    "channel": letter.channel,
                    "language": letter.language,
                    "email": member.email if member else "",
                }
            ),
            "sender_form": sender_form
            or SenderForm(initial={"sender": member.email if member else ""}),
            "target_email": emails[0] if emails else "",
            "mailto": mailto_link(letter, emails, subject) if emails else "",
            "mailto_complete": mailto_is_complete(letter, emails, subject) if emails else True,
        }
    return context


def carried(query: QueryDict) -> list[tuple[str, str]]:
    """(name, value) pairs for hidden fields that carry the draft into a POST form."""
    return [
        (name, value)
        for name in query
        if name in WriteForm.base_fields
        for value in query.getlist(name)
    ]


def notices(letter: Letter, requested: str) -> list[str]:
    """What the writer should know about the draft, in the page's language."""
    said = []
    wanted = requested.strip().lower().replace("_", "-").split("-")[0]
    if wanted and wanted != letter.language:
        said.append(
            _("There is no letter in “%(language)s” yet: the letter is in English.")
            % {"language": requested.strip()[:35]}
        )
    if not letter.points_translated:
        name = Locale(letter.language).get_display_name(get_language() or "en")
        said.append(
            _(
                "The appeal points have no %(language)s translation yet: they stay in "
                "English, as the case sheet gives them."
            )
            % {"language": name}
        )
    return said
