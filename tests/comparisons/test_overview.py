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


def drawn_countries(figure: dict) -> dict[str, dict]:
    """What the dimension map draws for each country, by the label beside its marker: where,
    the label's side of the marker, the marker's colour and shape, and the text on hover."""

    def each(value, count: int) -> list:
        # Plotly takes one value for every point of a trace, or a list with one per point.
        return value if isinstance(value, list) else [value] * count

    drawn = {}
    for trace in figure["data"]:
        count = len(trace["x"])
        # What the hover label shows: the template filled in, without its second box.
        hover_label = trace["hovertemplate"].replace("<extra></extra>", "")
        points = zip(
            trace["text"],
            trace["x"],
            trace["y"],
            each(trace["textposition"], count),
            each(trace["marker"]["color"], count),
            each(trace["marker"]["symbol"], count),
            each(trace["hovertext"], count),
            strict=True,
        )
        for name, x, y, label, colour, symbol, hover in points:
            drawn[name] = {
                "at": (x, y),
                "label": label,
                "colour": colour,
                "symbol": symbol,
                "hover": hover_label.replace("%{hovertext}", hover),
            }
    return drawn


def two_dimensions():
    return DimensionFactory(), DimensionFactory(
        code="sectoral-integral",
        name_en="Sectoral or integral",
        low_pole_en="sectoral",
        high_pole_en="integral",
    )


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
    steering, approach = two_dimensions()
    DimensionPositionFactory(
        country=country,
        dimension=steering,
        position=1,
        rationale_en="Denmark steers most. More text.",
    )
    DimensionPositionFactory(country=country, dimension=approach, position=5)

    response = client.get("/en/")

    drawn = drawn_countries(response.context["figure"])
    assert {name: country["at"] for name, country in drawn.items()} == {"Denmark": (1, 5)}
    assert drawn["Denmark"]["hover"] == "Denmark"
    assert (
        "Denmark central (1 on a scale from 1 = central to 5 = decentral) Denmark steers most."
        in page_text(response)
    )


def test_countries_in_the_same_place_are_labelled_above_and_below_in_their_own_marker(client):
    steering, approach = two_dimensions()
    countries = [
        CountryFactory(code="DE", name_en="Germany", order=1, colour="#0072b2"),
        CountryFactory(code="NL", name_en="Netherlands", order=2, colour="#e69f00"),
        CountryFactory(code="BE", name_en="Belgium", order=3, colour="#009e73"),
    ]
    for country, x, y in zip(countries, [3, 3, 5], [3, 3, 1], strict=True):
        DimensionPositionFactory(country=country, dimension=steering, position=x)
        DimensionPositionFactory(country=country, dimension=approach, position=y)

    drawn = drawn_countries(client.get("/en/").context["figure"])

    assert {name: (country["at"], country["label"]) for name, country in drawn.items()} == {
        "Germany": ((3, 3), "top center"),
        "Netherlands": ((3, 3), "bottom center"),
        "Belgium": ((5, 1), "top center"),
    }
    assert [drawn[name]["colour"] for name in ["Germany", "Netherlands", "Belgium"]] == [
        "#0072b2",
        "#e69f00",
        "#009e73",
    ]
    # A shape per country as well, so they stay apart in black-and-white print.
    assert len({country["symbol"] for country in drawn.values()}) == 3


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
