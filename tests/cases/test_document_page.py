"""The document page: the clean record and the original text."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from tests.cases.factories import make_action_case, make_case, make_document

pytestmark = pytest.mark.django_db


def test_it_shows_the_clean_record(client):
    case, document = make_action_case(deadline=dt.date(1999, 4, 12))
    document.appeal_deadline = dt.date(1999, 4, 12)
    document.save(update_fields=["appeal_deadline"])

    html = client.get(document.get_absolute_url()).content.decode()

    assert "<h1>Urgent Action" in html
    assert document.document_index in html
    assert '<time datetime="1999-04-12">April 12, 1999</time>' in html
    assert "Mexico" in html
    assert "Fear for safety" in html
    assert "Ana Invented (f), journalist" in html
    assert "<p>She has asked for protection.</p>" in html
    assert "urging an investigation;" in html
    assert "Dear Governor" in html
    assert "Fax, Email" in html
    assert case.get_absolute_url() in html


def test_it_shows_the_model_letter_when_present(client):
    document = make_document(make_case(), model_letter="Dear Minister,\n\nI am writing...")
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Model letter" in html
    assert "<p>I am writing...</p>" in html


def test_it_leaves_out_the_model_letter_when_absent(client):
    document = make_document(make_case())
    assert "Model letter" not in client.get(document.get_absolute_url()).content.decode()


def test_the_original_text_is_shown_preformatted(client):
    original = "UA 1/99\n\n   MEXICO      Ana Invented\n"
    document = make_document(make_case(), source_text=original)
    html = client.get(document.get_absolute_url()).content.decode()
    assert f'aria-labelledby="original-heading">{original}</pre>' in html


def test_script_in_a_document_is_shown_as_text(client):
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    document = make_document(
        make_case(title=hostile),
        title=hostile,
        body=hostile,
        source_text=hostile,
        people_at_risk=[hostile],
        copies_to=hostile,
        model_letter=hostile,
    )

    for url in (document.get_absolute_url(), document.case.get_absolute_url(), "/cases/"):
        html = client.get(url).content.decode()
        assert "<script>" not in html
        assert (
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
            in html
        )


def test_a_closed_case_document_still_shows_its_action_as_a_record(client):
    _, document = make_action_case(closed=True)
    html = client.get(document.get_absolute_url()).content.decode()
    assert "The action is kept here as a record." in html
    assert "calling for protection for Ana Invented;" in html


def test_the_document_page_costs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    _, document = make_action_case()
    with django_assert_max_num_queries(5):
        client.get(document.get_absolute_url())


def test_an_unknown_document_is_not_found(client):
    url = reverse("cases:document", kwargs={"code": uuid.uuid4()})
    assert client.get(url).status_code == 404


def test_a_malformed_document_code_is_not_found(client):
    assert client.get("/documents/not-a-uuid/").status_code == 404
