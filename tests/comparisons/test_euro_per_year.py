from decimal import Decimal

import pytest

from comparisons.models import (
    Budget,
    ExchangeRate,
    MissingExchangeRate,
    PeriodNotStated,
    to_euro_per_year,
)
from tests.factories import (
    BudgetFactory,
    CitationFactory,
    CurrencyFactory,
    ExchangeRateFactory,
    SourceFactory,
)


def test_a_yearly_euro_amount_stays_as_it_is():
    euro = to_euro_per_year(
        amount=Decimal("190000000"), basis=Budget.Basis.PER_YEAR, years=1, units_per_euro=None
    )
    assert euro == Decimal("190000000.00")


def test_a_total_is_spread_evenly_over_every_year_of_its_period():
    euro = to_euro_per_year(
        amount=Decimal("600"), basis=Budget.Basis.TOTAL, years=6, units_per_euro=None
    )
    assert euro == Decimal("100.00")


def test_a_yearly_amount_is_not_divided_by_the_length_of_its_period():
    euro = to_euro_per_year(
        amount=Decimal("600"), basis=Budget.Basis.PER_YEAR, years=6, units_per_euro=None
    )
    assert euro == Decimal("600.00")


def test_foreign_currency_is_divided_by_units_per_euro_and_rounded_to_cents():
    euro = to_euro_per_year(
        amount=Decimal("10000000000"),
        basis=Budget.Basis.TOTAL,
        years=6,
        units_per_euro=Decimal("7.4661"),
    )
    # 10 bn DKK over 2021–2026 = 1,666,666,666.67 DKK a year / 7.4661
    assert euro == Decimal("223231227.37")


def test_a_period_of_no_years_is_refused():
    with pytest.raises(ValueError, match="at least one year"):
        to_euro_per_year(amount=Decimal(1), basis="total", years=0, units_per_euro=None)


@pytest.mark.django_db
def test_a_dkk_budget_over_2021_2026_uses_the_latest_rate_before_it():
    ExchangeRateFactory(year=2018, units_per_euro=Decimal("7.4532"))
    ExchangeRateFactory(year=2019, units_per_euro=Decimal("7.4661"))
    budget = BudgetFactory(
        amount=Decimal("10000000000"),
        currency=CurrencyFactory(code="DKK"),
        basis=Budget.Basis.TOTAL,
        period_start=2021,
        period_end=2026,
    )

    assert budget.years == 6
    assert budget.exchange_rate().year == 2019
    assert budget.euro_per_year() == Decimal("223231227.37")


@pytest.mark.django_db
def test_the_rate_of_the_first_year_wins_over_later_ones():
    ExchangeRateFactory(year=2019, units_per_euro=Decimal("8"))
    ExchangeRateFactory(year=2020, units_per_euro=Decimal("4"))
    budget = BudgetFactory(
        amount=Decimal("80"),
        currency=CurrencyFactory(code="DKK"),
        period_start=2019,
        period_end=2020,
    )

    assert budget.euro_per_year() == Decimal("10.00")


@pytest.mark.django_db
def test_a_missing_rate_is_a_clear_error_not_a_wrong_number():
    ExchangeRateFactory(year=2022)
    budget = BudgetFactory(currency=CurrencyFactory(code="DKK"), period_start=2019, period_end=2019)

    with pytest.raises(MissingExchangeRate, match="No exchange rate for DKK in or before 2019"):
        budget.euro_per_year()


@pytest.mark.django_db
def test_a_currency_without_any_rate_is_a_clear_error():
    budget = BudgetFactory(currency=CurrencyFactory(code="SEK", name_nl="kroon", name_en="krona"))

    with pytest.raises(MissingExchangeRate, match="SEK"):
        budget.euro_per_year()


@pytest.mark.django_db
def test_a_page_of_budgets_converts_with_a_fixed_number_of_queries_for_the_rates(
    django_assert_num_queries,
):
    ExchangeRateFactory()
    budgets = [
        BudgetFactory(currency=CurrencyFactory(code="DKK"), amount=Decimal(i)) for i in range(20)
    ]

    # The dataset version, the rates and their citations; then the table is in the cache.
    with django_assert_num_queries(3):
        rates = ExchangeRate.objects.rate_table()
        euros = [budget.euro_per_year(rates) for budget in budgets]
    with django_assert_num_queries(1):
        ExchangeRate.objects.rate_table()

    assert euros[3] == Decimal("0.40")


@pytest.mark.django_db
def test_a_stated_euro_figure_off_by_more_than_ten_percent_is_flagged():
    ExchangeRateFactory()
    budget = BudgetFactory(
        amount=Decimal("400000000"),
        currency=CurrencyFactory(code="DKK"),
        basis=Budget.Basis.TOTAL,
        stated_eur=Decimal("5000000"),
    )

    assert budget.stated_eur_disagrees()
    assert budget.stated_eur_deviation() > Decimal("0.9")


@pytest.mark.django_db
def test_a_rounded_stated_euro_figure_within_ten_percent_is_accepted():
    ExchangeRateFactory()
    budget = BudgetFactory(
        amount=Decimal("10000000000"),
        currency=CurrencyFactory(code="DKK"),
        basis=Budget.Basis.TOTAL,
        period_start=2021,
        period_end=2026,
        stated_eur=Decimal("1300000000"),
    )

    assert not budget.stated_eur_disagrees()


@pytest.mark.django_db
def test_no_stated_euro_figure_means_nothing_to_compare():
    budget = BudgetFactory(stated_eur=None)

    assert budget.stated_eur_deviation() is None
    assert not budget.stated_eur_disagrees()


@pytest.mark.django_db
def test_a_total_without_a_period_has_no_euro_per_year_and_says_why():
    budget = BudgetFactory(basis=Budget.Basis.TOTAL, period_start=None, period_end=None)

    assert budget.period_label == "period not stated"
    with pytest.raises(PeriodNotStated, match="no full period for this total"):
        budget.euro_per_year()


@pytest.mark.django_db
def test_a_total_with_only_a_first_year_cannot_be_spread_either():
    budget = BudgetFactory(basis=Budget.Basis.TOTAL, period_start=2016, period_end=None)

    assert budget.period_label == "from 2016"
    with pytest.raises(PeriodNotStated):
        budget.euro_per_year()


@pytest.mark.django_db
def test_a_yearly_euro_amount_without_a_year_is_still_a_yearly_amount():
    budget = BudgetFactory(
        amount=Decimal("810000"), basis=Budget.Basis.PER_YEAR, period_start=None, period_end=None
    )
    assert budget.euro_per_year() == Decimal("810000.00")


@pytest.mark.django_db
def test_a_foreign_amount_without_a_year_is_converted_at_the_rate_of_its_sources_year():
    ExchangeRateFactory(year=2018, units_per_euro=Decimal("8"))
    ExchangeRateFactory(year=2019, units_per_euro=Decimal("4"))
    budget = BudgetFactory(
        currency=CurrencyFactory(code="DKK"),
        amount=Decimal(80),
        period_start=None,
        period_end=None,
    )
    budget.citations.add(CitationFactory(source=SourceFactory(key="report-2019", year=2019)))

    assert budget.rate_year == 2019
    assert budget.euro_per_year() == Decimal("20.00")


@pytest.mark.django_db
def test_a_foreign_amount_with_no_year_anywhere_has_no_rate_to_use():
    ExchangeRateFactory()
    budget = BudgetFactory(currency=CurrencyFactory(code="DKK"), period_start=None, period_end=None)
    with pytest.raises(PeriodNotStated, match="no exchange rate applies"):
        budget.euro_per_year()


@pytest.mark.django_db
def test_an_amount_not_stated_as_yearly_or_total_has_no_euro_per_year():
    budget = BudgetFactory(basis=Budget.Basis.NOT_STATED)
    with pytest.raises(PeriodNotStated, match="per year or a total"):
        budget.euro_per_year()


@pytest.mark.django_db
def test_a_stated_euro_figure_is_compared_even_without_a_period():
    ExchangeRateFactory()
    budget = BudgetFactory(
        currency=CurrencyFactory(code="DKK"),
        amount=Decimal("400000000"),
        basis=Budget.Basis.TOTAL,
        period_start=2019,
        period_end=None,
        stated_eur=Decimal("5000000"),
    )
    budget.period_start = None
    budget.citations.add(CitationFactory(source=SourceFactory(key="report-2019", year=2019)))

    assert budget.amount_in_euro() == Decimal("53575494.57")
    assert budget.stated_eur_disagrees()
