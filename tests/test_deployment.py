"""Behind a TLS proxy: the documented production environment passes Django's deploy checks.

The environment is read from docs/configuration.md ("Behind TLS"), so the page and
the settings cannot drift apart.
"""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from lifeline.lib.env import ConfigError, env_header, env_origins

ROOT = Path(__file__).resolve().parents[1]
LIFELINE = Path(sys.executable).with_name("lifeline")


def documented_production_environment() -> dict[str, str]:
    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    section = text.split("## Behind TLS", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.DOTALL).group(1)
    return dict(line.split("=", 1) for line in block.splitlines() if line.strip())


def run_lifeline(tmp_path, *args, **overrides):
    env = {
        name: value
        for name, value in os.environ.items()
        # The suite's own settings, secret and switches (the browser tests allow
        # async-unsafe calls) must not leak into the child.
        if not name.startswith("DJANGO_") and name not in ("SECRET_KEY", "SECURE_COOKIES", "DEBUG")
    }
    env.update(documented_production_environment())
    key = tmp_path / "secret-key"
    key.write_text(secrets.token_urlsafe(50))
    env |= {
        "SECRET_KEY_FILE": str(key),
        "LIFELINE_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'lifeline.sqlite3'}",
    }
    env.update(overrides)
    return subprocess.run(
        [str(LIFELINE), *args], env=env, capture_output=True, text=True, check=False, timeout=120
    )


def test_the_documented_production_environment_passes_the_deploy_checks(tmp_path):
    result = run_lifeline(tmp_path, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_the_tls_settings_the_deploy_checks_warn(tmp_path):
    result = run_lifeline(
        tmp_path,
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECURE_SSL_REDIRECT="",
        SECURE_HSTS_SECONDS="",
    )

    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout
    assert "security.W008" in result.stderr + result.stdout


def test_the_production_environment_trusts_the_proxy_and_its_origin(tmp_path):
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_PROXY_SSL_HEADER, s.CSRF_TRUSTED_ORIGINS, s.SECURE_HSTS_SECONDS)"
    )
    result = run_lifeline(tmp_path, "shell", "-c", script)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "('HTTP_X_FORWARDED_PROTO', 'https') ['https://appeals.example.org'] 31536000"
    )


def test_a_proxy_header_is_read_as_written_in_http(monkeypatch):
    monkeypatch.setenv("PROXY", "X-Forwarded-Proto: https")
    assert env_header("PROXY") == ("HTTP_X_FORWARDED_PROTO", "https")
    monkeypatch.setenv("PROXY", "")
    assert env_header("PROXY") is None


@pytest.mark.parametrize("raw", ["https", "X-Forwarded-Proto", "X Forwarded: https", ": https"])
def test_a_malformed_proxy_header_stops_the_start(monkeypatch, raw):
    monkeypatch.setenv("PROXY", raw)
    with pytest.raises(ConfigError, match="PROXY must be a header and its value"):
        env_header("PROXY")


def test_trusted_origins_are_origins(monkeypatch):
    monkeypatch.setenv("ORIGINS", "https://appeals.example.org, https://*.example.org:8443")
    assert env_origins("ORIGINS", []) == [
        "https://appeals.example.org",
        "https://*.example.org:8443",
    ]
    for raw in ("appeals.example.org", "https://appeals.example.org/path", "ftp://example.org"):
        monkeypatch.setenv("ORIGINS", raw)
        with pytest.raises(ConfigError, match="ORIGINS takes origins like"):
            env_origins("ORIGINS", [])


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("proxy_header", "expected"),
    [(("HTTP_X_FORWARDED_PROTO", "https"), 302), (None, 403)],
    ids=["trusted proxy", "no proxy setting"],
)
def test_a_form_posted_over_https_through_the_proxy_is_accepted(settings, proxy_header, expected):
    """The proxy ends TLS and passes plain HTTP on: only its header tells Django the
    request was secure, and without it the browser's https:// origin looks foreign."""
    from django.test import Client

    settings.SECURE_PROXY_SSL_HEADER = proxy_header
    settings.ALLOWED_HOSTS = ["appeals.example.org"]
    settings.CSRF_TRUSTED_ORIGINS = []
    browser = Client(enforce_csrf_checks=True, HTTP_HOST="appeals.example.org")
    proxied = {"HTTP_X_FORWARDED_PROTO": "https"}
    browser.get("/", **proxied)
    token = browser.cookies["csrftoken"].value

    response = browser.post(
        "/i18n/setlang/",
        {"language": "fr", "next": "/", "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="https://appeals.example.org",
        **proxied,
    )

    assert response.status_code == expected
