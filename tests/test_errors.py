"""Error pages: styled, in the language of the address, and telling nothing about the fault;
a database that goes away gives a 503 page, and the health check says so."""

import logging
from unittest import mock

import pytest
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    ProgrammingError,
    connections,
)
from django.test import Client

pytestmark = pytest.mark.django_db

STYLESHEET = 'href="/static/css/wijkwijzer.css"'
# Only text from the Dutch translation file as it stands: the footer's source line.
IN_DUTCH = "Bron: Verwey-Jonker Instituut"
IN_ENGLISH = "Source: Verwey-Jonker Instituut"
SECRET = "secret detail at /srv/wijkwijzer/config/settings/production.py"


@pytest.fixture(autouse=True)
def production_like(settings):
    """The pages a visitor gets: Django's debug pages would show everything."""
    settings.DEBUG = False


@pytest.fixture
def visitor(client):
    """A browser: a server fault comes back as the page a visitor sees, not as an exception."""
    client.raise_request_exception = False
    return client


@pytest.fixture
def database_gone():
    """Every query fails as it does when the database server has stopped."""
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("could not connect to server at 10.0.0.5:5432"),
    ):
        yield


def html(response) -> str:
    return response.content.decode()


def assert_leaks_nothing(response, *secrets: str) -> None:
    page = html(response)
    assert "Traceback" not in page
    assert 'File "' not in page
    for secret in secrets:
        assert secret not in page


def assert_site_page(response, language: str) -> None:
    """Styled as every page of the site, navigation included, in the given language."""
    page = html(response)
    assert f'<html lang="{language}">' in page
    assert STYLESHEET in page
    assert 'class="site-nav"' in page
    assert (IN_DUTCH if language == "nl" else IN_ENGLISH) in page


def assert_plain_page(response, language: str) -> None:
    """The site's look without anything that needs the database: no navigation, no footer
    line with the dataset version."""
    page = html(response)
    assert f'<html lang="{language}">' in page
    assert STYLESHEET in page
    assert 'class="site-header"' in page
    assert 'class="site-nav"' not in page
    assert "dataset-version" not in page
    assert f'href="/{language}/"' in page
    assert (IN_DUTCH if language == "nl" else IN_ENGLISH) in page


# 404


@pytest.mark.parametrize(
    ("url", "language", "heading"),
    [
        ("/nl/bestaat-niet/", "nl", "Pagina niet gevonden"),
        ("/en/no-such-page/", "en", "Page not found"),
    ],
)
def test_an_unknown_address_is_the_styled_404_in_its_language(client, url, language, heading):
    response = client.get(url)
    assert response.status_code == 404
    assert_site_page(response, language)
    assert heading in html(response)


def test_the_404_page_does_not_show_the_reason_a_view_gave(client):
    # The view raises Http404("No download named 'passwords'."): for the log, not the reader.
    response = client.get("/en/data/passwords.csv")
    assert response.status_code == 404
    assert_site_page(response, "en")
    assert_leaks_nothing(response, "No download named")


# 400


@pytest.mark.parametrize(
    ("url", "language", "heading"),
    [
        ("/nl/", "nl", "Dit verzoek kan niet worden verwerkt"),
        ("/en/", "en", "This request cannot be answered"),
    ],
)
def test_a_request_for_another_host_is_the_styled_400_without_the_host(
    client, url, language, heading
):
    response = client.get(url, HTTP_HOST="evil.example.org")
    assert response.status_code == 400
    assert_site_page(response, language)
    assert heading in html(response)
    assert_leaks_nothing(response, "evil.example.org", "HTTP_HOST", "ALLOWED_HOSTS")


def test_too_many_query_parameters_is_the_styled_400_without_django_s_reason(client):
    query = "&".join(f"p{number}=1" for number in range(1001))
    response = client.get(f"/en/programmes/?{query}")
    assert response.status_code == 400
    assert_site_page(response, "en")
    assert_leaks_nothing(response, "DATA_UPLOAD_MAX_NUMBER_FIELDS", "exceeded")


# 403


@pytest.fixture
def staff_without_permissions(client, django_user_model):
    user = django_user_model.objects.create_user("visitor", password="x", is_staff=True)
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "U hebt geen toestemming om deze pagina te openen."),
        ("en", "You do not have permission"),
    ],
)
def test_an_admin_page_without_permission_is_the_styled_403_in_the_browser_s_language(
    staff_without_permissions, language, text
):
    # The admin's addresses carry no language: the browser's choice counts.
    response = staff_without_permissions.get(
        "/admin/comparisons/country/", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 403
    assert_site_page(response, language)
    assert text in html(response)
    assert_leaks_nothing(response, "PermissionDenied")


def test_a_form_without_its_csrf_token_is_the_styled_403_saying_to_reload(db):
    browser = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    response = browser.post("/admin/login/", {"username": "editor", "password": "x"})
    assert response.status_code == 403
    assert_site_page(response, "en")
    assert "reload the page" in html(response)
    # Django's reasons ("CSRF cookie not set.") help an attacker more than a reader.
    assert_leaks_nothing(response, "CSRF cookie", "Referer")


# 500


@pytest.fixture
def broken_context_processor():
    """The footer's dataset version fails to load: every page built on base.html fails."""
    with mock.patch(
        "comparisons.context_processors.current_version", side_effect=RuntimeError(SECRET)
    ):
        yield


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_failing_context_processor_gives_the_plain_500_in_the_address_language(
    visitor, broken_context_processor, language
):
    response = visitor.get(f"/{language}/governance/")
    assert response.status_code == 500
    assert_plain_page(response, language)
    assert_leaks_nothing(response, SECRET, "RuntimeError", "current_version")
    assert "no-cache" in response["Cache-Control"]


def test_the_500_page_is_english_where_it_should_be(visitor, broken_context_processor):
    response = visitor.get("/en/governance/")
    assert "Something went wrong" in html(response)
    assert "could not build this page" in html(response)


def test_a_database_error_that_is_no_outage_gives_the_500_without_the_sql(visitor):
    # A missing table is a fault to fix, not a reason to retry: 500, not 503.
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=ProgrammingError('relation "comparisons_secret" does not exist'),
    ):
        response = visitor.get("/nl/governance/")
    assert response.status_code == 500
    assert_plain_page(response, "nl")
    assert_leaks_nothing(response, "comparisons_secret", "relation", "SELECT")


def test_the_500_page_falls_back_to_a_fixed_bilingual_page_when_it_cannot_be_rendered(
    visitor, broken_context_processor, caplog
):
    with mock.patch("config.errors.render_to_string", side_effect=RuntimeError(SECRET)):
        response = visitor.get("/en/governance/")
    assert response.status_code == 500
    assert "Er ging iets mis" in html(response)
    assert "Something went wrong" in html(response)
    assert_leaks_nothing(response, SECRET)
    assert "The 500 page could not be rendered" in caplog.text


# 503: the database goes away


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_view_that_loses_its_database_answers_the_plain_503(client, error, caplog):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=error("server closed the connection unexpectedly at 10.0.0.5"),
    ):
        response = client.get("/en/programmes/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "no-cache" in response["Cache-Control"]
    assert_plain_page(response, "en")
    assert "Wijkwijzer is temporarily unavailable" in html(response)
    assert_leaks_nothing(response, "10.0.0.5", "server closed", error.__name__)
    # The cause is in the log, for whoever restores the database.
    logged = [r for r in caplog.records if r.name == "config.middleware"]
    assert logged[0].levelno == logging.ERROR
    assert logged[0].getMessage() == "Database unavailable while answering GET /en/programmes/"
    assert isinstance(logged[0].exc_info[1], error)


def test_the_503_page_speaks_the_language_of_the_address(client, database_gone):
    response = client.get("/nl/budgets/")
    assert response.status_code == 503
    assert_plain_page(response, "nl")


def test_a_database_lost_before_the_view_still_answers_503(
    admin_client, settings, database_gone, caplog
):
    # With login required, a middleware reads the session before any view runs: the fault
    # reaches handler500, which must tell an outage from a bug all the same.
    settings.WIJKWIJZER_REQUIRE_LOGIN = True
    admin_client.raise_request_exception = False
    response = admin_client.get("/en/budgets/")
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert_plain_page(response, "en")
    assert_leaks_nothing(response, "10.0.0.5")
    # Not the view's middleware but handler500; Django logged the cause on its way there.
    assert not [record for record in caplog.records if record.name == "config.middleware"]
    [logged] = [record for record in caplog.records if record.name == "django.request"]
    assert isinstance(logged.exc_info[1], OperationalError)


def test_the_health_check_says_503_when_the_database_server_cannot_be_reached(client):
    # A real connection attempt, not a patched cursor: a server that does not listen, or an
    # SQLite file in a folder that does not exist.
    default = connections["default"]
    unreachable = dict(default.settings_dict)
    if default.vendor == "sqlite":
        unreachable["NAME"] = "/nonexistent-wijkwijzer-folder/db.sqlite3"
    else:
        unreachable |= {"HOST": "127.0.0.1", "PORT": "1"}
        unreachable["OPTIONS"] = {**unreachable["OPTIONS"], "connect_timeout": 3}
    dead = default.__class__(unreachable, alias="unreachable")
    with pytest.raises(DatabaseError):
        dead.ensure_connection()
    try:
        with mock.patch("config.health.connection", dead):
            response = client.get("/healthz")
    finally:
        dead.close()
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert "nonexistent" not in html(response)
