"""The index follows the importer's bulk and update paths, concern edits and case status."""

import datetime as dt

import pytest

from lifeline.archive import search
from lifeline.cases.importing import Importer, import_parsed
from lifeline.cases.models import Concern
from tests.cases.factories import make_concern
from tests.cases.test_importing import further_information, sheet

pytestmark = pytest.mark.django_db

TODAY = dt.date(2000, 6, 1)


def test_a_batch_import_is_searchable_with_its_facets():
    results = Importer().import_batch([sheet(body="Invented zebra text."), further_information()])
    assert [result.status for result in results] == ["imported", "imported"]
    result = search("zebra", today=TODAY)
    assert result.total == 1
    assert result.facets["concern"] == {"fear-for-safety": 1, "forcible-return": 1}
    assert result.facets["country"] == {"CN": 1, "KP": 1}
    # The further information closes nothing, so both are open before the deadline.
    assert search("", today=TODAY).facets["status"] == {"open": 2}


def test_an_updated_document_is_searched_by_its_new_text_and_concerns():
    import_parsed(sheet(body="The first version mentions a giraffe."))
    outcome = import_parsed(
        sheet(body="The second version mentions a walrus.", concerns=["Torture"])
    )
    assert outcome.status == "updated"
    assert search("giraffe").total == 0
    result = search("walrus")
    assert result.total == 1
    assert result.facets["concern"] == {"torture": 1}


def test_a_stop_action_closes_the_earlier_documents_in_the_index():
    import_parsed(sheet())
    assert search("", status="closed").total == 0
    import_parsed(
        further_information(kind="stop_action", document_index="ASA 17/30/00", update_number=2)
    )
    assert search("", status="closed").total == 2


def test_concern_edits_are_followed():
    document = import_parsed(sheet()).document
    document.concerns.add(make_concern("Death penalty"))
    assert search("", concern="death-penalty").total == 1
    document.concerns.clear()
    assert search("", concern="forcible-return").total == 0
    concern = Concern.objects.get(slug="death-penalty")
    concern.documents.add(document)
    assert search("", concern="death-penalty").total == 1
    concern.documents.clear()
    assert search("", concern="death-penalty").total == 0
