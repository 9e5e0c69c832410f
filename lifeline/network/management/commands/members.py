"""`lifeline members import FILE.csv --section CODE [--dry-run] [--confirmed]`, `members export`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lifeline.network.importing import export_members, import_members
from lifeline.network.members_csv import read_members


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        name, sep, header = pair.partition("=")
        if not sep or not name.strip() or not header.strip():
            raise CommandError(f"--column {pair!r}: write it as FIELD=HEADER, e.g. email=E-mail")
        mapping[name.strip()] = header.strip()
    return mapping


class Command(BaseCommand):
    help = "Import members from CSV into a section, or export them."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser(
            "import",
            help="import members from a CSV file with at least name,email,language,country",
        )
        load.add_argument("file", metavar="FILE.csv")
        load.add_argument("--section", required=True, metavar="CODE", help="created if missing")
        load.add_argument(
            "--dry-run", action="store_true", help="check every row and report; write nothing"
        )
        load.add_argument(
            "--confirmed",
            action="store_true",
            help="the section already holds each member's consent: send no confirmation mail",
        )
        load.add_argument(
            "--column",
            action="append",
            default=[],
            metavar="FIELD=HEADER",
            help="read FIELD (name, email, language, country, address) from column HEADER",
        )
        export = actions.add_parser("export", help="write members as CSV")
        export.add_argument("file", metavar="FILE.csv", nargs="?", help="default: standard output")
        export.add_argument("--section", metavar="CODE", help="only this section's members")

    def handle(self, *args, action, **options):
        if action == "import":
            return self._import(**options)
        return self._export(**options)

    def _import(self, file, section, dry_run, confirmed, column, **options):
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror or exc}") from None
        except UnicodeDecodeError as exc:
            raise CommandError(
                f"{file}: not UTF-8 text ({exc.reason} at byte {exc.start})"
            ) from None
        result = read_members(text, _mapping(column))
        if result.unreadable:
            raise CommandError(f"{file}: {'; '.join(result.errors)}")
        for error in result.errors:
            self.stderr.write(f"{file}: {error}")
        if result.errors and not dry_run:
            raise CommandError(
                f"{len(result.errors)} bad row(s): nothing imported. "
                "Fix them, or check with --dry-run."
            )
        outcome = import_members(result.rows, section, confirmed=confirmed, dry_run=dry_run)
        for note in outcome.existing:
            self.stdout.write(f"{file}: {note} (left as it is)")
        verb = "would import" if dry_run else "imported"
        mail = "no confirmation mail" if confirmed else "each will get a confirmation mail"
        section_note = (
            f", section {section} {'to be ' if dry_run else ''}created"
            if outcome.section_created
            else ""
        )
        self.stdout.write(
            f"{verb} {outcome.created} member(s) into {section} ({mail}){section_note}; "
            f"{len(outcome.existing)} already members; {len(result.errors)} bad row(s)"
        )
        if dry_run and result.errors:
            raise CommandError(f"{len(result.errors)} bad row(s); nothing written (dry run)")

    def _export(self, file, section, **options):
        if file:
            with open(file, "w", encoding="utf-8", newline="") as out:
                count = export_members(out, section)
        else:
            self.stdout.ending = ""  # the csv module ends its own rows
            count = export_members(self.stdout, section)
        self.stderr.write(f"exported {count} member(s)")
