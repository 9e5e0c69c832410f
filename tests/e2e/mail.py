"""Reading mail and running the worker from a browser test."""

import re
import signal

from django.core.management import call_command

from tests.mailserver import body


def run_worker():
    """`lifeline worker --until-empty` in this process, keeping pytest's signal handlers."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    try:
        call_command("worker", "--until-empty", "--interval", "0", "--recover-every", "0")
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def link(message, pattern: str) -> str:
    match = re.search(pattern, body(message))
    assert match, f"no link matching {pattern} in:\n{body(message)}"
    return match.group(0)
