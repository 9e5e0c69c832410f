"""GET /api/v1/search: the archive's search with facets, through the API."""

from pathlib import Path

import pytest

from lifeline.cases.importing import import_paths
from lifeline.cases.models import Document
from tests.api.helpers import assert_error
from tests.api.test_documents_write import NEW_UA
from tests.archive.conftest import archive  # noqa: F401 (fixture)
from tests.cases.factories import make_action_case

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"

pytestmark = pytest.mark.django_db


def test_a_search_returns_ranked_hits_with_snippets_and_facets(api, archive):  # noqa: F811
    body = api.get("/search", q="forcible return").json()

    assert body["total"] == 1
    [hit] = body["results"]
    assert hit["code"] == str(archive["ua"].code)
    assert hit["case"] == "ua-10-05"
    assert "<mark>" in hit["snippet"]
    assert api.client.get(hit["url"]).json()["code"] == hit["code"]
    assert body["facets"]["country"] == {"CN": 1}
    assert body["facets"]["kind"] == {"urgent_action": 1}
    assert set(body["facets"]) == {"country", "concern", "kind", "year", "status"}


def test_filters_narrow_the_hits_and_the_facets(api, archive):  # noqa: F811
    everything = api.get("/search").json()
    chinese = api.get("/search", country="cn").json()

    assert everything["total"] == 5
    assert chinese["total"] == everything["facets"]["country"]["CN"]
    assert all(hit["case"] != "ua-20-99" for hit in chinese["results"])
    assert "MX" not in chinese["facets"]["country"]


def test_pages_continue_with_the_cursor(api, archive):  # noqa: F811
    first = api.get("/search", sort="date", per_page=2).json()
    second = api.client.get(first["next"]).json()

    assert first["next_cursor"]
    codes = [hit["code"] for hit in first["results"] + second["results"]]
    assert len(codes) == len(set(codes)) == 4


def test_any_query_text_is_searchable_without_error(api, archive):  # noqa: F811
    for text in ['"unclosed', "AND OR NOT", "*", "title:x", "NEAR(a b)", "ü ß 中国", ")("]:
        response = api.get("/search", q=text)
        assert response.status_code == 200, (text, response.content)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"sort": "best"}, "query.sort"),
        ({"per_page": 500}, "query.per_page"),
        ({"country": "China"}, "query.country"),
    ],
)
def test_bad_search_parameters_are_a_400_naming_them(api, params, field):
    error = assert_error(api.get("/search", **params), 400, "invalid_request")

    assert [detail["field"] for detail in error["details"]] == [field]


def test_a_cursor_not_made_by_a_search_is_a_422(api, archive):  # noqa: F811
    error = assert_error(api.get("/search", cursor="0" * 40), 422, "unprocessable")

    assert [detail["field"] for detail in error["details"]] == ["query.cursor"]


def test_a_document_written_through_the_api_is_found_at_once(editor_api):
    created = editor_api.post("/documents", NEW_UA).json()
    assert editor_api.get("/search", q="detained border").json()["total"] == 1

    editor_api.patch(
        f"/documents/{created['code']}",
        {"body": "Kim Invented was moved to a labour camp.", "countries": ["KP"]},
    )

    assert editor_api.get("/search", q="detained border").json()["total"] == 0
    moved = editor_api.get("/search", q="labour camp").json()
    assert moved["total"] == 1
    assert moved["facets"]["country"] == {"KP": 1}


def test_the_samples_search_finds_sample_000_first(api):
    if not SAMPLES.is_dir():
        pytest.skip("the shared samples are not beside the checkout")
    import_paths([str(SAMPLES)])
    make_action_case()

    body = api.get("/search", q="forcible return China").json()

    first = body["results"][0]
    assert first["document_index"] == "ASA 17/21/00"
    assert "<mark>" in first["snippet"]
    assert body["facets"]["country"]["CN"] == body["total"] == 2
    assert Document.objects.count() == 3
