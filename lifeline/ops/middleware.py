"""Answering the health probes (and the metrics scrape) before the rest of the middleware.

Load balancers probe over plain HTTP with whatever Host header they like: the probes
must not be redirected to HTTPS, refused for their host, or pay for sessions,
CSRF and CSP. So they are answered here, first in MIDDLEWARE, and nothing else runs.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from lifeline.ops.health import healthz, readyz
from lifeline.ops.metrics import metrics

PROBES = {"/healthz": healthz, "/readyz": readyz, "/metrics": metrics}


class HealthProbeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info)
        if probe is not None and request.method in ("GET", "HEAD"):
            return probe(request)
        return self.get_response(request)
