"""The good-news mail counts appeals as the case page and the API do (inflation-resistant)."""

import datetime as dt
import uuid

import pytest

from lifeline.actions.appeals import case_counts, record_appeal
from lifeline.cases.models import Outcome, OutcomeKind
from lifeline.network.publishing import announce
from lifeline.network.sending import send_batch
from tests.cases.factories import make_case, make_document, make_target
from tests.mailserver import body
from tests.network.factories import make_appeal, make_member

pytestmark = pytest.mark.django_db


def test_a_script_saying_it_sent_many_appeals_does_not_raise_the_mail_s_count(smtp_server):
    case = make_case(title="Fear for safety")
    document = make_document(case, title=case.title)
    ruth = make_member(name="Ruth", email="ruth@example.org")
    make_appeal(ruth, document)
    make_appeal(ruth, document, channel="email")
    official = make_target()
    # One browser posting "I have sent it" 20 times to one official by letter: one appeal.
    for _ in range(20):
        record_appeal(
            key=uuid.uuid4(),
            document=document,
            target=official,
            channel="letter",
            language="en",
            browser="one-browser",
        )
    assert case_counts(case).total == 3
    outcome = Outcome.objects.create(
        case=case, kind=OutcomeKind.RELEASED, summary="Released.", happened=dt.date(2026, 12, 3)
    )
    announce(outcome)

    assert send_batch().sent == 1
    [message] = smtp_server.to("ruth@example.org")
    assert "Members sent 3 appeals for this case. Thank you for yours." in body(message)
    assert "Members sent 3 appeals" in body(message, "html")
