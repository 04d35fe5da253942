"""Side-by-side comparison of countries: which aspects there are, and what each says per country.

Each aspect is a plain function from one (prefetched) country to a cell of entries, each
entry with its citations, so the page and its exports show the same thing.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import (
    Budget,
    Citation,
    Country,
    DimensionPosition,
    EuroNotComputable,
    Finding,
    GovernanceLevel,
    Programme,
    RateTable,
    Responsibility,
    prefetch_citations,
)


@dataclass(frozen=True)
class Entry:
    text: str
    label: str = ""
    citations: Sequence[Citation] = ()


@dataclass
class Cell:
    entries: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Aspect:
    code: str
    name: str | Promise
    cell: Callable[[Country, RateTable], Cell]


def countries_for_comparison(codes: Sequence[str]) -> list[Country]:
    """The chosen countries with everything any aspect reads, in a fixed number of queries."""
    countries = list(Country.objects.filter(code__in=codes))
    prefetch_for_comparison(countries)
    return countries


def prefetch_for_comparison(countries: Sequence[Country]) -> None:
    """Load everything any aspect reads for countries already read, in a fixed number of
    queries: the records first, then the citations of all of them at once."""
    programmes = Prefetch(
        "programmes",
        queryset=Programme.objects.prefetch_related(
            Prefetch("budgets", queryset=Budget.objects.filter(part_of=None))
        ).order_by("name"),
    )
    responsibilities = Prefetch(
        "responsibilities", queryset=Responsibility.objects.select_related("theme")
    )
    prefetch_related_objects(
        countries,
        Prefetch(
            "levels",
            queryset=GovernanceLevel.objects.prefetch_related(responsibilities, programmes),
        ),
        Prefetch("positions", queryset=DimensionPosition.objects.select_related("dimension")),
        "findings",
    )
    prefetch_citations(
        countries,
        "levels__responsibilities",
        "levels__programmes",
        "levels__programmes__budgets",
        "positions",
        "findings",
    )


def _definition(country: Country, rates: RateTable) -> Cell:
    return _text_cell(country.definition, country)


def _national_policy(country: Country, rates: RateTable) -> Cell:
    exists = {True: _("Yes"), False: _("No"), None: _("not stated")}[country.has_national_policy]
    return Cell([Entry(text=country.national_policy, label=str(exists), citations=_cited(country))])


def _position(dimension_code: str) -> Callable[[Country, RateTable], Cell]:
    def cell(country: Country, rates: RateTable) -> Cell:
        positions = [
            position
            for position in country.positions.all()
            if position.dimension.code == dimension_code and position.theme_id is None
        ]
        return Cell(
            [
                Entry(
                    label=position.label,
                    text=position.summary,
                    citations=list(position.citations.all()),
                )
                for position in positions
            ]
        )

    return cell


def _governance(country: Country, rates: RateTable) -> Cell:
    """The core themes in the report's order, each from the national level down."""
    responsibilities = [
        (responsibility.theme.order, level.tier, level, responsibility)
        for level in country.levels.all()
        for responsibility in level.responsibilities.all()
        if responsibility.theme.is_core
    ]
    responsibilities.sort(key=lambda item: item[:2])
    return Cell(
        [
            Entry(
                label=f"{responsibility.theme.name} · {level.name}",
                text=str(responsibility.get_mode_display()),
                citations=list(responsibility.citations.all()),
            )
            for _order, _tier, level, responsibility in responsibilities
        ]
    )


def _budgets(country: Country, rates: RateTable) -> Cell:
    """The programmes' budgets that convert to euro per year, largest first."""
    figures: list[tuple[Decimal, Budget, Programme]] = []
    for level in country.levels.all():
        for programme in level.programmes.all():
            for budget in programme.budgets.all():
                try:
                    figures.append((budget.euro_per_year(rates), budget, programme))
                except EuroNotComputable:
                    continue
    figures.sort(key=lambda item: item[0], reverse=True)
    return Cell(
        [
            Entry(
                label=programme.name,
                text=_("€ %(euro)s per year (%(period)s)")
                % {
                    "euro": number_format(euro, 0, force_grouping=True),
                    "period": budget.period_label,
                },
                citations=list(budget.citations.all()),
            )
            for euro, budget, programme in figures[:MAX_BUDGETS]
        ]
    )


MAX_BUDGETS = 5


def _instruments(country: Country, rates: RateTable) -> Cell:
    """The main programme first, then the other national-level programmes."""
    national = [
        programme
        for level in country.levels.all()
        if level.tier == GovernanceLevel.Tier.NATIONAL
        for programme in level.programmes.all()
        if programme.parent_id is None
    ]
    national.sort(key=lambda programme: (not programme.is_key, programme.name))
    return Cell(
        [
            Entry(
                label=programme.get_kind_display(),
                text=programme.name,
                citations=list(programme.citations.all()),
            )
            for programme in national
        ]
    )


def _findings(*topics: str, kind: str | None = None) -> Callable[[Country, RateTable], Cell]:
    def cell(country: Country, rates: RateTable) -> Cell:
        return Cell(
            [
                Entry(
                    label=finding.title, text=finding.text, citations=list(finding.citations.all())
                )
                for finding in country.findings.all()
                if (not topics or finding.topic in topics)
                and (kind is None or finding.kind == kind)
            ]
        )

    return cell


def _text_cell(text: str, country: Country) -> Cell:
    return Cell([Entry(text=text, citations=_cited(country))] if text else [])


def _cited(country: Country) -> list[Citation]:
    return list(country.citations.all())


ASPECTS: dict[str, Aspect] = {
    aspect.code: aspect
    for aspect in [
        Aspect("definition", _("Definition of a vulnerable neighbourhood"), _definition),
        Aspect("national-policy", _("National neighbourhood policy"), _national_policy),
        Aspect("central-decentral", _("Central or decentral"), _position("central-decentral")),
        Aspect("sectoral-integral", _("Sectoral or integral"), _position("sectoral-integral")),
        Aspect("governance", _("Who steers which theme, and how"), _governance),
        Aspect("budgets", _("Budgets in euro per year"), _budgets),
        Aspect("instruments", _("Main national instruments"), _instruments),
        Aspect("cooperation", _("Cooperation"), _findings(Finding.Topic.COOPERATION)),
        Aspect(
            "transmission",
            _("Transmission from national to local policy, and side effects"),
            _findings(Finding.Topic.TRANSMISSION, Finding.Topic.SIDE_EFFECTS),
        ),
        Aspect("lessons", _("Lessons"), _findings(kind=Finding.Kind.LESSON)),
    ]
}


@dataclass
class Row:
    aspect: Aspect
    cells: list[Cell]


def comparison_rows(
    countries: Sequence[Country], aspects: Sequence[Aspect], rates: RateTable
) -> list[Row]:
    return [
        Row(aspect, [aspect.cell(country, rates) for country in countries]) for aspect in aspects
    ]
