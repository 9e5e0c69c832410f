"""`lifeline search` and `lifeline reindex`."""

import json

import pytest
from django.core.management import CommandError, call_command

from lifeline.archive.models import SearchEntry

pytestmark = pytest.mark.django_db


def run_json(capsys, *args) -> dict:
    call_command("search", *args, "--json")
    return json.loads(capsys.readouterr().out)


def test_search_prints_the_documented_json(archive, capsys):
    output = run_json(capsys, "forcible return", "--country", "CN")
    assert output["total"] == 1
    assert output["results"] == [
        {
            "document_index": "ASA 17/01/05",
            "ua_number": "10/05",
            "kind": "urgent_action",
            "title": "Forcible return / Fear for safety",
            "snippet": output["results"][0]["snippet"],
            "case": "ua-10-05",
        }
    ]
    assert "<mark>forcibly</mark>" in output["results"][0]["snippet"]
    assert set(output["facets"]) == {"country", "concern", "kind", "year", "status"}
    assert output["facets"]["country"] == {"CN": 1}


def test_search_filters_by_concern_kind_and_year(archive, capsys):
    assert run_json(capsys, "", "--concern", "torture")["total"] == 1
    assert run_json(capsys, "invented", "--kind", "news")["total"] == 1
    assert run_json(capsys, "invented", "--year", "2001")["total"] == 1


def test_search_names_a_bad_option(archive):
    with pytest.raises(CommandError, match="--country"):
        call_command("search", "x", "--country", "China", "--json")


def test_reindex_rebuilds_the_index_with_a_progress_bar(archive, capsys):
    SearchEntry.objects.all().delete()
    assert run_json(capsys, "torture")["total"] == 0
    call_command("reindex")
    captured = capsys.readouterr()
    assert "indexed 5 documents" in captured.out
    assert "5/5" in captured.err  # tqdm's bar
    assert run_json(capsys, "tort*")["total"] == 2
    # Rebuilding again keeps the triggers: later edits are still followed.
    call_command("reindex", "--no-progress")
    assert capsys.readouterr().err == ""
    document = archive["ua"]
    document.title = "Zebra"
    document.save()
    assert run_json(capsys, "zebra")["total"] == 1
    document.delete()
    assert run_json(capsys, "zebra")["total"] == 0
