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
    chart, positions = _dimension_map(countries)
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


def _dimension_map(countries: list[Country]) -> tuple[dict, list[DimensionPosition]]:
    """The chart of every country, drawn once per dataset version and language, and the
    positions the table beside it shows for this page's countries."""
    drawn_from: list[DimensionPosition] = []

    def draw() -> dict:
        positions, dimensions = chart_exports.dimension_map_records()
        drawn_from.extend(positions)
        chart = chart_exports.dimension_map_chart(positions, dimensions)
        return {
            "dimensions": dimensions,
            "figure": charts.figure_data(chart.figure) if chart else None,
            "summary": chart.summary if chart else "",
        }

    chart = cached("dimension-map", draw)
    # Drawing read every position: the table takes its rows from those rather than read
    # them twice. Only the chart is cached: with every position and its citations the entry
    # grows over tenfold (1.3 MB at scale 100) and takes longer to read than this page's
    # positions do.
    positions = drawn_from or DimensionPosition.objects.overall().for_display().filter(
        country__in=countries
    )
    return chart, list(positions)


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
