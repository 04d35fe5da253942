from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .. import chart_exports, charts
from ..caching import cached
from ..http import bad_request
from ..models import Country, DimensionPosition, ExchangeRate
from ..paging import page_of

COUNTRIES_PER_PAGE = 25


def overview(request: HttpRequest) -> HttpResponse:
    try:
        page = page_of(request, Country.objects.with_key_figures(), COUNTRIES_PER_PAGE)
    except BadRequest as error:
        return bad_request(request, str(error))
    countries = list(page.object_list)
    chart = cached("dimension-map", _dimension_map)
    # The table beside the chart holds the positions of this page's countries only.
    positions = DimensionPosition.objects.overall().for_display().filter(country__in=countries)
    return render(
        request,
        "comparisons/overview.html",
        {
            "page": page,
            "countries": countries,
            "key_figures": _key_figures(countries),
            "dimensions": chart["dimensions"],
            "position_rows": _position_rows(countries, positions, chart["dimensions"]),
            "figure": chart["figure"],
            "chart_summary": chart["summary"],
        },
    )


def _dimension_map() -> dict:
    """The chart of every country, drawn once per dataset version and language."""
    positions, dimensions = chart_exports.dimension_map_records()
    chart = chart_exports.dimension_map_chart(positions, dimensions)
    return {
        "dimensions": dimensions,
        "figure": charts.figure_data(chart.figure) if chart else None,
        "summary": chart.summary if chart else "",
    }


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
