"""Keeping a few child processes running, and stopping them all cleanly.

`lifeline serve` starts the web server and the background workers as children and
watches them. A worker that dies is started again, after a pause that doubles with
each quick death (so a worker that cannot start does not spin the machine); the web
server is not: if it dies, everything stops and the exit status says so, and the
service manager (systemd) decides what next.

Each child runs in a process group of its own, so Ctrl-C in a terminal or a signal
to serve's process group reaches only serve, which passes SIGTERM on exactly once:
a second signal would make a worker abandon the task it is finishing.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

# A child that ran at least this long before dying was working: its next start is not delayed.
STEADY_SECONDS = 30.0
FIRST_DELAY = 1.0
LONGEST_DELAY = 60.0
POLL_SECONDS = 0.2
REPEAT_STOP_SECONDS = 3.0

PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child, before exec: be sent SIGTERM if serve itself is killed (Linux).

    Without it a SIGKILLed serve would leave its web server and workers running,
    holding the port and the database.
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@dataclass
class Child:
    name: str
    command: Sequence[str]
    # False for the web server: its death ends serve instead of being retried.
    restart: bool = True
    # Repeat SIGTERM to the child's whole process group while it stops. Right for
    # granian: a worker process still starting when the stop began has swallowed the
    # first signal and would serve on until killed; a repeat is a no-op for the rest.
    # Wrong for a task worker, which takes a second signal as "abandon the task".
    repeat_stop: bool = False
    process: subprocess.Popen | None = None
    started: float = 0.0
    quick_deaths: int = 0
    start_at: float = 0.0
    restarts: int = field(default=0)

    def delay(self) -> float:
        return min(LONGEST_DELAY, FIRST_DELAY * 2 ** max(0, self.quick_deaths - 1))


class Supervisor:
    def __init__(
        self,
        children: Sequence[Child],
        *,
        stop_timeout: float,
        say: Callable[[str], None],
        env: dict[str, str] | None = None,
    ) -> None:
        self.children = list(children)
        self.stop_timeout = stop_timeout
        self.say = say
        self.env = env
        self.stop_asked: str | None = None

    def _ask_stop(self, signum: int, frame: object) -> None:
        self.stop_asked = signal.Signals(signum).name

    def _start(self, child: Child) -> None:
        child.process = subprocess.Popen(
            list(child.command),
            env=self.env,
            process_group=0,
            # serve starts no threads, so running code between fork and exec is safe.
            preexec_fn=_die_with_parent,
        )
        child.started = time.monotonic()
        self.say(f"{child.name} started (pid {child.process.pid})")

    def run(self) -> int:
        """Start every child and watch them until a signal or the web server's end.

        Returns 0 after a stop asked by SIGTERM or SIGINT, 1 when a child that is
        not restarted ended by itself.
        """
        previous = {
            signum: signal.signal(signum, self._ask_stop)
            for signum in (signal.SIGTERM, signal.SIGINT)
        }
        status = 0
        try:
            for child in self.children:
                self._start(child)
            while self.stop_asked is None:
                ended = self._watch()
                if ended is not None:
                    status = 1
                    self.say(f"{ended.name} ended by itself; stopping everything")
                    break
                time.sleep(POLL_SECONDS)
            else:
                self.say(f"{self.stop_asked} received: finishing what is under way")
        finally:
            self._stop_all()
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        return status

    def _watch(self) -> Child | None:
        """Restart workers that died (once their pause is over); the web server's end."""
        now = time.monotonic()
        for child in self.children:
            if child.process is None:
                if now >= child.start_at:
                    child.restarts += 1
                    self._start(child)
                continue
            code = child.process.poll()
            if code is None:
                continue
            if not child.restart:
                return child
            ran = now - child.started
            child.quick_deaths = 0 if ran >= STEADY_SECONDS else child.quick_deaths + 1
            wait = child.delay() if child.quick_deaths else 0.0
            child.process = None
            child.start_at = now + wait
            self.say(f"{child.name} exited with status {code}; starting it again in {wait:.0f} s")
        return None

    def _stop_all(self) -> None:
        running = [
            (child, child.process)
            for child in self.children
            if child.process is not None and child.process.poll() is None
        ]
        for _child, process in running:
            process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + self.stop_timeout
        repeat_at = time.monotonic() + REPEAT_STOP_SECONDS
        while any(process.poll() is None for _child, process in running):
            now = time.monotonic()
            if now >= deadline:
                break
            if now >= repeat_at:
                for child, process in running:
                    if child.repeat_stop and process.poll() is None:
                        os.killpg(process.pid, signal.SIGTERM)
                repeat_at = now + REPEAT_STOP_SECONDS
            time.sleep(POLL_SECONDS)
        for child, process in running:
            if process.poll() is None:
                self.say(f"{child.name} did not stop in {self.stop_timeout:.0f} s; killing it")
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
