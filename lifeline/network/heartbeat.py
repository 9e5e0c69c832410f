"""Workers say they are alive; /readyz asks when one was last seen.

The workers' (network), so that they need nothing of ops, which reads the mark.

The mark lives in Django's cache (the database's cache table, or Redis), which every
web process and every worker on every machine share: one small write every few
seconds per worker, no table of its own.
"""

import time

from django.core.cache import cache

# Named before the module moved here; kept, so a deploy does not forget the workers.
KEY = "lifeline.ops.worker_seen"
# A worker writes at most this often; /readyz wants one seen within a minute.
EVERY_SECONDS = 10.0


class Heartbeat:
    """Called from a worker's loop; writes the mark only once per EVERY_SECONDS."""

    def __init__(self) -> None:
        self.last = 0.0

    def __call__(self) -> None:
        now = time.monotonic()
        if now - self.last >= EVERY_SECONDS:
            beat()
            self.last = now


def beat() -> None:
    cache.set(KEY, time.time(), timeout=None)


def seconds_since_seen() -> float | None:
    """Seconds since any worker last marked the cache; None if none ever did."""
    seen = cache.get(KEY)
    return None if seen is None else max(0.0, time.time() - seen)
