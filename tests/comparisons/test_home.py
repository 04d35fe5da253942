import pytest

from tests.factories import CountryFactory, GovernanceLevelFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_the_bare_address_goes_to_the_dutch_home_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/nl/"


def test_the_home_page_lists_countries_with_their_number_of_programmes(client):
    level = GovernanceLevelFactory(country=CountryFactory(code="DE", name_nl="Duitsland"))
    ProgrammeFactory.create_batch(2, level=level)

    response = client.get("/nl/")

    assert response.status_code == 200
    assert '<html lang="nl">' in response.content.decode()
    assert response.context["countries"][0].programme_count == 2


def test_the_home_page_speaks_english_under_en(client):
    CountryFactory(code="DE", name_nl="Duitsland", name_en="Germany")

    response = client.get("/en/")

    assert '<html lang="en">' in response.content.decode()
    assert "Germany" in response.content.decode()


def test_the_home_page_says_when_there_is_nothing_yet(client):
    response = client.get("/en/")
    assert "No countries have been entered yet" in response.content.decode()


def test_the_home_page_reads_the_database_once_whatever_the_number_of_countries(
    client, django_assert_num_queries
):
    for code in ("BE", "DE", "DK", "FR", "SE"):
        ProgrammeFactory(level=GovernanceLevelFactory(country=CountryFactory(code=code)))

    with django_assert_num_queries(1):
        client.get("/nl/")


def test_an_unknown_page_is_a_404(client):
    assert client.get("/nl/no-such-page/").status_code == 404


def test_an_unknown_page_explains_itself_in_the_page_language(client):
    response = client.get("/en/no-such-page/")
    assert "There is no page at this address" in response.content.decode()
