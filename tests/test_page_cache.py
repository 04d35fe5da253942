"""Pages are built once per dataset version, language and address, and served from Django's
cache after that: a warm page reads only the dataset version. An edit moves the version, so
the next request builds the page afresh."""

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.test import RequestFactory

from comparisons.caching import cached_page
from comparisons.models import Programme


def counting_view(response_for):
    """A view that counts how often it really runs and answers what ``response_for`` makes."""
    calls = []

    @cached_page
    def view(request):
        calls.append(request.get_full_path())
        return response_for()

    return view, calls


def test_a_page_is_built_once_and_then_served_from_the_cache(db):
    view, calls = counting_view(lambda: HttpResponse("<p>Page</p>"))
    first = view(RequestFactory().get("/nl/"))
    again = view(RequestFactory().get("/nl/"))
    assert calls == ["/nl/"]
    assert again.content == first.content == b"<p>Page</p>"
    assert again["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize(
    "response_for",
    [
        pytest.param(lambda: HttpResponse("Bad query", status=400), id="error"),
        pytest.param(
            lambda: HttpResponse(
                "a,b", content_type="text/csv", headers={"Content-Disposition": "attachment"}
            ),
            id="download",
        ),
        pytest.param(lambda: HttpResponse(status=302, headers={"Location": "/en/"}), id="redirect"),
    ],
)
def test_errors_redirects_and_downloads_are_made_afresh_each_time(db, response_for):
    view, calls = counting_view(response_for)
    view(RequestFactory().get("/nl/"))
    view(RequestFactory().get("/nl/"))
    assert len(calls) == 2


def test_a_page_that_sets_a_cookie_is_not_kept(db):
    def with_cookie():
        response = HttpResponse("<p>Page</p>")
        response.set_cookie("seen", "yes")
        return response

    view, calls = counting_view(with_cookie)
    view(RequestFactory().get("/nl/"))
    view(RequestFactory().get("/nl/"))
    assert len(calls) == 2


def test_a_post_always_reaches_the_view(db):
    view, calls = counting_view(lambda: HttpResponse("<p>Page</p>"))
    view(RequestFactory().get("/nl/"))
    view(RequestFactory().post("/nl/"))
    assert len(calls) == 2


def test_each_address_query_and_host_has_its_own_page(db):
    view, calls = counting_view(lambda: HttpResponse("<p>Page</p>"))
    for path in ["/nl/", "/en/", "/nl/?page=2", "/nl/?page=2"]:
        view(RequestFactory().get(path))
    view(RequestFactory().get("/nl/", HTTP_HOST="localhost"))
    assert calls == ["/nl/", "/en/", "/nl/?page=2", "/nl/"]


WARM_PAGES = [
    "/nl/",
    "/en/compare/?c=BE&c=DE&c=DK",
    "/nl/countries/DE/",
    "/nl/governance/?country=DE",
    "/nl/programmes/?sort=-period",
    "/nl/programmes/de-soziale-stadt/",
    "/nl/budgets/?country=DE&scale=log",
    "/nl/sources/",
    "/nl/neighbourhoods/",
    "/nl/neighbourhoods/de-marxloh/",
    "/nl/neighbourhoods/compare/?n=de-marxloh&n=dk-gellerup",
    "/nl/neighbourhoods/danish-list/",
]


@pytest.mark.parametrize("url", WARM_PAGES)
def test_a_warm_page_reads_only_the_dataset_version(
    client, dataset, django_assert_num_queries, url
):
    built = client.get(url)
    assert built.status_code == 200
    with django_assert_num_queries(1):
        served = client.get(url)
    assert served.content == built.content


def test_a_cached_page_still_carries_its_security_headers(client, dataset):
    client.get("/nl/")
    served = client.get("/nl/")
    assert "script-src 'self'" in served["Content-Security-Policy"]
    assert served["X-Frame-Options"] == "DENY"
    assert served["Content-Language"] == "nl"


def test_an_edit_shows_on_a_cached_page_at_once(client, dataset):
    url = "/en/programmes/de-soziale-stadt/"
    client.get(url)
    programme = Programme.objects.get(slug="de-soziale-stadt")
    programme.name_en = "Social City (renamed)"
    programme.save()
    assert "Social City (renamed)" in client.get(url).content.decode()


def test_the_share_link_of_a_comparison_names_the_host_it_was_asked_on(client, dataset):
    url = "/en/compare/?c=BE&c=DE"
    assert "http://127.0.0.1/en/compare/" in client.get(url, HTTP_HOST="127.0.0.1").content.decode()
    assert "http://localhost/en/compare/" in client.get(url, HTTP_HOST="localhost").content.decode()


def test_a_signed_out_visitor_never_gets_a_page_cached_for_a_signed_in_user(
    client, dataset, settings
):
    settings.WIJKWIJZER_REQUIRE_LOGIN = True
    user = get_user_model().objects.create_user("viewer", password="a long test password")
    client.force_login(user)
    assert client.get("/nl/").status_code == 200
    client.logout()
    response = client.get("/nl/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
