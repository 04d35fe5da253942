"""Checks on the neighbourhood records, run by check_dataset."""

from collections.abc import Iterator

from comparisons.dataset import Problem, dataset_check, describe

from .models import ListAssessmentValue, ListCriterion, Place

BASELINE_KINDS = {Place.Kind.CITY, Place.Kind.DISTRICT, Place.Kind.REGION}


@dataset_check
def every_case_neighbourhood_has_a_baseline() -> Iterator[Problem]:
    for place in Place.objects.case_studies().neighbourhoods().select_related("parent"):
        if place.parent is None or place.parent.kind not in BASELINE_KINDS:
            yield Problem(describe(place), "a case neighbourhood needs its city or region above it")


@dataset_check
def every_list_percentage_is_in_range() -> Iterator[Problem]:
    percentages = ListAssessmentValue.objects.filter(
        unit__in=[ListCriterion.Unit.PERCENT, ListCriterion.Unit.PERCENT_OF_REGIONAL]
    ).exclude(value__lte=100)
    for value in percentages.select_related("assessment__place", "criterion"):
        yield Problem(describe(value), f"{value.value} % is more than 100 %")
