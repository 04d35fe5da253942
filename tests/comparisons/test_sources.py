import html
import re
from decimal import Decimal

import pytest

from comparisons.models import DataNote, Source
from tests.factories import (
    BudgetFactory,
    CitationFactory,
    CountryFactory,
    DataNoteFactory,
    ExchangeRateFactory,
    GovernanceLevelFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page as a reader sees it: tags stripped, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_the_sources_page_renders_in_both_languages(client):
    for language in ("nl", "en"):
        response = client.get(f"/{language}/sources/")
        assert response.status_code == 200
        assert f'<html lang="{language}">' in response.content.decode()


def test_other_sources_show_how_often_they_are_cited(client):
    source = SourceFactory(
        key="ecb", kind=Source.Kind.STATISTICS, title="ECB reference rates", year=None
    )
    CitationFactory(source=source)
    CitationFactory(source=source)
    SourceFactory(key="unused", kind=Source.Kind.ARTICLE, title="An article nobody cites")

    page = text(client.get("/en/sources/"))

    assert "ECB reference rates not available not available not available Statistics 2" in page
    assert "An article nobody cites" in page


def test_a_data_note_shows_kind_text_budget_and_citation(client):
    country = CountryFactory(code="DK", name_en="Denmark")
    budget = BudgetFactory(programme__name_en="Urban Renewal", amount=Decimal("10000000"))
    note = DataNoteFactory(
        country=country,
        budget=budget,
        kind=DataNote.Kind.ARITHMETIC,
        title_en="Parts do not add up",
        text_en="1.2 + 0.35 is not 1.5.",
    )
    note.citations.add(CitationFactory(section="5.2 Financiering", page=80, page_end=82))
    DataNoteFactory(country=None, title_en="A slip in chapter 2")

    page = text(client.get("/en/sources/"))

    assert (
        "Denmark Parts do not add up Kind: arithmetic slip; concerns the budget of "
        "Urban Renewal (10,000,000 EUR, 2019) 1.2 + 0.35 is not 1.5."
    ) in page
    assert "§ 5.2, pp. 80–82" in page
    assert "Across countries A slip in chapter 2" in page


def test_an_exchange_rate_reads_with_a_decimal_comma_in_dutch(client):
    ExchangeRateFactory(year=2019)
    assert "7,4661" in text(client.get("/nl/sources/"))


def test_the_method_states_the_rules_for_positions_and_euro_amounts(client):
    page = text(client.get("/en/sources/"))
    assert "ordinal scale of five steps" in page
    assert "at the low end towards the low end in between" in page
    assert "the latest one before it" in page
    assert "differs from ours by more than 10 %" in page


def test_the_counts_per_country_come_a_page_of_countries_at_a_time(client):
    for letter in "ABCDEFGHIJKLMNOP":
        CountryFactory(code=f"A{letter}")
    GovernanceLevelFactory(country=CountryFactory(code="AA"))

    first = text(client.get("/en/sources/"))
    second = text(client.get("/en/sources/?page=2"))

    assert "Countries 16 AA: 1 · AB: 1" in first
    assert "AO: 1 Governance levels 1 AA: 1 Themes" in first
    assert "Page 1 of 2" in first
    assert "Countries 16 AP: 1 Governance levels 1 none for the countries on this page" in second
    assert "AA: 1" not in second
    # The table sits halfway down the page: its page links lead back to it.
    assert 'href="?page=2#records-heading"' in client.get("/en/sources/").content.decode()


def test_a_page_that_is_no_number_is_a_400_and_one_past_the_end_a_404(client):
    assert client.get("/en/sources/?page=two").status_code == 400
    assert client.get("/en/sources/?page=2").status_code == 404


def test_the_report_is_shown_with_its_isbn_and_commission(client, dataset):
    page = text(client.get("/en/sources/"))
    assert "Kwetsbare wijken in België, Duitsland en Denemarken" in page
    assert "ISBN 978-90-5830-971-6" in page
    assert "Freek de Meere" in page
    assert "Dutch Ministry of the Interior and Kingdom Relations (BZK)" in page
    assert "Partial reproduction is allowed provided the source is named" in page


def test_every_data_note_is_listed_under_its_country(client, dataset):
    response = client.get("/en/sources/")
    content = response.content.decode()

    assert content.count('class="data-note"') == DataNote.objects.count()
    note = DataNote.objects.get(code="be-dn-molenbeek-leeftijden")
    assert f'id="note-{note.code}"' in content
    page = text(response)
    assert "Molenbeek's age shares add up to 99.75%" in page
    assert page.index("Belgium") < page.index("Molenbeek's age shares add up to 99.75%")


def test_the_stored_exchange_rates_are_listed_with_their_citation(client, dataset):
    page = text(client.get("/en/sources/"))
    assert (
        "Danish krone (DKK) 2019 7.4661 European Central Bank, "
        "Euro foreign exchange reference rates, annual averages "
        "§ Danish krone (DKK), annual average 2019"
    ) in page


def test_the_record_counts_come_from_the_dataset_summary(client, dataset):
    page = text(client.get("/en/sources/"))
    assert "Data notes 65 BE: 26 · DE: 17 · DK: 21 · across countries: 1" in page


SOURCES_QUERIES = 8


def test_the_sources_page_reads_a_fixed_number_of_queries_at_seed_size(
    client, dataset, django_assert_num_queries
):
    with django_assert_num_queries(SOURCES_QUERIES):
        client.get("/nl/sources/")


def test_the_sources_page_reads_as_many_queries_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries
):
    with django_assert_num_queries(SOURCES_QUERIES):
        client.get("/nl/sources/")
