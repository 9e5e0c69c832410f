"""Outcomes and translations of appeal points moved from actions to cases with their rows.

The database is taken back to before the move, rows are written with the models
as they were, and the move is run forward: the same rows must come back through
the cases models, with the delivery that announced the outcome still pointing
at it and its permissions still on it.
"""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone

from lifeline.cases.models import AppealPointsTranslation, Outcome, OutcomeKind
from lifeline.network.models import Delivery
from tests.migrating import latest, migrate

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("cases", "0003_handwritten_documents_without_hash"),
    ("actions", "0004_outcome_closes_case"),
    ("network", "0004_followers"),
]


def tables():
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def test_outcomes_and_translations_keep_their_rows_across_the_move():
    old = migrate(BEFORE)
    try:
        assert {"actions_outcome", "actions_appealpointstranslation"} <= tables()
        case = old.get_model("cases", "Case").objects.create(slug="ua-1-99", title="Fear")
        document = old.get_model("cases", "Document").objects.create(
            case=case, kind="urgent_action", title="Fear", source_hash="a" * 64
        )
        group = old.get_model("cases", "AppealGroup").objects.create(document=document)
        old.get_model("actions", "AppealPointsTranslation").objects.create(
            group=group, language="fr", points=["libérez-la"]
        )
        editor = old.get_model("auth", "User").objects.create(username="ed")
        outcome = old.get_model("actions", "Outcome").objects.create(
            case=case,
            kind="released",
            summary="Released on bail.",
            happened=dt.date(2026, 12, 3),
            recorded_by=editor,
            closes_case=True,
        )
        member = old.get_model("network", "Member").objects.create(
            user=editor, name="Ed", email="ed@example.org"
        )
        old.get_model("network", "Delivery").objects.create(
            member=member, outcome=outcome, next_attempt=timezone.now()
        )
        moving = ContentType.objects.get(app_label="actions", model="outcome")
    finally:
        migrate(latest())

    assert not {"actions_outcome", "actions_appealpointstranslation"} & tables()
    assert {"cases_outcome", "cases_appealpointstranslation"} <= tables()
    moved = Outcome.objects.get()
    assert (moved.pk, moved.case.slug, moved.kind) == (outcome.pk, "ua-1-99", OutcomeKind.RELEASED)
    assert (moved.summary, moved.happened, moved.closes_case) == (
        "Released on bail.",
        dt.date(2026, 12, 3),
        True,
    )
    assert moved.recorded_by.username == "ed"
    translation = AppealPointsTranslation.objects.get()
    assert (translation.group.document.title, translation.language) == ("Fear", "fr")
    assert translation.points == ["libérez-la"]
    assert Delivery.objects.get().outcome == moved
    # The delivery's foreign key in the database follows the renamed table.
    with connection.cursor() as cursor:
        relations = connection.introspection.get_relations(cursor, "network_delivery")
    assert relations["outcome_id"] == ("id", "cases_outcome")
    # The content type moved rather than a new one being made, so what was granted
    # on outcomes (and the admin's history of them) still refers to them.
    assert ContentType.objects.get(app_label="cases", model="outcome").pk == moving.pk
    assert not ContentType.objects.filter(app_label="actions", model="outcome").exists()
    # New rows follow the old ones in the same sequence.
    again = Outcome.objects.create(case=moved.case, kind=OutcomeKind.OTHER, summary="Visited.")
    assert again.pk > moved.pk
