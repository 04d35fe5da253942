"""The briefing PDF of a comparison, from the real dataset."""

import io
import re

import pytest
from pypdf import PdfReader

from comparisons import rendering
from tests.exports.helpers import needs_chromium, pdf_text, without_chromium
from tests.helpers import page_text

pytestmark = pytest.mark.django_db

BRIEFING = "/en/compare/briefing.pdf?c=BE&c=DK&a=budgets&a=central-decentral"
A4_POINTS = (595.28, 841.89)


def test_a_briefing_needs_the_compare_pages_choices(client, dataset):
    for query in ["", "?c=BE", "?c=BE&c=XX", "?c=BE&c=DK&a=weather"]:
        response = client.get(f"/en/compare/briefing.pdf{query}")
        assert response.status_code == 400, query
    assert "c (two or more): BE, DE, DK" in page_text(response)


def test_the_compare_page_links_to_its_briefing(client, dataset):
    content = client.get("/en/compare/?c=BE&c=DK&a=budgets").content.decode()
    assert 'href="/en/compare/briefing.pdf?c=BE&amp;c=DK&amp;a=budgets"' in content


@needs_chromium
def test_the_briefing_names_the_chosen_countries_and_aspects_and_numbers_its_sources(
    client, dataset
):
    response = client.get(BRIEFING)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == 'attachment; filename="wijkwijzer-briefing-BE-DK-en.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.content))
    assert all(
        (float(page.mediabox.width), float(page.mediabox.height))
        == pytest.approx(A4_POINTS, abs=0.1)
        for page in reader.pages
    )
    assert reader.metadata.title == "Briefing: Belgium and Denmark compared"
    text = pdf_text(response.content)
    assert "Countries Belgium, Denmark" in text
    for aspect in ["Budgets in euro per year", "Central or decentral"]:
        assert aspect in text
    assert "Key findings across the countries" in text
    assert "Wijkwijzer · data as of" in text
    # The sources, each a number that the statements above refer to.
    sources = text[text.rindex("Sources") :]
    assert "Kwetsbare wijken in België, Duitsland en Denemarken — wisselwerking" in sources
    assert "ISBN 978-90-5830-971-6" in sources
    numbers = [int(n) for n in re.findall(r"\[(\d+)\] ", sources)]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) > 5
    assert "[1]" in text


@needs_chromium
def test_the_briefing_holds_a_chart_for_each_chosen_aspect_that_has_one(client, dataset):
    with_charts = PdfReader(io.BytesIO(client.get(BRIEFING).content))
    without = PdfReader(
        io.BytesIO(client.get("/en/compare/briefing.pdf?c=BE&c=DK&a=definition").content)
    )

    assert len(images(with_charts)) == 2
    assert images(without) == set()
    text = pdf_text(client.get(BRIEFING).content)
    # Each with its text summary: the chosen countries only.
    assert (
        "Figure 1. Central or decentral, from central to decentral: Denmark (1), Belgium (5)."
    ) in text
    assert "Figure 2. The chart draws 3 budgets." in text


def images(reader: PdfReader) -> set[str]:
    # The pages share one set of resources: count each image once.
    return {image.name for page in reader.pages for image in page.images}


@needs_chromium
def test_the_briefing_is_in_the_language_of_its_page(client, dataset):
    text = pdf_text(client.get("/nl/compare/briefing.pdf?c=DE&c=DK&a=definition").content)
    assert "Duitsland" in text
    assert "Denemarken" in text
    assert "Definitie van een kwetsbare wijk" in text
    assert "Germany" not in text


@needs_chromium
def test_a_second_briefing_of_the_same_comparison_is_served_from_the_cache(client, dataset):
    first = client.get(BRIEFING).content
    renders = rendering.renderer.renders

    assert client.get(BRIEFING).content == first
    assert rendering.renderer.renders == renders


@without_chromium
def test_without_chromium_the_briefing_leaves_the_charts_out_and_says_so(client, dataset):
    response = client.get(BRIEFING)

    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "The charts are left out" in text
    assert "Countries Belgium, Denmark" in text


# With the cache empty: the countries (to check the choice) and the dataset version; the
# comparison's records and exchange rates; the charts' records; the findings and citations.
BRIEFING_QUERIES = 21


@needs_chromium
def test_a_briefing_reads_a_fixed_number_of_queries(client, dataset, django_assert_num_queries):
    with django_assert_num_queries(BRIEFING_QUERIES):
        client.get(BRIEFING)
    with django_assert_num_queries(2):
        client.get(BRIEFING)
