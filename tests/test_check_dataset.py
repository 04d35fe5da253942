"""check_dataset: passes on the real dataset, and catches each kind of flaw it promises to."""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from comparisons.dataset import dataset_problems
from comparisons.models import Citation, Country
from neighbourhoods.models import Place
from tests import factories

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT.parent / "shared" / "seeds" / "002_eeff564a03e3e30b.txt"


def problems() -> list[str]:
    return [str(problem) for problem in dataset_problems()]


def cited(record):
    record.citations.add(factories.CitationFactory())
    return record


def test_the_real_dataset_passes(capsys):
    call_command("load_dataset", verbosity=0)
    call_command("check_dataset")
    assert "Dataset OK." in capsys.readouterr().out


def test_every_quote_in_the_dataset_stands_in_the_report_word_for_word():
    call_command("load_dataset", verbosity=0)
    report = " ".join(REPORT.read_text(encoding="utf-8").split())
    misquoted = [
        citation.key
        for citation in Citation.objects.filter(source__key="vji-2019-kwetsbare-wijken")
        if citation.quote and " ".join(citation.quote.split()) not in report
    ]
    assert misquoted == []


def test_a_clean_record_raises_no_problem():
    cited(factories.CountryFactory(code="DE"))
    assert problems() == []


def test_an_uncited_fact_is_a_problem():
    factories.CountryFactory(code="DE")
    assert problems() == ["comparisons.Country DE: cites no source"]


def test_a_text_in_one_language_only_is_a_problem():
    cited(factories.CountryFactory(code="DE", summary_nl="Een bondsstaat.", summary_en=""))
    assert problems() == ["comparisons.Country DE: summary is empty in en"]


def test_an_optional_text_left_empty_in_both_languages_is_fine():
    cited(factories.CountryFactory(code="DE", summary_nl="", summary_en=""))
    assert problems() == []


def test_a_value_that_skipped_validation_on_loading_is_a_problem():
    country = cited(factories.CountryFactory(code="DE"))
    Country.objects.filter(pk=country.pk).update(colour="red")
    assert problems() == ["comparisons.Country DE: colour: Use a colour like #1f77b4."]


def test_a_budget_that_cannot_be_converted_is_a_problem():
    budget = cited(factories.BudgetFactory(currency=factories.CurrencyFactory(code="DKK")))
    cited(budget.programme)
    cited(budget.programme.level.country)
    assert problems() == [
        f"comparisons.Budget {budget.programme.slug}/{budget.code}: "
        "No exchange rate for DKK in or before 2019: add one to convert."
    ]


def test_a_stated_euro_figure_far_off_needs_a_data_note():
    cited(factories.ExchangeRateFactory())
    budget = cited(
        factories.BudgetFactory(
            currency=factories.CurrencyFactory(code="DKK"),
            amount=Decimal("400000000"),
            basis="total",
            stated_eur=Decimal("5000000"),
        )
    )
    cited(budget.programme)
    cited(budget.programme.level.country)
    assert len(problems()) == 1
    assert "no data note says so" in problems()[0]

    cited(factories.DataNoteFactory(budget=budget))
    assert problems() == []


def test_a_case_neighbourhood_without_its_city_is_a_problem():
    neighbourhood = cited(factories.PlaceFactory(slug="marxloh", is_case_study=True))
    cited(neighbourhood.country)
    assert problems() == [
        "neighbourhoods.Place marxloh: a case neighbourhood needs its city or region above it"
    ]

    neighbourhood.parent = cited(
        factories.PlaceFactory(country=neighbourhood.country, kind=Place.Kind.CITY)
    )
    neighbourhood.save()
    assert problems() == []


def test_the_command_fails_loudly_and_lists_the_problems():
    factories.CountryFactory(code="DE")
    out = StringIO()
    with pytest.raises(CommandError, match=r"1 problem\(s\)[\s\S]*Country DE: cites no source"):
        call_command("check_dataset", stdout=out)
    assert "Countries" in out.getvalue()


def test_a_budget_without_a_period_must_say_so_in_a_note():
    budget = cited(factories.BudgetFactory(basis="total", period_start=None, period_end=None))
    cited(budget.programme)
    cited(budget.programme.level.country)
    assert problems() == [
        f"comparisons.Budget {budget.programme.slug}/{budget.code}: The source gives no full "
        "period for this total: it cannot be spread over years. Neither a note nor a data note "
        "says so."
    ]

    budget.note_nl = "Het rapport noemt geen periode."
    budget.note_en = "The report gives no period."
    budget.save()
    assert problems() == []
