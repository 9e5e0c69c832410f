"""The site's secret key when none is configured: made once, kept in the data folder.

A first run without SECRET_KEY should start rather than refuse, yet never with a key
anyone else knows. So the key is drawn at random into a file only its owner may
read, and every later run (and every process of this run) reads the same file.
"""

import os
import secrets
from pathlib import Path

FILE_NAME = "secret_key"


def load_or_create(folder: Path) -> str:
    """The key in `folder`/secret_key, written there first if it does not exist yet.

    Several processes may start at once on a first run (the web server's and the
    workers'): the key is written to a private temporary file and linked into place,
    which fails for all but the first, and the others then read the winner's key.
    """
    path = folder / FILE_NAME
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        draft = folder / f".{FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}"
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as out:
            out.write(secrets.token_urlsafe(50) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 50:
        raise ValueError(f"{path} holds no usable key: delete it to have a new one made")
    return key
