import csv
import html
import io
import json
import re
from decimal import Decimal

import pytest

from comparisons.exports import DOWNLOADS
from comparisons.models import Budget, DataNote, Programme
from neighbourhoods.models import LocalMeasure, Observation
from tests.factories import (
    BudgetFactory,
    CitationFactory,
    CountryFactory,
    CurrencyFactory,
    ExchangeRateFactory,
    GovernanceLevelFactory,
    ObservationFactory,
    PlaceFactory,
    ProgrammeFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

MODELS = {
    "programmes": Programme,
    "budgets": Budget,
    "data-notes": DataNote,
    "statistics": Observation,
    "measures": LocalMeasure,
}


def text(response) -> str:
    """The page as a reader sees it: tags stripped, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def read_csv(response) -> tuple[list[str], list[dict[str, str]]]:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    reader = csv.reader(io.StringIO(content[1:]))
    header = next(reader)
    return header, [dict(zip(header, line, strict=True)) for line in reader]


def as_csv_cells(rows: list[dict]) -> list[dict[str, str]]:
    return [{name: value or "" for name, value in row.items()} for row in rows]


def test_the_downloads_are_the_fixed_list():
    assert list(DOWNLOADS) == ["programmes", "budgets", "data-notes", "statistics", "measures"]


def test_the_data_page_documents_every_column_in_both_languages(client):
    for language in ("nl", "en"):
        response = client.get(f"/{language}/data/")
        assert response.status_code == 200
        content = response.content.decode()
        assert f'<html lang="{language}">' in content
        for name, download in DOWNLOADS.items():
            assert f'href="/{language}/data/{name}.csv"' in content
            for column in download.columns:
                assert f"<code>{column.name}</code>" in content
        assert f'href="/{language}/data/wijkwijzer.json"' in content


def test_the_data_page_explains_each_column_in_a_line(client):
    page = text(client.get("/en/data/"))
    assert "euro_per_year Computed euro amount per year; empty if it cannot be." in page
    assert "stated_eur_disagrees Whether the stated euro amount differs from ours by more " in page
    assert "more than 10 per cent" in page


@pytest.mark.parametrize("name", list(MODELS))
def test_a_download_is_a_utf8_csv_attachment_with_its_documented_header(client, name):
    response = client.get(f"/en/data/{name}.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="wijkwijzer-{name}-en.csv"'
    header, rows = read_csv(response)
    assert header == DOWNLOADS[name].column_names
    assert rows == []


def test_a_dutch_download_is_named_and_written_in_dutch(client):
    country = CountryFactory(code="DE", name_nl="Duitsland", name_en="Germany")
    ProgrammeFactory(level=GovernanceLevelFactory(country=country), is_key=True)

    response = client.get("/nl/data/programmes.csv")

    assert response["Content-Disposition"] == 'attachment; filename="wijkwijzer-programmes-nl.csv"'
    _header, rows = read_csv(response)
    assert rows[0]["country"] == "Duitsland"
    assert rows[0]["country_code"] == "DE"


def test_a_row_carries_all_its_citations_in_the_same_order(client):
    programme = ProgrammeFactory()
    report = SourceFactory()
    programme.citations.add(
        CitationFactory(source=report, section="4.2 Soziale Stadt", page=38),
        CitationFactory(source=report, section="5.2 Financiering", page=80, page_end=82),
        CitationFactory(source=SourceFactory(key="ecb", year=2020), section="Rates", page=None),
    )

    _header, rows = read_csv(client.get("/en/data/programmes.csv"))

    assert rows[0]["source"] == "ecb | test-report | test-report"
    assert rows[0]["section"] == "Rates | 4.2 Soziale Stadt | 5.2 Financiering"
    assert rows[0]["page"] == " | 38 | 80-82"


def test_citations_that_differ_only_in_their_quote_name_their_place_once(client):
    programme = ProgrammeFactory()
    programme.citations.add(
        CitationFactory(section="3.2 Stedenbeleid", page=16, page_end=20, quote="10 miljoen"),
        CitationFactory(section="3.2 Stedenbeleid", page=16, page_end=20, quote="1,5 miljoen"),
    )

    _header, rows = read_csv(client.get("/en/data/programmes.csv"))

    assert (rows[0]["source"], rows[0]["section"], rows[0]["page"]) == (
        "test-report",
        "3.2 Stedenbeleid",
        "16-20",
    )


def test_a_budget_without_a_euro_figure_says_why(client):
    dkk = CurrencyFactory(code="DKK", name_en="Danish krone")
    ExchangeRateFactory(currency=dkk, year=2019, units_per_euro=Decimal("7.4661"))
    BudgetFactory(
        amount=Decimal("400000000"),
        currency=dkk,
        basis=Budget.Basis.TOTAL,
        period_start=None,
        period_end=None,
        stated_eur=Decimal("5000000"),
    ).citations.add(CitationFactory())

    _header, rows = read_csv(client.get("/en/data/budgets.csv"))

    assert rows[0]["amount"] == "400000000"
    assert rows[0]["basis"] == "total over the period"
    assert rows[0]["euro_per_year"] == ""
    assert rows[0]["no_euro_per_year_reason"].startswith("The source gives no full period")
    # The report's 5 million is far from 400 million DKK at 7.4661.
    assert rows[0]["rate_used"] == "7.4661"
    assert rows[0]["stated_eur_disagrees"] == "yes"


def test_a_euro_budget_has_no_rate_and_no_disagreement(client):
    BudgetFactory(amount=Decimal("190000000.00"))

    _header, rows = read_csv(client.get("/en/data/budgets.csv"))

    assert rows[0]["euro_per_year"] == "190000000"
    assert rows[0]["rate_used"] == ""
    assert rows[0]["stated_eur_disagrees"] == ""


def test_a_statistic_row_gives_value_unit_and_year(client):
    ObservationFactory(
        place=PlaceFactory(name_en="Tingbjerg"),
        value=Decimal("12.5000"),
        year=2017,
        note_en="Baseline.",
    )

    _header, rows = read_csv(client.get("/en/data/statistics.csv"))

    assert rows[0]["place"] == "Tingbjerg"
    assert rows[0]["place_kind"] == "neighbourhood"
    assert rows[0]["indicator_code"] == "unemployment-rate"
    assert rows[0]["indicator_name"] == "Unemployment rate"
    assert rows[0]["value"] == "12.5"
    assert rows[0]["unit"] == "%"
    assert (rows[0]["year"], rows[0]["year_end"], rows[0]["note"]) == ("2017", "", "Baseline.")


@pytest.mark.parametrize(
    "path",
    [
        "/en/data/unknown.csv",
        "/en/data/Programmes.csv",
        "/en/data/programmes.json",
        "/en/data/%C3%A9t%C3%A9.csv",
        "/en/data/budgets.csv.csv",
        "/en/data/" + "x" * 5000 + ".csv",
        "/en/data/%3Cscript%3E.csv",
    ],
)
def test_an_unknown_download_is_a_404(client, path):
    assert client.get(path).status_code == 404


# The real dataset from here on: the module keeps it loaded.


@pytest.mark.parametrize(("name", "model"), MODELS.items())
def test_each_download_has_one_row_per_record(client, dataset, name, model):
    header, rows = read_csv(client.get(f"/en/data/{name}.csv"))
    assert header == DOWNLOADS[name].column_names
    assert len(rows) == model.objects.count()


def test_the_danish_budget_row_has_its_euro_per_year(client, dataset):
    _header, rows = read_csv(client.get("/en/data/budgets.csv"))
    row = next(
        row
        for row in rows
        if row["programme"] == "dk-lbf-hard-ghetto-renovation"
        and row["code"] == "earmark-2021-2026"
    )
    assert row["amount"] == "10000000000"
    assert row["currency"] == "DKK"
    assert (row["period_start"], row["period_end"]) == ("2021", "2026")
    assert (row["rate_used"], row["rate_year"]) == ("7.4661", "2019")
    assert row["euro_per_year"] == "223231227.37"
    assert row["no_euro_per_year_reason"] == ""
    assert (row["stated_eur"], row["stated_eur_disagrees"]) == ("1300000000", "no")
    assert row["source"].startswith("vji-2019-kwetsbare-wijken")


def test_the_json_download_holds_the_same_rows_as_the_csv_files(client, dataset):
    response = client.get("/en/data/wijkwijzer.json")

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="wijkwijzer-en.json"'
    data = json.loads(response.content)
    assert list(data) == list(DOWNLOADS)
    for name in DOWNLOADS:
        _header, rows = read_csv(client.get(f"/en/data/{name}.csv"))
        assert as_csv_cells(data[name]) == rows


def test_the_json_download_speaks_the_language_of_its_address(client, dataset):
    data = json.loads(client.get("/nl/data/wijkwijzer.json").content)
    countries = {row["country"] for row in data["programmes"]}
    assert "Denemarken" in countries


DATA_PAGE_QUERIES = 1
DOWNLOAD_QUERIES = {
    "programmes": 3,
    "budgets": 5,
    "data-notes": 2,
    "statistics": 2,
    "measures": 3,
}
JSON_QUERIES = sum(DOWNLOAD_QUERIES.values())


def test_the_data_page_reads_only_the_dataset_version(client, dataset, django_assert_num_queries):
    with django_assert_num_queries(DATA_PAGE_QUERIES):
        client.get("/nl/data/")


@pytest.mark.parametrize(("name", "queries"), DOWNLOAD_QUERIES.items())
def test_each_download_reads_a_fixed_number_of_queries_at_seed_size(
    client, dataset, django_assert_num_queries, name, queries
):
    with django_assert_num_queries(queries):
        client.get(f"/nl/data/{name}.csv")


def test_the_json_download_reads_a_fixed_number_of_queries_at_seed_size(
    client, dataset, django_assert_num_queries
):
    with django_assert_num_queries(JSON_QUERIES):
        client.get("/nl/data/wijkwijzer.json")


def test_the_data_page_reads_only_the_dataset_version_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries
):
    with django_assert_num_queries(DATA_PAGE_QUERIES):
        client.get("/nl/data/")


@pytest.mark.parametrize(("name", "queries"), DOWNLOAD_QUERIES.items())
def test_each_download_reads_as_many_queries_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries, name, queries
):
    with django_assert_num_queries(queries):
        client.get(f"/nl/data/{name}.csv")


def test_the_json_download_reads_as_many_queries_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries
):
    with django_assert_num_queries(JSON_QUERIES):
        client.get("/nl/data/wijkwijzer.json")
