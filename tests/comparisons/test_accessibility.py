import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page as a reader sees it: tags stripped, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_the_statement_keeps_its_dutch_address_in_both_languages():
    for language in ("nl", "en"):
        with translation.override(language):
            assert reverse("comparisons:accessibility") == f"/{language}/toegankelijkheid/"


def test_the_statement_renders_in_both_languages(client):
    for language in ("nl", "en"):
        response = client.get(f"/{language}/toegankelijkheid/")
        assert response.status_code == 200
        assert f'<html lang="{language}">' in response.content.decode()


def test_the_statement_says_honestly_that_no_audit_has_been_done(client):
    page = text(client.get("/en/toegankelijkheid/"))
    assert "WCAG 2.1 level AA" in page
    assert "it has not yet been independently audited" in page
    assert "we cannot yet say that Wijkwijzer fully complies" in page


def test_the_statement_names_the_measures_and_the_chart_limitation(client):
    page = text(client.get("/en/toegankelijkheid/"))
    for measure in ("Keyboard.", "Skip link.", "Contrast.", "Language.", "Charts.", "JavaScript."):
        assert measure in page
    assert "Charts are drawn by plotly.js" in page
    assert "The same data is in the table beside each chart" in page


def test_the_statement_says_how_to_report_a_problem(client):
    assert "via the service desk of your organisation" in text(client.get("/en/toegankelijkheid/"))


def test_the_statement_is_dated_27_november_2026(client):
    content = client.get("/en/toegankelijkheid/").content.decode()
    assert '<time datetime="2026-11-27">' in content


def test_the_footer_links_to_the_statement(client):
    assert 'href="/en/toegankelijkheid/"' in client.get("/en/").content.decode()


def test_the_statement_reads_only_the_dataset_version(client, dataset, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get("/nl/toegankelijkheid/")


def test_the_statement_reads_only_the_dataset_version_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries
):
    with django_assert_num_queries(1):
        client.get("/nl/toegankelijkheid/")
