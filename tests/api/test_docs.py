"""docs/api.md documents every operation the schema has, and every error code."""

import re
from pathlib import Path

from lifeline.api.errors import ERRORS
from lifeline.api.main import api

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "api.md").read_text()


def test_every_operation_is_in_the_docs():
    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        short = re.sub(r"^/api/v1", "", path)
        for method in operations:
            assert f"`{method.upper()} {short}`" in DOCS, f"{method.upper()} {short}"


def test_every_error_code_is_in_the_docs():
    for status, code in ERRORS.items():
        assert f"| {status} | `{code}` |" in DOCS


def test_the_application_serves_its_schema_and_docs_page(client):
    schema = client.get("/api/v1/openapi.json").json()
    page = client.get("/api/v1/docs")

    assert schema["info"]["version"] == "1"
    assert "/api/v1/cases" in schema["paths"]
    assert "bearer" in str(schema["components"]["securitySchemes"]).lower()
    assert page.status_code == 200
    assert b"/api/v1/openapi.json" in page.content
