"""The reader's limits (`documents.limits`) from the environment, for the commands
that run without Django (`lifeline parse`, `lifeline letter`, `lifeline pack`).

Here rather than in documents, which imports nothing of the rest of lifeline.
"""

from __future__ import annotations

from lifeline.documents.limits import MB, Limits
from lifeline.lib.env import env_int


def from_env() -> Limits:
    """The same variables and defaults as the settings IMPORT_* (lifeline/settings.py)."""
    default = Limits()
    return Limits(
        max_bytes=env_int("IMPORT_MAX_MB", default.max_bytes // MB) * MB,
        seconds=env_int("IMPORT_SECONDS", int(default.seconds)),
        memory_bytes=env_int("IMPORT_MEMORY_MB", default.memory_bytes // MB) * MB,
        max_pages=env_int("IMPORT_MAX_PDF_PAGES", default.max_pages),
        max_depth=env_int("IMPORT_MAX_HTML_DEPTH", default.max_depth),
    )
