"""Logs as one JSON object a line (LOG_FORMAT=json), for collectors that read them so.

Imported by settings.py and by granian's own logging configuration, so it must not
import Django.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import Any

# What every LogRecord has; anything else on a record came from `extra=` and is kept.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        for name, value in vars(record).items():
            if name not in _STANDARD and not name.startswith("_"):
                # A request or a socket passed by Django is named, not dumped.
                entry[name] = value if isinstance(value, str | int | float | bool) else repr(value)
        return json.dumps(entry, ensure_ascii=False)


def line(message: str, logger: str, level: str = "INFO") -> str:
    """A message of our own (serve's) in the same shape as the formatted records."""
    record = logging.LogRecord(logger, logging.getLevelName(level), "", 0, message, None, None)
    return JsonFormatter().format(record)


def logging_config(log_format: str, level: str) -> dict[str, Any]:
    """Django's LOGGING: everything to the console, as text or as JSON lines."""
    formatter = {"()": JsonFormatter} if log_format == "json" else {"format": "%(message)s"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"main": formatter},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "main"}},
        "root": {"handlers": ["console"], "level": level},
    }


def granian_config() -> dict[str, Any]:
    """granian's --log-config for LOG_FORMAT=json: its messages and access log as JSON."""
    json_formatter = {"()": "lifeline.ops.logs.JsonFormatter"}
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": json_formatter},
        "handlers": {"console": handler},
        "loggers": {
            "_granian": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "granian.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
