"""A case sheet's model letter, as paragraphs the composer can frame.

The sheet's model letter carries its own "Dear Governor," and "Yours
sincerely," (and often a signature placeholder); the composer supplies those
itself, so they are cut here.
"""

from __future__ import annotations

import re

_SALUTATION = re.compile(
    r"^(?:dear\b|your\s+(?:excellency|majesty|highness|honou?r)|excellency\b|to whom\b"
    r"|sirs?\b|madam\b|monsieur\b|madame\b|señor|señora|estimad[oa]s?\b|excelencia\b)",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"^(?:yours\s+(?:sincerely|faithfully|truly|respectfully)|sincerely(?:\s+yours)?|"
    r"respectfully(?:\s+yours)?|(?:with\s+)?(?:kind|best|warm)\s+regards|regards|with\s+respect"
    r"|atentamente|cordialement)\b",
    re.IGNORECASE,
)
# A closing is looked for among the last lines only; an early "Regards" is text.
_CLOSING_WINDOW = 6


def model_paragraphs(text: str) -> list[str]:
    """The model letter's body paragraphs, without its salutation and closing lines."""
    lines = [line.strip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    if lines and _SALUTATION.match(lines[0]) and len(lines[0]) <= 80:
        lines.pop(0)
    filled = [index for index, line in enumerate(lines) if line]
    for index in reversed(filled[-_CLOSING_WINDOW:]):
        if _CLOSING.match(lines[index]):
            lines = lines[:index]
            break
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(" ".join(current).split()))
            current = []
    return paragraphs
