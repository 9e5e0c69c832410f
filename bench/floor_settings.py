"""Settings for `bench/appeal_http.py`'s server: the project's own, plus the floor view.

Only the bench starts a server with these (DJANGO_SETTINGS_MODULE=floor_settings and
bench/ on the path); the project's URLs never hold the floor view.
"""

from lifeline.settings import *  # noqa: F403

ROOT_URLCONF = "floor_urls"
