"""SENTRY_DSN: errors reach the server it names (here a local one speaking the protocol)."""

import gzip
import http.server
import threading
import zlib

import pytest

from tests.ops.serving import run_lifeline, wait_for


class Collector(http.server.BaseHTTPRequestHandler):
    received: list[bytes]

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        self.received.append(self.path.encode() + b"\n" + body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def collector():
    handler = type("Handler", (Collector,), {"received": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, handler.received
    server.shutdown()
    server.server_close()


def test_an_unhandled_error_reaches_the_sentry_server(collector, data):
    server, received = collector
    dsn = f"http://public0key@127.0.0.1:{server.server_address[1]}/42"

    result = run_lifeline(
        data,
        "shell",
        "-c",
        "raise RuntimeError('the import broke for sentry')",
        SENTRY_DSN=dsn,
        SENTRY_ENVIRONMENT="test-suite",
    )

    assert result.returncode != 0
    wait_for(lambda: received, "the report", patience=30)
    report = b"".join(received)
    assert b"/api/42/envelope/" in report
    assert b"the import broke for sentry" in report
    assert b"test-suite" in report


def test_a_report_carries_no_local_variables(collector, data):
    # A frame's variables hold members' addresses, letters and tokens, which the
    # default scrubbing (names like "password") does not catch.
    server, received = collector
    dsn = f"http://public0key@127.0.0.1:{server.server_address[1]}/42"
    code = (
        "def confirm():\n"
        # Made as it runs: the command line, which the report carries, must not hold it.
        "    address = 'ana.private' + chr(64) + 'example.org'\n"
        "    raise RuntimeError('confirming failed for sentry')\n"
        "confirm()\n"
    )

    result = run_lifeline(data, "shell", "-c", code, SENTRY_DSN=dsn)

    assert result.returncode != 0
    wait_for(lambda: received, "the report", patience=30)
    report = b"".join(received)
    assert b"confirming failed for sentry" in report
    assert b"ana.private@example.org" not in report
