"""`lifeline serve` as a real process: it serves, supervises its workers and stops cleanly."""

import json
import os
import signal
import socket
import urllib.parse
import urllib.request

from tests.ops.serving import alive, free_port, get, run_lifeline, wait_for


def test_it_serves_the_site_its_static_files_and_the_probes(serve):
    served = serve()
    served.wait_until_serving()

    assert served.get("/")[0] == 200
    assert served.get("/static/admin/css/base.css")[0] == 200
    status, body = served.get("/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})


def test_it_is_ready_once_a_worker_has_been_seen(serve):
    served = serve()
    served.wait_until_serving()

    _status, body = wait_for(
        lambda: (answer := served.get("/readyz"))[0] == 200 and answer, "/readyz to answer 200"
    )
    report = json.loads(body)
    assert report["failed"] == []
    assert report["checks"]["workers"]["ok"] is True
    assert report["checks"]["migrations"] == {"ok": True, "unapplied": 0}
    assert report["checks"]["outbox"] == {"ok": True, "oldest_due_seconds": 0.0}


def test_without_a_worker_it_is_not_ready_and_says_why(serve):
    served = serve("--no-worker")
    served.wait_until_serving()

    status, body = served.get("/readyz")

    assert status == 503
    report = json.loads(body)
    assert report["failed"] == ["workers"]
    assert report["checks"]["workers"] == {"ok": False, "seconds_since_seen": None}
    assert "worker 1 started" not in served.output


def _post_begun(served, path: str, fields: dict, cookie: str) -> tuple[socket.socket, bytes]:
    """Send a form's headers and the first bytes of its body, keeping the rest back."""
    body = urllib.parse.urlencode(fields).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n"
        f"Cookie: {cookie}\r\nConnection: close\r\n\r\n"
    ).encode()
    conn = socket.create_connection(("127.0.0.1", served.port), timeout=60)
    conn.sendall(head + body[:10])
    return conn, body[10:]


def _csrf_cookie(served) -> str:
    with urllib.request.urlopen(served.url + "/network/join/", timeout=30) as response:
        cookie = response.headers["Set-Cookie"]
    return cookie.split(";", 1)[0].split("=", 1)[1]


def test_sigterm_lets_a_request_under_way_finish_then_stops_everything(serve):
    served = serve()
    served.wait_until_serving()
    wait_for(lambda: served.pids("worker 1") and served.web_processes(), "the children")
    children = [*served.pids("web"), *served.pids("worker 1"), *served.web_processes()]
    token = _csrf_cookie(served)
    # The view reads the form (CSRF) and so waits for the body still to come.
    conn, rest = _post_begun(
        served,
        "/i18n/setlang/",
        {"language": "fr", "next": "/", "csrfmiddlewaretoken": token},
        f"csrftoken={token}",
    )

    os.killpg(served.process.pid, signal.SIGTERM)
    wait_for(lambda: "SIGTERM received" in served.output, "serve to take the signal")
    conn.sendall(rest)
    answer = b""
    while chunk := conn.recv(65536):
        answer += chunk
    conn.close()

    assert answer.startswith(b"HTTP/1.1 302"), answer[:300]
    assert b"django_language=fr" in answer
    assert served.process.wait(timeout=120) == 0, served.output
    assert not [pid for pid in children if alive(pid)]
    assert served.get("/healthz")[0] == 0  # nothing listens any more


def test_a_worker_that_dies_is_started_again(serve):
    served = serve()
    served.wait_until_serving()
    [first] = wait_for(lambda: served.pids("worker 1"), "the worker to start")

    os.kill(first, signal.SIGKILL)

    wait_for(lambda: len(served.pids("worker 1")) == 2, "the worker to be started again")
    second = served.pids("worker 1")[1]
    assert second != first and alive(second)
    assert "worker 1 exited with status -9" in served.output
    assert served.stop() == 0


def test_it_refuses_to_serve_with_debug_on_unless_asked(data):
    result = run_lifeline(data, "serve", "--port", "1", DEBUG="True")

    assert result.returncode == 1
    assert "DEBUG is on" in result.stderr
    assert "--allow-debug" in result.stderr


def test_it_refuses_to_serve_a_database_with_migrations_missing(tmp_path):
    result = run_lifeline(tmp_path, "serve", "--port", "1")

    assert result.returncode == 1
    assert "database migrations are not applied" in result.stderr  # all of them
    assert "lifeline migrate" in result.stderr


def test_with_a_metrics_port_granian_exports_its_request_figures(serve):
    port = free_port()
    served = serve("--metrics-port", str(port))
    served.wait_until_serving()
    served.get("/healthz")

    _status, body = wait_for(
        lambda: (answer := get(f"http://127.0.0.1:{port}/metrics"))[0] == 200 and answer,
        "granian's metrics",
    )
    assert b"granian_" in body
