"""The done-when check: the two real samples, imported, searched for "forcible return China"."""

from pathlib import Path

import pytest

from lifeline.archive import search
from lifeline.cases.importing import import_paths
from lifeline.cases.models import DocumentCountry

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"

pytestmark = pytest.mark.django_db


@pytest.fixture
def samples():
    if not SAMPLES.is_dir():
        pytest.skip("the shared samples are not beside the checkout")
    report = import_paths([str(SAMPLES)])
    assert report.imported == 2, report.failures


def test_sample_000_comes_first_with_a_highlighted_snippet(samples):
    result = search("forcible return China")
    assert result.total == 2
    first = result.results[0]
    assert first.document_index == "ASA 17/21/00"
    assert first.ua_number == "105/00"
    assert first.case == "ua-105-00"
    assert "<mark>" in first.snippet
    assert first.rank > result.results[1].rank


def test_the_country_facet_counts_match_the_documents(samples):
    result = search("forcible return China")
    ids = [hit.document_id for hit in result.results]
    expected: dict[str, int] = {}
    for code in DocumentCountry.objects.filter(document_id__in=ids).values_list("code", flat=True):
        expected[code] = expected.get(code, 0) + 1
    assert result.facets["country"] == expected
    assert result.facets["country"]["CN"] == 2


def test_a_country_filter_keeps_the_sample_that_names_north_korea(samples):
    result = search("forcible return China", country="KP")
    assert [hit.document_index for hit in result.results] == ["ASA 17/21/00"]
