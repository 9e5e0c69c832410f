"""Strict readers for settings that come from environment variables.

A typo in a deployment's environment should stop the process at start-up, not
silently turn a feature off, so anything that is not clearly valid raises.

Nothing here imports Django: the pure packages' commands (`lifeline letter`)
read their settings through these too.
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


def env_paths(name: str) -> list[Path]:
    """Read folders separated like PATH ("/opt/fonts:/srv/fonts"); each must exist.

    Empty entries (a stray separator) are skipped; a folder that is not there is an
    error rather than a setting that silently does nothing.
    """
    raw = os.environ.get(name, "")
    paths = [Path(item.strip()) for item in raw.split(os.pathsep) if item.strip()]
    missing = [str(path) for path in paths if not path.is_dir()]
    if missing:
        raise ConfigError(f"{name} names folders that do not exist: {', '.join(missing)}")
    return paths


def env_header(name: str) -> tuple[str, str] | None:
    """Read a request header and value written as in HTTP, "X-Forwarded-Proto: https".

    Returns them as Django's SECURE_PROXY_SSL_HEADER wants them, the header under
    its request.META name: ("HTTP_X_FORWARDED_PROTO", "https"); None when unset.
    """
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    header, _, value = raw.partition(":")
    header, value = header.strip(), value.strip()
    if not (header and value and header.replace("-", "").isalnum()):
        raise ConfigError(
            f"{name} must be a header and its value, like 'X-Forwarded-Proto: https', not {raw!r}"
        )
    return "HTTP_" + header.upper().replace("-", "_"), value


def env_origins(name: str, default: list[str]) -> list[str]:
    """Read comma-separated origins: a scheme, a host and maybe a port, no path.

    "https://appeals.example.org"; a host may start with "*." for its subdomains.
    """
    origins = env_list(name, default)
    for origin in origins:
        scheme, separator, rest = origin.partition("://")
        if scheme not in ("http", "https") or not separator or not rest or "/" in rest:
            raise ConfigError(
                f"{name} takes origins like https://appeals.example.org "
                f"(a scheme, a host, no path), not {origin!r}"
            )
    return origins
