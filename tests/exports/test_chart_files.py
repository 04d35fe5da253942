"""Every chart's files: PNG, SVG, PDF, CSV and a slide, from the real dataset."""

import csv
import io
import re
import zipfile
from xml.etree import ElementTree

import pytest
from PIL import Image
from pptx import Presentation

from comparisons import chart_exports, rendering
from comparisons.models import Country
from comparisons.versioning import current_version
from tests.exports.helpers import needs_chromium, pdf_text, without_chromium
from tests.helpers import page_text

pytestmark = pytest.mark.django_db

BUDGETS_TITLE = "Budgets for vulnerable neighbourhoods, in euro per year"
REPORT = "Verwey-Jonker Instituut, Kwetsbare wijken in België, Duitsland en Denemarken (2019)"


def meta(client, page: str) -> dict:
    """The title, subtitle and source line of the chart the page draws."""
    return client.get(page).context["figure"]["layout"]["meta"]


def csv_rows(response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def drawn_bars(figure: dict) -> list[tuple[str, float]]:
    """(trace name, value) of each bar of a bar chart, top to bottom."""
    bars = [
        (y, trace["name"], x)
        for trace in figure["data"]
        for y, x in zip(trace["y"], trace["x"], strict=True)
        if x is not None
    ]
    return [(name, x) for _y, name, x in sorted(bars, key=lambda bar: bar[0])]


def drawn_points(figure: dict) -> dict[str, tuple[int, int]]:
    """Where each labelled point of a chart is drawn, by its label."""
    return {
        label: (x, y)
        for trace in figure["data"]
        for label, x, y in zip(trace["text"], trace["x"], trace["y"], strict=True)
    }


def test_an_unknown_format_is_a_404(client, dataset):
    assert client.get("/en/budgets/budget-bars.gif").status_code == 404


def test_an_unknown_size_is_a_400_that_names_the_sizes(client, dataset):
    response = client.get("/en/budgets/budget-bars.png?size=poster")
    assert response.status_code == 400
    text = page_text(response)
    assert "size=a4" in text
    assert "size=slide" in text


def test_a_filter_the_page_refuses_is_refused_for_its_files_too(client, dataset):
    assert client.get("/en/budgets/?scale=cubic").status_code == 400
    response = client.get("/en/budgets/budget-bars.csv?scale=cubic")
    assert response.status_code == 400
    assert "scale=log" in page_text(response)
    assert client.get("/en/budgets/budget-bars.png?country=XX").status_code == 400


def test_the_budget_file_draws_the_page_it_was_asked_for(client, dataset):
    # Every seed budget fits on page 1: a second page is past the end, as on the page itself.
    assert client.get("/en/budgets/budget-bars.csv?page=1").status_code == 200
    assert client.get("/en/budgets/budget-bars.csv?page=2").status_code == 404
    assert client.get("/en/budgets/budget-bars.csv?page=two").status_code == 400


def test_files_of_an_unknown_country_or_neighbourhood_are_a_404(client, dataset):
    assert client.get("/en/countries/XX/country-budgets.png").status_code == 404
    assert client.get("/en/neighbourhoods/atlantis/baseline-chart.csv").status_code == 404


def test_each_page_links_to_every_file_of_its_chart_with_its_own_query(client, dataset):
    content = client.get("/en/budgets/?scale=log&country=DE").content.decode()
    links = set(re.findall(r'href="(/en/budgets/budget-bars\.[^"]+)"', content))
    query = "scale=log&amp;country=DE"
    assert links == {
        f"/en/budgets/budget-bars.png?{query}",
        f"/en/budgets/budget-bars.svg?{query}",
        f"/en/budgets/budget-bars.pdf?{query}",
        f"/en/budgets/budget-bars.png?{query}&amp;size=slide",
        f"/en/budgets/budget-bars.svg?{query}&amp;size=slide",
        f"/en/budgets/budget-bars.pdf?{query}&amp;size=slide",
        f"/en/budgets/budget-bars.pptx?{query}",
        f"/en/budgets/budget-bars.csv?{query}",
    }
    for page, file in [
        ("/en/", "/en/dimension-map.png"),
        ("/en/countries/DE/", "/en/countries/DE/country-budgets.png"),
        ("/en/neighbourhoods/be-molenbeek/", "/en/neighbourhoods/be-molenbeek/baseline-chart.png"),
    ]:
        assert f'href="{file}"' in client.get(page).content.decode()


def test_the_csv_holds_exactly_the_bars_drawn(client, dataset):
    figure = client.get("/en/budgets/?country=BE&country=DK").context["figure"]
    rows = csv_rows(client.get("/en/budgets/budget-bars.csv?country=BE&country=DK"))

    assert [(row["country"], float(row["euro_per_year"])) for row in rows] == drawn_bars(figure)
    labels = figure["layout"]["yaxis"]["ticktext"]
    assert [f"{row['programme']}, {row['country']} ({row['period']})" for row in rows] == labels
    assert all(row["source"] and row["section"] for row in rows)


def test_the_csv_of_the_dimension_map_holds_each_country_where_it_is_drawn(client, dataset):
    figure = client.get("/en/").context["figure"]
    rows = csv_rows(client.get("/en/dimension-map.csv"))

    assert {row["country"]: (int(row["x_position"]), int(row["y_position"])) for row in rows} == (
        drawn_points(figure)
    )
    assert {row["x_dimension"] for row in rows} == {"Central or decentral"}


def test_the_csv_of_a_profile_chart_holds_its_bars(client, dataset):
    figure = client.get("/en/neighbourhoods/be-molenbeek/").context["figure"]
    rows = csv_rows(client.get("/en/neighbourhoods/be-molenbeek/baseline-chart.csv"))

    drawn = sorted(
        (trace["name"], y, x)
        for trace in figure["data"]
        for y, x in zip(trace["y"], trace["x"], strict=True)
        if x is not None
    )
    assert sorted((row["place"], row["indicator"], float(row["percent"])) for row in rows) == (
        drawn
    )


def test_the_csv_is_named_for_its_chart_and_opens_in_excel(client, dataset):
    response = client.get("/nl/countries/DE/country-budgets.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="wijkwijzer-country-budgets-DE-nl.csv"'
    )
    assert response.content.startswith("\ufeff".encode())


@needs_chromium
def test_the_png_is_twice_the_a4_text_width_and_says_so(client, dataset):
    response = client.get("/en/budgets/budget-bars.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.width == 2 * 720
    # 1440 pixels at this resolution are 16 cm: it pastes into Word at the text width.
    assert image.info["dpi"][0] == pytest.approx(1440 / (16 / 2.54), abs=0.1)
    assert 1 < image.height / image.width < 1.6, "a tall chart of 17 bars, still under A4"


@needs_chromium
def test_the_slide_png_is_sixteen_by_nine(client, dataset):
    for url in [
        "/en/neighbourhoods/be-molenbeek/baseline-chart.png",
        "/en/budgets/budget-bars.png",
    ]:
        image = Image.open(io.BytesIO(client.get(f"{url}?size=slide").content))
        # At least the preset's 960 pixels, wider where many bars need the height.
        assert image.width >= 2 * 960
        assert image.height == pytest.approx(image.width * 9 / 16, abs=2)


@needs_chromium
def test_the_svg_is_xml_with_the_title_source_and_data_date(client, dataset):
    texts = meta(client, "/en/countries/DE/")
    response = client.get("/en/countries/DE/country-budgets.svg")

    assert response["Content-Type"] == "image/svg+xml"
    root = ElementTree.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = " ".join(" ".join(root.itertext()).split())
    assert texts["title"] in text
    assert texts["source"] in text
    version = current_version()
    assert f"(dataset version {version.number}) · English" in text
    assert texts["source"].startswith(f"Source: {REPORT}")


@needs_chromium
def test_the_pdf_holds_the_title_and_the_source(client, dataset):
    response = client.get("/en/budgets/budget-bars.pdf")

    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert BUDGETS_TITLE in text
    assert f"Source: {REPORT}" in text
    assert "§ 4.2, pp. 33–42" in text
    assert "Wijkwijzer · data as of" in text


@needs_chromium
def test_a_file_speaks_the_language_of_its_page(client, dataset):
    text = " ".join(
        ElementTree.fromstring(client.get("/nl/budgets/budget-bars.svg").content).itertext()
    )
    assert "Budgetten voor kwetsbare wijken, in euro per jaar" in text
    assert "Denemarken" in text


@needs_chromium
def test_the_slide_holds_the_picture_title_source_and_the_chart_in_words(client, dataset):
    page = client.get("/en/budgets/")
    response = client.get("/en/budgets/budget-bars.pptx")

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    )
    presentation = Presentation(io.BytesIO(response.content))
    assert len(presentation.slides) == 1
    assert presentation.slide_width * 9 == presentation.slide_height * 16
    slide = presentation.slides[0]
    assert slide.shapes.title.text == BUDGETS_TITLE
    pictures = [shape for shape in slide.shapes if shape.shape_type == 13]
    assert len(pictures) == 1
    assert Image.open(io.BytesIO(pictures[0].image.blob)).format == "PNG"
    texts = " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    assert f"Source: {REPORT}" in texts
    notes = slide.notes_slide.notes_text_frame.text
    assert page.context["chart_summary"] in notes
    assert notes.startswith("The chart draws 17 budgets.")
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        assert 'lang="en-GB"' in package.read("ppt/slides/slide1.xml").decode()


@needs_chromium
def test_a_second_request_is_served_from_the_cache_without_drawing(client, dataset):
    first = client.get("/en/dimension-map.png").content
    renders = rendering.renderer.renders

    second = client.get("/en/dimension-map.png").content

    assert second == first
    assert rendering.renderer.renders == renders


@needs_chromium
def test_an_edit_moves_the_version_and_the_next_file_is_drawn_anew(client, dataset):
    before = client.get("/en/dimension-map.svg").content
    version = current_version().number
    renders = rendering.renderer.renders

    germany = Country.objects.get(code="DE")
    germany.name_en = "Federal Republic of Germany"
    germany.save()

    after = client.get("/en/dimension-map.svg").content
    assert current_version().number == version + 1
    assert rendering.renderer.renders == renders + 1
    assert after != before
    assert b"Federal Republic of Germany" in after
    assert f"(dataset version {version + 1})".encode() in after


@needs_chromium
def test_each_language_and_size_is_a_file_of_its_own(client, dataset):
    files = {
        client.get(url).content
        for url in [
            "/en/dimension-map.png",
            "/nl/dimension-map.png",
            "/en/dimension-map.png?size=slide",
        ]
    }
    assert len(files) == 3


def test_a_render_that_takes_too_long_is_a_503_that_says_so(client, dataset, monkeypatch):
    def too_long(*args, **kwargs):
        raise rendering.RenderTimeout("the export took too long")

    monkeypatch.setattr(rendering, "render", too_long)
    response = client.get("/en/budgets/budget-bars.png?scale=log")

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    text = page_text(response)
    assert "Making this file took too long, so it was stopped." in text
    assert 'href="/en/budgets/?scale=log"' in response.content.decode()


@without_chromium
def test_without_chromium_the_page_works_and_its_buttons_say_why(client, dataset):
    page = client.get("/en/budgets/")
    assert page.status_code == 200
    assert "the server has no Chromium browser to draw them with" in page_text(page)
    assert "/en/budgets/budget-bars.png" not in page.content.decode()
    assert 'href="/en/budgets/budget-bars.csv"' in page.content.decode()

    response = client.get("/en/budgets/budget-bars.png")
    assert response.status_code == 503
    assert "apt-get install chromium" in page_text(response)
    assert client.get("/en/budgets/budget-bars.csv").status_code == 200


# With the cache empty: the countries (to check the filter), the dataset version, the order
# of all budgets (one query: their amounts, countries and sources' years), the exchange rates
# and theirs, then the page's budgets and their citations.
CSV_QUERIES = 7


def test_a_csv_reads_a_fixed_number_of_queries(client, dataset, django_assert_num_queries):
    with django_assert_num_queries(CSV_QUERIES):
        client.get("/en/budgets/budget-bars.csv")


@needs_chromium
def test_a_drawn_file_reads_what_its_csv_reads_and_a_cached_one_only_the_version(
    client, dataset, django_assert_num_queries
):
    # The version that keys the file is the one the request read already.
    with django_assert_num_queries(CSV_QUERIES):
        client.get("/en/budgets/budget-bars.png")
    with django_assert_num_queries(1):
        client.get("/en/budgets/budget-bars.png")


def test_every_chart_on_a_page_is_registered_for_download():
    assert set(chart_exports.CHARTS) == {
        "dimension-map",
        "budget-bars",
        "country-budgets",
        "baseline-chart",
    }
