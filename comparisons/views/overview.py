from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import charts
from ..models import Country, Dimension, DimensionPosition, ExchangeRate


def overview(request: HttpRequest) -> HttpResponse:
    countries = list(Country.objects.with_key_figures())
    positions = list(DimensionPosition.objects.overall().for_display())
    dimensions = list(Dimension.objects.all()[:2])
    figure = None
    if len(dimensions) == 2 and positions:
        figure = charts.figure_data(charts.dimension_map(positions, *dimensions))
    return render(
        request,
        "comparisons/overview.html",
        {
            "countries": countries,
            "key_figures": _key_figures(countries),
            "dimensions": dimensions,
            "position_rows": _position_rows(countries, positions, dimensions),
            "figure": figure,
            "chart_summary": _chart_summary(positions, dimensions),
        },
    )


def _key_figures(countries: list[Country]) -> list[dict]:
    rates = ExchangeRate.objects.rate_table()
    rows = []
    for country in countries:
        programme = country.main_programme
        headline = programme.headline_budget(rates) if programme else None
        rows.append(
            {
                "country": country,
                "programme": programme,
                "budget": headline[0] if headline else None,
                "euro_per_year": headline[1] if headline else None,
            }
        )
    return rows


def _position_rows(countries, positions, dimensions) -> list[dict]:
    """One row per country: its position on each dimension, for the chart's data table."""
    by_country = {(p.country_id, p.dimension_id): p for p in positions}
    return [
        {
            "country": country,
            "positions": [by_country.get((country.pk, dimension.pk)) for dimension in dimensions],
        }
        for country in countries
    ]


def _chart_summary(positions, dimensions) -> str:
    """The chart in words: for each dimension, the countries from its low to its high end."""
    sentences = []
    for dimension in dimensions:
        placed = sorted(
            (position for position in positions if position.dimension_id == dimension.pk),
            key=lambda position: (position.position, position.country.order),
        )
        if placed:
            sentences.append(
                _("%(dimension)s, from %(low)s to %(high)s: %(countries)s.")
                % {
                    "dimension": dimension.name,
                    "low": dimension.low_pole,
                    "high": dimension.high_pole,
                    "countries": ", ".join(
                        f"{position.country.name} ({position.position})" for position in placed
                    ),
                }
            )
    return " ".join(sentences)
