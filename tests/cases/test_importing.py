"""Importing parsed documents: cases, updates, stop actions, the target directory."""

import datetime as dt
import hashlib

import pytest
from django.db import IntegrityError

from lifeline.cases.importing import Importer, ImportRejected, import_parsed
from lifeline.cases.models import (
    AppealGroup,
    AppealPoint,
    Case,
    Concern,
    Document,
    DocumentCountry,
    GroupTarget,
    Target,
    document_date,
    target_key,
)
from lifeline.documents import ParsedAppealGroup, ParsedDocument, ParsedTarget

pytestmark = pytest.mark.django_db


def premier(**fields) -> ParsedTarget:
    values = {
        "title": "Premier of the People’s Republic of China",
        "name": "ZHU Rongji Zongli",
        "address": ["9 Xihuangchenggenbeijie", "Beijingshi 100032"],
        "country": "CN",
        "salutation": "Your Excellency",
    }
    return ParsedTarget(**(values | fields))


def minister(**fields) -> ParsedTarget:
    values = {"title": "Minister of Foreign Affairs", "name": "Mr Paek Nam Sun", "country": "KP"}
    return ParsedTarget(**(values | fields))


def sheet(**fields) -> ParsedDocument:
    """A parsed document as the parser would give it; the hash follows the content."""
    values = {
        "source": "ua.txt",
        "kind": "urgent_action",
        "ua_number": "105/00",
        "document_index": "ASA 17/18/00",
        "title": "Forcible return / Fear for safety",
        "concerns": ["Forcible return", "Fear for safety"],
        "countries": ["KP", "CN"],
        "issue_date": dt.date(2000, 5, 2),
        "appeal_deadline": dt.date(2000, 6, 13),
        "appeal_groups": [
            ParsedAppealGroup(
                audience="APPEALS TO CHINESE AUTHORITIES",
                points=["urging them to stop forcible returns", "calling for UNHCR access"],
                targets=[premier()],
            ),
            ParsedAppealGroup(
                audience="APPEALS TO NORTH KOREAN AUTHORITIES",
                points=["urging them to ensure no returnee is ill-treated"],
                targets=[minister()],
            ),
        ],
    } | fields
    text = fields.get("source_text") or repr(sorted(values.items()))
    values.setdefault("source_text", text)
    values.setdefault("text", text)
    values.setdefault("source_hash", hashlib.sha256(text.encode()).hexdigest())
    return ParsedDocument(**values)


def further_information(**fields) -> ParsedDocument:
    values = {
        "source": "fi.txt",
        "kind": "further_information",
        "update_number": 1,
        "document_index": "ASA 17/21/00",
        "title": "Further information on UA 105/00 - Forcible return",
        "issue_date": dt.date(2000, 6, 7),
        "appeal_deadline": dt.date(2000, 7, 19),
        "countries": ["KP", "CN", "RU"],
    }
    return sheet(**(values | fields))


def test_it_imports_an_urgent_action_into_a_case_of_its_own():
    outcome = import_parsed(sheet())

    assert outcome.status == "imported"
    document = outcome.document
    case = document.case
    assert case.slug == "ua-105-00"
    assert case.ua_number == "105/00"
    assert case.title == "Forcible return / Fear for safety"
    assert case.countries == ["KP", "CN"]
    assert case.deadline == dt.date(2000, 6, 13)
    assert case.issued == dt.date(2000, 5, 2)
    assert not case.closed
    assert list(document.country_rows.values_list("code", flat=True)) == ["KP", "CN"]
    assert sorted(document.concerns.values_list("slug", flat=True)) == [
        "fear-for-safety",
        "forcible-return",
    ]
    groups = list(document.groups.all())
    assert [g.audience for g in groups] == [
        "APPEALS TO CHINESE AUTHORITIES",
        "APPEALS TO NORTH KOREAN AUTHORITIES",
    ]
    assert list(groups[0].points.values_list("text", flat=True)) == [
        "urging them to stop forcible returns",
        "calling for UNHCR access",
    ]
    assert [str(t) for t in groups[0].targets.all()] == [
        "ZHU Rongji Zongli, Premier of the People’s Republic of China"
    ]
    target = groups[0].targets.get()
    assert target.salutation == "Your Excellency"
    assert target.address == ["9 Xihuangchenggenbeijie", "Beijingshi 100032"]


def test_it_never_publishes_an_imported_document():
    document = import_parsed(sheet()).document

    assert document.published is None


def test_it_skips_a_document_imported_twice():
    first = import_parsed(sheet())
    again = import_parsed(sheet())

    assert again.status == "skipped"
    assert again.document.pk == first.document.pk
    assert Document.objects.count() == 1
    assert AppealGroup.objects.count() == 2
    assert AppealPoint.objects.count() == 3
    assert Target.objects.count() == 2


def test_it_updates_a_document_with_the_same_index_and_new_content():
    first = import_parsed(sheet()).document
    revised = sheet(
        title="Forcible return",
        concerns=["Forcible return"],
        countries=["CN"],
        appeal_groups=[ParsedAppealGroup(audience="APPEALS TO THE UNHCR", points=["one point"])],
    )

    outcome = import_parsed(revised)

    assert outcome.status == "updated"
    document = Document.objects.get()
    assert (document.pk, document.code) == (first.pk, first.code)
    assert document.source_hash == revised.source_hash
    assert document.title == "Forcible return"
    assert list(document.concerns.values_list("name", flat=True)) == ["Forcible return"]
    assert list(DocumentCountry.objects.values_list("code", flat=True)) == ["CN"]
    assert list(AppealGroup.objects.values_list("audience", flat=True)) == ["APPEALS TO THE UNHCR"]
    assert list(AppealPoint.objects.values_list("text", flat=True)) == ["one point"]
    assert not GroupTarget.objects.exists()
    # The directory keeps the officials: other documents or appeals may name them.
    assert Target.objects.count() == 2
    assert document.case.countries == ["CN"]


def test_a_further_information_before_its_original_creates_the_case_the_original_completes():
    fi = import_parsed(further_information()).document
    case = fi.case
    assert case.slug == "ua-105-00"
    assert case.title == "Further information on UA 105/00 - Forcible return"
    assert case.issued == dt.date(2000, 6, 7)

    original = import_parsed(sheet()).document

    assert original.case_id == case.pk
    case.refresh_from_db()
    assert Case.objects.count() == 1
    assert case.title == "Forcible return / Fear for safety"
    assert case.issued == dt.date(2000, 5, 2)
    assert case.countries == ["KP", "CN", "RU"]
    # The update is newer than the original, whatever the order of import.
    assert case.deadline == dt.date(2000, 7, 19)
    assert list(case.documents.values_list("kind", flat=True)) == [
        "urgent_action",
        "further_information",
    ]


def test_a_stop_action_closes_the_case():
    import_parsed(sheet())
    stop = sheet(
        kind="stop_action",
        document_index="ASA 17/30/00",
        title="Stop action: released",
        issue_date=dt.date(2000, 9, 1),
        appeal_deadline=None,
        appeal_groups=[],
    )

    case = import_parsed(stop).document.case

    assert case.closed
    assert case.title == "Forcible return / Fear for safety"
    assert case.deadline == dt.date(2000, 6, 13)


def test_an_update_moves_the_deadline():
    import_parsed(sheet())

    case = import_parsed(further_information(appeal_deadline=dt.date(2000, 6, 10))).document.case

    # Newest document wins, even when it brings the deadline forward.
    assert case.deadline == dt.date(2000, 6, 10)


def test_an_update_without_a_deadline_keeps_the_earlier_one():
    import_parsed(sheet())

    case = import_parsed(further_information(appeal_deadline=None)).document.case

    assert case.deadline == dt.date(2000, 6, 13)


def test_news_naming_a_ua_number_joins_its_case():
    original = import_parsed(sheet()).document
    news = sheet(kind="news", document_index=None, title="China: forced back", appeal_groups=[])

    document = import_parsed(news).document

    assert document.case_id == original.case_id


def test_news_without_a_ua_number_gets_a_case_of_its_own():
    indexed = sheet(kind="news", ua_number=None, document_index="ASA 17/24/00", appeal_groups=[])
    bare = sheet(kind="news", ua_number=None, document_index=None, title="Open letter")

    first = import_parsed(indexed).document.case
    second = import_parsed(bare).document.case

    assert first.slug == "asa-17-24-00"
    assert first.ua_number is None
    assert second.slug == f"doc-{bare.source_hash[:12]}"
    assert Case.objects.count() == 2


def test_a_taken_slug_gets_the_hash_appended():
    Case.objects.create(slug="asa-17-24-00", title="Made by an editor")
    news = sheet(kind="news", ua_number=None, document_index="ASA 17/24/00")

    case = import_parsed(news).document.case

    assert case.slug == f"asa-17-24-00-{news.source_hash[:8]}"


def test_targets_are_shared_across_documents():
    import_parsed(sheet(appeal_groups=[ParsedAppealGroup(targets=[premier(fax=[])])]))
    # The same official on a later sheet, typed differently and with a fax number
    # and a different salutation.
    later = premier(
        name="Zhu  Rongji zongli",
        title="Premier of the People's Republic of China",
        fax=["+86 10 6512 5810"],
        salutation="Dear Premier",
    )
    fi = import_parsed(further_information(appeal_groups=[ParsedAppealGroup(targets=[later])]))

    target = Target.objects.get()
    assert fi.document.groups.get().targets.get() == target
    assert target.fax == ["+86 10 6512 5810"]  # a blank filled in
    assert target.salutation == "Your Excellency"  # not overwritten
    assert target.name == "ZHU Rongji Zongli"
    assert target.groups.count() == 2


def test_an_official_named_twice_in_a_group_is_linked_once():
    group = ParsedAppealGroup(targets=[premier(), premier(name="Zhu Rongji Zongli")])

    document = import_parsed(sheet(appeal_groups=[group])).document

    assert document.groups.get().target_links.count() == 1


def test_the_same_official_in_another_country_is_another_target():
    group = ParsedAppealGroup(targets=[minister(), minister(country="CN")])

    import_parsed(sheet(appeal_groups=[group]))

    assert Target.objects.count() == 2


def test_a_target_without_name_title_organisation_or_address_is_left_out():
    group = ParsedAppealGroup(targets=[ParsedTarget(salutation="Dear Sir")])

    document = import_parsed(sheet(appeal_groups=[group])).document

    assert not Target.objects.exists()
    assert document.groups.count() == 1


def test_concerns_are_shared_and_keep_their_slug():
    import_parsed(sheet())
    import_parsed(further_information(concerns=["Fear for safety", "Torture"]))

    assert list(Concern.objects.values_list("slug", flat=True)) == [
        "fear-for-safety",
        "forcible-return",
        "torture",
    ]


def test_a_failure_in_the_middle_of_a_document_leaves_nothing_of_it():
    # The second group's target only fails after the case, the document and the
    # first group are written.
    bad = ParsedAppealGroup(targets=[minister(country="PRK")])
    document = sheet(appeal_groups=[*sheet().appeal_groups, bad])

    with pytest.raises(ImportRejected, match="longer than 2 characters"):
        import_parsed(document)

    for model in (Case, Document, DocumentCountry, AppealGroup, AppealPoint, Target, Concern):
        assert not model.objects.exists(), model


def test_a_database_rejection_leaves_nothing_of_the_document():
    # Both backends refuse a negative update number (a CHECK constraint); the
    # case is written before the document and must go too.
    with pytest.raises(IntegrityError):
        import_parsed(further_information(update_number=-1))

    assert not Case.objects.exists()
    assert not Document.objects.exists()


def test_an_importer_forgets_rows_a_failed_document_created():
    importer = Importer()
    bad = ParsedAppealGroup(targets=[premier(), minister(country="PRK")])
    with pytest.raises(ImportRejected):
        importer.import_parsed(sheet(appeal_groups=[bad]))

    # The premier created by the failed document was rolled back; the importer
    # must create it again rather than link to a row that is gone.
    document = importer.import_parsed(sheet()).document

    assert document.groups.first().targets.get().name == "ZHU Rongji Zongli"


def test_it_refuses_a_ua_number_longer_than_its_column():
    with pytest.raises(ImportRejected, match="UA number is longer than 20 characters"):
        import_parsed(sheet(ua_number="105/00 and 106/00 and 107/00"))

    assert not Case.objects.exists()


def test_it_refuses_a_document_without_text():
    empty = sheet(source_text=" ", text="", warnings=["no text layer in the PDF"])

    with pytest.raises(ImportRejected, match=r"no readable text \(no text layer in the PDF\)"):
        import_parsed(empty)


def test_it_shortens_an_overlong_title_instead_of_refusing_the_document():
    document = import_parsed(sheet(title="Fear for safety " * 40)).document

    assert len(document.title) == 500
    assert document.title.endswith("…")


def test_an_update_naming_another_ua_number_moves_the_document_and_drops_the_empty_case():
    news = sheet(kind="news", ua_number=None, document_index="ASA 17/24/00", appeal_groups=[])
    import_parsed(news)
    import_parsed(sheet())

    moved = import_parsed(sheet(kind="news", document_index="ASA 17/24/00", title="Now with UA"))

    assert moved.status == "updated"
    assert moved.document.case.slug == "ua-105-00"
    assert list(Case.objects.values_list("slug", flat=True)) == ["ua-105-00"]


def test_the_case_is_dated_from_the_deadline_or_the_index_year_when_undated():
    undated = sheet(issue_date=None, appeal_deadline=dt.date(2000, 6, 13))
    case = import_parsed(undated).document.case
    assert case.issued == dt.date(2000, 5, 2)  # six weeks before the deadline

    bare = sheet(
        ua_number="7/99", document_index="AMR 51/07/99", issue_date=None, appeal_deadline=None
    )
    assert import_parsed(bare).document.case.issued == dt.date(1999, 1, 1)


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"issue_date": dt.date(2001, 3, 4)}, dt.date(2001, 3, 4)),
        ({"appeal_deadline": dt.date(2001, 3, 4)}, dt.date(2001, 1, 21)),
        ({"document_index": "ASA 17/21/00"}, dt.date(2000, 1, 1)),
        ({"document_index": "MDE 13/012/2021"}, dt.date(2021, 1, 1)),
        ({"ua_number": "88/73"}, dt.date(1973, 1, 1)),
        ({"document_index": "no year"}, None),
    ],
)
def test_document_date_falls_back_from_issue_date_to_deadline_to_year(fields, expected):
    assert document_date(**({"issue_date": None} | fields)) == expected


def test_the_target_key_ignores_case_spacing_and_typographic_quotes():
    assert target_key("ZHU  Rongji", "Premier of the People’s Republic", "CN") == target_key(
        "zhu rongji", "Premier of the People's Republic,", "cn"
    )
    assert target_key("", "", "CN", organisation="UNHCR") == "|unhcr|cn"
    assert target_key("", "", "") == ""
    long_key = target_key("x" * 400, "", "CN")
    assert len(long_key) == 300
    assert long_key != target_key("x" * 401, "", "CN")


def test_a_batch_gives_the_same_result_as_importing_one_by_one():
    stop = further_information(kind="stop_action", update_number=2, document_index="ASA 17/30/00")
    other = sheet(ua_number="7/01", document_index="AMR 51/1/01", countries=["US"])

    results = Importer().import_batch([further_information(), sheet(), stop, other])

    assert [result.status for result in results] == ["imported"] * 4
    case = Case.objects.get(ua_number="105/00")
    assert case.title == "Forcible return / Fear for safety"
    assert case.closed
    assert case.countries == ["KP", "CN", "RU"]
    assert case.deadline == dt.date(2000, 7, 19)
    assert case.issued == dt.date(2000, 5, 2)
    assert Case.objects.get(ua_number="7/01").countries == ["US"]
    # One premier and one minister for all four documents.
    assert Target.objects.count() == 2
    assert GroupTarget.objects.count() == 8


def test_a_batch_joins_cases_and_targets_imported_before():
    import_parsed(sheet())
    later = premier(fax=["+86 10 6512 5810"])

    [result] = Importer().import_batch(
        [further_information(appeal_groups=[ParsedAppealGroup(targets=[later])])]
    )

    case = result.document.case
    assert Case.objects.count() == 1
    assert case.deadline == dt.date(2000, 7, 19)
    assert Case.objects.get().deadline == dt.date(2000, 7, 19)
    assert Target.objects.get(country="CN").fax == ["+86 10 6512 5810"]


def test_a_batch_skips_repeats_and_updates_a_revised_document():
    revised = sheet(title="Revised")

    results = Importer().import_batch([sheet(), sheet(), revised])

    assert [result.status for result in results] == ["imported", "skipped", "updated"]
    assert Document.objects.get().title == "Revised"


def test_a_failing_document_in_a_batch_fails_alone():
    bad = sheet(
        ua_number="8/01",
        document_index="AMR 51/8/01",
        appeal_groups=[ParsedAppealGroup(targets=[minister(country="PRK")])],
    )
    good = [further_information(), sheet(ua_number="9/01", document_index="AMR 51/9/01")]

    results = Importer().import_batch([good[0], bad, good[1]])

    assert [getattr(result, "status", None) for result in results] == ["imported", None, "imported"]
    assert isinstance(results[1], ImportRejected)
    assert sorted(Case.objects.values_list("ua_number", flat=True)) == ["105/00", "9/01"]
    assert not Document.objects.filter(ua_number="8/01").exists()
    assert not Target.objects.filter(country="PRK").exists()


def test_a_batch_reports_a_document_without_text():
    empty = sheet(source_text=" ", text="")

    [result] = Importer().import_batch([empty])

    assert isinstance(result, ImportRejected)
    assert not Case.objects.exists()


def test_a_refused_document_is_rejected_with_the_parsers_reason_alone_and_in_a_batch():
    # parse() refuses what is no document (binary, empty, a bomb); should a caller
    # pass one on anyway, the importer stores nothing of it.
    refused = sheet(refused="not text: binary content")

    with pytest.raises(ImportRejected, match=r"^not text: binary content$"):
        import_parsed(refused)
    [result, outcome] = Importer().import_batch([refused, sheet(source_hash="b" * 64)])

    assert str(result) == "not text: binary content"
    assert outcome.status == "imported"
    assert Document.objects.count() == 1
