"""API tokens as plain values: making one, and the digest the database keeps.

A token is shown once, when it is made; only its SHA-256 digest is stored, so a
copy of the database does not hand out working tokens. SHA-256 rather than a
slow password hash because the token is 256 random bits: there is nothing to
guess, and every API request checks one.
"""

import hashlib
import secrets
from dataclasses import dataclass

PREFIX = "ll_"
# Characters of the token kept in clear, so a person can tell their tokens apart.
VISIBLE = 8


@dataclass(frozen=True)
class NewToken:
    secret: str  # what the client sends: "ll_" and 43 URL-safe characters
    digest: str  # sha256 hex of the secret, what the database keeps
    visible: str  # the secret's first characters, for lists and logs


def new_token() -> NewToken:
    secret = PREFIX + secrets.token_urlsafe(32)
    return NewToken(secret=secret, digest=digest(secret), visible=secret[: len(PREFIX) + VISIBLE])


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def looks_like_token(value: str) -> bool:
    """A cheap check before the database is asked: right prefix and plausible length."""
    return value.startswith(PREFIX) and 20 <= len(value) <= 200
