"""Errors to Sentry (or a server speaking its protocol) when SENTRY_DSN is set.

Errors only: no performance tracing is asked for.
"""

from __future__ import annotations


def start_sentry(dsn: str, environment: str) -> None:
    import sentry_sdk  # only loaded when a DSN is set

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        # Members' and writers' addresses, names and client addresses stay here:
        # no request bodies, cookies, users or IP addresses in the reports, nor the
        # variables of the failing frames (addresses, letters, tokens).
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
    )
