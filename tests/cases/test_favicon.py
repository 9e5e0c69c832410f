"""The site has an icon: linked from every page, and at /favicon.ico where browsers look."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_favicon_ico_is_an_icon(client):
    response = client.get("/favicon.ico", follow=True)

    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert body(response).startswith(b"\x00\x00\x01\x00")  # the ICO header


def test_every_page_links_the_icons_and_they_are_served(client):
    html = client.get(reverse("cases:home")).content.decode()

    links = re.findall(r'<link rel="icon" href="([^"]+)"[^>]*>', html)
    assert len(links) == 2
    svg = next(link for link in links if link.endswith(".svg"))
    response = client.get(svg)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in body(response)
    assert client.get(next(link for link in links if link.endswith(".ico"))).status_code == 200
