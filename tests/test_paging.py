"""Long lists come in pages: every page stays small and fast however large the dataset."""

import pytest

from comparisons.models import Country
from tests.helpers import page_text

PAGED = [
    "/en/?page={}",
    "/en/governance/?page={}",
    "/en/budgets/?page={}",
    "/en/neighbourhoods/?page={}",
    "/en/compare/?c=BE&c=DE&c=DK&page={}",
]


@pytest.mark.parametrize("url", PAGED)
def test_a_page_number_that_is_not_a_number_is_a_400(client, dataset, url):
    assert client.get(url.format("two")).status_code == 400


@pytest.mark.parametrize("url", PAGED)
def test_a_page_past_the_end_is_a_404(client, dataset, url):
    assert client.get(url.format(99)).status_code == 404


def test_the_seed_dataset_fits_on_the_first_page_without_page_links(client, dataset):
    response = client.get("/en/governance/")
    assert 'rel="next"' not in response.content.decode()
    assert len(response.context["tables"][0].rows) == Country.objects.count()


def test_comparing_many_countries_shows_them_a_page_at_a_time_in_the_order_asked(
    client, large_dataset
):
    codes = list(Country.objects.order_by("-code").values_list("code", flat=True))
    query = "&".join(f"c={code}" for code in codes)
    first = client.get(f"/en/compare/?{query}")
    second = client.get(f"/en/compare/?{query}&page=2")
    shown = [country.code for country in first.context["countries"]]
    shown += [country.code for country in second.context["countries"]]
    assert shown == codes[: len(shown)]
    assert 'rel="next"' in first.content.decode()
    assert "Page 2 of" in page_text(second)


def test_the_governance_matrix_pages_through_the_countries(client, large_dataset):
    response = client.get("/en/governance/?page=2")
    assert response.status_code == 200
    page = response.context["page"]
    assert page.paginator.count == Country.objects.count()
    rows = response.context["tables"][0].rows
    assert [row.country for row in rows] == list(page.object_list)


def test_the_budget_table_and_its_chart_show_the_same_page(client, large_dataset):
    response = client.get("/en/budgets/?page=2")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert 0 < len(rows) <= response.context["page"].paginator.per_page
    assert [row["budget"].pk for row in rows] == list(response.context["page"].object_list)
