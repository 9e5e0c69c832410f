"""`lifeline serve` as a real process on a free port, for the tests that need one."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

LIFELINE = shutil.which("lifeline") or str(Path(sys.executable).with_name("lifeline"))
# Generous: the suite runs beside other work on two cores, and a web process loads Django.
PATIENCE = 120.0


_GIVEN: set[int] = set()


def free_port() -> int:
    """A port nothing listens on, never one this process handed out before: a test
    that asks for two (the site's and the metrics') must not get the same one twice,
    which the kernel may do once the first probe is closed."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in _GIVEN:
            _GIVEN.add(port)
            return port


def environment(data: Path, **overrides: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        # The suite's own settings module, secret and database must not leak into the child.
        if not name.startswith("DJANGO_")
        and name not in ("SECRET_KEY", "DEBUG", "DATABASE_URL", "SECURE_COOKIES")
    }
    env |= {
        "LIFELINE_DATA_DIR": str(data),
        "DATABASE_URL": f"sqlite:///{data / 'lifeline.sqlite3'}",
        "SECRET_KEY": "serve-test-secret-not-for-production-0123456789abcdef",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(overrides)
    return env


def run_lifeline(data: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LIFELINE, *args],
        env=environment(data, **env),
        capture_output=True,
        text=True,
        check=False,
        timeout=PATIENCE,
    )


def wait_for(
    condition: Callable[[], object],
    what: str,
    patience: float = PATIENCE,
    says: Callable[[], str] = str,
):
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}\n{says()}")


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError:
        return 0, b""


class Served:
    """A running `lifeline serve` in its own session, and everything it printed."""

    def __init__(self, data: Path, *args: str, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.lines: list[str] = []
        command = [LIFELINE, "serve", "--port", str(self.port), "--workers", "1"]
        command += ["--threads", "2", *args]
        self.process = subprocess.Popen(
            command,
            env=environment(data, **{"SITE_URL": self.url, **env}),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def get(self, path: str) -> tuple[int, bytes]:
        return get(self.url + path)

    def wait_until_serving(self) -> None:
        wait_for(
            lambda: self.get("/healthz")[0] == 200 or self.process.poll() is not None,
            "the site to answer",
            says=lambda: self.output,
        )
        assert self.process.poll() is None, self.output

    def pids(self, name: str) -> list[int]:
        """Process ids serve printed for a child ("worker 1") in the order started."""
        found = re.findall(rf"^{name} started \(pid (\d+)\)", self.output, re.MULTILINE)
        return [int(pid) for pid in found]

    def web_processes(self) -> list[int]:
        """granian's own worker processes (it prints their ids)."""
        return [int(pid) for pid in re.findall(r"Spawning worker-\d+ with PID: (\d+)", self.output)]

    def stop(self) -> int:
        os.killpg(self.process.pid, signal.SIGTERM)
        code = self.process.wait(timeout=PATIENCE)
        self._reader.join(timeout=10)
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=PATIENCE)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
