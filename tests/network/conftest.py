import pytest

from tests.network.smtp import SmtpServer


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on localhost, with Django's mail settings pointing at it."""
    server = SmtpServer().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.NOTIFY_RETRY_SECONDS = 0
    # Threads would open connections of their own, which cannot see the test's
    # uncommitted rows; the worker-process tests cover them.
    settings.NOTIFY_CONNECTIONS = 1
    yield server
    server.stop()
