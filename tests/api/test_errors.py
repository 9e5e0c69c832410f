"""Every way a request can fail answers with the one error shape.

400, 401, 403, 404, 409 and 422 from the endpoints are also checked where they
arise (test_cases, test_documents_*); here each status is checked once together,
plus the ones that come from outside the operations (unknown path, wrong method,
crash).
"""

import pytest

from lifeline.api import present
from lifeline.api.errors import ERRORS
from tests.api.helpers import assert_error
from tests.api.test_documents_write import NEW_UA
from tests.cases.factories import make_action_case

pytestmark = pytest.mark.django_db


def test_400_for_a_bad_query_parameter(api):
    assert_error(api.get("/documents", limit="many"), 400, "invalid_request")


def test_401_without_a_token_says_how_to_send_one(api):
    response = api.post("/documents", NEW_UA)

    error = assert_error(response, 401, "not_authenticated")
    assert "Bearer" in error["message"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_401_for_a_revoked_token_or_an_inactive_user(client, editor):
    from django.utils import timezone

    from lifeline.api.models import ApiToken
    from tests.api.helpers import Api

    revoked, secret = ApiToken.issue(editor)
    revoked.revoked = timezone.now()
    revoked.save()
    assert_error(Api(client, secret).post("/documents", NEW_UA), 401, "not_authenticated")

    _, secret = ApiToken.issue(editor)
    editor.is_active = False
    editor.save()
    assert_error(Api(client, secret).post("/documents", NEW_UA), 401, "not_authenticated")


def test_403_for_a_member_writing_documents(member_api):
    assert_error(member_api.post("/documents", NEW_UA), 403, "forbidden")


def test_404_for_an_unknown_object_and_an_unknown_path(api):
    assert_error(api.get("/cases/nope"), 404, "not_found")
    assert_error(api.get("/no/such/endpoint"), 404, "not_found")
    assert_error(api.get("/documents/not-a-uuid"), 404, "not_found")


def test_405_for_a_method_the_path_does_not_take_lists_the_allowed_ones(api):
    response = api.send("delete", "/cases")

    error = assert_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET"
    assert "DELETE" in error["message"]


def test_409_for_a_taken_document_index(editor_api):
    editor_api.post("/documents", NEW_UA)

    assert_error(editor_api.post("/documents", NEW_UA | {"title": "Again"}), 409, "conflict")


def test_422_for_a_deadline_before_the_issue_date(editor_api):
    data = NEW_UA | {"appeal_deadline": "2000-01-01"}

    assert_error(editor_api.post("/documents", data), 422, "unprocessable")


def test_413_for_a_body_over_the_upload_limit(editor_api, api, settings):
    size = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
    body = '{"title": "' + "x" * size + '"}'

    error = assert_error(editor_api.post("/documents", raw=body), 413, "too_large")

    assert str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) in error["message"]
    assert_error(api.post("/appeals", raw=body), 413, "too_large")


def test_413_when_the_body_is_read_past_the_limit(editor_api, settings, monkeypatch):
    """A length the middleware did not see (it trusts CONTENT_LENGTH) still gives 413."""
    from lifeline.api import middleware

    monkeypatch.setattr(middleware, "_declared_too_large", lambda request: False)
    body = '{"title": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) + '"}'

    assert_error(editor_api.post("/documents", raw=body), 413, "too_large")


def test_500_keeps_the_shape_and_hides_the_exception(api, monkeypatch, caplog):
    make_action_case()

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    # A crash cannot be provoked through valid input (that would be a bug to fix),
    # so one is planted where every case list passes.
    monkeypatch.setattr(present, "cases", broken)
    response = api.get("/cases")

    error = assert_error(response, 500, "server_error")
    assert "secret internals" not in response.content.decode()
    assert "secret internals" in caplog.text
    assert error["details"] == []


def test_the_feed_reports_bad_filters_in_the_same_shape(api):
    response = api.client.get("/api/v1/feeds/actions.atom", {"country": "China"})

    error = assert_error(response, 400, "invalid_request")
    assert error["details"][0]["field"] == "query.country"


def test_every_documented_status_has_a_code():
    assert set(ERRORS) == {400, 401, 403, 404, 405, 409, 413, 422, 429, 500}
    assert len(set(ERRORS.values())) == len(ERRORS)


def test_public_pages_keep_their_html_errors(client):
    response = client.get("/cases/no-such-case/")

    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")


def test_a_crash_outside_ninja_under_api_keeps_the_shape(api, monkeypatch, caplog):
    from lifeline.api.feeds import ActionsFeed

    def broken(self, obj):
        raise RuntimeError("feed internals")

    monkeypatch.setattr(ActionsFeed, "items", broken)
    response = api.client.get("/api/v1/feeds/actions.atom")

    assert_error(response, 500, "server_error")
    assert "feed internals" not in response.content.decode()
    assert "feed internals" in caplog.text
