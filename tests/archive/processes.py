"""The `lifeline` command in processes of its own, on a SQLite file of the test's own.

The suite's SQLite database lives in memory, which other processes cannot see; these
tests need a file, as deployed.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

SHEETS = Path(__file__).resolve().parents[2] / "lifeline" / "demo" / "sheets"
LIFELINE = shutil.which("lifeline") or str(Path(sys.executable).parent / "lifeline")


def sqlite_file_environment(folder: Path) -> dict:
    """Settings for a database at `folder`/lifeline.sqlite3, whatever the suite runs on."""
    env = {
        **os.environ,
        "DEBUG": "True",
        "DJANGO_SETTINGS_MODULE": "lifeline.settings",
        "LIFELINE_DATA_DIR": str(folder),
    }
    env.pop("DATABASE_URL", None)
    return env


def lifeline(env, *args, timeout=120) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [LIFELINE, *args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, result.stderr
    return result
