"""publish(): who gets a document, once, and only after publishing."""

import pytest

from lifeline.network.models import Delivery, DeliveryState, Frequency
from lifeline.network.publishing import publish
from lifeline.network.rules import Audience
from tests.cases.factories import make_case, make_concern, make_document
from tests.network.factories import make_appeal, make_member

pytestmark = pytest.mark.django_db


def recipients(document):
    return set(Delivery.objects.filter(document=document).values_list("member__email", flat=True))


def test_an_urgent_action_goes_to_members_whose_preferences_match():
    torture = make_concern("Torture")
    everything = make_member(email="all@example.org")
    mexico = make_member(email="mx@example.org", all_actions=False, countries=["MX"])
    make_member(email="cn@example.org", all_actions=False, countries=["CN"])
    concern = make_member(email="torture@example.org", all_actions=False, concerns=[torture])
    make_member(email="unconfirmed@example.org", confirmed=False)
    document = make_document(make_case(countries=["MX"]), concerns=["Torture"])

    outcome = publish(document)

    assert outcome.audience == Audience.PREFERENCES
    assert outcome.deliveries == 3
    assert recipients(document) == {everything.email, mexico.email, concern.email}
    document.refresh_from_db()
    assert document.published is not None


def test_publishing_twice_creates_nothing_the_second_time():
    make_member()
    document = make_document(make_case())
    assert publish(document).deliveries == 1
    make_member()
    again = publish(document)
    assert again.deliveries == 0
    assert not again.first_time
    assert Delivery.objects.filter(document=document).count() == 1


def test_a_further_information_reaches_everyone_who_received_the_case_whatever_their_preferences():
    case = make_case(countries=["MX"])
    original = make_document(case)
    reader = make_member(email="reader@example.org")
    publish(original)
    # The reader changes their mind about Mexico; a new member would want it.
    reader.all_actions = False
    reader.save()
    make_member(email="newcomer@example.org")
    update = make_document(case, kind="further_information", update_number=1)

    outcome = publish(update)

    assert outcome.audience == Audience.FOLLOWERS
    assert recipients(update) == {"reader@example.org"}


def test_an_update_of_a_case_never_sent_goes_out_like_a_new_action():
    case = make_case(countries=["MX"])
    make_document(case)  # imported, never published
    member = make_member()
    update = make_document(case, kind="stop_action")
    outcome = publish(update)
    assert outcome.audience == Audience.PREFERENCES
    assert recipients(update) == {member.email}


def test_unsubscribed_and_stopped_addresses_get_nothing_even_for_an_update(django_user_model):
    from django.utils import timezone

    case = make_case()
    original = make_document(case)
    left = make_member(email="left@example.org")
    bounced = make_member(email="bounced@example.org")
    stays = make_member(email="stays@example.org")
    publish(original)
    left.unsubscribed = timezone.now()
    left.save()
    bounced.mail_stopped = timezone.now()
    bounced.save()
    update = make_document(case, kind="further_information")
    publish(update)
    assert recipients(update) == {stays.email}


def test_the_weekly_limit_holds_back_actions_past_it():
    limited = make_member(email="one-a-week@example.org", weekly_limit=1)
    free = make_member(email="free@example.org")
    first = make_document(make_case())
    second = make_document(make_case())
    publish(first)
    publish(second)
    assert recipients(first) == {limited.email, free.email}
    assert recipients(second) == {free.email}


def test_a_digest_member_waits_for_the_digest_day():
    digest = make_member(frequency=Frequency.WEEKLY)
    document = make_document(make_case())
    publish(document)
    document.refresh_from_db()
    delivery = Delivery.objects.get(member=digest)
    assert delivery.state == DeliveryState.QUEUED
    assert delivery.next_attempt > document.published
    assert delivery.next_attempt.weekday() == 0


def test_news_of_a_case_never_sent_goes_to_nobody():
    make_member()
    news = make_document(make_case(), kind="news")
    assert publish(news).audience == Audience.NOBODY
    assert not Delivery.objects.exists()


def test_importing_never_notifies(tmp_path):
    from pathlib import Path

    from lifeline.cases.importing import import_paths

    make_member()
    sheets = Path(__file__).resolve().parents[2] / "lifeline/demo/sheets"
    report = import_paths([str(sheets)])
    assert report.imported > 0
    assert not Delivery.objects.exists()


def test_sending_is_enqueued_only_after_the_commit(django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    from lifeline.network.tasks import send_notifications

    make_member()
    document = make_document(make_case())
    sending = DBTaskResult.objects.filter(task_path=send_notifications.module_path)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publish(document)
    assert not sending.exists()
    for callback in callbacks:
        callback()
    assert sending.count() == 1


def test_a_further_information_reaches_members_who_wrote_on_the_case():
    case = make_case()
    original = make_document(case)
    writer = make_member(email="writer@example.org", all_actions=False)
    make_member(email="bystander@example.org", all_actions=False)
    make_appeal(writer, original)  # wrote without having been notified
    update = make_document(case, kind="further_information")
    outcome = publish(update)
    assert outcome.audience == Audience.FOLLOWERS
    assert recipients(update) == {"writer@example.org"}
