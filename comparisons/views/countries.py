from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from .. import chart_exports, charts
from ..models import (
    Country,
    DimensionPosition,
    GovernanceLevel,
    Programme,
    Responsibility,
    prefetch_citations,
)


def country(request: HttpRequest, code: str) -> HttpResponse:
    if code != code.upper():
        # /countries/de/ is what people type; the canonical address uses the ISO capitals.
        return redirect("comparisons:country", code=code.upper(), permanent=True)
    record = get_object_or_404(
        Country.objects.prefetch_related(
            Prefetch(
                "levels",
                queryset=GovernanceLevel.objects.prefetch_related(
                    Prefetch(
                        "responsibilities",
                        queryset=Responsibility.objects.select_related("theme"),
                    ),
                    Prefetch("programmes", queryset=Programme.objects.order_by("name")),
                ),
            ),
            Prefetch(
                "positions",
                queryset=DimensionPosition.objects.select_related("dimension", "theme").order_by(
                    "dimension__order", "theme__order"
                ),
            ),
            "findings",
            "data_notes",
            Prefetch("places", to_attr="case_neighbourhoods", queryset=_case_neighbourhoods()),
        ),
        code=code,
    )
    prefetch_citations([record], "levels__responsibilities", "positions", "findings", "data_notes")
    budgets = chart_exports.country_budgets(record)
    chart = chart_exports.budget_chart(budgets)
    return render(
        request,
        "comparisons/country.html",
        {
            "country": record,
            "budgets": budgets,
            "figure": charts.figure_data(chart.figure) if chart else None,
            "chart_summary": chart.summary if chart else "",
        },
    )


def _case_neighbourhoods():
    # Through the ORM relation: comparisons does not import the neighbourhoods app.
    places = Country._meta.get_field("places").related_model
    return places.objects.filter(is_case_study=True, kind="neighbourhood").select_related("parent")
