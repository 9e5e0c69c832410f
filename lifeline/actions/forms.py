"""The writing page's forms: the writer's choices, "I have sent it", "send from the site"."""

from __future__ import annotations

from typing import cast

from babel import Locale
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from lifeline.actions.appeals import UNAVAILABLE
from lifeline.actions.drafting import Choices, Desk, Recipient
from lifeline.actions.models import Channel
from lifeline.letters import Writer
from lifeline.letters.compose import OWN_WORDS_LIMIT
from lifeline.letters.frames import FRAMES
from lifeline.lib import countries

PAPERS = [("a4", _("A4")), ("us-letter", _("US Letter"))]
# Longest language a hand-edited address may ask for ("fr-CA", "français", ...);
# anything the composer does not know falls back to English with a notice.
LANGUAGE_LENGTH = 35
ADDRESS_LINES = 6


def language_choices() -> list[tuple[str, str]]:
    """The letter languages, each named in itself: English, français, español, العربية."""
    return [(code, Locale(code).get_display_name(code) or code) for code in FRAMES]


def country_choices() -> list[tuple[str, str | Promise]]:
    return [("", _("(not given)")), *countries.country_choices()]


class PlainSelect(forms.Select):
    """A select whose options are joined in Python.

    Django renders each option through a template: for 250 countries that is most
    of the letter page's time.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(v) for v in self.format_value(value)}
        options = "".join(
            f'<option value="{escape(code)}"{" selected" if str(code) in chosen else ""}>'
            f"{escape(label)}</option>"
            for code, label in self.choices
        )
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{options}</select>')  # noqa: S308


def recipient_label(recipient: Recipient) -> str:
    who = recipient.target.display_name
    audience = recipient.group.audience
    return f"{who} ({audience})" if audience else who


def _plain_text(value: str) -> str:
    return value.replace("\r\n", "\n").replace("\r", "\n")


class WriteForm(forms.Form):
    """The writer's choices, read from the query string so every draft has a link.

    Bound to the defaults merged with what the request gave, so the first view
    of the page already shows a draft.
    """

    to = forms.ChoiceField(label=_("Write to"))
    language = forms.CharField(label=_("Language of the letter"), max_length=LANGUAGE_LENGTH)
    channel = forms.ChoiceField(
        label=_("Send it by"), choices=Channel.choices, widget=forms.RadioSelect
    )
    paper = forms.ChoiceField(label=_("Paper"), choices=PAPERS, required=False)
    envelope = forms.BooleanField(label=_("Add an envelope / airmail label page"), required=False)
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    address = forms.CharField(
        label=_("Your street address"),
        help_text=_("One line each; leave empty to write it by hand."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=600,
        required=False,
    )
    city = forms.CharField(label=_("Town or city, with postcode"), max_length=200, required=False)
    country = forms.ChoiceField(label=_("Country you write from"), required=False)
    own_words = forms.CharField(
        label=_("Your own words"),
        help_text=_(
            "A few sentences of your own make the letter personal: who you are, why this "
            "case matters to you. Up to %(limit)s characters."
        )
        % {"limit": number_format(OWN_WORDS_LIMIT, force_grouping=True)},
        # The browser stops at the limit too; the server check is for the rest.
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": OWN_WORDS_LIMIT}),
        required=False,
        strip=False,
    )

    def __init__(self, data, *, desk: Desk):
        super().__init__(data)
        self.desk = desk
        to = cast(forms.ChoiceField, self.fields["to"])
        to.choices = [(r.value, recipient_label(r)) for r in desk.recipients]
        self.fields["language"].widget = forms.Select(choices=language_choices())
        self.fields["country"].widget = PlainSelect(choices=country_choices())
        country = cast(forms.ChoiceField, self.fields["country"])
        country.choices = country.widget.choices

    def clean_own_words(self):
        text = _plain_text(self.cleaned_data["own_words"])
        if len(text) > OWN_WORDS_LIMIT:
            raise ValidationError(
                _(
                    "Your own words are %(length)s characters long; the limit is %(limit)s. "
                    "Please shorten them."
                ),
                params={
                    "length": number_format(len(text), force_grouping=True),
                    "limit": number_format(OWN_WORDS_LIMIT, force_grouping=True),
                },
                code="too_long",
            )
        return text

    def clean_address(self):
        lines = [line.strip() for line in _plain_text(self.cleaned_data["address"]).split("\n")]
        lines = [line for line in lines if line]
        if len(lines) > ADDRESS_LINES:
            raise ValidationError(
                _("Please give your address in at most %(count)s lines."),
                params={"count": ADDRESS_LINES},
            )
        return lines

    def clean(self):
        cleaned = super().clean()
        recipient = self.desk.recipient(cleaned.get("to", ""))
        channel = cleaned.get("channel")
        if recipient and channel and channel not in recipient.channels:
            self.add_error(
                "channel",
                ValidationError(
                    UNAVAILABLE[channel], params={"target": recipient_label(recipient)}
                ),
            )
        return cleaned

    @property
    def recipient(self) -> Recipient | None:
        """The chosen official, valid or not (for advice beside the errors)."""
        return self.desk.recipient(str(self.data.get("to", "")))

    def choices(self, email: str = "") -> Choices:
        """The cleaned choices for the composer (call after `is_valid()`)."""
        data = self.cleaned_data
        recipient = self.desk.recipient(data["to"])
        if recipient is None:  # clean_to() let it through: a caller skipped is_valid()
            raise ValueError(f"choices() of a form without a valid official ({data['to']!r})")
        return Choices(
            recipient=recipient,
            language=data["language"].strip(),
            channel=data["channel"],
            writer=Writer(
                name=data["name"],
                address=data["address"],
                city=data["city"],
                country=data["country"],
                email=email,
                own_words=data["own_words"],
            ),
        )


class SentForm(forms.Form):
    """ "I have sent it": which official, which way, in which language; the page's key."""

    def __init__(self, *args, **kwargs):
        # Its ids must not clash with the letter form's on the same page.
        super().__init__(*args, auto_id="sent_%s", **kwargs)

    key = forms.UUIDField(widget=forms.HiddenInput)
    to = forms.CharField(widget=forms.HiddenInput, max_length=20)
    channel = forms.ChoiceField(choices=Channel.choices, widget=forms.HiddenInput)
    language = forms.CharField(widget=forms.HiddenInput, max_length=LANGUAGE_LENGTH)
    email = forms.EmailField(
        label=_("Your email (optional)"),
        help_text=_("To hear how the case goes on. We never show it to anyone."),
        required=False,
    )


class SenderForm(forms.Form):
    """The writer's own address for an appeal the site sends for them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="sender_%s", **kwargs)

    sender = forms.EmailField(
        label=_("Your email address"),
        help_text=_(
            "The official's reply goes to this address. The first time, we send you a "
            "link to confirm it before your appeal goes."
        ),
    )
