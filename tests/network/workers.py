"""Running `lifeline` commands and worker processes against a database the test can see."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

LIFELINE = shutil.which("lifeline") or str(Path(sys.executable).parent / "lifeline")
ROOT = Path(__file__).resolve().parents[2]
SHEETS = ROOT / "lifeline" / "demo" / "sheets"

# Short leases and retries so that a test sees a dead worker's messages taken
# over, and a refusing server retried, within seconds.
FAST = {
    "NOTIFY_LEASE_SECONDS": "3",
    "NOTIFY_RETRY_SECONDS": "1",
    "NOTIFY_RETRY_MAX_SECONDS": "1",
    "NOTIFY_MAX_ATTEMPTS": "1000",
    "NOTIFY_BATCH_SIZE": "100",
    # Two SMTP connections (threads) per worker, so the threaded sender is exercised;
    # a killed worker may then leave up to two messages resent (see sending.py).
    "NOTIFY_CONNECTIONS": "2",
}
RESENT_PER_KILL = 2


def environment(smtp, **extra) -> dict:
    env = {
        **os.environ,
        "DEBUG": "True",
        "DJANGO_SETTINGS_MODULE": "lifeline.settings",
        "SITE_URL": "http://lifeline.test",
        **smtp.settings(),
        **FAST,
        **extra,
    }
    env.pop("DATABASE_URL", None) if "DATABASE_URL" not in extra else None
    return env


def run(env, *args, check=True) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [LIFELINE, *args], env=env, capture_output=True, text=True, check=False, timeout=120
    )
    if check and result.returncode != 0:
        raise AssertionError(f"lifeline {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def start_worker(env, *args) -> subprocess.Popen:
    return subprocess.Popen(
        [LIFELINE, "worker", "--interval", "0.1", "--recover-every", "0.5", *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.05)


def finish(process: subprocess.Popen, timeout: float = 120) -> None:
    """Wait for a worker started with --until-empty; fail with its stderr if it failed."""
    try:
        code = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError(f"worker still running after {timeout}s") from None
    if code != 0:
        raise AssertionError(f"worker exited {code}:\n{process.stderr.read()}")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM: the worker finishes its task and exits."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def message_ids(smtp) -> dict[str, set[str]]:
    """Recipient -> the Message-IDs it received."""
    ids: dict[str, set[str]] = defaultdict(set)
    for item in smtp.received:
        message_id = item.message_id
        for recipient in item.recipients:
            ids[recipient.lower()].add(message_id)
    return ids


def assert_exactly_once(smtp, expected: set[str], max_resent: int = 0) -> int:
    """Every expected address got exactly one message, nobody else got any.

    `max_resent` allows for the documented at-least-once window: a worker killed
    between the server's acceptance and its commit makes the next worker send
    that message again, with the same Message-ID. Returns how many were resent.
    """
    counts = smtp.per_recipient()
    missing = expected - set(counts)
    assert not missing, f"{len(missing)} recipients got nothing, e.g. {sorted(missing)[:5]}"
    extra = set(counts) - expected
    assert not extra, f"unexpected recipients: {sorted(extra)[:5]}"
    ids = message_ids(smtp)
    several = {address: found for address, found in ids.items() if len(found) != 1}
    assert not several, f"recipients with different messages: {list(several.items())[:3]}"
    resent = sum(count - 1 for count in counts.values())
    assert resent <= max_resent, f"{resent} messages sent twice"
    return resent
