import html
import re
from decimal import Decimal

import pytest

from neighbourhoods.models import Indicator, Place
from tests.factories import (
    CitationFactory,
    CountryFactory,
    DesignationFactory,
    IndicatorFactory,
    LocalMeasureFactory,
    ObservationFactory,
    PlaceFactory,
    ProgrammeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page as a reader sees it: tags stripped, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def germany_city_and_neighbourhood() -> tuple[Place, Place]:
    germany = CountryFactory(code="DE", name_en="Germany")
    city = PlaceFactory(country=germany, kind=Place.Kind.CITY, name_en="Duisburg", slug="duisburg")
    place = PlaceFactory(
        country=germany,
        parent=city,
        name_en="Marxloh",
        slug="marxloh",
        is_case_study=True,
        typology_en="classic working-class neighbourhood",
    )
    return city, place


def test_a_figure_stands_next_to_its_city_with_its_year(client):
    city, place = germany_city_and_neighbourhood()
    share = IndicatorFactory(code="migration-background-share", name_en="Migration background")
    ObservationFactory(place=place, indicator=share, value=Decimal("67"), year=None)
    ObservationFactory(place=place, indicator=share, value=Decimal("35"), year=2010)
    ObservationFactory(place=city, indicator=share, value=Decimal("42"), year=2017)

    page = text(client.get("/en/neighbourhoods/marxloh/"))

    assert (
        "Indicator Marxloh Duisburg Migration background 67 % (year not stated) 35 % (2010) "
        "42 % (2017)"
    ) in page


def test_a_figure_the_city_lacks_is_not_available_never_zero(client):
    _city, place = germany_city_and_neighbourhood()
    population = IndicatorFactory(code="population", name_en="Inhabitants", unit="count")
    ObservationFactory(place=place, indicator=population, value=Decimal("19000"), year=None)

    response = client.get("/en/neighbourhoods/marxloh/")

    assert "Inhabitants 19,000 (year not stated) not available" in text(response)
    assert 'class="not-available"' in response.content.decode()


def test_the_chart_sets_percentages_beside_the_baselines(client):
    city, place = germany_city_and_neighbourhood()
    share = IndicatorFactory(code="share", name_en="Migration background")
    count = IndicatorFactory(code="population", name_en="Inhabitants", unit="count")
    ObservationFactory(place=place, indicator=share, value=Decimal("67.5"), year=None)
    ObservationFactory(place=place, indicator=count, value=Decimal("19000"), year=None)
    ObservationFactory(place=city, indicator=share, value=Decimal("42"), year=2017)

    response = client.get("/en/neighbourhoods/marxloh/")

    traces = response.context["figure"]["data"]
    assert [(trace["name"], trace["x"]) for trace in traces] == [
        ("Marxloh", [67.5]),
        ("Duisburg", [42.0]),
    ]
    assert traces[0]["y"] == ["Migration background"]
    assert response.context["chart_summary"] == (
        "Migration background: Marxloh 67.5 % (year not stated); Duisburg 42 % (2017)."
    )
    page = text(response)
    assert "Migration background 67.5 % (year not stated) 42 % (2017)" in page
    assert 'data-figure="baseline-chart"' in response.content.decode()


def test_a_place_without_percentages_has_no_chart(client):
    _city, place = germany_city_and_neighbourhood()
    count = IndicatorFactory(code="population", name_en="Inhabitants", unit="count")
    ObservationFactory(place=place, indicator=count, value=Decimal("19000"))
    response = client.get("/en/neighbourhoods/marxloh/")
    assert response.context["figure"] is None
    assert "chart_scripts" not in response.content.decode()
    assert "plotly" not in response.content.decode()


def test_the_original_name_is_marked_with_its_language(client):
    germany = CountryFactory(code="DE", name_en="Germany", language="de")
    PlaceFactory(country=germany, slug="cologne", name_en="Cologne", original_name="Köln")
    assert (
        '<span lang="de">(Köln)</span>'
        in client.get("/en/neighbourhoods/cologne/").content.decode()
    )


def test_measures_are_grouped_by_theme_and_told_once(client):
    _city, place = germany_city_and_neighbourhood()
    safety = ThemeFactory(code="safety", name_en="Safety", order=1)
    youth = ThemeFactory(code="youth", name_en="Youth", order=2)
    programme = ProgrammeFactory(slug="soziale-stadt", name_en="Soziale Stadt")
    measure = LocalMeasureFactory(
        place=place,
        slug="campus",
        name_en="Campus Marxloh",
        kind="physical",
        programme=programme,
        outcome_en="A new school campus.",
    )
    measure.themes.add(safety, youth)
    measure.citations.add(CitationFactory(section="4.3 Marxloh", page=42))

    response = client.get("/en/neighbourhoods/marxloh/")

    groups = response.context["measure_groups"]
    assert [(g["theme"].name, [e["is_first"] for e in g["entries"]]) for g in groups] == [
        ("Safety", [True]),
        ("Youth", [False]),
    ]
    page = text(response)
    assert (
        "Safety Campus Marxloh Kind: physical · Funded by: Soziale Stadt "
        "Outcome as reported: A new school campus. § 4.3, p. 42"
    ) in page
    assert "Youth Campus Marxloh (described under Safety)" in page
    assert 'href="/en/programmes/soziale-stadt/"' in response.content.decode()


def test_designations_show_from_when_until_when(client):
    _city, place = germany_city_and_neighbourhood()
    DesignationFactory(place=place, name_en="Soziale Stadt area", start_year=1999, end_year=2020)
    DesignationFactory(
        place=place, code="social-housing", name_en="Social housing", start_year=None, end_year=2001
    )
    page = text(client.get("/en/neighbourhoods/marxloh/"))
    assert "Soziale Stadt area 1999–2020" in page
    assert "Social housing until 2001" in page


def test_an_indicator_unit_other_than_percent_or_count_is_named(client):
    _city, place = germany_city_and_neighbourhood()
    age = IndicatorFactory(code="average-age", name_en="Average age", unit=Indicator.Unit.YEARS)
    ObservationFactory(place=place, indicator=age, value=Decimal("36.4"))
    assert "Average age 36.4 years (2017)" in text(client.get("/en/neighbourhoods/marxloh/"))


def test_an_unknown_place_is_a_404(client):
    assert client.get("/en/neighbourhoods/no-such-place/").status_code == 404
    assert client.get("/en/neighbourhoods/m%C3%A4rxloh/").status_code == 404
    assert client.get("/en/neighbourhoods/" + "a" * 5000 + "/").status_code == 404


def test_a_city_that_is_no_case_study_has_no_profile(client):
    city, _place = germany_city_and_neighbourhood()
    assert client.get(f"/en/neighbourhoods/{city.slug}/").status_code == 404


# The real dataset from here on.


def test_marxloh_shows_its_figures_next_to_duisburg_with_years(client, dataset):
    response = client.get("/en/neighbourhoods/de-marxloh/")
    assert response.status_code == 200
    page = text(response)
    assert "Lies in Duisburg › North Rhine-Westphalia › Germany" in page
    assert "Indicator Marxloh Duisburg North Rhine-Westphalia Germany" in page
    row = page.split("Share of inhabitants with a migration background", 1)[1]
    assert row.startswith(" 67 % (year not stated)")
    assert "35 % (2010)" in row.split("Number of nationalities")[0]
    assert "42 % (year not stated)" in row.split("Number of nationalities")[0]
    assert "Inhabitants 19,000 (year not stated)" in page
    assert "18,000,000 (year not stated)" in page  # North Rhine-Westphalia


def test_gropiusstadt_shows_its_figures_next_to_neukoelln_and_berlin(client, dataset):
    response = client.get("/en/neighbourhoods/de-gropiusstadt/")
    page = text(response)
    assert "Indicator Gropiusstadt Neukölln Berlin Germany" in page
    assert "Inhabitants 36,258 (2018)" in page
    assert "330,000 (year not stated)" in page
    assert "3,600,000 (year not stated)" in page
    assert "Unemployment rate 6.9 % (2015)" in page
    assert [
        (row["designation"].name, row["period"]) for row in response.context["designations"]
    ] == [
        ("Social housing status", "until 2001"),
        ("Soziale Stadt area", "until 2020"),
    ]


def test_gellerup_shows_its_figures_with_aarhus_as_baseline(client, dataset):
    response = client.get("/en/neighbourhoods/dk-gellerup/")
    page = text(response)
    assert "Lies in Aarhus › Denmark" in page
    assert "Indicator Gellerup Aarhus Denmark" in page
    assert "Inhabitants 5,084 (year not stated)" in page
    assert "Share of convicted inhabitants 3.4 % (year not stated)" in page
    assert [
        (row["designation"].name, row["period"]) for row in response.context["designations"]
    ] == [("Hard ghetto on the national list", "period not stated")]
    assert "43 convicted residents is not 3.4% of 5,084 inhabitants" in page  # its data note
    assert response.context["figure"]["data"][0]["name"] == "Gellerup"


def test_gellerup_groups_its_measures_by_theme_with_outcomes(client, dataset):
    response = client.get("/en/neighbourhoods/dk-gellerup/")
    themes = [group["theme"].code for group in response.context["measure_groups"]]
    assert themes[:3] == ["safety", "liveability", "integration"]
    page = text(response)
    assert "Safety Harder and faster punishment of gang members Kind: safety" in page
    assert "Outcome as reported: The number of serious violent incidents" in page


def test_a_table_neighbourhood_shows_its_row_of_the_danish_list(client, dataset):
    page = text(client.get("/en/neighbourhoods/dk-mjoelnerparken/"))
    assert "List of 2018: hard ghetto" in page
    assert "Outside work or education 43.5 % 2015-2016 36 inhabitants ● meets" in page
    assert "Low income relative to the region 51.0 % 2015 16,447 Danish kroner ● meets" in page


def test_a_case_study_municipality_has_a_profile(client, dataset):
    response = client.get("/en/neighbourhoods/be-molenbeek/")
    assert response.status_code == 200
    assert '<span lang="nl">(Sint-Jans-Molenbeek / Molenbeek-Saint-Jean)</span>' in (
        response.content.decode()
    )
    assert "Indicator Molenbeek Brussels-Capital Region Belgium" in text(response)


def test_the_profile_speaks_dutch_under_nl(client, dataset):
    response = client.get("/nl/neighbourhoods/dk-gellerup/")
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()
    assert "Aarhus › Denemarken" in text(response)


DETAIL_QUERIES = 14


@pytest.mark.parametrize("slug", ["de-marxloh", "dk-gellerup", "dk-mjoelnerparken"])
def test_the_profile_reads_a_fixed_number_of_queries_at_seed_size(
    client, dataset, django_assert_num_queries, slug
):
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(f"/nl/neighbourhoods/{slug}/")


@pytest.mark.parametrize("slug", ["de-marxloh", "dk-gellerup", "dk-mjoelnerparken"])
def test_the_profile_reads_as_many_queries_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries, slug
):
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(f"/nl/neighbourhoods/{slug}/")
