"""The database itself refuses bad rows, whatever wrote them (admin, import, shell, SQL)."""

from decimal import Decimal

import pytest
from django.db.models import ProtectedError

from comparisons.models import (
    Budget,
    Citation,
    Country,
    Currency,
    DimensionPosition,
    ExchangeRate,
    GovernanceLevel,
    Programme,
)
from tests.factories import (
    BudgetFactory,
    CitationFactory,
    CountryFactory,
    CurrencyFactory,
    DimensionFactory,
    ExchangeRateFactory,
    GovernanceLevelFactory,
    ProgrammeFactory,
    ThemeFactory,
)
from tests.helpers import refused_by_database as refused

pytestmark = pytest.mark.django_db


def test_a_negative_budget_amount_is_refused():
    budget = BudgetFactory()
    with refused():
        Budget.objects.filter(pk=budget.pk).update(amount=Decimal("-1"))


def test_a_negative_stated_euro_amount_is_refused():
    budget = BudgetFactory()
    with refused():
        Budget.objects.filter(pk=budget.pk).update(stated_eur=Decimal("-0.01"))


def test_a_budget_period_that_ends_before_it_starts_is_refused():
    with refused():
        BudgetFactory(period_start=2026, period_end=2021)


def test_a_programme_that_ends_before_it_starts_is_refused():
    with refused():
        ProgrammeFactory(start_year=2020, end_year=2019)


def test_an_implausible_start_year_is_refused():
    with refused():
        ProgrammeFactory(start_year=19)


def test_a_programme_cannot_be_its_own_parent():
    programme = ProgrammeFactory()
    with refused():
        Programme.objects.filter(pk=programme.pk).update(parent=programme)


def test_an_exchange_rate_of_zero_is_refused():
    with refused():
        ExchangeRateFactory(units_per_euro=Decimal("0"))


def test_a_negative_exchange_rate_is_refused():
    with refused():
        ExchangeRateFactory(units_per_euro=Decimal("-7.4"))


def test_two_rates_for_one_currency_and_year_are_refused():
    ExchangeRateFactory(year=2019)
    with refused():
        ExchangeRateFactory(year=2019)


def test_the_euro_has_no_rate_against_itself():
    with refused():
        ExchangeRate.objects.create(
            currency=CurrencyFactory(code="EUR"), year=2019, units_per_euro=Decimal(1)
        )


def test_a_currency_code_must_be_three_capitals():
    with refused():
        Currency.objects.create(code="dkk", name_nl="kroon", name_en="krone")


def test_a_country_code_must_be_two_capitals():
    with refused():
        Country.objects.create(code="de", name_nl="Duitsland", name_en="Germany", colour="#000000")


def test_country_codes_are_unique():
    CountryFactory(code="DE")
    with refused():
        Country.objects.create(code="DE", name_nl="Dubbel", name_en="Double", colour="#000000")


def test_level_codes_are_unique_within_a_country_only():
    germany, denmark = CountryFactory(code="DE"), CountryFactory(code="DK")
    GovernanceLevelFactory(country=germany, code="national")
    GovernanceLevelFactory(country=denmark, code="national")
    with refused():
        GovernanceLevelFactory(country=germany, code="national")


def test_an_unknown_tier_is_refused():
    level = GovernanceLevelFactory()
    with refused():
        GovernanceLevel.objects.filter(pk=level.pk).update(tier=9)


def test_budget_codes_are_unique_per_programme():
    programme = ProgrammeFactory()
    BudgetFactory(programme=programme, code="bund-2019")
    BudgetFactory(code="bund-2019")
    with refused():
        BudgetFactory(programme=programme, code="bund-2019")


def test_a_position_off_the_five_step_scale_is_refused():
    with refused():
        DimensionPosition.objects.create(
            country=CountryFactory(), dimension=DimensionFactory(), position=6, rationale_nl="x"
        )


def test_a_country_has_one_overall_position_per_dimension():
    country, dimension = CountryFactory(), DimensionFactory()
    DimensionPosition.objects.create(
        country=country, dimension=dimension, position=1, rationale_nl="a"
    )
    DimensionPosition.objects.create(
        country=country, dimension=dimension, theme=ThemeFactory(), position=3, rationale_nl="b"
    )
    with refused():
        DimensionPosition.objects.create(
            country=country, dimension=dimension, position=2, rationale_nl="c"
        )


def test_a_citation_page_range_must_run_forwards():
    with refused():
        CitationFactory(page=40, page_end=38)


def test_a_last_page_needs_a_first_page():
    with refused():
        CitationFactory(page=None, page_end=38)


def test_deleting_a_programme_with_budgets_is_refused():
    budget = BudgetFactory()
    with pytest.raises(ProtectedError):
        budget.programme.delete()


def test_deleting_a_cited_source_is_refused():
    citation = CitationFactory()
    with pytest.raises(ProtectedError):
        citation.source.delete()


def test_deleting_a_country_with_levels_is_refused():
    level = GovernanceLevelFactory()
    with pytest.raises(ProtectedError):
        level.country.delete()


def test_deleting_a_currency_in_use_is_refused():
    BudgetFactory(currency=CurrencyFactory(code="DKK"))
    with pytest.raises(ProtectedError):
        Currency.objects.get(code="DKK").delete()


def test_citations_survive_deleting_a_record_that_cited_them():
    citation = CitationFactory()
    programme = ProgrammeFactory()
    programme.citations.add(citation)
    programme.delete()
    assert Citation.objects.filter(pk=citation.pk).exists()


def test_a_last_budget_year_needs_a_first_year():
    with refused():
        BudgetFactory(period_start=None, period_end=2020)


def test_a_budget_cannot_be_part_of_itself():
    budget = BudgetFactory()
    with refused():
        Budget.objects.filter(pk=budget.pk).update(part_of=budget)
