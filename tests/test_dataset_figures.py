"""Spot checks of the real dataset against the report: figures, currencies, periods and the
euro per year Wijkwijzer computes from them."""

from decimal import Decimal

import pytest

from comparisons.models import Budget, Citation, EuroNotComputable, ExchangeRate
from neighbourhoods.models import ListAssessment, ListCount, ListCriterion, Observation

pytestmark = pytest.mark.django_db


def budget(programme: str, code: str) -> Budget:
    return Budget.objects.get(programme__slug=programme, code=code)


def figure(place: str, indicator: str, year: int | None = None) -> Decimal:
    return Observation.objects.get(place__slug=place, indicator__code=indicator, year=year).value


@pytest.mark.parametrize(
    ("programme", "code", "amount", "currency", "period", "euro_per_year"),
    [
        # 2.3/4.2: "De Bond betaalt een derde van de kosten, te weten 190 miljoen euro op jaarbasis"
        ("de-soziale-stadt", "de-bund-2019", "190000000", "EUR", (2019, 2019), "190000000.00"),
        # 4.2: Stadtumbau, 260 miljoen euro, 2019
        ("de-stadtumbau", "de-2019", "260000000", "EUR", (2019, 2019), "260000000.00"),
        # 4.2: BIWAQ, 95 miljoen euro over 2014-2020
        ("de-biwaq", "de-2014-2020", "95000000", "EUR", (2014, 2020), "13571428.57"),
        # 4.2: JUSTIQ, 120 miljoen euro in totaal over 2015-2018
        ("de-justiq", "de-2015-2018", "120000000", "EUR", (2015, 2018), "30000000.00"),
        # 5.2: 10 miljard Deense Kronen voor 2021-2026, at the ECB 2019 rate of 7.4661
        (
            "dk-lbf-hard-ghetto-renovation",
            "earmark-2021-2026",
            "10000000000",
            "DKK",
            (2021, 2026),
            "223231227.37",
        ),
        # 3.2: Stadsvernieuwing, "10 miljoen euro per jaar", no year stated
        ("be-stadsvernieuwing", "be-per-year", "10000000", "EUR", (None, None), "10000000.00"),
    ],
)
def test_a_budget_holds_what_the_report_states_and_converts(
    dataset, programme, code, amount, currency, period, euro_per_year
):
    record = budget(programme, code)
    assert record.amount == Decimal(amount)
    assert record.currency_id == currency
    assert (record.period_start, record.period_end) == period
    assert record.euro_per_year() == Decimal(euro_per_year)
    assert record.citations.exists()


def test_the_report_s_own_euro_for_the_danish_earmark_is_within_ten_percent(dataset):
    earmark = budget("dk-lbf-hard-ghetto-renovation", "earmark-2021-2026")
    assert earmark.stated_eur == Decimal("1300000000")
    assert not earmark.stated_eur_disagrees()


def test_the_report_s_ruim_5_miljoen_for_400_million_kroner_is_flagged(dataset):
    social_plans = Budget.objects.get(programme__slug="dk-lbf-social-plans")
    assert social_plans.amount == Decimal("400000000")
    assert social_plans.stated_eur == Decimal("5000000")
    assert social_plans.amount_in_euro() == Decimal("53575494.57")
    assert social_plans.stated_eur_disagrees()
    assert social_plans.data_notes.filter(kind="conversion").exists()


def test_a_total_without_a_full_period_gets_no_euro_per_year(dataset):
    kanaalplan = budget("be-kanaalplan", "be-total")
    assert kanaalplan.amount == Decimal("39000000")
    with pytest.raises(EuroNotComputable):
        kanaalplan.euro_per_year()


def test_the_danish_krone_rate_is_stored_with_its_source(dataset):
    rate = ExchangeRate.objects.get(currency="DKK", year=2019)
    assert rate.units_per_euro == Decimal("7.4661")
    assert rate.citations.get().source.key == "ecb-reference-rates"


def test_mechelen_and_its_flemish_baseline(dataset):
    assert figure("be-mechelen", "population") == 85665
    assert figure("be-vlaanderen", "population") == 6516011
    assert figure("be-mechelen", "be-recorded-crimes", 2018) == 7633


def test_gropiusstadt_figures_keep_their_year(dataset):
    assert figure("de-gropiusstadt", "population", 2018) == 36258
    assert figure("de-gropiusstadt", "unemployment-rate", 2015) == Decimal("6.9")


def test_the_danish_criteria_and_their_thresholds(dataset):
    thresholds = {
        criterion.code: (criterion.comparison, criterion.threshold, criterion.unit)
        for criterion in ListCriterion.objects.filter(country__code="DK", role="criterion")
    }
    assert thresholds == {
        "outside-work-education": ("gt", Decimal(40), "percent"),
        "convictions": ("gte", Decimal(3), "times-national"),
        "basic-education": ("gt", Decimal(60), "percent"),
        "income": ("lt", Decimal(55), "percent-of-regional"),
    }


def test_the_hard_ghetto_table_has_every_row_and_cell(dataset):
    rows = ListAssessment.objects.filter(category="hard-ghetto", list_year=2018)
    assert rows.count() == 10
    mjolnerparken = rows.get(place__name_nl__startswith="Mjølnerparken")
    cells = {value.criterion.code: value for value in mjolnerparken.values.all()}
    assert len(cells) == 6
    assert cells["population"].value == 1752
    assert (
        cells["outside-work-education"].value,
        cells["outside-work-education"].required_change,
    ) == (
        Decimal("43.5"),
        36,
    )
    assert cells["income"].required_change == 16447


def test_the_national_counts(dataset):
    counts = {count.category: count.count for count in ListCount.objects.filter(year=2018)}
    assert counts == {"vulnerable": 43, "hard-ghetto": 16}


def test_every_report_citation_points_inside_the_report(dataset):
    pages = Citation.objects.filter(source__key="vji-2019-kwetsbare-wijken").exclude(page=None)
    assert pages.exists()
    assert not pages.filter(page__gt=71).exists()
    assert not Citation.objects.filter(source__key="vji-2019-kwetsbare-wijken", section="").exists()
