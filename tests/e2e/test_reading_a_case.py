"""A reader goes from the open actions to a case and reads what to do, in a real browser."""

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lifeline.cases.importing import import_paths
from lifeline.cases.models import Case
from tests.cases.factories import make_case, make_document, make_group, make_target

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TODAY = dt.date.today()
# A real Further information from the archive, kept outside the project (never copied in).
SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "000_53efcc61e7a56288.txt"


@pytest.fixture
def sample_case():
    """UA 105/00 as the parser and importer make it from the original file."""
    if not SAMPLE.exists():
        pytest.skip(f"the shared samples are not beside the repository ({SAMPLE})")
    report = import_paths([str(SAMPLE)])
    assert (report.imported, report.failures) == (1, [])
    return Case.objects.get(ua_number="105/00")


@pytest.fixture
def open_case():
    """An invented UA with one update, open for another month."""
    deadline = TODAY + dt.timedelta(days=30)
    case = make_case(
        ua_number="212/26",
        title="Fear for safety / Incommunicado detention",
        slug="ua-212-26",
        countries=["KP", "CN"],
        issued=TODAY - dt.timedelta(days=20),
        deadline=deadline,
    )
    make_document(
        case,
        document_index="ASA 24/003/2026",
        concerns=["Fear for safety"],
        people_at_risk=["Ri Invented-Son (m), aged 34"],
        issue_date=case.issued,
        body="Ri Invented-Son was arrested at the border.",
    )
    update = make_document(
        case,
        kind="further_information",
        update_number=1,
        document_index="ASA 24/004/2026",
        concerns=["Incommunicado detention"],
        people_at_risk=["Ri Invented-Son (m), aged 34", "Kang Invented-Mi (f)"],
        issue_date=TODAY - dt.timedelta(days=5),
        appeal_deadline=deadline,
        channels=["fax", "email"],
        languages=["Korean", "English"],
        own_language=True,
        copies_to="Diplomatic representatives of North Korea accredited to your country.",
        body="Ri Invented-Son is held without access to a lawyer.\n\nHis wife was questioned.",
        source_text="Further information on UA 212/26 <fictional>\n\n  Ri Invented-Son ...",
    )
    make_group(
        update,
        audience="the Minister",
        points=[
            "urging the authorities to reveal where Ri Invented-Son is held;",
            "calling for him to be given access to a lawyer of his choice;",
        ],
        targets=[
            make_target(
                title="Minister of People's Security",
                name="Mr Pak Invented",
                address=["Ministry of People's Security", "Pyongyang", "North Korea"],
                fax=["+850 2 000 0000"],
                salutation="Your Excellency",
            )
        ],
    )
    return case


@pytest.fixture
def other_cases():
    closed = make_case(title="Released journalist", countries=["MX"], closed=True)
    make_document(closed, kind="stop_action")
    past = make_case(
        title="Prisoner of conscience",
        countries=["SD"],
        deadline=TODAY - dt.timedelta(days=3),
    )
    make_document(past)


def test_a_reader_finds_an_open_case_and_what_to_send(live_server, page, open_case, other_cases):
    page.goto(live_server.url + "/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Open actions")
    expect(page.get_by_text("Released journalist")).to_have_count(0)
    expect(page.get_by_text("Prisoner of conscience")).to_have_count(0)
    # The page works with JavaScript off and ships none.
    assert page.locator("script").count() == 0

    page.get_by_role("link", name="Fear for safety / Incommunicado detention").click()

    expect(page).to_have_url(live_server.url + open_case.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("UA 212/26")
    people = page.get_by_role("region", name="People at risk")
    expect(people.get_by_role("listitem")).to_have_text(
        ["Ri Invented-Son (m), aged 34", "Kang Invented-Mi (f)"]
    )
    deadline = page.locator(f'.status-panel time[datetime="{open_case.deadline.isoformat()}"]')
    expect(deadline).to_be_visible()
    expect(page.get_by_text("Appeals are needed.")).to_be_visible()

    action = page.get_by_role("region", name="Recommended action")
    expect(action.get_by_role("heading", name="Appeals to the Minister")).to_be_visible()
    expect(action.get_by_role("listitem").first).to_have_text(
        "urging the authorities to reveal where Ri Invented-Son is held;"
    )
    target = action.locator(".target", has_text="Mr Pak Invented")
    expect(target.locator("address")).to_contain_text("Ministry of People's Security")
    expect(target.locator("address")).to_contain_text("Pyongyang")
    expect(target).to_contain_text("+850 2 000 0000")
    expect(target.locator(".salutation")).to_have_text("Salutation: Your Excellency")
    expect(action).to_contain_text("Korean, English or your own language")

    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline.get_by_role("listitem")).to_have_count(2)
    expect(timeline.get_by_role("listitem").nth(0)).to_contain_text("Urgent Action")
    expect(timeline.get_by_role("listitem").nth(1)).to_contain_text("Further information 1")

    page.screenshot(path="/tmp/lifeline-case.png", full_page=True)

    timeline.get_by_role("link", name="Further information 1").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ASA 24/004/2026")
    # The original text is shown as text, markup and all.
    expect(page.locator("pre.original")).to_contain_text("UA 212/26 <fictional>")
    page.screenshot(path="/tmp/lifeline-document.png", full_page=True)


def test_a_reader_finds_an_imported_sheet_by_country(
    live_server, page, sample_case, open_case, other_cases
):
    page.goto(live_server.url + "/")
    # Past its deadline, the sample is not among the open actions.
    expect(page.get_by_text("Forcible Return / Fear for Safety")).to_have_count(0)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="All cases").click()
    cards = page.locator(".case-card")
    expect(cards).to_have_count(4)

    page.get_by_label("Country").select_option(label="North Korea")
    page.get_by_role("button", name="Filter").click()

    expect(page.get_by_label("Country")).to_have_value("KP")
    expect(cards).to_have_count(2)
    expect(page.get_by_text("Released journalist")).to_have_count(0)
    page.screenshot(path="/tmp/lifeline-list.png", full_page=True)
    page.get_by_role("link", name="UA 105/00 Forcible Return / Fear for Safety").click()

    expect(page).to_have_url(live_server.url + sample_case.get_absolute_url())
    panel = page.locator(".status-panel")
    expect(panel).to_contain_text("The appeal deadline, July 19, 2000, has passed.")
    expect(panel).to_contain_text("Check with your section office before sending appeals.")
    expect(panel.locator('time[datetime="2000-07-19"]')).to_be_visible()

    action = page.get_by_role("region", name="Recommended action")
    china = action.get_by_role("region", name="Appeals to Chinese authorities")
    expect(china.get_by_role("listitem").nth(3)).to_contain_text(
        "urging them to lift the restrictions on access to the border areas"
    )
    premier = china.locator(".target", has_text="ZHU Rongji")
    expect(premier.locator("address")).to_contain_text("9 Xihuangchenggenbeijie")
    expect(premier.locator("address")).to_contain_text("Beijingshi 100032")
    expect(premier).to_contain_text("210070 FMPRC CN")
    expect(premier.locator(".salutation")).to_have_text("Salutation: Your Excellency")
    expect(china.locator(".target", has_text="HONG Hu").locator(".salutation")).to_have_text(
        "Salutation: Dear Governor"
    )
    expect(action.get_by_role("heading", name="Appeals to the UNHCR")).to_be_visible()
    expect(action.get_by_role("region", name="Copies to")).to_contain_text(
        "diplomatic representatives of Democratic People"
    )
    page.screenshot(path="/tmp/lifeline-sample.png", full_page=True)

    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline.get_by_role("listitem")).to_have_count(1)
    expect(timeline).to_contain_text("ASA 17/21/00")
    timeline.get_by_role("link", name="Further information 1").click()
    expect(page.locator("pre.original")).to_contain_text("APPEALS TO CHINESE AUTHORITIES:")


def test_the_skip_link_comes_first_and_the_language_switch_works_without_javascript(
    live_server, page, open_case
):
    page.goto(live_server.url + open_case.get_absolute_url())
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change language").click()

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page).to_have_url(live_server.url + open_case.get_absolute_url())
    expect(page.get_by_role("heading", name="Personnes en danger")).to_be_visible()
    expect(page.get_by_text("Corée du Nord, Chine")).to_be_visible()


def test_the_case_page_reads_on_a_phone(live_server, phone_page, open_case):
    phone_page.goto(live_server.url + open_case.get_absolute_url())
    # Nothing wider than the screen: no sideways scrolling for the page itself.
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    phone_page.screenshot(path="/tmp/lifeline-case-phone.png", full_page=True)


def test_the_stylesheet_is_served(live_server, page):
    page.goto(live_server.url + "/")
    href = page.locator('link[rel="stylesheet"]').get_attribute("href")
    response = page.request.get(live_server.url + href)
    # lifeline/static is not an app's static folder: settings.py must list it in
    # STATICFILES_DIRS for runserver, whitenoise and collectstatic to find site.css.
    assert response.ok, f"{href} answered {response.status}"
    assert "--accent" in response.text()
