from django import forms
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .. import charts
from ..http import bad_request, form_errors
from ..models import Budget, Country, DataNote, ExchangeRate, with_citations

SCALES = [("linear", _("linear")), ("log", _("logarithmic"))]


class BudgetFilterForm(forms.Form):
    country = forms.MultipleChoiceField(
        label=_("Countries"), required=False, widget=forms.CheckboxSelectMultiple
    )
    scale = forms.ChoiceField(
        label=_("Scale"), choices=SCALES, required=False, widget=forms.RadioSelect
    )

    def __init__(self, data, *, countries: list[Country]) -> None:
        # Linear unless asked otherwise, and shown so in the form.
        data = data.copy()
        data.setdefault("scale", "linear")
        super().__init__(data)
        self.fields["country"].choices = [(country.code, country.name) for country in countries]


def budgets(request: HttpRequest) -> HttpResponse:
    countries = list(Country.objects.all())
    form = BudgetFilterForm(request.GET, countries=countries)
    if not form.is_valid():
        return bad_request(request, form_errors(form), _valid_values(form, countries))
    chosen = form.cleaned_data["country"]
    log_scale = form.cleaned_data["scale"] == "log"

    rates = ExchangeRate.objects.prefetch_related(with_citations()).rate_table()
    queryset = (
        Budget.objects.with_related()
        .select_related("part_of__programme")
        .prefetch_related(
            Prefetch("data_notes", queryset=DataNote.objects.prefetch_related(with_citations()))
        )
    )
    if chosen:
        queryset = queryset.filter(programme__level__country__code__in=chosen)
    rows = _in_display_order(queryset.in_euro(rates))
    figure = charts.budget_bars(rows, log_scale=log_scale) if rows else None
    drawn = [row for row in rows if row.part_of_id is None and row.eur_per_year is not None]

    return render(
        request,
        "comparisons/budgets.html",
        {
            "form": form,
            "log_scale": log_scale,
            "rows": [{"budget": row, "lang": row.programme.level.country.language} for row in rows],
            "figure": charts.figure_data(figure) if figure and figure.data else None,
            "drawn": len(drawn),
            "largest": max(drawn, key=lambda row: row.eur_per_year, default=None),
            "smallest": min(drawn, key=lambda row: row.eur_per_year, default=None),
            "shares": sum(1 for row in rows if row.part_of_id is not None),
            "not_computable": sum(1 for row in rows if row.eur_per_year is None),
        },
    )


def _in_display_order(budgets: list[Budget]) -> list[Budget]:
    """By country, largest euro per year first (none last), shares right under their whole."""
    by_pk = {budget.pk: budget for budget in budgets}

    def largest_first(budget: Budget) -> tuple:
        return budget.eur_per_year is None, -(budget.eur_per_year or 0), budget.pk

    def key(budget: Budget) -> tuple:
        country = budget.programme.level.country
        whole = by_pk.get(budget.part_of_id, budget)
        return (
            country.order,
            country.code,
            largest_first(whole),
            whole is not budget,
            largest_first(budget),
        )

    return sorted(budgets, key=key)


def _valid_values(form: forms.Form, countries: list[Country]) -> list[str]:
    valid = []
    if "country" in form.errors:
        valid += [f"country={country.code}" for country in countries]
    if "scale" in form.errors:
        valid += [f"scale={value}" for value, _label in SCALES]
    return valid
