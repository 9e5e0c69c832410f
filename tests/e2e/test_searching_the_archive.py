"""A researcher searches the archive from the header, filters by a facet and opens a case."""

import re

import pytest
from playwright.sync_api import expect

from tests.archive.conftest import archive  # noqa: F401 (fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_researcher_searches_filters_and_opens_a_case(live_server, page, archive):  # noqa: F811
    page.goto(live_server.url + "/")
    page.get_by_label("Search the archive").fill("invented")
    page.get_by_role("button", name="Search", exact=True).click()

    expect(page.get_by_role("heading", name="4 documents")).to_be_visible()
    expect(page.locator("mark").first).to_have_text(re.compile("invented", re.IGNORECASE))

    page.get_by_role("link", name="North Korea").click()
    expect(page.get_by_role("heading", name="1 document")).to_be_visible()

    page.get_by_role("link", name="Case of UA 30/01").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("UA 30/01")
