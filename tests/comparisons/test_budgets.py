import re
from decimal import Decimal

import pytest

from comparisons import charts
from comparisons.models import Budget, ExchangeRate
from tests.factories import (
    BudgetFactory,
    CitationFactory,
    CountryFactory,
    CurrencyFactory,
    DataNoteFactory,
    ExchangeRateFactory,
    GovernanceLevelFactory,
    ProgrammeFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page as a reader sees it: tags stripped, white space folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def german_programme(**kwargs):
    level = GovernanceLevelFactory(
        country=CountryFactory(code="DE", name_en="Germany", colour="#0072b2", order=2)
    )
    return ProgrammeFactory(level=level, **kwargs)


def danish_programme(**kwargs):
    level = GovernanceLevelFactory(
        country=CountryFactory(code="DK", name_en="Denmark", colour="#882255", order=3)
    )
    return ProgrammeFactory(level=level, **kwargs)


def test_a_total_without_a_period_shows_its_reason_instead_of_a_number(client):
    BudgetFactory(
        programme=german_programme(name_en="Canal Plan"),
        amount=Decimal("39000000"),
        basis=Budget.Basis.TOTAL,
        period_start=None,
        period_end=None,
    )

    response = client.get("/en/budgets/")

    assert (
        "not available The source gives no full period for this total: "
        "it cannot be spread over years."
    ) in text(response)
    assert response.context["figure"] is None


def test_a_missing_exchange_rate_is_shown_as_the_reason(client):
    BudgetFactory(
        programme=danish_programme(),
        amount=Decimal("1000"),
        currency=CurrencyFactory(code="DKK", name_en="Danish krone"),
    )
    assert "No exchange rate for DKK in or before 2019: add one to convert." in text(
        client.get("/en/budgets/")
    )


def test_a_share_of_another_budget_is_listed_but_not_drawn(client):
    programme = german_programme(name_en="Soziale Stadt")
    whole = BudgetFactory(programme=programme, amount=Decimal("190000000"))
    BudgetFactory(
        programme=german_programme(name_en="Berlin share"),
        amount=Decimal("20000000"),
        part_of=whole,
    )

    response = client.get("/en/budgets/")

    assert "share of Soziale Stadt (2019): not drawn in the chart" in text(response)
    bars = response.context["figure"]["data"]
    assert [bar["x"] for bar in bars] == [[190000000.0]]


def test_bars_are_grouped_by_country_and_sorted_by_amount(client):
    for name, amount in [("Small", "1000"), ("Large", "90000000")]:
        BudgetFactory(programme=german_programme(name_en=name), amount=Decimal(amount))
    BudgetFactory(programme=danish_programme(name_en="Danish"), amount=Decimal("500"))

    layout = client.get("/en/budgets/").context["figure"]["layout"]

    assert layout["yaxis"]["ticktext"] == [
        "Large, Germany (2019)",
        "Small, Germany (2019)",
        "Danish, Denmark (2019)",
    ]


def test_a_budget_without_years_takes_its_place_at_the_rate_of_its_sources_year(client):
    krone = ExchangeRateFactory(year=2019, units_per_euro=Decimal("2")).currency
    undated = BudgetFactory(
        programme=danish_programme(name_en="Undated"),
        amount=Decimal("30000000"),
        currency=krone,
        period_start=None,
        period_end=None,
    )
    undated.citations.add(CitationFactory(source=SourceFactory(key="dk-2019", year=2019)))
    BudgetFactory(programme=danish_programme(name_en="Dated"), amount=Decimal("10000000"))

    rows = client.get("/en/budgets/").context["rows"]

    # 30 million kroner at 2 to the euro: 15 million euro, ahead of the 10 million.
    assert [row["budget"].programme.name for row in rows] == ["Undated", "Dated"]
    assert rows[0]["budget"].eur_per_year == Decimal("15000000.00")


def test_each_country_has_its_own_colour_and_fill_pattern(client):
    BudgetFactory(programme=german_programme())
    BudgetFactory(programme=danish_programme())

    bars = client.get("/en/budgets/").context["figure"]["data"]

    assert [bar["marker"]["color"] for bar in bars] == ["#0072b2", "#882255"]
    assert bars[0]["marker"]["pattern"]["shape"] != bars[1]["marker"]["pattern"]["shape"]


def test_the_chart_stands_on_its_own_with_title_unit_period_and_source(client):
    budget = BudgetFactory(programme=german_programme(), period_start=2018, period_end=2019)
    budget.citations.add(CitationFactory(section="4.2 Soziale Stadt", page=38))

    layout = client.get("/en/budgets/").context["figure"]["layout"]

    assert "in euro per year" in layout["title"]["text"]
    assert "2018–2019" in layout["title"]["text"]
    assert layout["xaxis"]["title"]["text"] == "Euro per year (€)"
    assert "Source: Test report (2019), § 4.2, p. 38" in layout["annotations"][0]["text"]


def test_the_scale_is_linear_by_default(client):
    BudgetFactory(programme=german_programme())
    response = client.get("/en/budgets/")
    assert response.context["figure"]["layout"]["xaxis"]["type"] == "linear"
    assert 'value="linear" id="id_scale_0" checked' in response.content.decode()


def test_log_scale_sets_the_axis_type_to_log(client):
    BudgetFactory(programme=german_programme())

    layout = client.get("/en/budgets/?scale=log").context["figure"]["layout"]

    assert layout["xaxis"]["type"] == "log"
    assert layout["xaxis"]["title"]["text"] == "Euro per year (€, logarithmic scale)"


def test_the_country_filter_keeps_only_the_chosen_countries(client):
    BudgetFactory(programme=german_programme(name_en="German programme"))
    BudgetFactory(programme=danish_programme(name_en="Danish programme"))
    CountryFactory(code="BE", name_en="Belgium")

    page = text(client.get("/en/budgets/?country=DK&country=BE"))

    assert "Danish programme" in page
    assert "German programme" not in page


def test_the_chart_function_draws_the_rows_in_the_order_given_on_a_log_axis():
    ExchangeRateFactory()
    BudgetFactory(programme=german_programme(name_en="Second"), amount=Decimal("10"))
    BudgetFactory(programme=german_programme(name_en="First"), amount=Decimal("100000"))
    rows = sorted(
        Budget.objects.with_related().in_euro(ExchangeRate.objects.rate_table()),
        key=lambda budget: -budget.eur_per_year,
    )

    figure = charts.budget_bars(rows, log_scale=True)

    assert figure.layout.xaxis.type == "log"
    assert list(figure.data[0].x) == [100000.0, 10.0]


def test_the_budgets_page_says_when_there_is_nothing_yet(client):
    assert "No budgets have been entered for these countries yet." in text(
        client.get("/en/budgets/")
    )


def test_the_danish_original_names_are_marked_as_danish(client):
    level = GovernanceLevelFactory(
        country=CountryFactory(code="DK", name_en="Denmark", language="da"),
        name_en="Municipalities",
        original_name="Kommuner",
    )
    BudgetFactory(programme=ProgrammeFactory(level=level))
    assert '<span lang="da">(Kommuner)</span>' in client.get("/en/budgets/").content.decode()


def test_a_data_note_cites_its_source(client):
    budget = BudgetFactory(programme=german_programme())
    note = DataNoteFactory(budget=budget, title_en="Range", text_en="From 5,000 to 20,000 euro")
    note.citations.add(CitationFactory(section="4.4 Marxloh", page=47))
    page = text(client.get("/en/budgets/"))
    assert "Range From 5,000 to 20,000 euro § 4.4, p. 47" in page


def test_unknown_country_code_is_a_400(client):
    CountryFactory(code="DE")
    response = client.get("/en/budgets/?country=XX")
    assert response.status_code == 400
    assert "XX is not one of the available choices" in text(response)
    assert "country=DE" in text(response)


def test_unknown_scale_is_a_400_with_the_valid_scales(client):
    response = client.get("/en/budgets/?scale=cubic")
    assert response.status_code == 400
    assert "scale=linear scale=log" in text(response)


@pytest.mark.parametrize(
    "query",
    [
        "country=<script>alert(1)</script>",
        "country=DE%00",
        "country=ΔΕ",
        "scale=" + "9" * 5000,
        "scale=log&scale=<b>",
        "country=de",
    ],
)
def test_odd_input_is_a_400_never_a_500(client, query):
    CountryFactory(code="DE")
    response = client.get(f"/en/budgets/?{query}")
    assert response.status_code == 400
    assert "<script>alert" not in response.content.decode()


# The real dataset stays loaded for the rest of this module, so these tests come last.


def test_the_budgets_page_shows_soziale_stadt_at_190_million_euro_per_year(client, dataset):
    page = text(client.get("/en/budgets/"))
    assert (
        "Social City (Soziale Stadt) (Bund-Länder-Programm Soziale Stadt) "
        "Federal government (Bund) Federal government (Bund) 190,000,000 EUR § 2.3, p. 8 ; "
        "§ 4.2, pp. 33–42 per year 2019 already in euro € 190,000,000"
    ) in page


def test_the_danish_10_billion_is_spread_over_2021_2026_at_the_2019_rate(client, dataset):
    page = text(client.get("/en/budgets/"))
    assert (
        "10,000,000,000 DKK § 5.2, pp. 53–60 total over the period 2021–2026 "
        "7.4661 DKK per euro (2019) § Danish krone (DKK), annual average 2019 € 223,231,227"
    ) in page


def test_a_stated_euro_figure_more_than_10_percent_off_is_flagged(client, dataset):
    # The report converts 400 million DKK to "5 million euro"; at 7.4661 it is 53.6 million.
    page = text(client.get("/en/budgets/"))
    assert "€ 5,000,000 differs more than 10 % from the amount converted at the stored rate" in page
    assert "€ 1,300,000,000 differs" not in page


def test_each_programme_links_to_its_page(client, dataset):
    assert 'href="/en/programmes/de-soziale-stadt/"' in client.get("/en/budgets/").content.decode()


def test_data_notes_linked_to_a_budget_show_their_title_and_text_in_details(client, dataset):
    content = client.get("/en/budgets/").content.decode()
    assert "<summary>Major Cities Policy: 15 million euro without period or basis</summary>" in (
        content
    )


def test_the_budgets_page_speaks_dutch_under_nl(client, dataset):
    response = client.get("/nl/budgets/")
    assert '<html lang="nl">' in response.content.decode()
    page = text(response)
    assert "Denemarken" in page
    assert "€ 223.231.227" in page


BUDGETS_QUERIES = 9


def test_the_budgets_page_reads_a_fixed_number_of_queries_at_seed_size(
    client, dataset, django_assert_num_queries
):
    with django_assert_num_queries(BUDGETS_QUERIES):
        assert client.get("/nl/budgets/").status_code == 200


def test_the_budgets_page_reads_as_many_queries_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries
):
    with django_assert_num_queries(BUDGETS_QUERIES):
        assert client.get("/nl/budgets/?scale=log").status_code == 200
