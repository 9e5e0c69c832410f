"""Recording an appeal over HTTP against the floor: a bare view inserting one row.

    .venv/bin/python bench/appeal_http.py [--rounds 3] [--seconds 10] [--connections 50]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/appeal_http.py

Starts the real server (`lifeline serve --no-worker`: granian, WSGI) on a throwaway
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
import contextlib
import json
import os
import re
import signal
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

from machine import bench_database, free_port, machine  # noqa: E402

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


def server_command(port: int) -> list[str]:
    """`lifeline serve`: granian, 2 processes of 4 request threads (its defaults); the
    background workers are left out, as the load sends no mail."""
    return [
        str(VENV_BIN / "lifeline"),
        "serve",
        "--no-worker",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]


def start_server(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "floor_settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(BENCH)]),
        # wrk's client addresses arrive in X-Forwarded-For, as from one proxy.
        "SIGNIN_PROXY_COUNT": "1",
    }
    server = subprocess.Popen(server_command(port), env=env, cwd=ROOT)
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


def family(pid: int) -> list[int]:
    """`pid` and every process under it (lifeline serve runs granian in a process group
    of its own, so a signal to the group of `pid` would not reach it)."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(parents.get(current, []))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def stop_server(server: subprocess.Popen) -> None:
    """SIGTERM to lifeline serve, which stops granian; SIGKILL for what is left after 30 s."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        kill_server(server)


def kill_server(server: subprocess.Popen) -> None:
    """SIGKILL to every process of the server at once, as a crash of the machine's
    processes would stop them: nothing gets to finish or flush anything."""
    for pid in family(server.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
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


def api_body(facts) -> str:
    """The JSON of one `POST /api/v1/appeals` about the bench's document and official."""
    return json.dumps(
        {
            "document": str(facts["document"].code),
            "target": str(facts["recipient"].target.code),
            "channel": "letter",
            "language": "en",
        }
    )


def run_load(options, facts, scripts: dict[str, Path]) -> None:
    from django.db import connection

    from lifeline.actions.models import Appeal

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port)
    body = api_body(facts)
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
        pids = family(server.pid)
        for round_number in range(1, options.rounds + 1):
            for name, (script, args) in loads.items():
                used = cpu_seconds(pids)
                figures = wrk(base, script, args, options.seconds, options.connections)
                figures["cpu_ms"] = (cpu_seconds(pids) - used) / figures["requests"] * 1000
                results[name].append(figures)
                print(
                    f"  round {round_number} {name:5} {figures['rps']:8.0f} req/s"
                    f"  p50 {figures['p50_us'] / 1000:6.1f} ms"
                    f"  p99 {figures['p99_us'] / 1000:6.1f} ms"
                    f"  server CPU {figures['cpu_ms']:.2f} ms/request"
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
    print(
        "  load    req/s (median)  p50 ms  p99 ms  errors  ratio to the floor (per round)"
        "  server CPU ms/request (median; floor / this)"
    )
    for name, runs in results.items():
        floors = results["floor"]
        cpu = statistics.median(r["cpu_ms"] for r in runs)
        floor_cpu = statistics.median(r["cpu_ms"] for r in floors)
        ratios = [run["rps"] / floor["rps"] for run, floor in zip(runs, floors, strict=True)]
        print(
            f"  {name:5} {statistics.median(r['rps'] for r in runs):10.0f}"
            f"  {statistics.median(r['p50_us'] for r in runs) / 1000:10.1f}"
            f"  {statistics.median(r['p99_us'] for r in runs) / 1000:6.1f}"
            f"  {sum(r['errors'] for r in runs):6d}"
            f"  {', '.join(f'{ratio:.2f}' for ratio in ratios)}"
            f"  {cpu:.2f} ({floor_cpu / cpu:.2f})"
        )


def run_crash(options, facts, scripts: dict[str, Path]) -> None:
    """The API under load, the server SIGKILLed mid-run: every 201 must be stored."""
    from django.db import connection

    from lifeline.actions.models import Appeal

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port)
    body = api_body(facts)
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
    kill_server(server)
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


class InProcess:
    """Requests through Django's WSGI handler in this process: no HTTP, no wrk."""

    def __init__(self, facts):
        from django.conf import settings
        from django.core.handlers.wsgi import WSGIHandler
        from django.urls import clear_url_caches

        # As the bench's server runs: the floor's URLs, clients behind one proxy.
        settings.ROOT_URLCONF = "floor_urls"
        settings.SIGNIN_PROXY_COUNT = 1
        clear_url_caches()
        self.handler = WSGIHandler()
        self.facts = facts
        self.number = 0
        self.api_body = json.dumps(
            {
                "document": str(facts["document"].code),
                "target": str(facts["recipient"].target.code),
                "channel": "letter",
                "language": "en",
            }
        ).encode()
        status, headers, page = self.call("GET", f"/cases/{facts['case'].slug}/write/")
        assert status.startswith("200"), status
        self.cookie = "; ".join(
            value.split(";", 1)[0] for name, value in headers if name == "Set-Cookie"
        )
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        self.form_fields = (
            f"csrfmiddlewaretoken={token.decode()}&to={facts['recipient'].value}"
            "&channel=letter&language=en&email="
        )

    def call(self, method: str, path: str, body: bytes = b"", **headers):
        import io

        self.number += 1
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "127.0.0.1",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_X_FORWARDED_FOR": f"10.{self.number // 62500 % 256}.{self.number // 250 % 250}"
            f".{self.number % 250 + 1}",
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            **{f"HTTP_{name.upper()}": value for name, value in headers.items()},
        }
        if "HTTP_CONTENT_TYPE" in environ:
            environ["CONTENT_TYPE"] = environ.pop("HTTP_CONTENT_TYPE")
        answer = []
        content = b"".join(self.handler(environ, lambda s, h, *a: answer.append((s, h))))
        return answer[0][0], answer[0][1], content

    def floor(self):
        status, _headers, _ = self.call("POST", "/bench/floor")
        assert status.startswith("201"), status

    def api(self):
        status, _headers, content = self.call(
            "POST",
            "/api/v1/appeals",
            self.api_body,
            content_type="application/json",
            authorization=f"Bearer {self.facts['secret']}",
            idempotency_key=str(uuid.uuid4()),
        )
        assert status.startswith("201"), (status, content)

    def form(self):
        body = f"{self.form_fields}&key={uuid.uuid4()}".encode()
        status, _headers, content = self.call(
            "POST",
            f"/cases/{self.facts['case'].slug}/write/sent/",
            body,
            content_type="application/x-www-form-urlencoded",
            cookie=self.cookie,
        )
        assert status.startswith("302"), (status, content[:300])


def profile(count: int, facts, load: str = "api") -> None:
    """CPU time per request in this process for the three loads, then the API under
    pyinstrument (the API's, or `load`'s). CPU time, unlike wall time, holds still on
    a shared machine."""
    from pyinstrument import Profiler

    runner = InProcess(facts)
    loads = {"floor": runner.floor, "api": runner.api, "form": runner.form}
    for call in loads.values():
        for _ in range(50):
            call()
    cpu = {name: [] for name in loads}
    for _round in range(3):
        for name, call in loads.items():
            started = time.process_time()
            for _ in range(count):
                call()
            cpu[name].append((time.process_time() - started) / count * 1000)
    floor = statistics.median(cpu["floor"])
    for name, runs in cpu.items():
        each = statistics.median(runs)
        print(
            f"  {name:5} {each:6.3f} ms of CPU per request in process (median of 3 x {count});"
            f" floor / this = {floor / each:.2f}"
        )
    profiler = Profiler(interval=0.0002)
    profiler.start()
    for _ in range(count):
        loads[load]()
    profiler.stop()
    # Time spent in each function and what it called (flat, so the middleware nesting
    # does not hide it), then in each function itself: the top of both lists.
    for mode in ("total", "self"):
        text = profiler.output_text(
            show_all=True, flat=True, flat_time=mode, time="percent_of_total"
        )
        print("\n".join(text.splitlines()[: 60 if mode == "total" else 30]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--no-crash", action="store_true", help="skip the SIGKILL check")
    parser.add_argument("--profile", type=int, metavar="N", help="profile N appeals in process")
    parser.add_argument("--profile-load", choices=["floor", "api", "form"], default="api")
    options = parser.parse_args()

    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    with bench_database():
        facts = prepare()
        print(f"bench/appeal_http.py, {machine()}, {backend()}, load {os.getloadavg()[0]:.1f}")
        if options.profile:
            profile(options.profile, facts, options.profile_load)
            return
        print(
            f"  lifeline serve (granian, 2 processes x 4 threads);"
            f" wrk -t2 -c{options.connections}, "
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
