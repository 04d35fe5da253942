from django.core.exceptions import BadRequest
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import chart_exports, charts
from ..forms import BudgetFilterForm
from ..http import bad_request, form_errors
from ..models import Budget, Country, DataNote, with_citations
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
    # Every budget is converted and ordered once per dataset version; a page reads and
    # shows only its own rows, and the chart draws those.
    order = chart_exports.budget_display_order(form.cleaned_data["country"])
    try:
        page = page_of(request, order, chart_exports.BUDGETS_PER_PAGE)
    except BadRequest as error:
        return bad_request(request, str(error))
    rows = chart_exports.budgets_in_order(page.object_list, queryset)
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
