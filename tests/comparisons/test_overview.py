from decimal import Decimal

import pytest

from tests.factories import (
    BudgetFactory,
    CitationFactory,
    CountryFactory,
    DimensionFactory,
    DimensionPositionFactory,
    GovernanceLevelFactory,
    PlaceFactory,
    ProgrammeFactory,
)
from tests.helpers import page_text

pytestmark = pytest.mark.django_db


def test_the_bare_address_goes_to_the_dutch_overview(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"


def test_the_overview_shows_each_countrys_main_programme_and_its_euro_per_year(client):
    level = GovernanceLevelFactory(country=CountryFactory(code="DE", name_en="Germany"))
    programme = ProgrammeFactory(level=level, is_key=True, name_en="Soziale Stadt")
    budget = BudgetFactory(programme=programme, amount=Decimal("190000000"))
    budget.citations.add(CitationFactory(section="2.3 Het Duitse beleid", page=8))
    PlaceFactory(country=level.country, is_case_study=True)

    page = page_text(client.get("/en/"))

    assert "Germany Soziale Stadt € 190,000,000" in page
    assert "§ 2.3, p. 8" in page


def test_a_country_without_a_main_programme_says_so(client):
    CountryFactory(code="BE", name_en="Belgium")
    assert "Belgium no national neighbourhood programme not available 0" in page_text(
        client.get("/en/")
    )


def test_the_overview_places_countries_on_both_dimensions(client):
    country = CountryFactory(code="DK", name_en="Denmark")
    steering = DimensionFactory()
    approach = DimensionFactory(
        code="sectoral-integral",
        name_en="Sectoral or integral",
        low_pole_en="sectoral",
        high_pole_en="integral",
    )
    DimensionPositionFactory(
        country=country,
        dimension=steering,
        position=1,
        rationale_en="Denmark steers most. More text.",
    )
    DimensionPositionFactory(country=country, dimension=approach, position=5)

    response = client.get("/en/")

    assert response.context["figure"]["data"][0]["x"] == [1]
    assert response.context["figure"]["data"][0]["y"] == [5]
    assert (
        "Denmark central (1 on a scale from 1 = central to 5 = decentral) Denmark steers most."
        in page_text(response)
    )


def test_the_overview_speaks_dutch_under_nl(client):
    CountryFactory(code="DE", name_nl="Duitsland", name_en="Germany")
    response = client.get("/nl/")
    assert '<html lang="nl">' in response.content.decode()
    assert "Duitsland" in page_text(response)
    assert "Kerncijfers" in page_text(response)


def test_the_language_switch_keeps_the_page_and_its_query(client):
    response = client.get("/nl/?a=1")
    assert 'href="/en/?a=1"' in response.content.decode()


def test_the_overview_says_when_there_is_nothing_yet(client):
    assert "No countries have been entered yet" in page_text(client.get("/en/"))


def test_an_unknown_page_is_a_404_that_explains_itself(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "There is no page at this address" in page_text(response)


OVERVIEW_QUERIES = 15


def test_the_chart_is_also_told_in_words(client, dataset):
    summary = client.get("/en/").context["chart_summary"]
    assert (
        "Central or decentral, from central to decentral: Denmark (1), Germany (3), Belgium (5)."
        in summary
    )
    assert (
        "Sectoral or integral, from sectoral to integral: Belgium (1), Germany (3), Denmark (5)."
        in summary
    )


def test_the_real_overview_shows_the_danish_budget_per_year(client, dataset):
    page = page_text(client.get("/en/"))
    assert "€ 223,231,227" in page
    assert "10,000,000,000 DKK, total over the period, 2021–2026" in page


def test_the_overview_reads_a_fixed_number_of_queries_at_seed_size(
    client, dataset, django_assert_num_queries
):
    with django_assert_num_queries(OVERVIEW_QUERIES):
        client.get("/nl/")


def test_the_overview_reads_as_many_queries_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries
):
    with django_assert_num_queries(OVERVIEW_QUERIES):
        client.get("/nl/")
