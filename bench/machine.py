"""What benchmarks share: the machine they ran on, and a throwaway database to run on."""

import contextlib
import os
import platform
import shutil
import socket
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit


def machine() -> str:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}"


def throwaway_postgres(url: str) -> tuple[str, str, str]:
    """Create an empty database on the server of `url`; return its URL, name and the admin URL."""
    import psycopg

    name = f"lifeline_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlsplit(url)._replace(path=f"/{name}").geturl(), name, url


@contextlib.contextmanager
def bench_database():
    """Django set up on an empty database, removed afterwards: a SQLite file in a temporary
    data folder, or, with DATABASE_URL naming PostgreSQL, a new database on that server."""
    data_dir = tempfile.mkdtemp(prefix="lifeline-bench-")
    os.environ["LIFELINE_DATA_DIR"] = data_dir
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ["DJANGO_SETTINGS_MODULE"] = "lifeline.settings"
    drop = None
    url = os.environ.get("DATABASE_URL")
    if url and url.startswith("postgres"):
        os.environ["DATABASE_URL"], name, admin_url = throwaway_postgres(url)
        drop = (name, admin_url)
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{data_dir}/bench.sqlite3"

    import django

    django.setup()
    from django.db import connection

    try:
        yield Path(data_dir)
    finally:
        connection.close()
        shutil.rmtree(data_dir, ignore_errors=True)
        if drop:
            import psycopg

            name, admin_url = drop
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


def free_port() -> int:
    """A TCP port on localhost that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
