"""Settings for the test suite: the project's own, with a fixed secret and a fast hasher."""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-secret-key-not-for-production")
os.environ.setdefault("SECURE_COOKIES", "False")

from lifeline.settings import *  # noqa: F403

# Argon2 is deliberately slow; tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
