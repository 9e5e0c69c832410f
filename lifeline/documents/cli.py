"""`lifeline parse FILE...`: one JSON object per file, one per line."""

from __future__ import annotations

import json
import sys

from lifeline.documents.parser import parse


def main(argv: list[str]) -> int:
    """Parse each file and print its JSON line; name unreadable files on stderr."""
    status = 0
    for path in argv:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError as error:
            print(f"lifeline parse: cannot read {path}: {error.strerror or error}", file=sys.stderr)
            status = 1
            continue
        document = parse(data, filename=path)
        sys.stdout.write(json.dumps(document.to_json(), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return status
