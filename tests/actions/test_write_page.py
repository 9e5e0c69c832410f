"""The letter-writing page: choices, draft, advice, bad input, PDF and print views."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from lifeline.cases.models import AppealPointsTranslation
from tests.actions.conftest import TODAY, open_case
from tests.cases.factories import make_case, make_document
from tests.letters.fixtures import CHINESE_POINT_TAILS
from tests.letters.pdftools import page_size, pdf_text, squeezed

pytestmark = pytest.mark.django_db


def write_url(case, view="write"):
    return reverse(f"actions:{view}", kwargs={"slug": case.slug})


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_the_case_page_links_to_the_letter_page(client, case_and_document):
    case, _ = case_and_document
    html = client.get(case.get_absolute_url()).content.decode()
    assert f'href="{write_url(case)}"' in html


def test_the_first_view_shows_a_draft_to_the_first_official(client, case_and_document):
    case, _ = case_and_document
    response = client.get(write_url(case))
    assert response.status_code == 200
    text = text_of(response)
    assert "Dear Governor," in text
    assert "Palacio de Gobierno" in text
    assert "I urge you to protect Ana Invented." in text or "protect Ana Invented" in text
    assert "an investigation into the threats against her" in text
    # A month left: a printed letter is the advice, and chosen.
    assert "There is time for a printed letter" in text
    assert 'value="letter" id="channel-letter" checked' in response.content.decode()


def test_the_writer_s_details_sign_the_letter(client, case_and_document):
    case, _ = case_and_document
    query = {"name": "Ana Silva", "address": "12 Rose Street", "city": "Edinburgh", "country": "GB"}
    text = text_of(client.post(write_url(case), query))
    assert "12 Rose Street" in text
    assert "Ana Silva" in text and "Edinburgh" in text


def test_under_a_week_left_fax_and_email_are_recommended(client):
    case, _ = open_case(days_left=3)
    response = client.get(write_url(case))
    text = text_of(response)
    assert "Only 3 days are left before the deadline" in text
    assert "Recommended for Lic. Ficticio Gobernador, Governor of Example State" in text
    assert "Fax, Email." in text
    assert 'value="fax" id="channel-fax" checked' in response.content.decode()


def test_past_the_deadline_it_still_drafts_and_says_to_check_with_the_section_office(client):
    case, _ = open_case(days_left=-2)
    text = text_of(client.get(write_url(case)))
    assert "has passed" in text
    assert "check with your section office first" in text
    assert "Dear Governor," in text


def test_a_closed_case_says_why_and_links_to_the_outcome_instead_of_drafting(client):
    case, _document = open_case(outcome="Ana Invented was released on 2 May.")
    make_document(case, kind="stop_action", issue_date=TODAY)
    case.refresh_summary()
    response = client.get(write_url(case))
    text = text_of(response)
    assert "This case is closed: no new letters, please." in text
    assert "A stop action ended the appeals" in text
    assert f'href="{case.get_absolute_url()}#outcome-heading"' in response.content.decode()
    assert "Dear Governor" not in text
    assert client.get(write_url(case, "pdf")).content.startswith(b"%PDF") is False


def test_a_closed_case_without_an_outcome_links_to_its_stop_action(client):
    case, _ = open_case()
    stop = make_document(case, kind="stop_action", issue_date=TODAY)
    case.refresh_summary()
    html = client.get(write_url(case)).content.decode()
    assert f'href="{stop.get_absolute_url()}"' in html


def test_a_case_without_officials_says_there_is_no_one_to_write_to(client):
    case = make_case(deadline=TODAY + dt.timedelta(days=9))
    make_document(case, kind="news")
    assert "names no one to write to" in text_of(client.get(write_url(case)))


def test_a_target_without_a_postal_address_cannot_get_a_printed_letter(client, case_and_document):
    case, _ = case_and_document
    response = client.get(write_url(case), {"to": "1-2", "channel": "letter"})
    text = text_of(response)
    assert (
        "Lic. Fiscal Inventado, Attorney General (Mexican authorities) has no postal address, "
        "so a printed letter cannot reach them." in text
    )
    assert "Your draft" in text and "Dear Attorney General" not in text
    html = response.content.decode()
    # Shown as the writer chose it, but disabled: sent again, the advice picks for them.
    assert 'value="letter" id="channel-letter" checked disabled' in html
    # Nor can its PDF be fetched around the form.
    assert client.get(write_url(case, "pdf"), {"to": "1-2", "channel": "letter"}).status_code == 400


def test_a_target_without_a_postal_address_defaults_to_email(client, case_and_document):
    case, _ = case_and_document
    response = client.get(write_url(case), {"to": "1-2"})
    assert 'value="email" id="channel-email" checked' in response.content.decode()
    text = text_of(response)
    assert "Dear Attorney General," in text
    assert "Send it by email from this site to fiscal@example.org" in text


def test_own_words_of_100000_characters_are_refused_with_the_limit(client, case_and_document):
    case, _ = case_and_document
    response = client.post(write_url(case), {"own_words": "x" * 100_000})
    text = text_of(response)
    assert "Your own words are 100,000 characters long; the limit is 5,000." in text
    assert "Dear Governor," not in text
    pdf = client.post(write_url(case, "pdf"), {"own_words": "x" * 100_000})
    assert pdf.status_code == 400 and pdf["Content-Type"].startswith("text/html")


def test_markup_in_own_words_is_shown_as_text_in_the_page_and_the_pdf(client, case_and_document):
    case, _ = case_and_document
    words = '<script>alert("x")</script> <b>#set page(width: 1cm)</b> $x$ [link]'
    query = {"own_words": words, "name": "Ana Silva"}
    html = client.post(write_url(case), query).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    pdf = client.post(write_url(case, "pdf"), query)
    assert pdf.status_code == 200
    text = pdf_text(pdf.content)
    assert squeezed('<script>alert("x")</script>') in squeezed(text)
    assert squeezed("<b>#set page(width: 1cm)</b> $x$ [link]") in squeezed(text)
    assert page_size(pdf.content) == (595, 842)


def test_an_unknown_language_falls_back_to_english_with_a_notice(client, case_and_document):
    case, _ = case_and_document
    text = text_of(client.get(write_url(case), {"language": "klingon"}))
    assert "There is no letter in “klingon” yet: the letter is in English." in text
    assert "Dear Governor," in text


def test_points_without_a_translation_stay_in_english_and_the_writer_is_told(
    client, case_and_document
):
    case, _ = case_and_document
    text = text_of(client.get(write_url(case), {"language": "fr"}))
    assert "The appeal points have no French translation yet" in text
    assert "protect Ana Invented" in text


def test_an_editor_s_translation_puts_the_points_in_the_letter_s_language(
    client, case_and_document
):
    case, document = case_and_document
    AppealPointsTranslation.objects.create(
        group=document.groups.get(),
        language="es",
        points=[
            "instando a las autoridades a proteger a Ana Invented;",
            "pidiendo una investigación sobre las amenazas contra ella;",
        ],
    )
    text = text_of(client.get(write_url(case), {"language": "es"}))
    assert "no Spanish translation" not in text
    assert "proteger a Ana Invented" in text
    assert "una investigación sobre las amenazas contra ella" in text
    assert "protect Ana Invented" not in text


def test_the_pdf_holds_salutation_address_and_every_point_of_the_sample(client, sample_case):
    response = client.post(
        write_url(sample_case, "pdf"), {"name": "Ana Silva", "paper": "us-letter"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="appeal-ua-105-00')
    text = squeezed(pdf_text(response.content))
    assert squeezed("Your Excellency,") in text
    assert squeezed("9 Xihuangchenggenbeijie") in text
    for tail in CHINESE_POINT_TAILS:
        assert squeezed(tail) in text
    assert page_size(response.content) == (612, 792)


def test_the_envelope_page_is_added_on_request(client, case_and_document):
    case, _ = case_and_document
    plain = client.get(write_url(case, "pdf"))
    with_envelope = client.get(write_url(case, "pdf"), {"envelope": "on"})
    assert pdf_text(with_envelope.content).count("Palacio de Gobierno") > pdf_text(
        plain.content
    ).count("Palacio de Gobierno")


def test_the_print_view_shows_only_the_letter_and_a_way_back(client, case_and_document):
    case, _ = case_and_document
    response = client.post(write_url(case, "print"), {"name": "Ana Silva"})
    html = response.content.decode()
    assert 'class="letter"' in html and "Dear Governor," in html
    # One form: the way back, which posts the draft (it stays out of the URL).
    main = html.split("<main", 1)[1]
    assert main.count("<form") == 1
    assert f'<form method="post" action="{write_url(case)}">' in main
    assert '<input type="hidden" name="name" value="Ana Silva">' in main


def test_the_arabic_draft_is_right_to_left(client, case_and_document):
    case, _ = case_and_document
    html = client.get(write_url(case), {"language": "ar"}).content.decode()
    assert '<article class="letter" lang="ar" dir="rtl">' in html


def test_the_writing_page_costs_a_fixed_number_of_queries(
    client, sample_case, django_assert_max_num_queries
):
    # Case, documents, concerns, groups, points, targets, translations; session none.
    with django_assert_max_num_queries(7):
        assert client.get(write_url(sample_case)).status_code == 200


def test_an_unknown_case_is_not_found(client):
    url = reverse("actions:write", kwargs={"slug": "no-such-case"})
    assert client.get(url).status_code == 404


def test_an_official_with_email_gets_a_mailto_link_with_subject_and_body(client, case_and_document):
    case, _ = case_and_document
    html = client.post(write_url(case), {"to": "1-2", "name": "Ana Silva"}).content.decode()
    link = re.search(r'href="(mailto:[^"]+)"', html).group(1)
    assert link.startswith("mailto:fiscal@example.org?subject=Urgent%20appeal%3A%20Fear")
    assert "&amp;body=Dear%20Attorney%20General%2C" in link
    assert "Ana%20Silva" in link


def test_an_official_without_email_gets_no_mailto_link_nor_send_form(client, sample_case):
    html = client.get(write_url(sample_case)).content.decode()
    assert "mailto:" not in html.split('class="send-ways')[1]
    assert "Send from this site" not in html


def test_french_readers_get_the_letter_page_in_french_and_a_french_letter(
    client, case_and_document
):
    case, _ = case_and_document
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    response = client.post(write_url(case), {"country": "FR"})
    text = text_of(response)
    assert '<html lang="fr" dir="ltr">' in response.content.decode()
    assert "Écrire votre appel" in text
    assert "Vous avez le temps d’envoyer une lettre imprimée" in text
    assert "Mettre à jour le brouillon" in text and "Je l’ai envoyé" in text
    # The letter follows the page's language by default, its points stay in English.
    assert '<article class="letter" lang="fr" dir="ltr">' in response.content.decode()
    assert "Les points d’appel n’ont pas encore de traduction en français" in text
    assert "Allemagne" in text  # the country list is in French too


def test_a_signed_in_member_finds_their_name_and_address_in_the_draft(client, case_and_document):
    from tests.network.factories import make_member

    case, _ = case_and_document
    member = make_member(
        name="Ana Silva", email="ana@example.org", address="12 Rose Street", country="GB"
    )
    client.force_login(member.user)
    response = client.get(write_url(case), {"to": "1-2"})
    text = text_of(response)
    assert "Ana Silva" in text and "12 Rose Street" in text
    html = response.content.decode()
    assert 'value="ana@example.org"' in html  # the send form and "I have sent it"
    # What the member types instead wins over the profile.
    assert "Ana Silva" not in text_of(client.post(write_url(case), {"name": "A. S."}))


def test_a_signed_in_user_who_is_not_a_member_gets_a_blank_draft(client, case_and_document):
    from django.contrib.auth.models import User

    case, _ = case_and_document
    client.force_login(User.objects.create_user("editor-only", email="ed@example.org"))
    response = client.get(write_url(case), {"to": "1-2"})
    assert response.status_code == 200
    assert response.context["form"]["name"].value() in ("", None)
