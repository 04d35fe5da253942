import html
import re
from urllib.parse import urlencode

import pytest

pytestmark = pytest.mark.django_db

URL = "/en/neighbourhoods/compare/"


def text(response) -> str:
    """The page as a reader sees it: tags stripped, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def compare(client, *slugs: str, language: str = "en"):
    return client.get(f"/{language}/neighbourhoods/compare/?{urlencode([('n', s) for s in slugs])}")


def row(response, label: str) -> list:
    """The cells of one row of the comparison, by its indicator or theme name."""
    for indicator_row in response.context["indicator_rows"]:
        if indicator_row["indicator"].name == label:
            return indicator_row["cells"]
    for theme_row in response.context["theme_rows"]:
        if theme_row["theme"] and theme_row["theme"].name == label:
            return theme_row["counts"]
    raise AssertionError(f"no row {label}")


# The real dataset throughout.


def test_two_neighbourhoods_stand_side_by_side(client, dataset):
    response = compare(client, "de-marxloh", "dk-gellerup")
    assert response.status_code == 200
    assert [column["place"].slug for column in response.context["columns"]] == [
        "de-marxloh",
        "dk-gellerup",
    ]
    page = text(response)
    assert "Aspect Marxloh Gellerup" in page
    assert "Country Germany Denmark" in page
    assert "City or municipality Duisburg Aarhus" in page
    assert "Inhabitants 19,000 (year not stated)" in page
    assert "5,084 (year not stated)" in page
    assert [o.shown_value for o in row(response, "Inhabitants")[0]] == ["19,000"]
    assert [o.shown_value for o in row(response, "Inhabitants")[1]] == ["5,084"]


def test_the_order_of_the_address_is_the_order_of_the_columns(client, dataset):
    response = compare(client, "dk-gellerup", "de-marxloh")
    assert "Aspect Gellerup Marxloh" in text(response)


def test_three_neighbourhoods_show_the_union_of_their_indicators(client, dataset):
    response = compare(client, "de-marxloh", "de-gropiusstadt", "dk-gellerup")
    assert response.status_code == 200
    # Only Gellerup has convictions, only Gropiusstadt an unemployment rate.
    convictions = row(response, "Share of convicted inhabitants")
    assert [len(cell) for cell in convictions] == [0, 0, 1]
    unemployment = row(response, "Unemployment rate")
    assert [len(cell) for cell in unemployment] == [0, 1, 0]
    page = text(response)
    assert "Share of convicted inhabitants not available not available 3.4 %" in page
    assert "Unemployment rate not available 6.9 % (2015)" in page


def test_the_comparison_counts_local_measures_per_theme(client, dataset):
    response = compare(client, "de-marxloh", "de-gropiusstadt", "dk-gellerup")
    assert row(response, "Safety") == [3, 1, 2]
    totals = response.context["theme_rows"][-1]
    assert totals["theme"] is None
    assert totals["counts"] == [12, 8, 10]
    assert "All local measures 12 8 10" in text(response)


def test_the_comparison_shows_designations_and_typologies(client, dataset):
    response = compare(client, "de-gropiusstadt", "dk-tingbjerg")
    page = text(response)
    assert "Social housing status (until 2001)" in page
    assert "Soziale Stadt area (until 2020)" in page
    assert "Hard ghetto on the national list (period not stated)" in page
    assert "Typology large high-rise housing estate" in page


def test_a_case_study_municipality_can_be_compared(client, dataset):
    response = compare(client, "be-molenbeek", "be-oud-molenbeek")
    assert response.status_code == 200
    assert "City or municipality Molenbeek Molenbeek" in text(response)


def test_the_comparison_speaks_dutch_under_nl(client, dataset):
    response = compare(client, "de-marxloh", "dk-gellerup", language="nl")
    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()
    assert "Duitsland Denemarken" in text(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Choose at least two neighbourhoods to compare."),
        ("?n=de-marxloh", "Choose at least two neighbourhoods to compare."),
        ("?n=de-marxloh&n=de-marxloh", "Choose each neighbourhood once; repeated: de-marxloh."),
        ("?n=de-marxloh&n=no-such-place", "There is no neighbourhood “no-such-place”."),
        ("?n=de-marxloh&n=de-duisburg", "There is no neighbourhood “de-duisburg”."),
        ("?n=de-marxloh&n=%3Cscript%3E", "There is no neighbourhood “<script>”."),
        ("?n=de-marxloh&n=m%C3%A4rxloh", "There is no neighbourhood “märxloh”."),
        ("?n=de-marxloh&n=" + "x" * 10000, "There is no neighbourhood"),
        ("?n=de-marxloh&n=%00", "There is no neighbourhood"),
    ],
)
def test_bad_choices_are_a_400_that_lists_the_valid_slugs(client, dataset, query, message):
    response = client.get(URL + query)
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert "Valid values are: be-mechelen be-nekkerspoel" in page
    assert "dk-gellerup" in page
    assert "<script>" not in response.content.decode().split("<main")[1]


def test_more_than_twelve_neighbourhoods_is_a_400(client, dataset):
    slugs = [
        "be-mechelen",
        "be-nekkerspoel",
        "be-mechelen-centrum",
        "be-molenbeek",
        "be-oud-molenbeek",
        "be-maritiem",
        "de-marxloh",
        "de-gropiusstadt",
        "de-hochfeld",
        "de-soldiner-kiez",
        "dk-tingbjerg",
        "dk-gellerup",
    ]
    assert compare(client, *slugs).status_code == 200
    response = compare(client, *slugs, "dk-vollsmose")
    assert response.status_code == 400
    assert "Choose at most 12 neighbourhoods to compare." in text(response)


COMPARE_QUERIES = 11


@pytest.mark.parametrize(
    "slugs",
    [("de-marxloh", "dk-gellerup"), ("de-marxloh", "de-gropiusstadt", "dk-gellerup")],
)
def test_the_comparison_reads_a_fixed_number_of_queries_at_seed_size(
    client, dataset, django_assert_num_queries, slugs
):
    with django_assert_num_queries(COMPARE_QUERIES):
        compare(client, *slugs, language="nl")


@pytest.mark.parametrize(
    "slugs",
    [("de-marxloh", "dk-gellerup"), ("de-marxloh", "de-gropiusstadt", "dk-gellerup")],
)
def test_the_comparison_reads_as_many_queries_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries, slugs
):
    with django_assert_num_queries(COMPARE_QUERIES):
        compare(client, *slugs, language="nl")
