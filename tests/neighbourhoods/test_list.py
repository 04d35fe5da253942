import html
import re
from decimal import Decimal

import pytest

from neighbourhoods.models import Place
from tests.factories import CountryFactory, IndicatorFactory, ObservationFactory, PlaceFactory

pytestmark = pytest.mark.django_db

URL = "/en/neighbourhoods/"


def text(response) -> str:
    """The page as a reader sees it: tags stripped, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_the_list_says_when_there_is_nothing_yet(client):
    assert "No case neighbourhoods have been entered yet" in text(client.get(URL))


def test_only_case_neighbourhoods_and_case_municipalities_are_listed(client):
    belgium = CountryFactory(code="BE", name_en="Belgium")
    region = PlaceFactory(country=belgium, kind=Place.Kind.REGION, name_en="Brussels")
    municipality = PlaceFactory(
        country=belgium,
        kind=Place.Kind.CITY,
        parent=region,
        name_en="Molenbeek",
        is_case_study=True,
    )
    PlaceFactory(country=belgium, parent=municipality, name_en="Maritiem", is_case_study=True)
    PlaceFactory(country=belgium, parent=municipality, name_en="Elsewhere")
    PlaceFactory(country=belgium, kind=Place.Kind.CITY, name_en="Antwerp")

    listed = [place.name for place in client.get(URL).context["places"]]

    assert sorted(listed) == ["Maritiem", "Molenbeek"]


def test_each_neighbourhood_shows_where_it_lies_its_typology_and_key_figures(client):
    germany = CountryFactory(code="DE", name_en="Germany")
    country = PlaceFactory(country=germany, kind=Place.Kind.COUNTRY, name_en="Germany")
    city = PlaceFactory(country=germany, kind=Place.Kind.CITY, parent=country, name_en="Duisburg")
    PlaceFactory(
        country=germany,
        parent=city,
        slug="marxloh",
        name_en="Marxloh",
        is_case_study=True,
        typology_en="arrival neighbourhood",
    )
    population = IndicatorFactory(code="population", name_en="Inhabitants", unit="count")
    marxloh = Place.objects.get(slug="marxloh")
    ObservationFactory(place=marxloh, indicator=population, value=Decimal(19000), year=None)

    response = client.get(URL)

    assert (
        "Germany Case neighbourhoods in Germany Compare Neighbourhood Lies in Typology Key "
        "figures Compare Marxloh Marxloh neighbourhood Duisburg arrival neighbourhood "
        "Inhabitants: 19,000 (year not stated)"
    ) in text(response)
    assert 'href="/en/neighbourhoods/marxloh/"' in response.content.decode()


def test_the_form_submits_the_ticked_neighbourhoods_to_the_compare_page(client):
    PlaceFactory(slug="marxloh", is_case_study=True)
    content = client.get(URL).content.decode()
    assert '<form method="get" action="/en/neighbourhoods/compare/">' in content
    assert '<input type="checkbox" name="n" value="marxloh" id="compare-marxloh">' in content
    assert '<label for="compare-marxloh" class="visually-hidden">' in content


# The real dataset from here on.


def test_the_case_neighbourhoods_are_grouped_by_country(client, dataset):
    response = client.get(URL)
    assert response.status_code == 200
    by_country = {}
    for place in response.context["places"]:
        by_country.setdefault(place.country.code, []).append(place.slug)
    assert by_country == {
        "BE": [
            "be-mechelen",
            "be-nekkerspoel",
            "be-mechelen-centrum",
            "be-molenbeek",
            "be-oud-molenbeek",
            "be-maritiem",
        ],
        "DE": ["de-marxloh", "de-gropiusstadt"],
        "DK": ["dk-tingbjerg", "dk-gellerup"],
    }
    page = text(response)
    assert page.index("Belgium") < page.index("Germany") < page.index("Denmark")


def test_the_real_list_shows_key_figures_with_their_years(client, dataset):
    page = text(client.get(URL))
    assert (
        "Marxloh Marxloh neighbourhood Duisburg, North Rhine-Westphalia classic working-class "
        "neighbourhood"
    ) in page
    assert "Inhabitants: 36,258 (2018)" in page  # Gropiusstadt
    assert "Share of inhabitants with a migration background: 50.5 % (2018)" in page
    # Marxloh's current share, not the one of 2010.
    assert "Share of inhabitants with a migration background: 67 % (year not stated)" in page


def test_the_list_speaks_dutch_under_nl(client, dataset):
    response = client.get("/nl/neighbourhoods/")
    assert '<html lang="nl">' in response.content.decode()
    page = text(response)
    assert "Duitsland" in page
    assert "Noordrijn-Westfalen" in page


LIST_QUERIES = 7


def test_the_list_reads_a_fixed_number_of_queries_at_seed_size(
    client, dataset, django_assert_num_queries
):
    with django_assert_num_queries(LIST_QUERIES):
        client.get("/nl/neighbourhoods/")


def test_the_list_reads_as_many_queries_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries
):
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get("/nl/neighbourhoods/")
    assert response.context["page"].paginator.count > 60
