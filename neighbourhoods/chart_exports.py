"""The neighbourhood profile's chart, added to the downloadable charts of comparisons."""

from collections.abc import Mapping, Sequence

from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from comparisons.chart_exports import (
    CITATION_COLUMNS,
    ChartData,
    ExportableChart,
    register_chart,
)
from comparisons.exports import citation_cells, row
from comparisons.models import Citation, with_citations

from . import charts
from .models import Observation, Place


def profile_place(slug: str) -> Place:
    """The place a profile page shows, or 404."""
    return get_object_or_404(
        Place.objects.profiled().select_related("country").prefetch_related(with_citations()),
        slug=slug,
    )


def profile_observations(place: Place, baselines: Sequence[Place]) -> list[Observation]:
    """The figures of the place and its baselines, the current one of each first."""
    return list(
        Observation.objects.filter(place__in=[place, *baselines]).with_related().in_table_order()
    )


def baseline_chart(
    place: Place, columns: Sequence[Place], rows: Sequence[charts.BaselineRow]
) -> ChartData | None:
    """The place's shares next to its baselines; None when it has no share to draw."""
    if not rows:
        return None
    data = []
    citations: list[Citation] = []
    for baseline_row in rows:
        for column, observation in zip(columns, baseline_row.figures, strict=True):
            # As the chart draws them: no bar where the report gives no figure.
            if observation is None:
                continue
            cited = list(observation.citations.all())
            citations += cited
            data.append(
                row(
                    indicator_code=baseline_row.indicator.code,
                    indicator=baseline_row.indicator.name,
                    place_slug=column.slug,
                    place=column.name,
                    percent=observation.value,
                    period=observation.period_label,
                    **citation_cells(cited),
                )
            )
    return ChartData(
        figure=charts.baseline_chart(place, columns, rows),
        summary=charts.baseline_summary(place, columns, rows),
        columns=(
            "indicator_code",
            "indicator",
            "place_slug",
            "place",
            "percent",
            "period",
            *CITATION_COLUMNS,
        ),
        rows=data,
        citations=tuple(dict.fromkeys(citations)),
    )


def _load_baseline_chart(query: QueryDict, url_kwargs: Mapping[str, str]) -> ChartData:
    place = profile_place(url_kwargs["slug"])
    baselines = Place.objects.baselines_for([place])[place.pk]
    columns, rows = charts.baseline_rows(place, baselines, profile_observations(place, baselines))
    chart = baseline_chart(place, columns, rows)
    if chart is None:
        raise Http404(_("The report gives no shares for this place to draw."))
    return chart


register_chart(
    ExportableChart("baseline-chart", "neighbourhoods:baseline-chart-file", _load_baseline_chart)
)
