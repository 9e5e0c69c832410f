"""Fixtures for the whole suite."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language():
    """Start every test in the default language.

    LocaleMiddleware activates the language of each request in the thread that
    served it and leaves it active, so without this a test would see the
    language of whatever test ran before it in the same worker.
    """
    translation.activate("en")
    yield
    translation.deactivate()
