"""POST and PATCH /api/v1/documents: editors write documents through the API."""

import datetime as dt

import pytest

from lifeline.cases.models import AppealGroup, Case, Document, Target
from tests.api.helpers import assert_error
from tests.cases.factories import make_action_case, make_case, make_document

pytestmark = pytest.mark.django_db

NEW_UA = {
    "kind": "urgent_action",
    "ua_number": "201/26",
    "document_index": "ASA 17/099/2026",
    "title": "Fear of forcible return",
    "countries": ["cn", "KP"],
    "concerns": ["Forcible return", "Fear for safety"],
    "issue_date": "2026-11-17",
    "appeal_deadline": "2026-12-29",
    "people_at_risk": ["Kim Invented"],
    "channels": ["email", "fax"],
    "body": "Kim Invented was detained near the border.",
    "appeal_groups": [
        {
            "audience": "APPEALS TO CHINESE AUTHORITIES",
            "points": ["urging them not to return Kim Invented;"],
            "targets": [
                {
                    "title": "Minister of Public Security",
                    "name": "Invented Minister",
                    "address": ["Ministry of Public Security", "Beijing"],
                    "country": "CN",
                    "salutation": "Your Excellency",
                }
            ],
        }
    ],
}


def test_an_editor_creates_a_document_that_opens_a_case(editor_api):
    response = editor_api.post("/documents", NEW_UA)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["countries"] == ["CN", "KP"]
    assert [c["name"] for c in body["concerns"]] == ["Fear for safety", "Forcible return"]
    assert body["appeal_groups"][0]["targets"][0]["salutation"] == "Your Excellency"
    case = Case.objects.get(ua_number="201/26")
    assert body["case"] == case.slug
    assert case.title == "Fear of forcible return"
    assert case.deadline == dt.date(2026, 12, 29)
    assert case.countries == ["CN", "KP"]
    document = Document.objects.get(code=body["code"])
    assert document.source_name == "API"
    assert set(document.country_rows.values_list("code", flat=True)) == {"CN", "KP"}


def test_an_update_number_may_be_written_as_a_whole_float(editor_api):
    response = editor_api.post(
        "/documents", NEW_UA | {"kind": "further_information", "update_number": 2.0}
    )

    assert response.status_code == 201, response.content
    assert response.json()["update_number"] == 2


def test_an_update_joins_the_case_of_its_ua_number_and_reuses_targets(editor_api):
    editor_api.post("/documents", NEW_UA)
    update = {
        "kind": "further_information",
        "ua_number": "201/26",
        "update_number": 1,
        "title": "Kim Invented released",
        "issue_date": "2026-12-01",
        "appeal_groups": NEW_UA["appeal_groups"],
    }

    response = editor_api.post("/documents", update)

    assert response.status_code == 201, response.content
    case = Case.objects.get(ua_number="201/26")
    assert case.documents.count() == 2
    assert Target.objects.count() == 1
    timeline = editor_api.get(f"/cases/{case.slug}").json()["documents"]
    assert [doc["kind"] for doc in timeline] == ["urgent_action", "further_information"]


def test_a_taken_document_index_is_a_409_naming_the_holder(editor_api):
    first = editor_api.post("/documents", NEW_UA).json()

    error = assert_error(
        editor_api.post("/documents", NEW_UA | {"title": "Other"}), 409, "conflict"
    )

    assert first["code"] in error["message"]
    assert Document.objects.count() == 1


def test_the_same_submission_twice_is_a_409(editor_api):
    data = {key: value for key, value in NEW_UA.items() if key != "document_index"}
    editor_api.post("/documents", data)

    assert_error(editor_api.post("/documents", data), 409, "conflict")
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "memo"}, "body.kind"),
        ({"title": ""}, "body.title"),
        ({"countries": ["China"]}, "body.countries.0"),
        ({"issue_date": "17 November"}, "body.issue_date"),
        ({"ua_number": "UA 1"}, "body.ua_number"),
        ({"body": "NUL \x00 inside"}, "body.body"),
        ({"own_language": 1}, "body.own_language"),
        ({"appeal_deadline": 0}, "body.appeal_deadline"),
        ({"update_number": "2"}, "body.update_number"),
        ({"update_number": 2.5}, "body.update_number"),
        ({"update_number": 0}, "body.update_number"),
        ({"appeal_groups": [None]}, "body.appeal_groups.0"),
        ({"appeal_immediately": None}, "body.appeal_immediately"),
        ({"colour": "red"}, "body.colour"),
    ],
)
def test_malformed_input_is_a_400_naming_the_field_and_stores_nothing(editor_api, change, field):
    error = assert_error(editor_api.post("/documents", NEW_UA | change), 400, "invalid_request")

    assert field in [detail["field"] for detail in error["details"]]
    assert not Document.objects.exists()
    assert not Case.objects.exists()


def test_a_missing_required_field_is_a_400(editor_api):
    error = assert_error(
        editor_api.post("/documents", {"title": "No kind"}), 400, "invalid_request"
    )

    assert error["details"] == [{"field": "body.kind", "message": "Field required"}]


def test_a_body_that_is_not_json_is_a_400(editor_api):
    assert_error(editor_api.post("/documents", raw="{not json"), 400, "invalid_request")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"appeal_deadline": "2026-11-01"}, "body.appeal_deadline"),
        ({"issue_date": "1850-01-01", "appeal_deadline": None}, "body.issue_date"),
        ({"title": "   "}, "body.title"),
        ({"kind": "further_information", "ua_number": None}, "body.ua_number"),
        (
            {"appeal_groups": [{"targets": [{"name": "A"}, {"salutation": "Sir"}]}]},
            "body.appeal_groups.0.targets.1",
        ),
    ],
)
def test_inconsistent_input_is_a_422_and_stores_nothing(editor_api, change, field):
    error = assert_error(editor_api.post("/documents", NEW_UA | change), 422, "unprocessable")

    assert [detail["field"] for detail in error["details"]] == [field]
    assert not Document.objects.exists()


def test_writing_needs_a_token(api):
    assert_error(api.post("/documents", NEW_UA), 401, "not_authenticated")
    assert_error(
        api.post("/documents", NEW_UA, headers={"Authorization": "Bearer ll_wrongwrongwrongwrong"}),
        401,
        "not_authenticated",
    )
    assert not Document.objects.exists()


def test_writing_needs_an_editor(member_api):
    error = assert_error(member_api.post("/documents", NEW_UA), 403, "forbidden")

    assert "cases.add_document" in error["message"]
    assert not Document.objects.exists()


def test_a_patch_changes_only_the_fields_sent(editor_api):
    case, document = make_action_case(deadline=dt.date(2026, 12, 1))

    response = editor_api.patch(
        f"/documents/{document.code}",
        {"title": "Corrected title", "appeal_deadline": "2026-12-24", "countries": ["mx", "us"]},
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["title"] == "Corrected title"
    assert body["channels"] == ["fax", "email"]
    assert len(body["appeal_groups"]) == 1
    document.refresh_from_db()
    assert document.appeal_deadline == dt.date(2026, 12, 24)
    assert set(document.country_rows.values_list("code", flat=True)) == {"MX", "US"}
    case.refresh_from_db()
    assert case.deadline == dt.date(2026, 12, 24)
    assert case.countries == ["MX", "US"]


def test_a_patch_replaces_appeal_groups_and_concerns_whole(editor_api):
    _, document = make_action_case()

    body = editor_api.patch(
        f"/documents/{document.code}",
        {"concerns": ["Torture"], "appeal_groups": NEW_UA["appeal_groups"]},
    ).json()

    assert [c["name"] for c in body["concerns"]] == ["Torture"]
    assert [g["audience"] for g in body["appeal_groups"]] == ["APPEALS TO CHINESE AUTHORITIES"]
    assert AppealGroup.objects.filter(document=document).count() == 1


def test_a_patch_to_a_new_ua_number_moves_the_document_and_drops_the_empty_case(editor_api):
    old_case = make_case(ua_number="5/98", slug="ua-5-98")
    document = make_document(old_case)

    body = editor_api.patch(f"/documents/{document.code}", {"ua_number": "6/98"}).json()

    new_case = Case.objects.get(ua_number="6/98")
    assert body["case"] == new_case.slug
    assert not Case.objects.filter(pk=old_case.pk).exists()


def test_a_document_written_by_hand_moves_to_a_new_ua_number(editor_api):
    # Written in the admin: no source, so no source hash.
    document = make_document(make_case(ua_number="5/98", slug="ua-5-98"), source_hash=None)
    make_case(ua_number="6/97", slug="ua-6-98")  # the first slug for 6/98 is taken

    response = editor_api.patch(f"/documents/{document.code}", {"ua_number": "6/98"})

    assert response.status_code == 200, response.content
    assert Case.objects.get(ua_number="6/98").slug.startswith("ua-6-98-")


def test_a_patch_taking_another_documents_index_is_a_409_and_changes_nothing(editor_api):
    _, first = make_action_case()
    _, second = make_action_case()

    assert_error(
        editor_api.patch(
            f"/documents/{second.code}",
            {"title": "Changed", "document_index": first.document_index},
        ),
        409,
        "conflict",
    )
    second.refresh_from_db()
    assert second.title != "Changed"


def test_a_patch_fails_whole_when_part_of_it_is_refused(editor_api):
    _, document = make_action_case()
    document.issue_date = dt.date(2026, 11, 1)
    document.save()

    assert_error(
        editor_api.patch(
            f"/documents/{document.code}",
            {"title": "Changed", "appeal_deadline": "2026-10-01", "concerns": ["Torture"]},
        ),
        422,
        "unprocessable",
    )
    document.refresh_from_db()
    assert document.title != "Changed"
    assert [c.name for c in document.concerns.all()] == ["Fear for safety"]


def test_a_patch_may_not_null_a_required_field(editor_api):
    _, document = make_action_case()

    assert_error(
        editor_api.patch(f"/documents/{document.code}", {"kind": None}), 400, "invalid_request"
    )


def test_a_patch_leaves_a_legacy_sheets_old_problems_alone(editor_api):
    legacy = make_document(
        make_case(ua_number=None, slug="legacy"), kind="further_information", ua_number=""
    )

    response = editor_api.patch(f"/documents/{legacy.code}", {"title": "Better title"})

    assert response.status_code == 200, response.content


def test_patching_needs_an_editor_and_an_existing_document(member_api, editor_api):
    _, document = make_action_case()

    assert_error(member_api.patch(f"/documents/{document.code}", {"title": "x"}), 403, "forbidden")
    assert_error(
        editor_api.patch("/documents/00000000-0000-0000-0000-000000000000", {"title": "x"}),
        404,
        "not_found",
    )
