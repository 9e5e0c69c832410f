"""Strict readers for settings that come from environment variables.

A typo in a deployment's environment should stop the process at start-up, not
silently turn a feature off, so anything that is not clearly valid raises.
"""

import os
from pathlib import Path


class ConfigError(Exception):
    pass


def env_str(name: str, default: str = "") -> str:
    """Read NAME, or the contents of the file named by NAME_FILE (for secrets).

    An empty variable counts as unset, so `FOO= lifeline ...` restores the default.
    """
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name) or default


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw in ("True", "true", "1", "yes", "on"):
        return True
    if raw in ("False", "false", "0", "no", "off"):
        return False
    raise ConfigError(f"{name} must be True or False, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]
