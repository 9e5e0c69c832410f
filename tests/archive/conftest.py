"""Fictional documents for the search tests, made through the ORM (so through post_save),
and Django's cache as Redis for the tests that ask for it (or for every test, when the
suite runs with REDIS_URL set)."""

import datetime as dt
import os
import uuid

import pytest
import time_machine
from django.core.cache import caches

from tests.cases.factories import make_case, make_document

REDIS_BACKEND = "django.core.cache.backends.redis.RedisCache"
# A Redis of this machine's, for the tests of the Redis cache; a database number of its
# own. With REDIS_URL set, that one is used.
TEST_REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13"


def _use_redis(settings, location: str):
    """Django's cache on Redis at `location`, under a key prefix of this test's own (the
    database rolls back after each test, Redis does not; and xdist's workers share it).
    Returns a function that deletes the test's keys."""
    prefix = f"test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {"BACKEND": REDIS_BACKEND, "LOCATION": location, "KEY_PREFIX": prefix}
    }

    def forget():
        client = caches["default"]._cache.get_client(write=True)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)

    return forget


@pytest.fixture(autouse=True)
def _own_redis_keys(settings):
    """With REDIS_URL set, every test of the archive gets Redis keys of its own."""
    if settings.CACHES["default"]["BACKEND"] != REDIS_BACKEND:
        yield
        return
    forget = _use_redis(settings, settings.CACHES["default"]["LOCATION"])
    yield
    forget()


@pytest.fixture
def redis_cache(settings):
    """Django's cache on the Redis of this machine; skipped where none answers, except
    in CI, where one must."""
    import redis

    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no Redis at {TEST_REDIS_URL}")
    forget = _use_redis(settings, TEST_REDIS_URL)
    yield caches["default"]
    forget()


@pytest.fixture
def archive(db):
    """Four fictional cases and their documents, all about invented people.

    The clock stands at the fixtures' `today` (ticking), so a search that does not
    pass `today=` (a cursor's next page, a page view) agrees with those that do.
    """
    today = dt.date(2026, 11, 23)
    traveller = time_machine.travel(dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC), tick=True)
    traveller.start()
    open_case = make_case(
        ua_number="10/05", slug="ua-10-05", countries=["CN"], deadline=today + dt.timedelta(30)
    )
    closed_case = make_case(ua_number="20/98", slug="ua-20-98", countries=["MX"], closed=True)
    past_case = make_case(
        ua_number="30/01", slug="ua-30-01", countries=["CN", "KP"], deadline=dt.date(2001, 3, 1)
    )
    news_case = make_case(ua_number=None, slug="news-1", countries=["CN"])
    docs = {
        "ua": make_document(
            open_case,
            concerns=["Forcible return"],
            title="Forcible return / Fear for safety",
            body="Invented refugees were forcibly returned across the border.",
            issue_date=dt.date(2005, 4, 1),
            document_index="ASA 17/01/05",
        ),
        "fi": make_document(
            open_case,
            kind="further_information",
            concerns=["Fear for safety"],
            title="Further information: fear for safety",
            body="The prisoner of conscience Wen Invented faces torture in detention.",
            issue_date=dt.date(2005, 5, 1),
        ),
        "stop": make_document(
            closed_case,
            kind="stop_action",
            concerns=["Torture"],
            countries=["MX"],
            title="Torture: released",
            body="Ana Ficticia was tortured, then released; thanks to everyone who wrote.",
            issue_date=dt.date(1999, 8, 1),
        ),
        "past": make_document(
            past_case,
            concerns=["Death penalty"],
            countries=["CN", "KP"],
            title="Death penalty",
            body="A conscientious prisoner, Invented Kim, faces the death penalty.",
            issue_date=dt.date(2001, 1, 20),
        ),
        "news": make_document(
            news_case,
            kind="news",
            countries=["CN"],
            title="China: invented news release",
            body='Text with <script>alert("x")</script> & an ampersand about returns.',
            issue_date=None,
        ),
    }
    yield {"today": today, **docs}
    traveller.stop()
