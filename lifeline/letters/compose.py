"""Compose one member's appeal letter to one official about one case sheet.

Pure: plain data in (`ParsedDocument`, `ParsedAppealGroup`, `ParsedTarget`,
`Writer`), a `Letter` out. Rendering it (plain text, email, PDF, HTML with
escaping) is someone else's job; `Letter.text()` is the plain-text form.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from babel import Locale
from babel.dates import format_date

from lifeline.documents.model import ParsedAppealGroup, ParsedDocument, ParsedTarget
from lifeline.letters.address import recipient_lines, sender_lines
from lifeline.letters.errors import LetterError
from lifeline.letters.frames import ENGLISH, FRAMES, Frame
from lifeline.letters.locales import locale, parse_locale
from lifeline.letters.model_letter import model_paragraphs
from lifeline.letters.places import from_place
from lifeline.letters.points import capitalise, first_person, first_person_in
from lifeline.letters.salutations import is_woman, salutation_for

CHANNELS = ("letter", "email", "fax")
OWN_WORDS_LIMIT = 5000
# Share of points after the first that get a connector ("Furthermore, ...").
_CONNECTOR_RATE = 0.35

# C0 and C1 controls but newline, and the bidi embeddings, overrides and
# isolates that can make text display in another order than it is stored.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass
class Writer:
    """The member writing: who signs, where the letter comes from."""

    name: str
    address: list[str] = field(default_factory=list)
    city: str = ""
    country: str = ""  # ISO 3166 alpha-2
    email: str = ""
    own_words: str = ""  # the writer's own paragraph, may be ""


@dataclass
class Letter:
    """A composed letter, in blocks a renderer lays out.

    `points_translated` says whether the appeal points are in the letter's
    language (always so for an English letter); when not, they are in English
    and `notices` says so. `notices` are for the writer, not part of the letter.
    """

    language: str
    direction: str  # "ltr" or "rtl"
    channel: str
    sender_block: list[str]
    date_line: str
    recipient_block: list[str]
    salutation: str
    paragraphs: list[str]
    closing: str
    signature: str
    copies_to: str = ""
    notices: list[str] = field(default_factory=list)
    points_translated: bool = True
    from_model_letter: bool = False

    def text(self) -> str:
        """The whole letter as plain text, blocks separated by a blank line."""
        blocks = [
            "\n".join(self.sender_block),
            self.date_line,
            "\n".join(self.recipient_block),
            self.salutation,
            *self.paragraphs,
            "\n".join(part for part in (self.closing, self.signature) if part),
            self.copies_to,
        ]
        return "\n\n".join(block for block in blocks if block) + "\n"


def compose(
    document: ParsedDocument,
    group: ParsedAppealGroup,
    target: ParsedTarget | None,
    writer: Writer,
    language: str = "en",
    channel: str = "letter",
    seed: str | int = 0,
    *,
    date: dt.date | None = None,
    translations: dict[str, list[str]] | None = None,
    use_model_letter: bool = True,
) -> Letter:
    """Write `writer`'s letter to `target` about `group`'s appeal points.

    `seed` picks the phrasing: the same seed gives the same letter, another seed
    other wording with the same points in the same order. `translations` maps a
    language to this group's points in it (first-person or list form). Where
    the sheet has a model letter it is the body, unless `use_model_letter` is
    False. Raises `LetterError` for input no letter can be made from.
    """
    if channel not in CHANNELS:
        raise LetterError(f"Unknown channel {channel!r}: choose letter, email or fax.")
    if document.kind == "stop_action":
        raise LetterError("This case is closed: no more appeals are asked for.")
    name = _clean(writer.name)
    if not name:
        raise LetterError("A letter needs your name to sign it.")
    own_words = _own_paragraphs(writer.own_words)

    notices: list[str] = []
    frame, letter_locale = _frame(language, notices)
    rng = random.Random(seed if isinstance(seed, int | str) else str(seed))

    salutation_words = salutation_for(
        frame,
        target.salutation if target else "",
        title=target.title if target else "",
        woman=is_woman(target.name, target.salutation) if target else False,
    )
    opening = _opening(frame, name, writer, rng)

    model = model_paragraphs(document.model_letter or "") if use_model_letter else []
    if model:
        paragraphs, in_language = _model_body(frame, model, opening, own_words, rng, notices)
    else:
        paragraphs, in_language = _composed_body(
            frame, group, translations, opening, own_words, rng, notices
        )

    if channel == "email":
        sender = [line for line in (name, _clean(writer.email)) if line]
        recipient: list[str] = []
    else:
        sender = sender_lines(name, writer.address, writer.city, writer.country, frame.language)
        recipient = recipient_lines(target, home_country=writer.country) if target else []
        if channel == "fax" and target and target.fax:
            recipient.append(f"Fax: {target.fax[0]}")

    copies = " ".join((document.copies_to or "").split()).rstrip(" .")
    return Letter(
        language=frame.language,
        direction=letter_locale.text_direction,
        channel=channel,
        sender_block=sender,
        date_line=format_date(
            date or dt.date.today(),
            format="long",
            locale=_date_locale(letter_locale, writer.country),
        ),
        recipient_block=recipient,
        salutation=salutation_words + frame.salutation_end,
        paragraphs=paragraphs,
        closing=frame.closing.format(salutation=salutation_words),
        signature=name,
        copies_to=f"{frame.copies_label} {capitalise(copies)}" if copies else "",
        notices=notices,
        points_translated=in_language,
        from_model_letter=bool(model),
    )


def _clean(text: str) -> str:
    return " ".join(_CONTROL.sub("", text or "").split())


def _own_paragraphs(text: str) -> list[str]:
    """The writer's own words as paragraphs: controls stripped, length checked.

    Stored as written otherwise; escaping is the renderer's job.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text).strip()
    if len(text) > OWN_WORDS_LIMIT:
        raise LetterError(
            f"Your own words are {len(text)} characters long; the limit is {OWN_WORDS_LIMIT}."
        )
    return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]


def _english_name(language: str) -> str:
    name: str = locale("en").languages.get(language, language)
    return name


def _frame(language: str, notices: list[str]) -> tuple[Frame, Locale]:
    """The frame and Babel locale for `language` ("fr", "fr-CA", "French"), or English."""
    wanted = (language or "").strip()
    if not wanted:
        return ENGLISH, locale("en")
    found = parse_locale(wanted)
    if found is None:
        by_name = {n.casefold(): c for c, n in locale("en").languages.items() if n and "_" not in c}
        # What speakers call their own language: "français", "español", "العربية".
        by_name.update(
            {own.casefold(): c for c in FRAMES if (own := locale(c).get_display_name(c))}
        )
        code = by_name.get(wanted.casefold())
        if code is None:
            notices.append(f"Unknown language {wanted!r}: the letter is in English.")
            return ENGLISH, locale("en")
        if code not in FRAMES:
            # Babel names languages it has no locale data for ("Klingon"): no parse.
            notices.append(
                f"There is no {_english_name(code)} letter frame yet: the letter is in English."
            )
            return ENGLISH, locale("en")
        found = locale(code)
    frame = FRAMES.get(found.language)
    if frame is None:
        notices.append(
            f"There is no {_english_name(found.language)} letter frame yet: "
            "the letter is in English."
        )
        return ENGLISH, locale("en")
    return frame, found


def _date_locale(language: Locale, country: str) -> Locale:
    """The writer's regional form of the language when Babel has it: en_GB, es_MX."""
    if language.territory or not country:
        return language
    return parse_locale(f"{language.language}_{country.upper()}") or language


def _opening(frame: Frame, name: str, writer: Writer, rng: random.Random) -> str:
    # A postcode in the city field ("75001 Paris") is for the envelope, not the opening.
    city = " ".join(w for w in _clean(writer.city).split() if not re.search(r"\d", w))
    place = from_place(frame, city, writer.country)
    choices = frame.openings if place else frame.openings_without_place
    opening = rng.choice(choices).format(name=name, from_place=place)
    concern = rng.choice(frame.concerns)
    return f"{opening} {concern}".strip()


def _vary(sentences: list[str], frame: Frame, rng: random.Random) -> list[str]:
    """Other words for how each point starts, and a connector now and then.

    Only the first-person lead ("I urge you to") changes; the rest of the
    point, what is asked, stays word for word.
    """
    varied = []
    connectors = list(frame.connectors)
    for index, sentence in enumerate(sentences):
        for prefix, alternatives in frame.point_variants:
            if sentence.startswith(prefix):
                sentence = rng.choice(alternatives) + sentence[len(prefix) :]
                break
        wants_connector = index and connectors and sentence.startswith("I ")
        if wants_connector and rng.random() < _CONNECTOR_RATE:
            # Each connector once: "Furthermore, ... Furthermore, ..." reads badly.
            sentence = connectors.pop(rng.randrange(len(connectors))) + sentence
        varied.append(sentence)
    return varied


def _composed_body(
    frame: Frame,
    group: ParsedAppealGroup,
    translations: dict[str, list[str]] | None,
    opening: str,
    own_words: list[str],
    rng: random.Random,
    notices: list[str],
) -> tuple[list[str], bool]:
    language = frame.language
    translated = (translations or {}).get(language) if language != "en" else None
    mismatch = bool(translated) and len(translated or ()) != len(group.points)
    if mismatch:
        notices.append(
            f"The {_english_name(language)} appeal points do not match the English ones "
            f"({len(translated or ())} for {len(group.points)}); they stay in English."
        )
        translated = None
    if language == "en":
        sentences, in_language = [first_person(p, group.audience) for p in group.points], True
    elif translated:
        sentences = [first_person_in(p, language, group.audience) for p in translated]
        in_language = True
    else:
        sentences = [first_person(p, group.audience) for p in group.points]
        in_language = False
        if group.points and not mismatch:
            notices.append(
                f"The appeal points have no {_english_name(language)} translation yet; "
                "they stay in English."
            )
    sentences = [sentence for sentence in sentences if sentence]
    if not sentences:
        notices.append("This appeal group has no appeal points.")
    if in_language:
        sentences = _vary(sentences, frame, rng)
        lead_in = rng.choice(frame.lead_ins)
    else:
        lead_in = rng.choice(frame.english_lead_ins) if sentences else ""
    thanks = rng.choice(frame.thanks)
    body = [opening, *own_words, lead_in, *sentences, thanks]
    return [paragraph for paragraph in body if paragraph], in_language


def _model_body(
    frame: Frame,
    model: list[str],
    opening: str,
    own_words: list[str],
    rng: random.Random,
    notices: list[str],
) -> tuple[list[str], bool]:
    """The sheet's model letter as the body, the writer's words after its first paragraph.

    Model letters are written in English; a letter in another language frames
    it with an opening and a lead-in in that language.
    """
    if frame.language == "en":
        return [model[0], *own_words, *model[1:]], True
    notices.append(
        f"The model letter has no {_english_name(frame.language)} translation; it stays in English."
    )
    lead_in = rng.choice(frame.english_model_lead_ins)
    return [opening, *own_words, lead_in, *model], False
