import pytest

from tests.factories import CountryFactory
from tests.helpers import page_text

pytestmark = pytest.mark.django_db


def test_the_germany_profile_shows_levels_programmes_and_the_soziale_stadt_budget(client, dataset):
    response = client.get("/en/countries/DE/")
    page = page_text(response)

    assert response.status_code == 200
    assert "Germany" in page
    assert "Deutschland" in page
    assert "Federal government (Bund)" in page
    assert "Soziale Stadt" in page
    assert "190,000,000 EUR" in page
    assert "€ 190,000,000" in page
    assert "Marxloh" in page
    assert "Gropiusstadt" in page


def test_a_budget_without_a_period_shows_the_reason_instead_of_a_number(client, dataset):
    page = page_text(client.get("/en/countries/BE/"))
    assert "39,000,000 EUR" in page
    assert "The source gives no full period for this total" in page


def test_the_denmark_profile_lists_its_data_notes(client, dataset):
    page = page_text(client.get("/en/countries/DK/"))
    assert "400 million kroner is not 'a little over 5 million euro'" in page
    assert "Table 1 has ten rows, the text speaks of sixteen hard ghettos" in page


def test_the_profile_speaks_dutch_under_nl(client, dataset):
    page = page_text(client.get("/nl/countries/DK/"))
    assert "Denemarken" in page


def test_a_lower_case_code_redirects_to_the_canonical_address(client, dataset):
    response = client.get("/en/countries/de/")
    assert response.status_code == 301
    assert response["Location"] == "/en/countries/DE/"


@pytest.mark.parametrize("code", ["ZZ", "DEU", "1", "%C3%A9%C3%A9", "D" * 300])
def test_an_unknown_country_code_is_a_404(client, dataset, code):
    response = client.get(f"/en/countries/{code}/")
    assert response.status_code in {301, 404}
    if response.status_code == 301:
        assert client.get(response["Location"]).status_code == 404


def test_a_country_with_nothing_yet_still_has_a_profile(client):
    CountryFactory(code="FR", name_en="France")
    page = page_text(client.get("/en/countries/FR/"))
    assert "France" in page
    assert "not available" in page


COUNTRY_QUERIES = 15


def test_the_profile_reads_a_fixed_number_of_queries(client, dataset, django_assert_num_queries):
    with django_assert_num_queries(COUNTRY_QUERIES):
        client.get("/en/countries/DE/")


def test_the_profile_reads_as_many_queries_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries
):
    with django_assert_num_queries(COUNTRY_QUERIES):
        client.get("/en/countries/DE/")
