import html
import re
from urllib.parse import urlencode

import pytest
from django.db.models import Count

from neighbourhoods.forms import MAX_COMPARED
from neighbourhoods.models import Place

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


def latest(cells: list) -> list:
    """The value each cell of an indicator row shows; None where it says “not available”."""
    return [cell["observation"].shown_value if cell["observation"] else None for cell in cells]


def largest() -> list[str]:
    """The neighbourhoods with the most figures, as many as can be compared: the benchmark's
    heaviest comparison."""
    return list(
        Place.objects.profiled()
        .annotate(figures=Count("observations"))
        .order_by("-figures", "slug")
        .values_list("slug", flat=True)[:MAX_COMPARED]
    )


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
    assert latest(row(response, "Inhabitants")) == ["19,000", "5,084"]


def test_the_order_of_the_address_is_the_order_of_the_columns(client, dataset):
    response = compare(client, "dk-gellerup", "de-marxloh")
    assert "Aspect Gellerup Marxloh" in text(response)


def test_three_neighbourhoods_show_the_union_of_their_indicators(client, dataset):
    response = compare(client, "de-marxloh", "de-gropiusstadt", "dk-gellerup")
    assert response.status_code == 200
    # Only Gellerup has convictions, only Gropiusstadt an unemployment rate.
    assert latest(row(response, "Share of convicted inhabitants")) == [None, None, "3.4"]
    assert latest(row(response, "Unemployment rate")) == [None, "6.9", None]
    page = text(response)
    assert "Share of convicted inhabitants not available not available 3.4 %" in page
    assert "Unemployment rate not available 6.9 % (2015)" in page


MIGRATION = "Share of inhabitants with a migration background"


def test_each_neighbourhood_shows_its_latest_figure_with_its_year_citation_and_note(
    client, dataset
):
    # Marxloh has 67 % now (the report states no year) and 35 % in 2010.
    response = compare(client, "de-marxloh", "dk-gellerup")
    assert latest(row(response, MIGRATION)) == ["67", None]
    page = text(response)
    assert (
        f"{MIGRATION} 67 % (year not stated) § 4.3, pp. 42–47 'currently around 67%' "
        "(the report dates from 2019 but states no year). 1 earlier figure in the profile "
        "not available"
    ) in page
    assert "35 % (2010)" not in page


def test_earlier_figures_are_counted_with_a_link_to_the_profile_that_has_them(client, dataset):
    response = compare(client, "de-marxloh", "dk-gellerup")
    content = response.content.decode()
    link = '<a href="/en/neighbourhoods/de-marxloh/#statistics-heading">'
    assert f"{link}1 earlier figure in the profile</a>" in content
    # Gellerup's figures are each the only one of their indicator: nothing more to count.
    assert "/en/neighbourhoods/dk-gellerup/#" not in content
    profile = client.get("/en/neighbourhoods/de-marxloh/")
    assert 'id="statistics-heading"' in profile.content.decode()
    assert "67 % (year not stated) § 4.3, pp. 42–47" in text(profile)
    assert "35 % (2010) § 4.3, pp. 42–47" in text(profile)


def test_the_earlier_figures_are_counted_in_dutch_under_nl(client, dataset):
    response = compare(client, "de-marxloh", "dk-gellerup", language="nl")
    assert "1 eerder cijfer in het profiel" in text(response)
    assert "Meest recente cijfers" in text(response)


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


COMPARE_QUERIES = 10


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


def test_the_heaviest_comparison_shows_one_figure_per_place_and_indicator(client, large_dataset):
    response = compare(client, *largest(), language="nl")
    assert response.status_code == 200
    shown = [
        cell["observation"]
        for row in response.context["indicator_rows"]
        for cell in row["cells"]
        if cell["observation"]
    ]
    # Each has years of figures; the page gives the latest and counts the rest.
    assert all(observation.earlier_count for observation in shown)
    assert response.content.decode().count('class="figure__period"') == len(shown)
    assert len(response.content) < 100_000


def test_the_heaviest_comparison_reads_as_many_queries(
    client, large_dataset, django_assert_num_queries
):
    slugs = largest()
    with django_assert_num_queries(COMPARE_QUERIES):
        compare(client, *slugs, language="nl")
