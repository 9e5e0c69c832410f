"""The `lifeline` command: our own subcommands, and Django's management commands.

`lifeline parse`, `lifeline letter` and `lifeline pack` need no database, so they
run without setting Django up; every other word goes to Django (`lifeline migrate`,
`lifeline import`, `lifeline worker`, ...).
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "parse":
        from lifeline.documents.cli import main as parse_main
        from lifeline.lib.import_limits import from_env

        return parse_main(argv[1:], from_env())
    if argv and argv[0] in ("letter", "pack"):
        from lifeline.letters.cli import letter_main, pack_main

        return (letter_main if argv[0] == "letter" else pack_main)(argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lifeline.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lifeline", *argv])
    return 0


if __name__ == "__main__":
    sys.exit(main())
