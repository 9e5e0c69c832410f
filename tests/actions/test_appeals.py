"""'I have sent it': one appeal per form, whoever retries, and the counts on the case page."""

import re
import threading
import uuid

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.urls import reverse

from lifeline.actions.appeals import case_counts, record_appeal
from lifeline.actions.models import Appeal

pytestmark = pytest.mark.django_db


def mark_sent(client, case, key=None, to="1-1", channel="letter", **fields):
    data = {"key": str(key or uuid.uuid4()), "to": to, "channel": channel, "language": "en"}
    return client.post(reverse("actions:sent", kwargs={"slug": case.slug}), {**data, **fields})


def writer_browser(case, address="127.0.0.1") -> Client:
    """A browser of its own that has opened the letter page (which gives it its id)."""
    browser = Client(REMOTE_ADDR=address)
    browser.get(reverse("actions:write", kwargs={"slug": case.slug}))
    return browser


def counts_table(client, case) -> list[list[str]]:
    html = client.get(case.get_absolute_url()).content.decode()
    table = html[html.index('class="counts"') : html.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    return [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row) for row in rows]


def test_the_letter_page_carries_a_fresh_key_for_i_have_sent_it(client, case_and_document):
    case, _ = case_and_document
    url = reverse("actions:write", kwargs={"slug": case.slug})
    keys = [
        re.search(r'name="key" value="([0-9a-f-]{36})"', client.get(url).content.decode()).group(1)
        for _ in range(2)
    ]
    assert keys[0] != keys[1]


def test_i_have_sent_it_records_the_appeal_and_thanks_the_writer(client, case_and_document):
    case, document = case_and_document
    response = mark_sent(client, case, email="ana@example.org", follow=False)
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url() + "#appeals-heading"
    appeal = Appeal.objects.get()
    assert (appeal.document, appeal.channel, appeal.language, appeal.email) == (
        document,
        "letter",
        "en",
        "ana@example.org",
    )
    assert appeal.target.name == "Lic. Ficticio Gobernador" and appeal.writer is None
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Thank you: your appeal is counted." in page


def test_a_signed_in_writer_is_recorded_as_the_writer(client, case_and_document):
    case, _ = case_and_document
    user = User.objects.create_user("ana", password="x")
    client.force_login(user)
    mark_sent(client, case)
    assert Appeal.objects.get().writer == user


def test_a_double_click_or_a_retried_post_records_one_appeal(client, case_and_document):
    case, _ = case_and_document
    key = uuid.uuid4()
    mark_sent(client, case, key=key)
    mark_sent(client, case, key=key)
    assert Appeal.objects.count() == 1
    assert "Your appeal was already counted" in client.get(case.get_absolute_url()).content.decode()


def test_a_form_without_a_key_or_for_an_unknown_official_records_nothing(client, case_and_document):
    case, _ = case_and_document
    url = reverse("actions:sent", kwargs={"slug": case.slug})
    assert client.post(url, {"to": "1-1", "channel": "letter", "language": "en"}).status_code == 400
    assert mark_sent(client, case, to="7-1").status_code == 400
    assert mark_sent(client, case, channel="pigeon").status_code == 400
    assert mark_sent(client, case, email="not-an-address").status_code == 400
    assert Appeal.objects.count() == 0


def test_recording_is_a_post(client, case_and_document):
    case, _ = case_and_document
    assert client.get(reverse("actions:sent", kwargs={"slug": case.slug})).status_code == 405


def test_the_case_page_counts_appeals_per_official_and_channel(client, case_and_document):
    case, _ = case_and_document
    assert "No appeals counted yet" in client.get(case.get_absolute_url()).content.decode()
    for to, channel in [("1-1", "letter"), ("1-1", "letter"), ("1-1", "fax"), ("1-2", "email")]:
        mark_sent(writer_browser(case), case, to=to, channel=channel)
    assert counts_table(client, case) == [
        ["Official", "Printed letter", "Email", "Fax", "Total"],
        ["Lic. Ficticio Gobernador, Governor of Example State", "2", "0", "1", "3"],
        ["Lic. Fiscal Inventado, Attorney General", "0", "1", "0", "1"],
    ]
    assert "4 appeals sent so far." in client.get(case.get_absolute_url()).content.decode()


def test_counts_stay_on_a_closed_case(client, case_and_document):
    from tests.cases.factories import make_document

    case, _ = case_and_document
    mark_sent(client, case)
    make_document(case, kind="stop_action")
    case.refresh_summary()
    assert "1 appeal sent so far." in client.get(case.get_absolute_url()).content.decode()


def test_counts_cost_one_query(case_and_document, django_assert_num_queries):
    case, document = case_and_document
    target = document.groups.get().targets.first()
    for _ in range(3):
        record_appeal(
            key=uuid.uuid4(), document=document, target=target, channel="fax", language="en"
        )
    with django_assert_num_queries(1):
        counts = case_counts(case)
    assert counts.total == 3 and counts.channel_totals() == [0, 0, 3]


# The test database on SQLite is in memory with a shared cache, whose table locks
# fail at once instead of waiting; concurrency is tested where it is real.
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency runs on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_requests_racing_with_one_key_record_one_appeal(case_and_document):
    """Both threads pass the first lookup; the unique constraint settles it."""
    _case, document = case_and_document
    target = document.groups.get().targets.first()
    key = uuid.uuid4()
    barrier = threading.Barrier(2)
    results = []

    def post():
        try:
            barrier.wait()
            appeal, created = record_appeal(
                key=key, document=document, target=target, channel="letter", language="en"
            )
            results.append((appeal.pk, created))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Appeal.objects.count() == 1
    assert sorted(created for _pk, created in results) == [False, True]
    assert len({pk for pk, _created in results}) == 1


def test_a_closed_case_records_no_new_appeal_but_a_retry_is_still_thanked(
    client, case_and_document
):
    from tests.cases.factories import make_document

    case, _ = case_and_document
    key = uuid.uuid4()
    mark_sent(client, case, key=key)
    make_document(case, kind="stop_action")
    case.refresh_summary()

    response = mark_sent(client, case)

    assert response.status_code == 409
    assert "This case is closed" in response.content.decode()
    assert mark_sent(client, case, key=key).status_code == 302
    assert Appeal.objects.count() == 1


@pytest.mark.parametrize(
    ("channel", "reason"),
    [
        ("fax", "Lic. Fiscal Inventado, Attorney General (Mexican authorities) has no fax number."),
        ("letter", "has no postal address, so a printed letter cannot reach them."),
    ],
)
def test_a_channel_the_official_cannot_be_reached_by_is_refused(
    client, case_and_document, channel, reason
):
    case, _ = case_and_document
    response = mark_sent(client, case, to="1-2", channel=channel)
    assert response.status_code == 409
    assert reason in response.content.decode()
    assert Appeal.objects.count() == 0


def test_recording_is_limited_per_client_address(client, case_and_document, settings):
    settings.APPEAL_RECORDS_PER_CLIENT_PER_HOUR = 3
    case, _ = case_and_document
    for _ in range(3):
        assert mark_sent(client, case).status_code == 302
    response = mark_sent(client, case)
    assert response.status_code == 429
    assert "recorded from your network address in the last hour" in response.content.decode()
    assert mark_sent(Client(REMOTE_ADDR="192.0.2.7"), case).status_code == 302
    assert Appeal.objects.count() == 4


def test_many_posts_from_one_browser_count_once_per_official_and_channel(
    case_and_document, settings
):
    settings.APPEAL_RECORDS_PER_CLIENT_PER_HOUR = 0  # the counts alone, without the rate limit
    case, _ = case_and_document
    browser = writer_browser(case)
    for _ in range(20):
        mark_sent(browser, case)
    for _ in range(20):
        mark_sent(Client(), case)  # a script that keeps no cookie, from the same address
    mark_sent(browser, case, channel="fax")
    assert Appeal.objects.count() == 41
    assert case_counts(case).total == 3


def test_other_browsers_and_signed_in_members_each_count(client, case_and_document):
    case, _ = case_and_document
    for address in ("192.0.2.1", "192.0.2.2"):
        mark_sent(writer_browser(case, address), case)
    member = Client()
    member.force_login(User.objects.create_user("ana", password="x"))
    mark_sent(member, case)
    mark_sent(member, case)
    assert case_counts(case).total == 4
    assert "4 appeals sent so far." in client.get(case.get_absolute_url()).content.decode()
