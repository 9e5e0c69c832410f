"""Importing case sheets into cases, documents and the directory of officials.

Views and commands call `import_parsed()` for one parsed document and
`import_paths()` for files, folders and globs. A failure leaves nothing of the
document it happened in, and the other documents go on. The parts:

- `files`: collecting the files (walking folders and globs) and reading each
  through the sandboxed reader, refusing what is no case sheet;
- `importer`: the batch importer (a transaction per document, or per batch of
  new documents with a fallback to one by one) and the report;
- `officials`: matching the officials a sheet names to the directory.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from tqdm import tqdm

from lifeline.cases.errors import ImportRejected
from lifeline.cases.importing.files import ImportFailure, collect, limits, read, reason
from lifeline.cases.importing.importer import (
    BATCH_SIZE,
    Importer,
    ImportOutcome,
    ImportReport,
    case_of,
    settle_cases,
)
from lifeline.documents import ParsedDocument
from lifeline.documents.sandbox import Reader

__all__ = [
    "BATCH_SIZE",
    "ImportFailure",
    "ImportOutcome",
    "ImportRejected",
    "ImportReport",
    "Importer",
    "case_of",
    "import_parsed",
    "import_paths",
    "limits",
    "settle_cases",
]


def import_parsed(parsed: ParsedDocument) -> ImportOutcome:
    """Import one parsed document in its own transaction (see `Importer`)."""
    return Importer().import_parsed(parsed)


def import_paths(paths: Iterable[str], progress: bool = False) -> ImportReport:
    """Import files, folders (recursively) and globs of .txt, .pdf and .html sheets.

    A file that cannot be read, parsed or stored is reported with the reason and
    the others go on. `progress` shows a tqdm bar on stderr when there are several
    files. Holds one batch of files and their parses in memory at a time.
    """
    report = ImportReport()
    files = collect(paths, report.failures)
    importer = Importer()
    # One reading child for the whole run (see lifeline.documents.sandbox).
    with (
        Reader(limits()) as reader,
        tqdm(
            total=len(files), disable=not progress or len(files) < 2, file=sys.stderr, unit="file"
        ) as bar,
    ):
        for start in range(0, len(files), BATCH_SIZE):
            parsed, parsed_paths = [], []
            for path in files[start : start + BATCH_SIZE]:
                result = read(reader, path)
                if isinstance(result, ImportFailure):
                    report.failures.append(result)
                else:
                    parsed.append(result)
                    parsed_paths.append(path)
                bar.update()
            for path, outcome in zip(parsed_paths, importer.import_batch(parsed), strict=True):
                if isinstance(outcome, Exception):
                    report.failures.append(ImportFailure(str(path), reason(outcome)))
                else:
                    report.count(outcome)
    return report
