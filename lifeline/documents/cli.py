"""`lifeline parse FILE...`: one JSON object per file, one per line."""

from __future__ import annotations

import json
import sys

from lifeline.documents.files import read_file
from lifeline.documents.limits import Limits, Unreadable
from lifeline.documents.sandbox import Reader


def main(argv: list[str], limits: Limits | None = None) -> int:
    """Parse each file and print its JSON line; name unreadable and refused files on stderr.

    A refused file (binary, empty, a PDF bomb, ...) still prints its object, with
    `refused` saying why; a file that cannot be read at all prints nothing.
    `lifeline parse` passes the limits of the environment (`lib.import_limits`).
    """
    status = 0
    with Reader(limits or Limits()) as reader:
        for path in argv:
            try:
                data = read_file(path, reader.limits.max_bytes)
            except Unreadable as error:
                print(f"lifeline parse: cannot read {path}: {error}", file=sys.stderr)
                status = 1
                continue
            document = reader.parse(data, path)
            if document.refused:
                print(f"lifeline parse: refused {path}: {document.refused}", file=sys.stderr)
                status = 1
            sys.stdout.write(json.dumps(document.to_json(), ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return status
