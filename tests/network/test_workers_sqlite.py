"""Two `lifeline worker` processes on one SQLite file, driven entirely through the CLI.

The database is a file of the test's own (the suite's SQLite test database lives
in memory, which other processes cannot see); members arrive by `lifeline
members import` and the action by `lifeline publish`.
"""

import signal

import pytest

from tests.mailserver import SmtpServer
from tests.network.workers import (
    RESENT_PER_KILL,
    SHEETS,
    assert_exactly_once,
    environment,
    finish,
    run,
    start_worker,
    stop,
    wait_for,
)

MEMBERS = 600


@pytest.fixture(scope="module")
def smtp():
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def network(tmp_path_factory, smtp):
    """A migrated SQLite database holding MEMBERS confirmed members."""
    folder = tmp_path_factory.mktemp("network-sqlite")
    env = environment(smtp, LIFELINE_DATA_DIR=str(folder))
    run(env, "migrate", "--noinput", "-v0")
    csv = folder / "members.csv"
    lines = ["name,email,language,country"]
    lines += [
        f"Member {n},member{n}@example.org,{'fr' if n % 3 else 'en'},GB" for n in range(MEMBERS)
    ]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(env, "members", "import", str(csv), "--section", "GB", "--confirmed")
    assert f"imported {MEMBERS} member(s) into GB" in result.stdout
    return env


@pytest.fixture
def received(smtp):
    smtp.handler.received.clear()
    smtp.handler.mode = "normal"
    return smtp


def everyone():
    return {f"member{n}@example.org" for n in range(MEMBERS)}


def test_two_workers_deliver_each_notification_once_despite_a_killed_worker(network, received):
    result = run(network, "publish", str(SHEETS / "2026-11-17_ua-201-26.txt"))
    assert f"{MEMBERS} notification(s) queued" in result.stdout
    first, second = start_worker(network), start_worker(network)
    wait_for(lambda: len(received.received) >= MEMBERS // 4, 60, "a quarter of the mail")
    first.send_signal(signal.SIGKILL)
    first.wait()
    restarted = start_worker(network, "--until-empty")
    finish(restarted)
    stop(second)
    assert_exactly_once(received, everyone(), max_resent=RESENT_PER_KILL)
    again = run(network, "publish", str(SHEETS / "2026-11-17_ua-201-26.txt"))
    assert "already published" in again.stdout
    finish(start_worker(network, "--until-empty"))
    assert len(received.received) <= MEMBERS + RESENT_PER_KILL


def test_mail_waits_out_a_server_that_refuses_then_drops_connections(network, received, smtp):
    smtp.stop()
    run(network, "publish", str(SHEETS / "2026-11-10_ua-196-26.txt"))
    workers = [start_worker(network, "--until-empty") for _ in range(2)]
    wait_for(lambda: all(w.poll() is None for w in workers), 5, "workers to start")
    import time

    time.sleep(2)  # connections refused
    smtp.handler.mode = "drop"
    smtp.start()
    time.sleep(1.5)  # connections dropped in the middle
    smtp.handler.mode = "normal"
    for worker in workers:
        finish(worker)
    assert_exactly_once(received, everyone())


def test_two_workers_send_each_confirmation_mail_once(network, received):
    """Members imported unconfirmed: the import queues their confirmation mail as rows
    of the outbox, and two workers send each exactly once."""
    folder = network["LIFELINE_DATA_DIR"]
    csv = f"{folder}/unconfirmed.csv"
    count = 150
    lines = ["name,email,language,country"]
    lines += [f"New {n},new{n}@example.org,{'fr' if n % 2 else 'en'},GB" for n in range(count)]
    with open(csv, "w", encoding="utf-8") as file:
        file.write("\n".join(lines) + "\n")
    result = run(network, "members", "import", csv, "--section", "GB")
    assert f"imported {count} member(s) into GB" in result.stdout
    workers = [start_worker(network, "--until-empty") for _ in range(2)]
    for worker in workers:
        finish(worker)
    assert_exactly_once(received, {f"new{n}@example.org" for n in range(count)})
    subjects = {item.message["Subject"] for item in received.received}
    assert len(subjects) == 2  # in English and in French, from one template set
