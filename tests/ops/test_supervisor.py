"""The supervisor's pauses between restarts of a worker that keeps dying."""

import sys

from lifeline.ops import supervisor
from lifeline.ops.supervisor import Child, Supervisor
from tests.ops.serving import wait_for


def test_a_worker_dying_at_once_waits_longer_each_time_up_to_a_minute(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(supervisor.time, "monotonic", lambda: now[0])
    said = []
    child = Child("worker 1", [sys.executable, "-c", "raise SystemExit(3)"])
    boss = Supervisor([child], stop_timeout=5, say=said.append)
    pauses = []

    for _ in range(8):
        boss._start(child)
        child.process.wait()
        boss._watch()
        assert child.process is None
        pauses.append(child.start_at - now[0])
        now[0] = child.start_at

    assert pauses == [1, 2, 4, 8, 16, 32, 60, 60]
    assert "worker 1 exited with status 3; starting it again in 60 s" in said


def test_a_worker_that_ran_a_while_is_started_again_at_once(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(supervisor.time, "monotonic", lambda: now[0])
    child = Child("worker 1", [sys.executable, "-c", "pass"], quick_deaths=5)
    boss = Supervisor([child], stop_timeout=5, say=lambda line: None)

    boss._start(child)
    child.process.wait()
    now[0] += supervisor.STEADY_SECONDS
    boss._watch()

    assert child.start_at == now[0]
    assert child.quick_deaths == 0


def test_the_web_server_ending_by_itself_ends_the_watch():
    web = Child("web", [sys.executable, "-c", "pass"], restart=False)
    boss = Supervisor([web], stop_timeout=5, say=lambda line: None)

    assert boss.run() == 1


# Ignores the first SIGTERM, as a granian worker still starting does, and ends on the next.
DEAF_ONCE = """
import pathlib, signal, sys, time
heard = []
def on_term(signum, frame):
    heard.append(signum)
    if len(heard) > 1:
        sys.exit(0)
signal.signal(signal.SIGTERM, on_term)
pathlib.Path(sys.argv[1]).touch()
while True:
    time.sleep(0.05)
"""


def _start_deaf_once(boss, child, tmp_path):
    listening = tmp_path / "listening"
    child.command = [sys.executable, "-c", DEAF_ONCE, str(listening)]
    boss._start(child)
    wait_for(listening.exists, "the child's handler", patience=60)


def test_the_web_server_is_asked_again_until_it_stops(monkeypatch, tmp_path):
    monkeypatch.setattr(supervisor, "REPEAT_STOP_SECONDS", 0.2)
    said = []
    web = Child("web", [], restart=False, repeat_stop=True)
    boss = Supervisor([web], stop_timeout=60, say=said.append)
    _start_deaf_once(boss, web, tmp_path)

    boss._stop_all()

    assert web.process.returncode == 0
    assert not [line for line in said if "killing" in line]


def test_a_task_worker_is_asked_once_then_killed_at_the_timeout(monkeypatch, tmp_path):
    monkeypatch.setattr(supervisor, "REPEAT_STOP_SECONDS", 0.2)
    said = []
    worker = Child("worker 1", [])
    boss = Supervisor([worker], stop_timeout=1, say=said.append)
    _start_deaf_once(boss, worker, tmp_path)

    boss._stop_all()

    assert worker.process.returncode == -9
    assert "worker 1 did not stop in 1 s; killing it" in said
