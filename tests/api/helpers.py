"""The API test client and the error-shape assertion."""

import json


class Api:
    """The Django test client speaking JSON to /api/v1/, optionally with a token."""

    def __init__(self, client, token: str | None = None):
        self.client = client
        self.token = token

    def _headers(self, headers):
        headers = dict(headers or {})
        if self.token:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        return headers

    def get(self, path, headers=None, **params):
        return self.client.get(f"/api/v1{path}", params, headers=self._headers(headers))

    def send(self, method, path, data=None, headers=None, raw=None):
        body = raw if raw is not None else json.dumps(data, default=str)
        call = getattr(self.client, method)
        return call(
            f"/api/v1{path}", body, content_type="application/json", headers=self._headers(headers)
        )

    def post(self, path, data=None, **kwargs):
        return self.send("post", path, data, **kwargs)

    def patch(self, path, data=None, **kwargs):
        return self.send("patch", path, data, **kwargs)


def assert_error(response, status: int, code: str):
    """The response is the API's one error shape with this status and code."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    for detail in body["error"]["details"]:
        assert set(detail) == {"field", "message"}
    return body["error"]
