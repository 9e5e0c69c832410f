"""`lifeline letter` and `lifeline pack`: letters from a case sheet file, no database.

    lifeline letter FILE --group N --target N --lang en --from "Name|Street|City|Country"
                    --format pdf|txt -o OUT
    lifeline pack FILE... --copies N --langs en,fr -o pack.pdf

Groups and targets are counted from 1 in the order the sheet gives them. Input
that cannot make a letter stops the command with exit status 2 and a message
naming the file and what is wrong, before anything is written.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sized
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lifeline.documents import ParsedAppealGroup, ParsedDocument, ParsedTarget, countries
from lifeline.documents.files import read_file
from lifeline.documents.limits import Unreadable
from lifeline.documents.sandbox import Reader
from lifeline.letters.compose import Letter, Writer, compose
from lifeline.letters.errors import LetterError
from lifeline.letters.frames import FRAMES
from lifeline.letters.render import letter_text
from lifeline.lib.env import ConfigError
from lifeline.lib.import_limits import from_env

if TYPE_CHECKING:
    from tqdm import tqdm

USAGE_ERROR = 2
# Packs of at least this many letters report their progress on stderr.
PROGRESS_FROM = 200


class CommandError(Exception):
    """Input the command cannot work from; the message says what and where."""


def letter_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lifeline letter",
        description="Write one appeal letter from a case sheet, as PDF or plain text.",
    )
    parser.add_argument("file", metavar="FILE", help="a case sheet, as `lifeline parse` reads it")
    parser.add_argument("--group", type=int, default=1, metavar="N", help="appeal group (from 1)")
    parser.add_argument("--target", type=int, default=1, metavar="N", help="target (from 1)")
    parser.add_argument("--lang", default="en", help=f"letter language: {_languages()}")
    parser.add_argument(
        "--from",
        dest="sender",
        default="",
        metavar="SENDER",
        help='"Name|Street|City|Country"; more "|" parts are more street lines; '
        "without it, the sender and signature are left blank to fill in by hand",
    )
    parser.add_argument("--own-words", default="", help="a paragraph of your own")
    parser.add_argument("--format", choices=("pdf", "txt"), help="default: from OUT's suffix")
    parser.add_argument("--paper", choices=("a4", "us-letter"), default="a4")
    parser.add_argument("--envelope", action="store_true", help="add an envelope page (PDF)")
    parser.add_argument("-o", "--output", default="-", metavar="OUT", help="default: stdout")
    return parser


def letter_main(argv: list[str]) -> int:
    args = letter_parser().parse_args(argv)
    try:
        document = _read(args.file)
        group, target = _choose(document, args.file, args.group, args.target)
        language = _language(args.lang)
        writer = _writer(args.sender, args.own_words)
        letter = _compose(document, group, target, writer, language, args.file, seed=args.file)
    except (CommandError, LetterError) as error:
        return _fail("letter", str(error))
    for notice in letter.notices:
        print(f"lifeline letter: note: {notice}", file=sys.stderr)

    output_format = args.format or ("pdf" if args.output.lower().endswith(".pdf") else "txt")
    if output_format == "pdf":
        from lifeline.letters.pdf import letter_pdf

        try:
            data = letter_pdf(letter, paper=args.paper, envelope=args.envelope)
        except ConfigError as error:
            return _fail("letter", str(error))
    else:
        data = letter_text(letter).encode()
    try:
        _write(args.output, data)
    except OSError as error:
        return _fail("letter", f"cannot write {args.output}: {error.strerror or error}", 1)
    return 0


def pack_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lifeline pack",
        description="A print pack for a letter-writing evening: for each target with a "
        "postal address in each file, COPIES letters in each language, senders left blank "
        "unless --from fills them.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="case sheets")
    parser.add_argument("--copies", type=int, default=1, metavar="N", help="letters per target")
    parser.add_argument("--langs", default="en", help=f"comma-separated: {_languages()}")
    parser.add_argument(
        "--from",
        dest="sender",
        default="",
        metavar="SENDER",
        help='fill every sender block: "Name|Street|City|Country" (default: blank)',
    )
    parser.add_argument("--paper", choices=("a4", "us-letter"), default="a4")
    parser.add_argument("--envelopes", action="store_true", help="an envelope page per letter")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help="the PDF to write")
    return parser


def pack_main(argv: list[str]) -> int:
    args = pack_parser().parse_args(argv)
    try:
        if args.copies < 1:
            raise CommandError(f"--copies must be at least 1, not {args.copies}.")
        languages = [_language(code) for code in args.langs.split(",") if code.strip()]
        if not languages:
            raise CommandError("--langs names no language.")
        writer = _writer(args.sender, "")
        plan = _pack_plan(args.files, languages)
    except (CommandError, LetterError) as error:
        return _fail("pack", str(error))
    total = sum(len(item.languages) for item in plan) * args.copies
    if total == 0:
        return _fail("pack", "no target in these files has a postal address: nothing to print.")

    from lifeline.letters.pack import write_pack

    try:
        with _progress(total) as advance:
            letters = _pack_letters(plan, args.copies, writer, advance)
            written = write_pack(letters, args.output, args.paper, envelopes=args.envelopes)
    except ConfigError as error:
        return _fail("pack", str(error))
    except OSError as error:
        return _fail("pack", f"cannot write {args.output}: {error.strerror or error}", 1)
    print(f"lifeline pack: {written} letters written to {args.output}", file=sys.stderr)
    return 0


@dataclass
class _PackItem:
    path: str
    document: ParsedDocument
    group: ParsedAppealGroup
    target: ParsedTarget
    where: str  # "group 1, target 2"
    languages: list[str]


def _pack_plan(paths: list[str], languages: list[str]) -> list[_PackItem]:
    """Every target of every file, checked before the first page is typeset."""
    plan = []
    for path in paths:
        document = _read(path)
        if not any(group.targets for group in document.appeal_groups):
            raise CommandError(f"{path}: no appeal group with a target to write to.")
        for g, group in enumerate(document.appeal_groups, 1):
            for t, target in enumerate(group.targets, 1):
                where = f"group {g}, target {t}"
                if not target.address:
                    print(
                        f"lifeline pack: {path}: {where} ({_who(target)}) has no postal "
                        "address; left out of the pack",
                        file=sys.stderr,
                    )
                    continue
                plan.append(_PackItem(path, document, group, target, where, languages))
    return plan


def _pack_letters(
    plan: list[_PackItem], copies: int, writer: Writer, advance: Callable[[], object]
) -> Iterator[Letter]:
    for item in plan:
        for language in item.languages:
            for copy in range(copies):
                # Each copy its own wording: a pile of identical letters reads as a
                # form letter, and personal letters work better.
                seed = f"{item.path}|{item.where}|{language}|{copy}"
                yield _compose(
                    item.document, item.group, item.target, writer, language, item.path, seed
                )
                advance()


def _read(path: str) -> ParsedDocument:
    # The import's checks and bounds (lifeline.documents.sandbox): a FIFO, a PDF
    # bomb or binary junk stops with the reason instead of hanging or filling memory.
    limits = from_env()
    try:
        data = read_file(path, limits.max_bytes)
    except Unreadable as error:
        raise CommandError(f"cannot read {path}: {error}") from error
    with Reader(limits) as reader:
        document = reader.parse(data, path)
    if document.refused:
        raise CommandError(f"{path}: {document.refused}")
    if document.kind == "stop_action":
        raise CommandError(f"{path}: this case is closed (stop action): no appeals are asked for.")
    if not document.appeal_groups:
        raise CommandError(
            f"{path}: no appeal groups found (read as {document.kind.replace('_', ' ')}); "
            "is it a case sheet?"
        )
    return document


def _choose(
    document: ParsedDocument, path: str, group_number: int, target_number: int
) -> tuple[ParsedAppealGroup, ParsedTarget]:
    groups = document.appeal_groups
    if not 1 <= group_number <= len(groups):
        raise CommandError(f"{path}: no group {group_number}; it has {_numbered(groups)}.")
    group = groups[group_number - 1]
    targets = group.targets
    if not targets:
        raise CommandError(f"{path}: group {group_number} ({group.audience}) has no targets.")
    if not 1 <= target_number <= len(targets):
        raise CommandError(
            f"{path}: group {group_number} has no target {target_number}; "
            f"it has {_numbered(targets, 'target')}: "
            + "; ".join(f"{n} {_who(t)}" for n, t in enumerate(targets, 1))
        )
    target = targets[target_number - 1]
    if not target.address:
        other = [f"fax {target.fax[0]}"] if target.fax else []
        other += [f"email {target.email[0]}"] if target.email else []
        instead = f" (write by {' or '.join(other)} instead)" if other else ""
        raise CommandError(
            f"{path}: group {group_number}, target {target_number} ({_who(target)}) has no "
            f"postal address, so no letter can be addressed to it{instead}."
        )
    return group, target


def _numbered(items: Sized, word: str = "group") -> str:
    count = len(items)
    return f"{count} {word}{'' if count == 1 else 's'}" + (f", 1 to {count}" if count > 1 else "")


def _who(target: ParsedTarget) -> str:
    return ", ".join(part for part in (target.name, target.title) if part) or "unnamed"


def _language(code: str) -> str:
    language = code.strip().replace("_", "-")
    if language.split("-")[0].lower() not in FRAMES:
        raise CommandError(f"unknown language {code.strip()!r}: choose one of {_languages()}.")
    return language


def _languages() -> str:
    return ", ".join(FRAMES)


def _writer(sender: str, own_words: str) -> Writer:
    if not sender.strip():
        from lifeline.letters.pdf import blank_writer

        writer = blank_writer()
        writer.own_words = own_words
        return writer
    parts = [part.strip() for part in sender.split("|")]
    if len(parts) < 4 or not parts[0]:
        raise CommandError(
            f'--from {sender!r}: give "Name|Street|City|Country" (name, at least one street '
            "line, city and country, separated by |)."
        )
    name, *street, city, country = parts
    return Writer(
        name=name,
        address=[line for line in street if line],
        city=city,
        country=_country_code(country),
        own_words=own_words,
    )


def _country_code(name: str) -> str:
    if not name:
        return ""
    code = countries.from_user(name)
    if not code:
        raise CommandError(
            f"--from: unknown country {name!r}; give its name in English or its ISO code (GB, FR)."
        )
    return code


def _compose(
    document: ParsedDocument,
    group: ParsedAppealGroup,
    target: ParsedTarget,
    writer: Writer,
    language: str,
    path: str,
    seed: str,
) -> Letter:
    try:
        return compose(document, group, target, writer, language, "letter", seed)
    except LetterError as error:
        raise LetterError(f"{path}: {error}") from error


def _write(output: str, data: bytes) -> None:
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path = Path(output)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    partial.replace(path)


class _progress:
    """Counts letters on stderr for a big pack (tqdm), silent for a small one."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar: tqdm[Any] | None = None

    def __enter__(self) -> Callable[[], object]:
        if self.total >= PROGRESS_FROM:
            from tqdm import tqdm

            self.bar = tqdm(
                total=self.total,
                unit="letter",
                desc="lifeline pack",
                file=sys.stderr,
                mininterval=1.0,
                ascii=True,
            )
            return self.bar.update
        return lambda: None

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()


def _fail(command: str, message: str, status: int = USAGE_ERROR) -> int:
    print(f"lifeline {command}: error: {message}", file=sys.stderr)
    return status
