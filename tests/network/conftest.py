import pytest

# The letter page's cases, for the appeal emails sent from it.
from tests.actions.conftest import case_and_document, sample_case  # noqa: F401 - fixtures
from tests.mailserver import smtp  # noqa: F401 - a fixture


@pytest.fixture
def smtp_server(smtp, settings):  # noqa: F811 - the fixture above
    """The real SMTP server, with retries immediate and one connection per worker."""
    settings.NOTIFY_RETRY_SECONDS = 0
    # Threads would open connections of their own, which cannot see the test's
    # uncommitted rows; the worker-process tests cover them.
    settings.NOTIFY_CONNECTIONS = 1
    return smtp
