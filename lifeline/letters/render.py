"""A composed letter as plain text, as an HTML fragment, and as a `mailto:` link.

Pure: no Django, no typesetting. Everything the writer or the case sheet says
is escaped for HTML here, so a template can mark the fragment safe.
"""

from __future__ import annotations

import html
import unicodedata
from urllib.parse import quote

from lifeline.documents.model import ParsedDocument
from lifeline.letters.compose import Letter
from lifeline.letters.frames import ENGLISH, FRAMES

# Mail programs started from a link do not all take long ones: Outlook on
# Windows and some web-mail handlers cut a mailto: URL at about 2,000
# characters, and a cut in the middle of a percent escape garbles the rest. So
# a link is kept under this length; a longer letter is cut at a paragraph (see
# `mailto_link`) and the page says to paste the whole text instead.
MAILTO_LIMIT = 2000
# Ends a body cut short, so neither writer nor reader takes it for the whole.
CUT_MARK = "[…]"


def letter_text(letter: Letter) -> str:
    """The whole letter as plain text: blocks separated by one blank line."""
    return letter.text()


def email_body(letter: Letter) -> str:
    """The letter as an email's text: from the salutation on.

    An email carries its sender, recipient and date in its headers, so the
    address blocks and the date line are left out.
    """
    blocks = [
        letter.salutation,
        *letter.paragraphs,
        "\n".join(part for part in (letter.closing, letter.signature) if part),
        letter.copies_to,
    ]
    return "\n\n".join(block for block in blocks if block) + "\n"


def email_subject(document: ParsedDocument, language: str = "en") -> str:
    """An email subject in the letter's language: "Urgent appeal: Forcible Return / ...".

    Falls back to English for a language without a frame. Kept on one line.
    """
    frame = FRAMES.get((language or "en").split("-")[0].split("_")[0].lower(), ENGLISH)
    title = " ".join((document.title or "").split())
    return f"{frame.subject}: {title}" if title else frame.subject


def text_direction(text: str, default: str = "ltr") -> str:
    """The direction of `text`'s first strong letter, as HTML's dir="auto" finds it.

    So an English appeal point in an Arabic letter keeps its full stop at the end
    and "9 Xihuangchenggenbeijie" its house number first.
    """
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return default


def letter_html(letter: Letter) -> str:
    """The letter as an HTML fragment for a preview: an `<article>`, all text escaped.

    The article carries the letter's `lang` and `dir` (Arabic is right to left);
    a line or paragraph whose own direction differs (an English appeal point in
    an Arabic letter) gets its own `dir`. Line breaks inside a paragraph become
    `<br>`. Classes `letter-*` name each block for the stylesheet.
    """
    direction = "rtl" if letter.direction == "rtl" else "ltr"

    def attrs(text: str, css: str) -> str:
        own = text_direction(text, direction)
        extra = f' dir="{own}"' if own != direction else ""
        return f'class="{css}"{extra}'

    def inline(text: str) -> str:
        return "<br>".join(html.escape(line) for line in text.split("\n"))

    def address(lines: list[str], css: str) -> str:
        if not lines:
            return ""
        inner = "".join(
            f"<span {attrs(line, 'letter-line')}>{inline(line)}</span><br>" for line in lines
        )
        return f'<address class="{css}">{inner.removesuffix("<br>")}</address>'

    def para(text: str, css: str) -> str:
        return f"<p {attrs(text, css)}>{inline(text)}</p>" if text else ""

    parts = [
        f'<article class="letter" lang="{html.escape(letter.language)}" dir="{direction}">',
        address(letter.sender_block, "letter-sender"),
        para(letter.date_line, "letter-date"),
        address(letter.recipient_block, "letter-recipient"),
        para(letter.salutation, "letter-salutation"),
        *(para(paragraph, "letter-paragraph") for paragraph in letter.paragraphs),
        para(letter.closing, "letter-closing"),
        para(letter.signature, "letter-signature"),
        para(letter.copies_to, "letter-copies"),
        "</article>",
    ]
    return "\n".join(part for part in parts if part)


def mailto_link(
    letter: Letter, to: list[str], subject: str, *, limit: int | None = MAILTO_LIMIT
) -> str:
    """A `mailto:` URL (RFC 6068) with the subject and `email_body` percent-encoded.

    Lines end in CRLF as RFC 6068 asks. When the whole link would be longer than
    `limit` characters, the body is cut at the last paragraph (or, failing
    that, word) that fits, and ends with "[…]"; `mailto_is_complete` tells the
    caller so it can offer the full text to paste. `limit=None` never cuts.
    """
    return _mailto(letter, to, subject, limit)[0]


def mailto_is_complete(
    letter: Letter, to: list[str], subject: str, *, limit: int | None = MAILTO_LIMIT
) -> bool:
    """Whether `mailto_link` with the same arguments carries the whole letter."""
    return _mailto(letter, to, subject, limit)[1]


def _mailto(letter: Letter, to: list[str], subject: str, limit: int | None) -> tuple[str, bool]:
    # "@" stays readable; "," separates addresses, so one inside an address is escaped.
    recipients = ",".join(quote(address.strip(), safe="@") for address in to if address.strip())
    head = f"mailto:{recipients}?subject={_encode(' '.join(subject.split()))}&body="
    body = email_body(letter)
    if limit is None or len(head) + len(_encode(body)) <= limit:
        return head + _encode(body), True
    room = limit - len(head) - len(_encode("\n\n" + CUT_MARK))
    if room <= 0:
        return head.removesuffix("&body="), False
    kept = body[: _longest_prefix(body, room)]
    cut = kept.rfind("\n\n")
    if cut <= 0:
        cut = max(kept.rfind(" "), kept.rfind("\n"))
    kept = kept[:cut].rstrip() if cut > 0 else kept.rstrip()
    return head + _encode(f"{kept}\n\n{CUT_MARK}"), False


def _encode(text: str) -> str:
    return quote(text.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")


def _longest_prefix(text: str, room: int) -> int:
    """How many characters of `text` encode to at most `room` characters."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if len(_encode(text[:middle])) <= room:
            low = middle
        else:
            high = middle - 1
    return low
