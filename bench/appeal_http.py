"""Recording an appeal over HTTP against the floor: a bare view inserting one row.

    .venv/bin/python bench/appeal_http.py [--rounds 3] [--seconds 10] [--connections 50]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/appeal_http.py

Starts the real server (granian, WSGI, the options `lifeline serve` uses) on a throwaway
database (bench/machine.py), with one demo Urgent Action imported, an API token and the
floor view of `bench/floor_urls.py`. Then, interleaved for `--rounds` rounds, `wrk` with
`--connections` connections for `--seconds` each:

- floor: `POST /bench/floor`, one raw INSERT in a transaction, the same middleware;
- api:   `POST /api/v1/appeals`, a fresh Idempotency-Key each;
- form:  the letter page's "I have sent it", with its CSRF token and browser cookie.

Every request comes from a random client address (X-Forwarded-For behind one trusted
proxy), so the per-address limit is checked as in life without refusing the load.
Prints requests/s, p50 and p99 per run and the ratio of each to the floor of its round.
Then the crash check: the API under load, the whole server SIGKILLed mid-run, and every
appeal it acknowledged (201) looked up in the database.

`--profile N` instead records N appeals in this process through Django's WSGI handler
(no HTTP, no wrk) under pyinstrument and prints where the time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path[:0] = [str(ROOT), str(BENCH)]

from machine import bench_database, machine  # noqa: E402

SHEET = ROOT / "lifeline" / "demo" / "sheets" / "2026-11-10_ua-196-26.txt"
VENV_BIN = Path(sys.executable).parent

# wrk runs this in each of its threads: fresh keys and client addresses per request.
LUA_COMMON = r"""
local thread_count = 0
function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
end

local function hex(n, width)
  return string.format("%0" .. width .. "x", math.random(0, 16 ^ width - 1))
end

function uuid4()
  return hex(8, 8) .. "-" .. hex(4, 4) .. "-4" .. hex(3, 3) .. "-"
    .. string.format("%x", math.random(8, 11)) .. hex(3, 3) .. "-" .. hex(6, 6) .. hex(6, 6)
end

function address()
  return string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
end

function done(summary, latency, requests)
  io.write(string.format(
    'WRK {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, '
    .. '"status_errors": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, summary.errors.status, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
"""

LUA_FLOOR = r"""
function init(args)
  math.randomseed(os.time() * 1000 + id)
end
function request()
  return wrk.format("POST", "/bench/floor", {["X-Forwarded-For"] = address()}, "")
end
"""

LUA_API = r"""
function init(args)
  math.randomseed(os.time() * 1000 + id)
  token, body = args[1], args[2]
  if args[3] then log = io.open(args[3] .. "." .. id, "w") end
end
function request()
  return wrk.format("POST", "/api/v1/appeals", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = uuid4(),
    ["X-Forwarded-For"] = address(),
  }, body)
end
if os.getenv("BENCH_LOG_KEYS") then
  function response(status, headers, body)
    if status == 201 then
      log:write(string.match(body, '"key": ?"([0-9a-f-]+)"'), "\n")
      log:flush()
    end
  end
end
"""

LUA_FORM = r"""
function init(args)
  math.randomseed(os.time() * 1000 + id)
  path, cookie, fields = args[1], args[2], args[3]
end
function request()
  return wrk.format("POST", path, {
    ["Cookie"] = cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["X-Forwarded-For"] = address(),
  }, fields .. "&key=" .. uuid4())
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_command(port: int) -> list[str]:
    """granian as `lifeline serve` runs it: 2 workers, 4 blocking threads each (FACTS)."""
    return [
        str(VENV_BIN / "granian"),
        "--interface",
        "wsgi",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "2",
        "--blocking-threads",
        "4",
        "--no-access-log",
        "--log-level",
        "warning",
        "lifeline.wsgi:application",
    ]


def start_server(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "floor_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(BENCH)]),
        # wrk's client addresses arrive in X-Forwarded-For, as from one proxy.
        "SIGNIN_PROXY_COUNT": "1",
    }
    server = subprocess.Popen(server_command(port), env=env, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/floor", timeout=2)
            return server
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode}")
        time.sleep(0.2)
    raise SystemExit("the server did not answer within 60 s")


def stop_server(server: subprocess.Popen, sig=signal.SIGTERM) -> None:
    try:
        os.killpg(server.pid, sig)
    except ProcessLookupError:
        return
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def wrk(url: str, script: Path, args: list[str], seconds: float, connections: int, env=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(script), url, "--", *args]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    line = next(line for line in result.stdout.splitlines() if line.startswith("WRK "))
    figures = json.loads(line[4:])
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    figures["errors"] = sum(
        figures[k] for k in ("status_errors", "connect", "read", "write", "timeout")
    )
    return figures


def prepare():
    """Migrate, import the demo UA, make a token: what the load needs to know."""
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from floor_urls import CREATE, CREATE_POSTGRES

    from lifeline.actions.from_models import parsed_target
    from lifeline.api.models import ApiToken
    from lifeline.cases.importing import import_paths
    from lifeline.cases.models import Case
    from lifeline.letters.advice import target_channels

    call_command("migrate", verbosity=0)
    import_paths([str(SHEET)])
    with connection.cursor() as cursor:
        cursor.execute(CREATE_POSTGRES if connection.vendor == "postgresql" else CREATE)
    case = Case.objects.get(ua_number__isnull=False)
    from lifeline.actions.drafting import writing_desk

    desk = writing_desk(case)
    recipient = next(r for r in desk.recipients if "letter" in r.channels)
    assert "letter" in target_channels(parsed_target(recipient.target))
    user = User.objects.create_user("bench-writer", password=None)
    _token, secret = ApiToken.issue(user, name="bench")
    return {
        "case": case,
        "document": desk.document,
        "recipient": recipient,
        "secret": secret,
    }


def form_session(base: str, facts) -> tuple[str, str, str]:
    """The write page as a browser gets it: (path, Cookie header, form fields but the key)."""
    case = facts["case"]
    with urllib.request.urlopen(f"{base}/cases/{case.slug}/write/", timeout=30) as page:  # noqa: S310
        html = page.read().decode()
        cookies = [header.split(";", 1)[0] for header in page.headers.get_all("Set-Cookie") or []]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    fields = (
        f"csrfmiddlewaretoken={token}&to={facts['recipient'].value}"
        "&channel=letter&language=en&email="
    )
    return f"/cases/{case.slug}/write/sent/", "; ".join(cookies), fields


def count_rows(table: str) -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608
        return cursor.fetchone()[0]


def backend() -> str:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
    return f"SQLite {connection.Database.sqlite_version}"


def run_load(options, facts, scripts: dict[str, Path]) -> None:
    from django.db import connection

    from lifeline.actions.models import Appeal

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port)
    body = json.dumps(
        {
            "document": str(facts["document"].code),
            "target": str(facts["recipient"].target.code),
            "channel": "letter",
            "language": "en",
        }
    )
    try:
        form_path, cookie, fields = form_session(base, facts)
        loads = {
            "floor": (scripts["floor"], []),
            "api": (scripts["api"], [facts["secret"], body]),
            "form": (scripts["form"], [form_path, cookie, fields]),
        }
        for name, (script, args) in loads.items():  # warm-up: imports, connections
            warm = wrk(base, script, args, 2, options.connections)
            if warm["errors"]:
                raise SystemExit(f"warm-up {name}: {warm}")
        connection.close()
        appeals_before = Appeal.objects.count()
        results: dict[str, list[dict]] = {name: [] for name in loads}
        for round_number in range(1, options.rounds + 1):
            for name, (script, args) in loads.items():
                figures = wrk(base, script, args, options.seconds, options.connections)
                results[name].append(figures)
                print(
                    f"  round {round_number} {name:5} {figures['rps']:8.0f} req/s"
                    f"  p50 {figures['p50_us'] / 1000:6.1f} ms"
                    f"  p99 {figures['p99_us'] / 1000:6.1f} ms"
                    f"  errors {figures['errors']}  load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
        sent = sum(f["requests"] for name in ("api", "form") for f in results[name])
        stored = Appeal.objects.count() - appeals_before
        connection.close()
    finally:
        stop_server(server)
    print(f"  appeals acknowledged by wrk {sent}, stored {stored} (stored >= acknowledged)")
    print()
    print("  load    req/s (median)  p50 ms  p99 ms  errors  ratio to the floor (per round)")
    for name, runs in results.items():
        floors = results["floor"]
        ratios = [run["rps"] / floor["rps"] for run, floor in zip(runs, floors, strict=True)]
        print(
            f"  {name:5} {statistics.median(r['rps'] for r in runs):10.0f}"
            f"  {statistics.median(r['p50_us'] for r in runs) / 1000:10.1f}"
            f"  {statistics.median(r['p99_us'] for r in runs) / 1000:6.1f}"
            f"  {sum(r['errors'] for r in runs):6d}"
            f"  {', '.join(f'{ratio:.2f}' for ratio in ratios)}"
        )


def run_crash(options, facts, scripts: dict[str, Path]) -> None:
    """The API under load, the server SIGKILLed mid-run: every 201 must be stored."""
    from django.db import connection

    from lifeline.actions.models import Appeal

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port)
    body = json.dumps(
        {
            "document": str(facts["document"].code),
            "target": str(facts["recipient"].target.code),
            "channel": "letter",
            "language": "en",
        }
    )
    log = Path(tempfile.mkdtemp(prefix="lifeline-bench-keys-")) / "keys"
    command = ["wrk", "-t2", f"-c{options.connections}", "-d6s", "--timeout", "2s"]
    command += ["-s", str(scripts["api"]), base, "--", facts["secret"], body, str(log)]
    load = subprocess.Popen(
        command,
        env={**os.environ, "BENCH_LOG_KEYS": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    time.sleep(3)
    os.killpg(server.pid, signal.SIGKILL)
    server.wait()
    load.communicate()
    acknowledged = set()
    for part in log.parent.glob("keys.*"):
        acknowledged.update(line.strip() for line in part.read_text().splitlines() if line.strip())
    connection.close()
    stored = {
        str(key)
        for key in Appeal.objects.filter(key__in=list(acknowledged)).values_list("key", flat=True)
    }
    missing = acknowledged - stored
    print(
        f"  SIGKILL of the server after 3 s of API load: {len(acknowledged)} appeals "
        f"acknowledged (201), {len(acknowledged) - len(missing)} found stored, "
        f"{len(missing)} missing"
    )
    if missing:
        raise SystemExit(f"acknowledged appeals lost: {sorted(missing)[:5]}")


def profile(count: int, facts) -> None:
    """Record `count` appeals through the WSGI handler in this process, under pyinstrument."""
    import io

    from django.core.handlers.wsgi import WSGIHandler
    from pyinstrument import Profiler

    handler = WSGIHandler()
    body = json.dumps(
        {
            "document": str(facts["document"].code),
            "target": str(facts["recipient"].target.code),
            "channel": "letter",
            "language": "en",
        }
    ).encode()

    def one(number: int) -> None:
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/api/v1/appeals",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1",
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_AUTHORIZATION": f"Bearer {facts['secret']}",
            "HTTP_IDEMPOTENCY_KEY": str(uuid.uuid4()),
            "HTTP_X_FORWARDED_FOR": f"10.0.{number // 250 % 256}.{number % 250 + 1}",
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
        }
        status = []
        b"".join(handler(environ, lambda s, h, *a: status.append(s)))
        assert status[0].startswith("201"), status

    from django.conf import settings

    settings.SIGNIN_PROXY_COUNT = 1
    for number in range(50):
        one(number)
    started = time.perf_counter()
    profiler = Profiler(interval=0.0002)
    profiler.start()
    for number in range(count):
        one(50 + number)
    profiler.stop()
    elapsed = time.perf_counter() - started
    print(f"  {count} appeals in process: {elapsed / count * 1000:.2f} ms each (profiled)")
    plain = time.perf_counter()
    for number in range(count):
        one(50 + count + number)
    each = (time.perf_counter() - plain) / count * 1000
    print(f"  the same without the profiler: {each:.2f} ms each")
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--no-crash", action="store_true", help="skip the SIGKILL check")
    parser.add_argument("--profile", type=int, metavar="N", help="profile N appeals in process")
    options = parser.parse_args()

    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    with bench_database():
        facts = prepare()
        print(f"bench/appeal_http.py, {machine()}, {backend()}, load {os.getloadavg()[0]:.1f}")
        if options.profile:
            profile(options.profile, facts)
            return
        print(
            f"  granian 2 workers x 4 blocking threads; wrk -t2 -c{options.connections}, "
            f"{options.seconds} s per run, {options.rounds} rounds"
        )
        scripts = {}
        folder = Path(tempfile.mkdtemp(prefix="lifeline-bench-lua-"))
        for name, text in (("floor", LUA_FLOOR), ("api", LUA_API), ("form", LUA_FORM)):
            scripts[name] = folder / f"{name}.lua"
            scripts[name].write_text(LUA_COMMON + text)
        run_load(options, facts, scripts)
        if not options.no_crash:
            run_crash(options, facts, scripts)


if __name__ == "__main__":
    main()
