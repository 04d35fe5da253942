import pytest

from comparisons.comparison import ASPECTS
from comparisons.models import Country
from tests.factories import CountryFactory
from tests.helpers import page_text

pytestmark = pytest.mark.django_db


def test_without_a_choice_the_page_offers_the_form_with_every_country(client, dataset):
    response = client.get("/en/compare/")
    assert response.status_code == 200
    assert response.context["form"].initial["c"] == ["BE", "DE", "DK"]
    assert "rows" not in response.context


def test_countries_become_columns_and_aspects_rows_in_the_order_asked(client, dataset):
    response = client.get("/en/compare/?c=DK&c=BE&a=budgets&a=definition")

    assert response.status_code == 200
    assert [country.code for country in response.context["countries"]] == ["DK", "BE"]
    assert [row.aspect.code for row in response.context["rows"]] == ["budgets", "definition"]


def test_no_aspect_means_every_aspect(client, dataset):
    response = client.get("/en/compare/?c=BE&c=DE")
    assert [row.aspect.code for row in response.context["rows"]] == list(ASPECTS)


def test_the_danish_budget_per_year_stands_beside_soziale_stadt(client, dataset):
    page = page_text(client.get("/en/compare/?c=DE&c=DK&a=budgets"))
    assert "€ 223,231,227 per year (2021–2026)" in page
    assert "€ 190,000,000 per year (2019)" in page


def test_every_cell_cites_its_source(client, dataset):
    response = client.get("/en/compare/?c=BE&c=DE&c=DK&a=definition&a=central-decentral")
    for row in response.context["rows"]:
        for cell in row.cells:
            assert cell.entries, row.aspect.code
            assert all(entry.citations for entry in cell.entries), row.aspect.code


def test_who_steers_safety_in_belgium_and_how(client, dataset):
    page = page_text(client.get("/en/compare/?c=BE&c=DK&a=governance"))
    assert "Safety · Federal government : subsidy conditions" in page


def test_the_same_address_opens_the_same_comparison_in_dutch(client, dataset):
    english = client.get("/en/compare/?c=BE&c=DK&a=central-decentral")
    dutch = client.get("/nl/compare/?c=BE&c=DK&a=central-decentral")
    assert dutch.status_code == 200
    assert 'href="/nl/compare/?c=BE&amp;c=DK&amp;a=central-decentral"' in english.content.decode()
    assert "decentraal" in page_text(dutch)


def test_a_country_asked_twice_counts_once(client, dataset):
    response = client.get("/en/compare/?c=BE&c=BE&c=DK")
    assert [country.code for country in response.context["countries"]] == ["BE", "DK"]


@pytest.mark.parametrize(
    "query",
    [
        "c=BE",  # one country only
        "c=BE&c=BE",  # still one country
        "c=BE&c=XX",  # unknown code
        "c=be&c=dk",  # codes are capitals
        "c=BE&c=DK&a=weather",  # unknown aspect
        "a=budgets",  # no country at all
        "c=BE&c=DK&c=%3Cscript%3E",  # markup
        "c=" + "A" * 5000,
    ],
)
def test_invalid_choices_are_a_400_that_lists_the_valid_values(client, dataset, query):
    response = client.get(f"/en/compare/?{query}")
    assert response.status_code == 400
    assert "c (two or more): BE, DE, DK" in page_text(response)
    assert "<script>" not in response.content.decode()


def test_the_400_page_speaks_dutch_under_nl(client, dataset):
    response = client.get("/nl/compare/?c=BE")
    assert response.status_code == 400
    assert '<html lang="nl">' in response.content.decode()


COMPARE_QUERIES = 12
COUNTRIES_PER_PAGE = 8


def test_comparing_all_countries_reads_a_fixed_number_of_queries(
    client, dataset, django_assert_num_queries
):
    with django_assert_num_queries(COMPARE_QUERIES):
        client.get("/en/compare/?c=BE&c=DE&c=DK")


def test_comparing_thirty_three_countries_reads_as_many_queries(
    client, large_dataset, django_assert_num_queries
):
    codes = "&".join(f"c={code}" for code in Country.objects.values_list("code", flat=True))
    with django_assert_num_queries(COMPARE_QUERIES):
        response = client.get(f"/en/compare/?{codes}")
    # Side by side a page at a time; every chosen country is on one of the pages.
    assert response.context["page"].paginator.count == Country.objects.count()
    assert len(response.context["countries"]) == COUNTRIES_PER_PAGE


def test_factories_alone_give_a_comparison_with_not_available_cells(client):
    CountryFactory(code="AA", name_en="Aland")
    CountryFactory(code="BB", name_en="Bland")
    page = page_text(client.get("/en/compare/?c=AA&c=BB&a=definition"))
    assert "Aland Bland" in page
    assert page.count("not available") == 2
