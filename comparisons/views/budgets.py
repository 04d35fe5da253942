from django.core.exceptions import BadRequest
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import chart_exports, charts
from ..caching import cached
from ..forms import BudgetFilterForm
from ..http import bad_request, form_errors
from ..models import Budget, Country, DataNote, ExchangeRate, with_citations
from ..paging import page_of


def budgets(request: HttpRequest) -> HttpResponse:
    countries = list(Country.objects.all())
    form = BudgetFilterForm(request.GET, countries=countries)
    if not form.is_valid():
        return bad_request(request, form_errors(form), form.valid_values(countries))
    log_scale = form.cleaned_data["scale"] == "log"

    # The chart's own query, with what the table shows besides.
    queryset = (
        Budget.objects.with_related()
        .select_related("part_of__programme")
        .prefetch_related(
            Prefetch("data_notes", queryset=DataNote.objects.prefetch_related(with_citations()))
        )
    )
    codes = form.cleaned_data["country"]
    # Converting and ordering every budget is done once per dataset version; a page reads
    # and shows only its own rows, and the chart draws those.
    order = cached("budget-order", lambda: _display_order(codes), codes, per_language=False)
    try:
        page = page_of(request, order, chart_exports.BUDGETS_PER_PAGE)
    except BadRequest as error:
        return bad_request(request, str(error))
    on_page = {
        budget.pk: budget
        for budget in queryset.filter(pk__in=page.object_list).in_euro(
            ExchangeRate.objects.rate_table()
        )
    }
    rows = [on_page[pk] for pk in page.object_list]
    chart = chart_exports.budget_chart(rows, log_scale=log_scale)

    return render(
        request,
        "comparisons/budgets.html",
        {
            "form": form,
            "page": page,
            "log_scale": log_scale,
            "rows": [{"budget": row, "lang": row.programme.level.country.language} for row in rows],
            "figure": charts.figure_data(chart.figure) if chart else None,
            "chart_summary": chart.summary if chart else "",
        },
    )


def _display_order(codes: list[str]) -> list[int]:
    """The budgets' ids in the table's order: by country, largest first, shares under their
    whole (chart_exports.budgets_in_display_order)."""
    return [budget.pk for budget in chart_exports.budgets_in_display_order(codes)]
