import csv
import html
import io
import re

import pytest
from openpyxl import load_workbook

from tests.factories import (
    BudgetFactory,
    CountryFactory,
    GovernanceLevelFactory,
    ProgrammeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

EXPORT_HEADERS = [
    "slug",
    "name",
    "original_name",
    "abbreviation",
    "country",
    "level",
    "tier",
    "kind",
    "themes",
    "start_year",
    "end_year",
    "euro_per_year",
    "citations",
]


def text(response) -> str:
    """The page as a reader sees it: tags stripped, entities read, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def slugs(response) -> list[str]:
    """The programmes in the table, in their order on the page."""
    return [row.record.slug for row in response.context["table"].paginated_rows]


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


# Factory tests come first: the module-scoped real dataset stays loaded once a test uses it.


def test_a_programme_without_years_or_themes_shows_not_available(client):
    ProgrammeFactory(name_en="Quiet programme")
    page = text(client.get("/en/programmes/"))
    assert "Quiet programme" in page
    assert "not available not available not available" in page  # themes, period, budget


def test_the_period_filter_leaves_out_programmes_that_did_not_run_then(client):
    ProgrammeFactory(slug="old", start_year=1990, end_year=1995)
    ProgrammeFactory(slug="running", start_year=2000)
    ProgrammeFactory(slug="later", start_year=2015, end_year=2020)
    ProgrammeFactory(slug="undated")

    response = client.get("/en/programmes/?year_from=2001&year_to=2010")

    assert sorted(slugs(response)) == ["running"]
    assert sorted(slugs(client.get("/en/programmes/?year_to=1999"))) == ["old"]
    assert sorted(slugs(client.get("/en/programmes/?year_from=2018"))) == ["later", "running"]


def test_the_table_shows_the_largest_budget_of_a_programme_or_its_parts(client):
    parent = ProgrammeFactory(name_en="Umbrella")
    BudgetFactory(programme=ProgrammeFactory(parent=parent), amount=260_000_000)
    BudgetFactory(programme=parent, amount=1_000)

    rows = {row.record: row for row in client.get("/en/programmes/").context["table"].rows}

    assert rows[parent].get_cell("euro_per_year") == "€&nbsp;260,000,000"


def test_a_theme_filter_counts_each_programme_once(client):
    safety, housing = ThemeFactory(code="safety"), ThemeFactory(code="housing")
    programme = ProgrammeFactory()
    programme.themes.add(safety, housing)
    assert slugs(client.get("/en/programmes/?theme=safety")) == [programme.slug]


def test_pages_hold_25_programmes(client):
    level = GovernanceLevelFactory(country=CountryFactory(code="DE"))
    ProgrammeFactory.create_batch(26, level=level)

    assert len(slugs(client.get("/en/programmes/"))) == 25
    response = client.get("/en/programmes/?page=2")
    assert len(slugs(response)) == 1
    assert "page 2 of 2" in text(response)


def test_the_filter_form_sent_empty_shows_every_programme(client):
    ProgrammeFactory.create_batch(2)
    response = client.get("/en/programmes/?country=&tier=&theme=&kind=&year_from=&year_to=")
    assert response.status_code == 200
    assert len(slugs(response)) == 2


def test_an_empty_table_says_nothing_matches(client):
    CountryFactory(code="DE")
    response = client.get("/en/programmes/?country=DE")
    assert response.status_code == 200
    assert "No programme matches these filters." in text(response)


# The real dataset.


def test_the_table_lists_every_programme_in_dutch_and_english(client, dataset):
    english = client.get("/en/programmes/")
    dutch = client.get("/nl/programmes/")

    assert english.status_code == dutch.status_code == 200
    assert "131 programmes and instruments, page 1 of 6" in text(english)
    assert '<html lang="nl">' in dutch.content.decode()
    assert "Sociale Stad (Soziale Stadt)" in text(client.get("/nl/programmes/?country=DE"))
    assert "Social City (Soziale Stadt)" in text(client.get("/en/programmes/?country=DE"))


def test_a_row_shows_name_original_name_country_level_kind_themes_period_budget_and_source(
    client, dataset
):
    response = client.get("/en/programmes/?country=DE&kind=subsidy&tier=1&theme=safety")
    markup = response.content.decode()

    assert slugs(response) == ["de-soziale-stadt"]
    assert '<a href="/en/programmes/de-soziale-stadt/">Social City (Soziale Stadt)</a>' in markup
    assert '<span lang="de">Bund-Länder-Programm Soziale Stadt</span>' in markup
    assert (
        "Germany Federal government (Bund) subsidy programme "
        "Safety, Liveability, Integration and society, Education, Housing from 1999 "
        "€ 190,000,000 § 2.3, p. 8 ; § 4.2, pp. 33–42"
    ) in text(response)


def test_the_country_filter_keeps_only_that_countrys_programmes(client, dataset):
    response = client.get("/en/programmes/?country=DE&page=2")
    records = [row.record for row in response.context["table"].rows]
    assert len(records) == 51
    assert {programme.level.country.code for programme in records} == {"DE"}


def test_the_theme_filter_keeps_only_programmes_with_that_theme(client, dataset):
    response = client.get("/en/programmes/?theme=safety")
    records = [row.record for row in response.context["table"].rows]
    assert "de-soziale-stadt" in {programme.slug for programme in records}
    assert all(
        "safety" in {theme.code for theme in programme.themes.all()} for programme in records
    )
    assert len(records) < 131


def test_danish_original_names_are_marked_as_danish(client, dataset):
    markup = client.get("/en/programmes/?country=DK").content.decode()
    assert '<span lang="da">Landsbyggefonden</span>' in markup


def test_the_table_sorts_by_a_column_both_ways(client, dataset):
    ascending = slugs(client.get("/en/programmes/?country=DK&sort=period"))
    descending = slugs(client.get("/en/programmes/?country=DK&sort=-period"))

    assert ascending[0] == "dk-aarhus-integration-policy"  # from 1997
    assert descending[0] == "dk-lbf-hard-ghetto-renovation"  # 2021–2026
    response = client.get("/en/programmes/?sort=-country")
    assert response.context["table"].paginated_rows[0].record.level.country.code == "DE"
    assert 'aria-sort="descending"' in response.content.decode()
    assert slugs(client.get("/nl/programmes/?sort=country"))[0].startswith("be-")  # België


def test_kinds_sort_from_law_to_local_project(client, dataset):
    table = client.get("/en/programmes/?sort=kind").context["table"]
    kinds = [row.record.kind for row in table.rows]
    assert kinds[0] == "law"
    assert kinds[-1] == "project"


def test_sort_links_keep_the_filters(client, dataset):
    markup = client.get("/en/programmes/?country=DE&page=2").content.decode()
    assert 'href="?country=DE&amp;sort=name"' in markup
    assert 'href="?country=DE&amp;export=csv"' in markup


def test_the_csv_download_holds_the_filtered_sorted_rows_with_fixed_headers(client, dataset):
    response = client.get("/nl/programmes/?country=DE&sort=-period&export=csv")
    rows = csv_rows(response)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="wijkwijzer-programmes.csv"' in response["Content-Disposition"]
    assert rows[0] == EXPORT_HEADERS
    assert (
        len(rows) - 1 == client.get("/nl/programmes/?country=DE").context["table"].paginator.count
    )
    assert {row[4] for row in rows[1:]} == {"DE"}
    assert [row[9] for row in rows[1:4]] == ["2018", "2018", "2018"]  # the latest start first


def test_the_csv_download_gives_a_row_its_figures_and_citation(client, dataset):
    rows = csv_rows(client.get("/en/programmes/?country=DE&theme=safety&kind=subsidy&export=csv"))
    by_slug = {row[0]: dict(zip(EXPORT_HEADERS, row, strict=True)) for row in rows[1:]}
    soziale_stadt = by_slug["de-soziale-stadt"]

    assert soziale_stadt["name"] == "Social City (Soziale Stadt)"
    assert soziale_stadt["original_name"] == "Bund-Länder-Programm Soziale Stadt"
    assert soziale_stadt["tier"] == "1"
    assert soziale_stadt["kind"] == "subsidy"
    assert soziale_stadt["themes"] == "safety; liveability; integration; education; housing"
    assert soziale_stadt["start_year"] == "1999"
    assert soziale_stadt["end_year"] == ""
    assert soziale_stadt["euro_per_year"] == "190000000.00"
    assert soziale_stadt["citations"] == "§ 2.3, p. 8; § 4.2, pp. 33–42"


def test_the_headers_of_a_download_are_the_same_in_both_languages(client, dataset):
    dutch = csv_rows(client.get("/nl/programmes/?export=csv"))
    english = csv_rows(client.get("/en/programmes/?export=csv"))
    assert dutch[0] == english[0] == EXPORT_HEADERS
    assert len(dutch) == len(english) == 132


def test_the_xlsx_download_holds_the_same_rows_as_the_filtered_table(client, dataset):
    response = client.get("/en/programmes/?theme=safety&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert list(rows[0]) == EXPORT_HEADERS
    count = client.get("/en/programmes/?theme=safety").context["table"].paginator.count
    assert len(rows) - 1 == count
    soziale_stadt = next(row for row in rows if row[0] == "de-soziale-stadt")
    assert soziale_stadt[EXPORT_HEADERS.index("euro_per_year")] == 190_000_000


def test_the_detail_page_shows_the_soziale_stadt_budget_of_190_million(client, dataset):
    response = client.get("/en/programmes/de-soziale-stadt/")
    page = text(response)

    assert response.status_code == 200
    assert (
        "190,000,000 EUR per year 2019 Federal government (Bund) € 190,000,000 not available"
        in page
    )
    assert "5,300,000,000 EUR total over the period 1999–2018" in page
    assert "A share of another budget: do not add the two." in page
    assert '<span lang="de">Bund-Länder-Programm Soziale Stadt</span>' in response.content.decode()
    assert "Country Germany Level Federal government (Bund) (national / federal)" in page
    assert "Kind subsidy programme" in page
    assert "Period from 1999" in page


def test_the_detail_page_links_its_parent_and_its_parts(client, dataset):
    markup = client.get("/en/programmes/de-soziale-stadt/").content.decode()
    assert (
        '<a href="/en/programmes/de-staedtebaufoerderung/">'
        "Urban development funding (Städtebauförderung)</a>"
    ) in markup
    assert '<a href="/en/programmes/de-quartiersmanagement/">' in markup
    assert '<a href="/en/programmes/de-verfuegungsfonds/">' in markup


def test_the_detail_page_shows_local_measures_designations_and_quoted_citations(client, dataset):
    response = client.get("/en/programmes/de-soziale-stadt/")
    page = text(response)

    assert "Local measures it funds" in page
    assert "Construction of Campus Marxloh" in page
    assert "Designated areas Places designated under Social City (Soziale Stadt)" in page
    assert "Marxloh Soziale Stadt area" in page
    assert "<details>" in response.content.decode()
    assert (
        "De Bond betaalt een derde van de kosten, te weten 190 miljoen euro op jaarbasis." in page
    )


def test_a_budget_without_a_period_gives_the_reason_and_its_data_notes(client, dataset):
    page = text(client.get("/en/programmes/dk-lbf-social-plans/"))

    assert "400,000,000 DKK total over the period period not stated" in page
    assert "The source gives no full period for this total" in page
    assert "€ 5,000,000 differs by more than 10% from the amount converted with our rate" in page
    assert page.count("Data note:") == 2


def test_the_detail_page_speaks_dutch_under_nl(client, dataset):
    response = client.get("/nl/programmes/de-soziale-stadt/")
    assert response.status_code == 200
    assert "Sociale Stad (Soziale Stadt)" in text(response)
    assert '<html lang="nl">' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "valid_value"),
    [
        ("country=XX", "DE"),
        ("country=de", "DE"),
        ("kind=nonsense", "subsidy"),
        ("theme=zzz", "safety"),
        ("tier=9", "4"),
        ("year_from=abc", "1900–2100"),
        ("year_to=99999999999999999999999", "1900–2100"),
        ("year_from=2020&year_to=2010", "1900–2100"),
        ("year=2019", "year_from"),
        ("per_page=0", "page"),
        ("sort=unknown", "-period"),
        ("sort=themes", "name"),
        ("export=json", "xlsx"),
        ("page=abc", None),
        ("page=0", None),
        ("page=-1", None),
        ("country=DE&country=DK", None),
        ("sort=name&sort=-kind", None),
        ("country=%3Cscript%3E", "DE"),
        ("country=%00", "DE"),
        ("theme=v%C3%A6rdi", "safety"),
    ],
)
def test_a_bad_parameter_is_a_400_that_says_what_is_valid(client, dataset, query, valid_value):
    response = client.get(f"/en/programmes/?{query}")

    assert response.status_code == 400
    assert "This request cannot be answered" in text(response)
    if valid_value:
        assert f"<li><code>{valid_value}</code></li>" in response.content.decode()


def test_html_in_a_parameter_is_shown_escaped(client, dataset):
    markup = client.get("/en/programmes/?country=%3Cscript%3E").content.decode()
    assert "<script>" not in markup.split("<main", 1)[1]


@pytest.mark.parametrize("page", ["7", "999999", "99999999999999999999999999999"])
def test_a_page_past_the_end_is_a_404(client, dataset, page):
    assert client.get(f"/en/programmes/?page={page}").status_code == 404


def test_an_unknown_programme_is_a_404(client, dataset):
    assert client.get("/en/programmes/no-such-programme/").status_code == 404
    assert client.get("/en/programmes/s%C3%B8ren/").status_code == 404


LIST_QUERIES = 14
EXPORT_QUERIES = 13
DETAIL_QUERIES = 15


def test_the_table_reads_a_fixed_number_of_queries_at_seed_size(
    client, dataset, django_assert_num_queries
):
    with django_assert_num_queries(LIST_QUERIES):
        client.get("/nl/programmes/?sort=kind")


def test_the_download_reads_a_fixed_number_of_queries_at_seed_size(
    client, dataset, django_assert_num_queries
):
    with django_assert_num_queries(EXPORT_QUERIES):
        client.get("/nl/programmes/?export=csv")


def test_the_detail_page_reads_a_fixed_number_of_queries_at_seed_size(
    client, dataset, django_assert_num_queries
):
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get("/nl/programmes/de-soziale-stadt/")


# The larger dataset last: once loaded, it stays for the rest of the module.


def test_the_table_reads_as_many_queries_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries
):
    with django_assert_num_queries(LIST_QUERIES):
        client.get("/nl/programmes/?sort=kind")


def test_the_download_reads_as_many_queries_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries
):
    with django_assert_num_queries(EXPORT_QUERIES):
        response = client.get("/nl/programmes/?export=csv")
    assert len(csv_rows(response)) > 131 + 700


def test_the_detail_page_reads_as_many_queries_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries
):
    with django_assert_num_queries(DETAIL_QUERIES):
        client.get("/nl/programmes/de-soziale-stadt/")
