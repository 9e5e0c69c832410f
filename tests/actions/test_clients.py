"""The client's network address and the browser id, as limits and counts see them."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from lifeline.actions import clients

pytestmark = pytest.mark.django_db


def request_from(address, **meta):
    return RequestFactory().get("/", REMOTE_ADDR=address, **meta)


def test_an_ipv6_client_is_taken_by_its_64():
    one = clients.client_hash(request_from("2001:db8:1:2::1"))
    same_network = clients.client_hash(request_from("2001:db8:1:2:ffff::9"))
    other_network = clients.client_hash(request_from("2001:db8:1:3::1"))
    assert one == same_network != other_network
    assert "2001" not in one and len(one) == 64


def test_behind_a_proxy_the_address_it_vouches_for_counts(settings):
    settings.SIGNIN_PROXY_COUNT = 1
    forged = request_from("10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1, 192.0.2.9")
    assert clients.client_address(forged) == "192.0.2.9"


def test_the_letter_page_gives_a_browser_a_lasting_id_of_its_own(client, case_and_document):
    case, _ = case_and_document
    url = reverse("actions:write", kwargs={"slug": case.slug})
    cookie = client.get(url).cookies[clients.BROWSER_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == clients.BROWSER_MAX_AGE
    assert clients.BROWSER_COOKIE not in client.get(url).cookies  # kept, not renewed
