"""The Danish list calculator as a plain function: thresholds and rules come from the records."""

from decimal import Decimal

import pytest

from neighbourhoods.lists import Figures, classify, list_years, meets
from neighbourhoods.models import (
    ListAssessmentValue,
    ListCategory,
    ListCategoryRule,
    ListCriterion,
)


def criterion(code, comparison, threshold, unit, *, number=None, role="criterion", **kwargs):
    return ListCriterion(
        code=code,
        number=number,
        role=role,
        category=ListCategory.VULNERABLE if role == "criterion" else ListCategory.GHETTO,
        name=code,
        comparison=comparison,
        threshold=Decimal(threshold),
        unit=unit,
        valid_from=kwargs.get("valid_from", 2018),
        valid_until=kwargs.get("valid_until"),
    )


def danish_criteria() -> list[ListCriterion]:
    """The Ghetto legislation's criteria and conditions as 5.2 of the report gives them."""
    return [
        criterion("outside-work-education", "gt", 40, "percent", number=1),
        criterion("convictions", "gte", 3, "times-national", number=2),
        criterion("basic-education", "gt", 60, "percent", number=3),
        criterion("income", "lt", 55, "percent-of-regional", number=4),
        criterion("population", "gte", 1000, "inhabitants", role="condition"),
        criterion("migration-background", "gt", 50, "percent", role="condition"),
    ]


def danish_rules() -> list[ListCategoryRule]:
    return [
        ListCategoryRule(category=ListCategory.VULNERABLE, min_criteria_met=2, valid_from=2018),
        ListCategoryRule(category=ListCategory.GHETTO, min_criteria_met=2, valid_from=2018),
        ListCategoryRule(
            category=ListCategory.HARD_GHETTO,
            consecutive_years=4,
            valid_from=2018,
            valid_until=2019,
        ),
        ListCategoryRule(category=ListCategory.HARD_GHETTO, consecutive_years=5, valid_from=2019),
    ]


# Meets criteria 1 and 3 only, and both ghetto conditions.
GHETTO_FIGURES = {
    "outside-work-education": Decimal("45"),
    "convictions": Decimal("1"),
    "basic-education": Decimal("70"),
    "income": Decimal("80"),
    "population": Decimal("1500"),
    "migration-background": Decimal("60"),
}


def figures(consecutive_years=1, **changes) -> Figures:
    values = dict(GHETTO_FIGURES)
    values.update({code.replace("_", "-"): Decimal(value) for code, value in changes.items()})
    return Figures(values=values, consecutive_years=consecutive_years)


def category(result_figures: Figures, year: int = 2018):
    return classify(result_figures, danish_criteria(), danish_rules(), year).category


def test_two_of_the_four_criteria_make_a_neighbourhood_vulnerable():
    assert category(figures(population=500)) == ListCategory.VULNERABLE


def test_one_criterion_is_not_enough_for_the_list():
    result = classify(figures(basic_education=50), danish_criteria(), danish_rules(), 2018)
    assert result.category is None
    assert result.criteria_met == 1
    assert result.label == "not on the list"


def test_a_thousand_inhabitants_and_a_migration_majority_make_a_vulnerable_area_a_ghetto():
    assert category(figures()) == ListCategory.GHETTO


def test_the_ghetto_conditions_alone_do_not_make_a_ghetto():
    assert category(figures(outside_work_education=30)) is None


def test_four_consecutive_years_make_a_hard_ghetto_in_2018():
    assert category(figures(consecutive_years=4), 2018) == ListCategory.HARD_GHETTO


def test_from_2019_four_years_are_no_longer_enough():
    assert category(figures(consecutive_years=4), 2019) == ListCategory.GHETTO


def test_five_consecutive_years_make_a_hard_ghetto_from_2019():
    assert category(figures(consecutive_years=5), 2019) == ListCategory.HARD_GHETTO


def test_three_years_keep_a_ghetto_a_ghetto_in_2018():
    assert category(figures(consecutive_years=3), 2018) == ListCategory.GHETTO


def test_years_on_the_list_do_not_make_a_hard_ghetto_of_a_neighbourhood_that_is_no_ghetto():
    result = classify(
        figures(consecutive_years=10, population=999), danish_criteria(), danish_rules(), 2019
    )
    assert result.category == ListCategory.VULNERABLE
    hard = result.steps[-1]
    assert not hard.reached
    assert "It is not a ghetto, which this category requires." in hard.reasons


@pytest.mark.parametrize(
    ("code", "at_threshold", "met"),
    [
        ("outside_work_education", "40", False),  # more than 40 %
        ("outside_work_education", "40.01", True),
        ("convictions", "3", True),  # at least three times the national share
        ("convictions", "2.99", False),
        ("basic_education", "60", False),  # more than 60 %
        ("basic_education", "60.01", True),
        ("income", "55", False),  # less than 55 % of the regional average
        ("income", "54.99", True),
    ],
)
def test_each_criterion_holds_exactly_at_its_threshold_as_the_law_words_it(code, at_threshold, met):
    result = classify(figures(**{code: at_threshold}), danish_criteria(), danish_rules(), 2018)
    check = next(c for c in result.criteria if c.criterion.code == code.replace("_", "-"))
    assert check.met is met


def test_exactly_a_thousand_inhabitants_is_enough_for_a_ghetto():
    assert category(figures(population=1000)) == ListCategory.GHETTO
    assert category(figures(population=999)) == ListCategory.VULNERABLE


def test_exactly_half_with_a_migration_background_is_not_enough_for_a_ghetto():
    assert category(figures(migration_background=50)) == ListCategory.VULNERABLE
    assert category(figures(migration_background="50.01")) == ListCategory.GHETTO


def test_the_thresholds_come_from_the_records_not_from_the_code():
    criteria = danish_criteria()
    criteria[0].threshold = Decimal(50)  # an editor corrects criterion 1
    result = classify(figures(), criteria, danish_rules(), 2018)
    assert result.criteria_met == 1
    assert result.category is None


def test_each_step_says_why():
    result = classify(figures(consecutive_years=4), danish_criteria(), danish_rules(), 2019)
    vulnerable, ghetto, hard = result.steps
    assert vulnerable.reached
    assert "It meets 2 of the 4 criteria; at least 2 are needed." in vulnerable.reasons
    assert "population: 1,500, which is ≥ 1,000 inhabitants." in ghetto.reasons
    assert (
        "It has been on the ghetto list 4 consecutive years; the rule of 2019 requires 5."
        in hard.reasons
    )
    assert not hard.reached


def test_a_missing_figure_meets_nothing():
    values = dict(GHETTO_FIGURES)
    del values["population"]
    result = classify(Figures(values=values), danish_criteria(), danish_rules(), 2018)
    assert result.category == ListCategory.VULNERABLE
    assert "population: no figure entered (needs ≥ 1,000 inhabitants)." in result.steps[1].reasons


def test_a_year_before_the_rules_has_no_category():
    result = classify(figures(consecutive_years=9), danish_criteria(), danish_rules(), 2017)
    assert result.category is None
    assert result.criteria == []
    assert result.steps[0].reasons == ["No rule for this category applies in 2017."]


def test_the_list_years_run_from_the_first_rule_to_the_last_change():
    assert list_years(danish_criteria(), danish_rules()) == [2018, 2019]
    assert list_years([], []) == []


def cell(value, unit, required_change, criterion_) -> ListAssessmentValue:
    return ListAssessmentValue(
        value=Decimal(value),
        unit=unit,
        required_change=None if required_change is None else Decimal(required_change),
        criterion=criterion_,
    )


def test_a_positive_change_in_brackets_means_the_criterion_is_met():
    convictions = danish_criteria()[1]
    # Mjølnerparken: 2.5 % of inhabitants convicted, 3 inhabitants from falling off it.
    assert meets(cell("2.5", "percent", "3", convictions)) is True
    # Taastrupgaard: 2.1 %, already 2 inhabitants below it.
    assert meets(cell("2.1", "percent", "-2", convictions)) is False


def test_without_a_bracket_the_threshold_decides_where_the_units_match():
    population = danish_criteria()[4]
    assert meets(cell("1752", "inhabitants", None, population)) is True
    assert meets(cell("999", "inhabitants", None, population)) is False


def test_without_a_bracket_and_in_another_unit_it_is_unknown():
    convictions = danish_criteria()[1]
    assert meets(cell("2.5", "percent", None, convictions)) is None
