"""What policy staff do with Wijkwijzer, done in Chromium as they would, in Dutch and English."""

import csv
import io
import json
import re
import struct
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from django.core.validators import MaxValueValidator
from django.forms import Field
from playwright.sync_api import Browser, Page, expect

from .support import BROWSER_TESTS, LANGUAGES, VIEWPORT, RequestLog, t, tab_to, wait_for_charts

pytestmark = BROWSER_TESTS

# Names from the dataset, as each language shows them.
BELGIUM = {"nl": "België", "en": "Belgium"}
GERMANY = {"nl": "Duitsland", "en": "Germany"}
DENMARK = {"nl": "Denemarken", "en": "Denmark"}


def h1(page: Page):
    return page.get_by_role("heading", level=1)


def field(page: Page, lang: str, label: str):
    """The form field with this label (Django ends labels with a colon)."""
    return page.get_by_label(re.compile(rf"^{re.escape(t(lang, label))}:?$"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_overview_leads_to_a_country_profile(page: Page, request_log: RequestLog, lang: str):
    page.goto(f"/{lang}/")
    expect(h1(page)).to_have_text(t(lang, "How countries tackle vulnerable neighbourhoods"))

    link = t(lang, "Country profile: %(name)s") % {"name": GERMANY[lang]}
    page.get_by_role("link", name=link).click()

    expect(page).to_have_url(re.compile(rf"/{lang}/countries/DE/$"))
    expect(h1(page)).to_contain_text(GERMANY[lang])
    expect(
        page.get_by_role("heading", name=t(lang, "Who steers which theme, and how"))
    ).to_be_visible()
    assert request_log.outside_origin() == []


def _focused(page: Page) -> dict:
    return page.evaluate(
        "() => ({name: document.activeElement.name, value: document.activeElement.value,"
        " type: document.activeElement.type, checked: document.activeElement.checked})"
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_comparison_built_with_the_keyboard_opens_the_same_from_its_link(
    page: Page, browser: Browser, live_site: str, request_log: RequestLog, lang: str
):
    page.goto(f"/{lang}/compare/")

    # Only the keyboard from here on: Tab to the first country, Space to tick, Enter to send.
    tab_to(page, "input[name=c]")
    countries = []
    while (focused := _focused(page))["name"] == "c":
        if not focused["checked"]:
            page.keyboard.press("Space")
        countries.append(focused["value"])
        page.keyboard.press("Tab")
    assert countries == ["BE", "DE", "DK"]
    aspects = []
    while (focused := _focused(page))["name"] == "a":
        if focused["value"] in ("central-decentral", "budgets"):
            page.keyboard.press("Space")
            aspects.append(focused["value"])
        page.keyboard.press("Tab")
    assert aspects == ["central-decentral", "budgets"]
    assert _focused(page)["type"] == "submit"
    page.keyboard.press("Enter")

    query = r"\?c=BE&c=DE&c=DK&a=central-decentral&a=budgets$"
    expect(page).to_have_url(re.compile(rf"/{lang}/compare/{query}"))
    table = page.locator("table.comparison")
    columns = table.locator("thead th").all_inner_texts()
    assert columns[1:] == [BELGIUM[lang], GERMANY[lang], DENMARK[lang]]
    assert table.locator("tbody th").all_inner_texts() == [
        t(lang, "Central or decentral"),
        t(lang, "Budgets in euro per year"),
    ]

    # The address the page offers to share is the one in the address bar ...
    shared = page.locator(".share a")
    assert shared.inner_text() == page.url
    # ... and opened in a browser of its own, with nothing remembered, it shows the same.
    fresh = browser.new_context(base_url=live_site, viewport=VIEWPORT)
    try:
        other = fresh.new_page()
        other.goto(shared.inner_text())
        assert other.locator("table.comparison").inner_text() == table.inner_text()
    finally:
        fresh.close()
    assert request_log.outside_origin() == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_programmes_table_filters_sorts_and_downloads_what_it_shows(
    page: Page, request_log: RequestLog, lang: str
):
    page.goto(f"/{lang}/programmes/")
    field(page, lang, "Country").select_option("DE")
    page.get_by_role("button", name=t(lang, "Show"), exact=True).click()
    expect(page).to_have_url(re.compile(r"\?country=DE(&|$)"))

    period = page.get_by_role("columnheader", name=t(lang, "Period"), exact=True)
    period.get_by_role("link").click()
    expect(period).to_have_attribute("aria-sort", "ascending")
    period.get_by_role("link").click()
    expect(period).to_have_attribute("aria-sort", "descending")
    # The filter form sends its empty fields too; what matters is the country and the order.
    query = parse_qs(urlsplit(page.url).query)
    assert (query["country"], query["sort"]) == (["DE"], ["-period"])
    # Only the column the rows are sorted by says so.
    expect(page.locator("th[aria-sort]")).to_have_count(1)

    table = page.locator("table.data")
    total = int(re.match(r"\d+", table.locator("caption").inner_text()).group())
    shown = table.locator("tbody th[scope=row] > a").all_inner_texts()
    column = table.locator("thead th").all_inner_texts().index(t(lang, "Country"))
    countries = table.locator(f"tbody tr > :nth-child({column + 1})").all_inner_texts()
    assert set(countries) == {GERMANY[lang]}
    assert 0 < len(shown) <= total

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV", exact=True).click()
    download = download_info.value
    assert download.suggested_filename == "wijkwijzer-programmes.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text("utf-8-sig"))))

    # Every programme that passed the filter, not only this page of them, in the page's order.
    assert len(rows) == total
    assert [row["name"] for row in rows[: len(shown)]] == shown
    assert {row["country"] for row in rows} == {"DE"}
    starts = [int(row["start_year"]) for row in rows if row["start_year"]]
    assert starts == sorted(starts, reverse=True)
    # Programmes without a start year come last, as in the table.
    assert all(not row["start_year"] for row in rows[len(starts) :])
    assert all(row["citations"] for row in rows)
    assert request_log.outside_origin() == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_neighbourhood_profile_then_its_comparison_with_another(
    page: Page, request_log: RequestLog, lang: str
):
    page.goto(f"/{lang}/neighbourhoods/")
    page.get_by_role("link", name="Marxloh", exact=True).click()
    expect(page).to_have_url(re.compile(rf"/{lang}/neighbourhoods/de-marxloh/$"))
    expect(h1(page)).to_contain_text("Marxloh")

    page.get_by_role("link", name=t(lang, "All case neighbourhoods")).click()
    for name in ("Marxloh", "Gellerup"):
        page.get_by_label(t(lang, "Compare %(name)s") % {"name": name}).check()
    page.get_by_role("button", name=t(lang, "Compare the ticked neighbourhoods")).click()

    expect(page).to_have_url(re.compile(r"/neighbourhoods/compare/\?n=de-marxloh&n=dk-gellerup$"))
    expect(h1(page)).to_have_text(t(lang, "Neighbourhoods side by side"))
    table = page.locator("table.compare")
    headers = table.locator("thead th").all_inner_texts()
    assert headers[1].startswith("Marxloh")
    assert headers[2].startswith("Gellerup")
    country_row = table.locator("tr", has=page.get_by_role("rowheader", name=t(lang, "Country")))
    assert country_row.locator("td").all_inner_texts() == [GERMANY[lang], DENMARK[lang]]
    assert request_log.outside_origin() == []


def _fill_calculator(page: Page, lang: str, figures: dict[str, str]) -> None:
    field(page, lang, "Rules of the year").select_option("2019")
    for label, value in figures.items():
        field(page, lang, label).fill(value)
    page.get_by_role("button", name=t(lang, "Classify")).click()


HARD_GHETTO_FIGURES = {
    "Inhabitants": "7500",
    "Inhabitants with a migration background (%)": "80",
    "Inhabitants aged 18–64 outside work or education (%)": "45",
    "Convicted inhabitants, as a multiple of the national share": "2.5",
    "Inhabitants aged 30–59 with basic education only (%)": "65",
    "Average gross income, as % of the regional average": "50",
    "Consecutive years on the ghetto list, this year included": "5",
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_calculator_classifies_valid_figures(page: Page, request_log: RequestLog, lang: str):
    page.goto(f"/{lang}/neighbourhoods/danish-list/")
    _fill_calculator(page, lang, HARD_GHETTO_FIGURES)

    expect(page).to_have_url(re.compile(r"#calculator$"))
    result = page.get_by_role("status")
    expected = t(lang, "Result under the rules of %(year)s: %(category)s") % {
        "year": 2019,
        "category": t(lang, "hard ghetto"),
    }
    expect(result.get_by_role("heading")).to_have_text(expected)
    # Each of the four criteria and two conditions explained; all are met but the second,
    # convictions: 2.5 times the national share, where the list asks for 3.
    rows = result.locator("tbody tr")
    expect(rows).to_have_count(6)
    verdicts = [text.strip() for text in rows.locator("td:last-child").all_inner_texts()]
    not_met = f"○ {t(lang, 'does not meet')}"
    assert verdicts == [f"● {t(lang, 'meets')}"] + [not_met] + [f"● {t(lang, 'meets')}"] * 4
    expect(rows.nth(1).get_by_role("rowheader")).to_contain_text("2.")
    expect(page.get_by_role("alert")).to_have_count(0)
    assert request_log.outside_origin() == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_calculator_says_what_to_correct_in_invalid_figures(
    page: Page, request_log: RequestLog, lang: str
):
    page.goto(f"/{lang}/neighbourhoods/danish-list/")
    figures = {
        **HARD_GHETTO_FIGURES,
        "Inhabitants with a migration background (%)": "180",
        "Average gross income, as % of the regional average": "",
    }
    with page.expect_response(re.compile(r"/danish-list/\?")) as response_info:
        _fill_calculator(page, lang, figures)
    assert response_info.value.status == 400

    expect(page.get_by_role("alert")).to_have_text(
        t(lang, "Some figures need correcting; see the messages at each field.")
    )
    expect(page.get_by_role("status")).to_have_count(0)
    share = field(page, lang, "Inhabitants with a migration background (%)")
    income = field(page, lang, "Average gross income, as % of the regional average")
    # What was typed stays, and each field says what is wrong with it, to a screen reader too.
    expect(share).to_have_value("180")
    expect(share).to_have_attribute("aria-invalid", "true")
    over_100 = t(lang, str(MaxValueValidator.message)) % {"limit_value": 100}
    expect(share).to_have_accessible_description(over_100)
    expect(income).to_have_attribute("aria-invalid", "true")
    expect(income).to_have_accessible_description(
        t(lang, str(Field.default_error_messages["required"]))
    )
    expect(field(page, lang, "Inhabitants")).not_to_have_attribute("aria-invalid", "true")
    assert request_log.outside_origin() == []


SWITCHED_PAGES = ["/programmes/?country=DK&sort=-period", "/compare/?c=BE&c=DK&a=budgets"]


@pytest.mark.parametrize(("start", "other"), [("nl", "en"), ("en", "nl")])
@pytest.mark.parametrize("path", SWITCHED_PAGES)
def test_switching_language_keeps_the_page_and_its_query(
    page: Page, request_log: RequestLog, path: str, start: str, other: str
):
    page.goto(f"/{start}{path}")
    switch = page.get_by_role("navigation", name=t(start, "Language"))
    switch.get_by_role("link", name=re.compile(rf"^{other.upper()}\b")).click()

    expect(page).to_have_url(re.compile(rf"/{other}{re.escape(path)}$"))
    expect(page.locator("html")).to_have_attribute("lang", other)
    if path.startswith("/programmes/"):
        expect(field(page, other, "Country")).to_have_value("DK")
        period = page.get_by_role("columnheader", name=t(other, "Period"), exact=True)
        expect(period).to_have_attribute("aria-sort", "descending")
    else:
        columns = page.locator("table.comparison thead th").all_inner_texts()
        assert columns[1:] == [BELGIUM[other], DENMARK[other]]
    assert request_log.outside_origin() == []


def _drawn_values(figure: dict) -> int:
    """How many values the figure's traces draw (bars lie along x when horizontal)."""
    return sum(
        sum(value is not None for value in trace["x" if trace.get("orientation") == "h" else "y"])
        for trace in figure["data"]
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_chart_downloads_as_png_and_svg_drawing_the_data_of_the_page(
    page: Page, request_log: RequestLog, lang: str
):
    page.goto(f"/{lang}/budgets/")
    wait_for_charts(page)
    # The page has one chart: its figure, and the first download link of each format (A4).
    expect(page.locator("[data-figure]")).to_have_count(1)
    figure_id = page.locator("[data-figure]").get_attribute("data-figure")
    figure = json.loads(page.locator(f"script#{figure_id}").text_content())

    # The server draws the image when it is asked for.
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^PNG\b")).first.click()
    png = download_info.value
    assert png.suggested_filename == f"wijkwijzer-budget-bars-{lang}.png"
    image = Path(png.path()).read_bytes()
    assert image[:8] == b"\x89PNG\r\n\x1a\n"
    assert image[12:16] == b"IHDR"
    width, height = struct.unpack(">II", image[16:24])
    # Wide enough to print sharply across the text width of an A4 page.
    assert width >= 1000
    assert height > 0

    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"^SVG\b")).first.click()
    svg = download_info.value
    assert svg.suggested_filename == f"wijkwijzer-budget-bars-{lang}.svg"
    root = ElementTree.parse(svg.path()).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    # The same bars as the chart on the page, named in the page's language, with the source.
    bars = [
        element
        for element in root.iter("{http://www.w3.org/2000/svg}g")
        if "point" in (element.get("class") or "").split()
    ]
    assert len(bars) == _drawn_values(figure)
    text = " ".join(" ".join(element.itertext()) for element in root.iter())
    assert GERMANY[lang] in text
    assert "Verwey-Jonker Instituut" in text
    assert request_log.outside_origin() == []
