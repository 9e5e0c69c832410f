"""schemathesis against the schema the application serves: no server error, and every
response (status, content type, headers, body) as the schema documents it.

The application runs in-process through its WSGI entry point, against the test
database holding the demo sheets, and requests carry an editor's token so the write
operations are exercised too. Examples per operation are kept small so the whole run
stays well under a minute; CI runs it on both databases.
"""

from pathlib import Path

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from lifeline.api.models import ApiToken
from lifeline.cases.importing import import_paths

DEMO_SHEETS = Path(__file__).resolve().parents[2] / "lifeline" / "demo" / "sheets"


@pytest.fixture
def wsgi_app():
    # The test runs inside a transaction that each request would otherwise close
    # (as Django's own test client also prevents).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield WSGIHandler()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def editor_token(db, wsgi_app, editor):
    report = import_paths([str(DEMO_SHEETS)])
    assert report.failed == 0 and report.imported > 0
    return ApiToken.issue(editor)[1]


# Loaded when the module is collected: fetching the schema touches no database.
# (schemathesis' lazy `from_fixture` loader does not run under pytest 9.)
# A schema-valid write may still be refused as unprocessable (422): a deadline before
# the issue date, an update without its UA number. Everything else schemathesis
# expects of well-formed requests stands.
CONFIG = schemathesis.Config.from_str(
    """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "401", "403", "404", "409", "422"]
"""
)
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(), config=CONFIG)


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_schema(case, editor_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {editor_token}"})
