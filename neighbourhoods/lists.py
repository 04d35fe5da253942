"""The Danish list as plain functions: which category a neighbourhood's figures put it in, and
whether a cell of the report's hard-ghetto table meets its criterion.

Thresholds and rules come from the ListCriterion and ListCategoryRule records, never from
here, so an editor's correction changes the answer.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .models import (
    ListAssessmentValue,
    ListCategory,
    ListCategoryRule,
    ListCriterion,
)

# Each category builds on the one before: a ghetto is a vulnerable neighbourhood that also
# meets the ghetto conditions, a hard ghetto a ghetto for long enough.
CATEGORY_ORDER = [ListCategory.VULNERABLE, ListCategory.GHETTO, ListCategory.HARD_GHETTO]


@dataclass(frozen=True)
class Figures:
    """What a user knows about a neighbourhood: values by criterion code, and how many
    consecutive years (this one included) it has been on the ghetto list."""

    values: Mapping[str, Decimal]
    consecutive_years: int = 0


@dataclass(frozen=True)
class Check:
    """One criterion or condition held against a figure."""

    criterion: ListCriterion
    value: Decimal | None
    met: bool


@dataclass(frozen=True)
class Step:
    """Whether one category is reached, with the rule that decided it and why."""

    category: ListCategory
    rule: ListCategoryRule | None
    reached: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.category.label)


@dataclass(frozen=True)
class Classification:
    """The answer of classify(): every check, and each category's step with its reasons."""

    year: int
    criteria: list[Check]
    conditions: list[Check]
    steps: list[Step]

    @property
    def criteria_met(self) -> int:
        return sum(check.met for check in self.criteria)

    @property
    def category(self) -> ListCategory | None:
        """The highest category reached; None when not even vulnerable."""
        reached = [step.category for step in self.steps if step.reached]
        return reached[-1] if reached else None

    @property
    def label(self) -> str:
        if self.category is None:
            return _("not on the list")
        return str(self.category.label)


def _in_force(records: Iterable, year: int, key: Callable[[Any], str]) -> dict[str, Any]:
    """The records that apply in ``year``, one per key; where two overlap (a rule that ended
    in June and its successor), the later one wins."""
    applying = {}
    for record in sorted(records, key=lambda record: record.valid_from):
        if record.valid_from <= year and (record.valid_until is None or year <= record.valid_until):
            applying[key(record)] = record
    return applying


def list_years(criteria: Iterable[ListCriterion], rules: Iterable[ListCategoryRule]) -> list[int]:
    """The years the records speak of: from the first rule to the last change they record."""
    bounds = [
        year
        for record in [*criteria, *rules]
        for year in (record.valid_from, record.valid_until)
        if year is not None
    ]
    if not bounds:
        return []
    return list(range(min(bounds), max(bounds) + 1))


def classify(
    figures: Figures,
    criteria: Iterable[ListCriterion],
    rules: Iterable[ListCategoryRule],
    year: int,
) -> Classification:
    """Which category these figures fall in under the rules of ``year``, criterion by criterion."""
    applying = _in_force(criteria, year, key=lambda criterion: criterion.code)
    checks = [
        _check(criterion, figures.values.get(criterion.code)) for criterion in applying.values()
    ]
    counted = sorted(
        (check for check in checks if check.criterion.role == ListCriterion.Role.CRITERION),
        key=lambda check: (check.criterion.number or 0, check.criterion.code),
    )
    conditions = [check for check in checks if check.criterion.role == ListCriterion.Role.CONDITION]
    rules_by_category = _in_force(rules, year, key=lambda rule: rule.category)

    steps: list[Step] = []
    previous: Step | None = None
    for category in CATEGORY_ORDER:
        step = _step(
            category,
            rules_by_category.get(category),
            previous,
            counted,
            [check for check in conditions if check.criterion.category == category],
            figures,
            year,
        )
        steps.append(step)
        previous = step
    return Classification(year=year, criteria=counted, conditions=conditions, steps=steps)


def _check(criterion: ListCriterion, value: Decimal | None) -> Check:
    return Check(criterion, value, value is not None and criterion.is_met_by(value))


def _step(
    category: ListCategory,
    rule: ListCategoryRule | None,
    previous: Step | None,
    counted: Sequence[Check],
    conditions: Sequence[Check],
    figures: Figures,
    year: int,
) -> Step:
    if rule is None:
        return Step(
            category,
            None,
            False,
            [_("No rule for this category applies in %(year)s.") % {"year": year}],
        )
    reasons = []
    reached = True
    if previous is not None and not previous.reached:
        reached = False
        reasons.append(
            _("It is not a %(category)s, which this category requires.")
            % {"category": previous.label}
        )
    if rule.min_criteria_met is not None:
        met = sum(check.met for check in counted)
        reached = reached and met >= rule.min_criteria_met
        reasons.append(
            _("It meets %(met)s of the %(total)s criteria; at least %(needed)s are needed.")
            % {"met": met, "total": len(counted), "needed": rule.min_criteria_met}
        )
    for check in conditions:
        reached = reached and check.met
        reasons.append(_condition_reason(check))
    if rule.consecutive_years is not None:
        reached = reached and figures.consecutive_years >= rule.consecutive_years
        reasons.append(
            _(
                "It has been on the ghetto list %(years)s consecutive years; the rule of "
                "%(from)s requires %(needed)s."
            )
            % {
                "years": figures.consecutive_years,
                "from": rule.valid_from,
                "needed": rule.consecutive_years,
            }
        )
    return Step(category, rule, reached, reasons)


def _condition_reason(check: Check) -> str:
    criterion = check.criterion
    values = {
        "name": criterion.name,
        "comparison": criterion.get_comparison_display(),
        "threshold": _number(criterion.threshold),
        "unit": criterion.get_unit_display(),
    }
    if check.value is None:
        return (
            _("%(name)s: no figure entered (needs %(comparison)s %(threshold)s %(unit)s).") % values
        )
    values["value"] = _number(check.value)
    if check.met:
        return _("%(name)s: %(value)s, which is %(comparison)s %(threshold)s %(unit)s.") % values
    return _("%(name)s: %(value)s, which is not %(comparison)s %(threshold)s %(unit)s.") % values


def _number(value: Decimal) -> str:
    """A threshold or figure as the page's language writes it, without trailing zeros."""
    return number_format(value.normalize(), force_grouping=True)


def meets(cell: ListAssessmentValue) -> bool | None:
    """Whether a cell of the report's table meets its criterion.

    The report's bracketed figure decides where it gives one: a positive change still has to
    happen to fall off the criterion, so the criterion is met. Without one, the threshold
    decides where value and criterion share a unit; otherwise it is unknown (None).
    """
    if cell.required_change is not None:
        return cell.required_change > 0
    if cell.unit == cell.criterion.unit:
        return cell.criterion.is_met_by(cell.value)
    return None
