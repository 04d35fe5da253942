from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ..http import bad_request, form_errors
from ..models import Citation, Country, GovernanceLevel, Responsibility, Theme, citations_of
from ..paging import page_of

COUNTRIES_PER_PAGE = 15

MODE_EXPLANATIONS = {
    Responsibility.Mode.LAW: _("The level steers through laws or decrees that bind the others."),
    Responsibility.Mode.SUBSIDY: _(
        "The level steers through the conditions of the subsidies it gives."
    ),
    Responsibility.Mode.FRAMEWORK: _(
        "The level sets priorities or a framework within which others make their policy."
    ),
    Responsibility.Mode.PLAN: _("The level steers with a plan of its own for its area."),
    Responsibility.Mode.EXECUTION: _("The level makes its own policy and carries it out."),
    Responsibility.Mode.NONE: _("The report states that this level does not steer this theme."),
}


class GovernanceFilterForm(forms.Form):
    country = forms.MultipleChoiceField(
        label=_("Countries"), required=False, widget=forms.CheckboxSelectMultiple
    )
    theme = forms.MultipleChoiceField(
        label=_("Themes"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, data, *, countries: list[Country], themes: list[Theme]) -> None:
        super().__init__(data)
        self.fields["country"].choices = [(country.code, country.name) for country in countries]
        self.fields["theme"].choices = [(theme.code, theme.name) for theme in themes]


@dataclass
class Entry:
    """One level's part in a cell, worked out here once rather than by the template in each
    of the few hundred cells of a page."""

    level: str
    # The level's name in the country's language, where it adds to the name; else empty.
    original_name: str
    mode: str
    description: str
    citations: list[Citation]


@dataclass
class Cell:
    entries: list[Entry] = field(default_factory=list)
    # False where the country has no level of government at this tier at all.
    has_level: bool = False


@dataclass
class CountryRow:
    country: Country
    lang: str
    cells: list[Cell]


@dataclass
class ThemeTable:
    theme: Theme
    rows: list[CountryRow]


def governance(request: HttpRequest) -> HttpResponse:
    countries = list(Country.objects.all())
    themes = list(Theme.objects.all())
    form = GovernanceFilterForm(request.GET, countries=countries, themes=themes)
    if not form.is_valid():
        return bad_request(request, form_errors(form), _valid_values(form, countries, themes))
    chosen_countries = form.cleaned_data["country"]
    chosen_themes = form.cleaned_data["theme"]
    if chosen_countries:
        countries = [country for country in countries if country.code in chosen_countries]
    if chosen_themes:
        themes = [theme for theme in themes if theme.code in chosen_themes]
    # Each theme's table holds one page of countries, so that the page stays readable and
    # small with a hundred countries; the themes and the form stay whole.
    try:
        page = page_of(request, countries, COUNTRIES_PER_PAGE)
    except BadRequest as error:
        return bad_request(request, str(error))

    return render(
        request,
        "comparisons/governance.html",
        {
            "form": form,
            "page": page,
            "tiers": GovernanceLevel.Tier.choices,
            "tables": governance_tables(
                list(page.object_list), themes, all_themes=not chosen_themes
            ),
            "modes": [
                (label, MODE_EXPLANATIONS.get(value, ""))
                for value, label in Responsibility.Mode.choices
            ],
        },
    )


def governance_tables(
    countries: list[Country], themes: list[Theme], *, all_themes: bool
) -> list[ThemeTable]:
    """One table per theme, core themes first, with a cell per country and tier.

    Unless themes were chosen, a theme that is not core shows only where someone steers it.
    """
    responsibilities = list(
        Responsibility.objects.filter(level__country__in=countries, theme__in=themes)
        # Only the level: the countries and themes are at hand already.
        .select_related("level")
        .order_by("level__tier", "level__code")
    )
    citations = citations_of(responsibilities)
    # The tiers of these countries only: with every country's levels, reading them took
    # longer at scale than the rest of the page.
    tiers_present = set(
        GovernanceLevel.objects.filter(country__in=countries).values_list("country_id", "tier")
    )
    steered = {responsibility.theme_id for responsibility in responsibilities}
    shown = [theme for theme in themes if theme.is_core or theme.pk in steered or not all_themes]
    shown.sort(key=lambda theme: (not theme.is_core, theme.order, theme.code))
    modes = {value: str(label) for value, label in Responsibility.Mode.choices}
    by_cell: dict[tuple[int, int, int], list[Entry]] = {}
    for responsibility in responsibilities:
        level = responsibility.level
        key = (responsibility.theme_id, level.country_id, level.tier)
        by_cell.setdefault(key, []).append(
            Entry(
                level=level.name,
                original_name=level.original_name if level.original_name not in level.name else "",
                mode=modes.get(responsibility.mode, responsibility.mode),
                description=responsibility.description,
                citations=citations.get(responsibility.pk, []),
            )
        )
    tiers = [tier for tier, _label in GovernanceLevel.Tier.choices]
    tables = []
    for theme in shown:
        rows = []
        for country in countries:
            cells = [
                Cell(
                    entries=by_cell.get((theme.pk, country.pk, tier), []),
                    has_level=(country.pk, tier) in tiers_present,
                )
                for tier in tiers
            ]
            rows.append(CountryRow(country, country.language, cells))
        tables.append(ThemeTable(theme, rows))
    return tables


def _valid_values(form: forms.Form, countries: list[Country], themes: list[Theme]) -> list[str]:
    valid = []
    if "country" in form.errors:
        valid += [f"country={country.code}" for country in countries]
    if "theme" in form.errors:
        valid += [f"theme={theme.code}" for theme in themes]
    return valid
