"""Bytes to text: the encodings archives really hold, mojibake, and odd characters.

Archive files come as UTF-8, Windows-1252, Latin-1 (which Windows-1252 decodes
identically for every printable character), now and then a Central European or
Cyrillic code page, and as mojibake: UTF-8 that someone once read as
Windows-1252 and saved again. charset-normalizer proposes the candidate
encodings and ftfy undoes mojibake; what this module adds is cheap gating, so a
clean UTF-8 file (nearly all of them) costs one `bytes.decode`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Encodings whose NUL bytes are parts of characters.
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)

# The English-language archive leans on Windows-1252: when a legacy decoding
# looks as clean as any other candidate, the earlier one in this list wins.
_PREFERENCE = (
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1250",
    "iso8859_2",
    "cp1251",
    "koi8_r",
    "iso8859_7",
    "cp1253",
    "mac_roman",
    "cp850",
    "cp437",
)

# A UTF-8 lead byte read as Windows-1252 ("Ã", "â", ...) followed by a
# continuation byte read the same way: the fingerprint of mojibake. Only when it
# matches do we pay for ftfy.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)

# Characters the rest of the parser should never have to think about.
_TRANSLATE = {
    0x2018: "'",
    0x2019: "'",
    0x201A: "'",
    0x201B: "'",
    0x2032: "'",
    0x00B4: "'",
    0x201C: '"',
    0x201D: '"',
    0x201E: '"',
    0x201F: '"',
    0x2033: '"',
    0x00AB: '"',
    0x00BB: '"',
    0x00A0: " ",
    0x2002: " ",
    0x2003: " ",
    0x2009: " ",
    0x202F: " ",
    0x3000: " ",
    0x00AD: None,  # soft hyphen
    0x200B: None,
    0x200C: None,
    0x200D: None,
    0x2060: None,
    0xFEFF: None,
    0xFFFD: None,  # replacement characters carry nothing a reader can use
    0xFB01: "fi",
    0xFB02: "fl",
    0xFB00: "ff",
    0xFB03: "ffi",
    0xFB04: "ffl",
    0x2028: "\n",
    0x2029: "\n\n",
    0x2010: "-",
    0x2011: "-",
    0x2212: "-",
    # Word's Symbol/Wingdings bullets land in the private use area.
    0xF0B7: "\u2022",
    0xF0A7: "\u2022",
    0xF076: "\u2022",
    0xF0D8: "\u2022",
    0xF0FC: "\u2022",
    0x25AA: "\u2022",
    0x25A0: "\u2022",
    0x25CF: "\u2022",
    0x25BA: "\u2022",
    0x27A2: "\u2022",
    0x00B7: "\u2022",
}
# C0 controls other than tab, newline, form feed and carriage return, and the
# C1 controls a Latin-1 reading leaves behind.
for _code in [*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]:
    _TRANSLATE[_code] = None
_TRANSLATE[0x0B] = "\n"  # vertical tab: Word's manual line break


@dataclass
class Decoded:
    text: str  # repaired, with quotes and spaces normalised
    original: str  # the decoded text before any repair
    encoding: str = ""
    warnings: list[str] = field(default_factory=list)


def decode(data: str | bytes) -> Decoded:
    """Decode bytes (or take text), repair mojibake and normalise characters.

    NUL goes from the original as well as from the text: it is no character of
    any sheet, and PostgreSQL cannot store it (SQLite can, so both must drop it).
    """
    warnings: list[str] = []
    if isinstance(data, str):
        data = data.replace("\x00", "") if "\x00" in data else data
        return Decoded(repair(data, warnings), data, "", warnings)
    data = bytes(data)
    if b"\x00" in data and not data.startswith(_WIDE_BOMS):
        data = data.replace(b"\x00", b"")
    original, encoding = _decode_bytes(data, warnings)
    if "\x00" in original:  # from UTF-16 or UTF-32
        original = original.replace("\x00", "")
    if encoding == "utf-8" and not data.startswith(codecs.BOM_UTF8):
        return Decoded(_repair_utf8(data, original, warnings), original, encoding, warnings)
    return Decoded(repair(original, warnings), original, encoding, warnings)


# The characters most sheets hold, replaced in the UTF-8 bytes before decoding.
_COMMON_BYTES = tuple(
    (chr(code).encode("utf-8"), (_TRANSLATE[code] or "").encode("utf-8"))
    for code in (0x2019, 0x2018, 0x201C, 0x201D, 0x00A0)
)
# Lead bytes of the other characters to replace, and the sequences they start.
_RARE_SEQUENCES = frozenset(
    chr(code).encode("utf-8")
    for code in _TRANSLATE
    if code > 0x7F and code not in (0x2019, 0x2018, 0x201C, 0x201D, 0x00A0)
)
_RARE_LEADS = tuple(sorted({sequence[:1] for sequence in _RARE_SEQUENCES}))
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_MOJIBAKE_BYTES = re.compile(
    rb"\xc3[\x82-\xaf](?:\xc2[\x80-\xbf]|\xe2[\x80-\x84][\x80-\xbf]|\xc5[\x92\x93\xa0\xa1\xb8\xbd\xbe]"
    rb"|\xc6\x92|\xcb[\x86\x9c])"
)


def _repair_utf8(data: bytes, original: str, warnings: list[str]) -> str:
    """repair() for valid UTF-8, with the tests done on the bytes.

    Searching text that holds characters beyond Latin-1 is several times slower
    than searching its UTF-8 bytes, and this runs on every sheet.
    """
    if (b"\xc3" in data and _MOJIBAKE_BYTES.search(data)) or len(
        data.translate(None, _CONTROL_BYTES)
    ) != len(data):
        return repair(original, warnings)  # the careful path
    if data.isascii():
        return original
    for sequence, replacement in _COMMON_BYTES:
        if sequence in data:
            data = data.replace(sequence, replacement)
    text = data.decode("utf-8")
    # Combining marks (U+0300-U+036F) start with these bytes: only then can text be decomposed.
    if (b"\xcc" in data or b"\xcd" in data) and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _has_rare(data):
        text = _SPECIAL.sub(_replace_special, text)
    return text


def _has_rare(data: bytes) -> bool:
    for lead in _RARE_LEADS:
        at = data.find(lead)
        while at != -1:
            if data[at : at + 2] in _RARE_SEQUENCES or data[at : at + 3] in _RARE_SEQUENCES:
                return True
            at = data.find(lead, at + 1)
    return False


def repair(text: str, warnings: list[str] | None = None) -> str:
    """Undo mojibake and map quotes, spaces, ligatures and bullets to plain forms."""
    if text.isascii():
        return text.translate(_TRANSLATE) if _ASCII_CONTROLS.search(text) else text
    if _MOJIBAKE.search(text):
        fixed = _fix_mojibake(text)
        if fixed != text:
            text = fixed
            if warnings is not None:
                warnings.append("repaired mojibake (UTF-8 that had been read as Windows-1252)")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # str.translate looks up every character; only a few ever need replacing.
    return _SPECIAL.sub(_replace_special, text)


def _replace_special(match: re.Match[str]) -> str:
    return _TRANSLATE[ord(match.group())] or ""


def _fix_mojibake(text: str) -> str:
    import ftfy

    try:
        return ftfy.fix_encoding(text)
    except Exception:  # ftfy is careful, but never let a repair break parsing
        return text


def _decode_bytes(data: bytes, warnings: list[str]) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text, encoding = _decode_legacy(data)
    warnings.append(f"decoded as {encoding} (not valid UTF-8)")
    return text, encoding


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Pick the cleanest legacy decoding, favouring Windows-1252 on ties.

    charset-normalizer's own ranking is unreliable on English text with a few
    accented names (it happily calls Windows-1252 "cp1250" and turns "Muñoz"
    into "Muńoz"), so we use it for candidates and judge them ourselves.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    # The fast path: if Windows-1252 reads cleanly it would win the tie anyway.
    if text is not None and _implausibility(text) == 0:
        return text, "cp1252"
    candidates = list(_PREFERENCE)
    for encoding in _detected(data):
        if encoding not in candidates:
            candidates.append(encoding)
    best: tuple[int, int, str, str] | None = None
    for rank, encoding in enumerate(candidates):
        try:
            decoded = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        score = (_implausibility(decoded), rank, encoding, decoded)
        if best is None or score[:2] < best[:2]:
            best = score
    if best is None:  # latin_1 decodes anything, so this is only belt and braces
        return data.decode("latin_1"), "latin_1"
    return best[3], best[2]


_SPECIAL = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TRANSLATE)) + "]")


def _detected(data: bytes) -> list[str]:
    """charset-normalizer's candidates; detection is advice, so a failure gives none."""
    import charset_normalizer

    try:
        matches = charset_normalizer.from_bytes(data, cp_isolation=list(_PREFERENCE))
    except Exception:
        return []
    return [match.encoding for match in matches]


_ASCII_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_HARMLESS_SYMBOLS = set("\u2018\u2019\u201c\u201d\u2013\u2014\u2022\u2026\u20ac\u00a3\u00b0\u00a7")


def _implausibility(text: str) -> int:
    """Count signs that a decoding is wrong: symbols inside words, C1 controls,
    scripts mixed within a word, long words made only of accented Latin letters."""
    bad = 0
    for match in _NON_ASCII_RUN.finditer(text):
        run = match.group()
        start, end = match.span()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        for char in run:
            if "\x80" <= char <= "\x9f":
                bad += 3
            elif (
                not char.isalpha()
                and char not in _HARMLESS_SYMBOLS
                and before.isalpha()
                and after.isalpha()
            ):
                bad += 1  # "Wa³êsa": a cp1250 letter read as a cp1252 symbol
        if run.isalpha() and len(run) >= 4 and before.isascii() and after.isascii():
            latin = all(char < "\u0250" for char in run)
            if latin and not before.isalpha() and not after.isalpha():
                bad += 1  # "Ïðàâî": a Cyrillic word read as Latin-1
            elif not latin and (before.isalpha() or after.isalpha()):
                bad += 1  # "Mu\u0441oz": a Cyrillic letter inside a Latin word
    return bad


# Signatures of binary formats that are never a case sheet, whatever the file's name.
_BINARY_FORMATS = (
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word or Excel file"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x7fELF", "a program"),
)
# Characters of no text: C0 and C1 controls other than tab, line and page breaks
# (and DOS's end-of-file mark), and the replacement character.
_BINARY_CHARACTERS = re.compile("[\x01-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f\ufffd]")
# Random bytes decode to about 20% such characters; the worst legacy sheets hold
# a few stray ones.
_BINARY_SHARE = 0.02


def binary_format(data: bytes) -> str:
    """The name of the binary format `data` starts with, or ""."""
    return next((name for magic, name in _BINARY_FORMATS if data.startswith(magic)), "")


_BINARY_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20), 0x7F])


def looks_binary_bytes(data: bytes) -> bool:
    """looks_binary() on undecoded bytes, for C0 controls only: cheap enough to run
    before decoding, which is slow on random bytes (every legacy code page is tried)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom) and bom in _WIDE_BOMS:
            try:
                data[len(bom) :].decode(encoding)
                return False  # its bytes are halves and quarters of characters
            except UnicodeDecodeError:
                break  # read as a legacy code page, so judged as one
    return len(data) - len(data.translate(None, _BINARY_BYTES)) > _BINARY_SHARE * len(data)


def looks_binary(text: str) -> bool:
    """Whether decoded text is really binary data (more than 2% control characters)."""
    if text.isascii() and not _ASCII_CONTROLS.search(text):
        return False
    allowed = _BINARY_SHARE * len(text)
    return any(found > allowed for found, _ in enumerate(_BINARY_CHARACTERS.finditer(text), 1))
