"""The database itself refuses bad figures, whatever wrote them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError

from neighbourhoods.models import (
    Indicator,
    ListCategory,
    ListCriterion,
    Observation,
    Place,
)
from tests.factories import CountryFactory, IndicatorFactory, ObservationFactory, PlaceFactory
from tests.helpers import refused_by_database as refused

pytestmark = pytest.mark.django_db


def test_a_percentage_above_100_is_refused():
    with refused():
        ObservationFactory(value=Decimal("100.5"))


def test_a_negative_percentage_is_refused():
    observation = ObservationFactory()
    with refused():
        Observation.objects.filter(pk=observation.pk).update(value=Decimal("-1"))


def test_a_count_may_exceed_100():
    population = IndicatorFactory(code="population", unit=Indicator.Unit.COUNT)
    assert ObservationFactory(indicator=population, value=Decimal(9143)).value == 9143


def test_turning_an_indicator_into_a_percentage_rechecks_its_figures():
    share = IndicatorFactory(code="share", unit=Indicator.Unit.COUNT)
    ObservationFactory(indicator=share, value=Decimal(250))
    share.unit = Indicator.Unit.PERCENT
    with pytest.raises(ValidationError):
        share.full_clean()
    with refused():
        share.save()


def test_a_figure_is_stored_once_per_place_indicator_and_year():
    observation = ObservationFactory(year=2017)
    with refused():
        ObservationFactory(place=observation.place, indicator=observation.indicator, year=2017)


def test_a_figure_without_a_year_is_stored_once_too():
    # NULL years are distinct to a plain unique index; ours must still catch the double.
    observation = ObservationFactory(year=None)
    with refused():
        ObservationFactory(place=observation.place, indicator=observation.indicator, year=None)


def test_an_average_over_years_sits_beside_the_single_year():
    observation = ObservationFactory(year=2015, year_end=None)
    ObservationFactory(
        place=observation.place, indicator=observation.indicator, year=2015, year_end=2016
    )
    assert Observation.objects.count() == 2


def test_a_period_that_ends_before_it_starts_is_refused():
    with refused():
        ObservationFactory(year=2016, year_end=2015)


def test_a_place_cannot_lie_in_itself():
    place = PlaceFactory()
    with refused():
        Place.objects.filter(pk=place.pk).update(parent=place)


def test_a_place_cannot_lie_in_one_of_its_own_parts():
    city = PlaceFactory(kind=Place.Kind.CITY)
    neighbourhood = PlaceFactory(country=city.country, parent=city)
    city.parent = neighbourhood
    with pytest.raises(ValidationError, match="own parts"):
        city.full_clean()


def test_a_place_lies_in_a_place_of_its_own_country():
    city = PlaceFactory(kind=Place.Kind.CITY, country=CountryFactory(code="DE"))
    neighbourhood = PlaceFactory.build(country=CountryFactory(code="DK"), parent=city)
    with pytest.raises(ValidationError, match="same country"):
        neighbourhood.full_clean()


def test_deleting_a_place_with_figures_is_refused():
    observation = ObservationFactory()
    with pytest.raises(ProtectedError):
        observation.place.delete()


def criterion(**overrides) -> ListCriterion:
    fields = {
        "country": CountryFactory(code="DK"),
        "code": "outside-work",
        "role": ListCriterion.Role.CRITERION,
        "category": ListCategory.VULNERABLE,
        "name_nl": "Buiten arbeid of onderwijs",
        "description_nl": "Meer dan 40 %",
        "comparison": ListCriterion.Comparison.GREATER,
        "threshold": Decimal(40),
        "unit": ListCriterion.Unit.PERCENT,
        "valid_from": 2018,
    }
    return ListCriterion.objects.create(**{**fields, **overrides})


def test_a_percentage_threshold_above_100_is_refused():
    with refused():
        criterion(threshold=Decimal(140))


def test_a_times_national_threshold_may_exceed_100():
    assert criterion(unit=ListCriterion.Unit.TIMES_NATIONAL, threshold=Decimal(300)).pk


def test_an_age_range_must_run_upwards():
    with refused():
        criterion(age_min=64, age_max=18)


def test_a_criterion_is_met_strictly_above_its_threshold():
    outside_work = criterion()
    assert outside_work.is_met_by(Decimal("40.1"))
    assert not outside_work.is_met_by(Decimal("40"))
