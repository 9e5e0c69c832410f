"""The project's URLs plus `/bench/floor`: a bare Django view inserting one row.

It is the floor `bench/appeal_http.py` compares recording an appeal with: the same
server, settings and middleware, one transaction of one raw INSERT and nothing else.
"""

import uuid

from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from lifeline.urls import urlpatterns as project_urlpatterns

TABLE = "bench_floor"
CREATE = f"CREATE TABLE IF NOT EXISTS {TABLE} (id INTEGER PRIMARY KEY, key VARCHAR(36))"
CREATE_POSTGRES = f"CREATE TABLE IF NOT EXISTS {TABLE} (id BIGSERIAL PRIMARY KEY, key VARCHAR(36))"


@csrf_exempt
def floor(request):
    if request.method != "POST":
        return HttpResponse(status=204)  # the bench's "is the server up" probe
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (key) VALUES (%s)", [str(uuid.uuid4())])  # noqa: S608
    return HttpResponse(status=201)


urlpatterns = [path("bench/floor", floor), *project_urlpatterns]
