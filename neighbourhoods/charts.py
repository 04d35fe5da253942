"""Neighbourhood charts as pure functions, in the house style of comparisons.charts."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

import plotly.graph_objects as go
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext as _

from comparisons.charts import INK, source_line, themed

from .models import Indicator, Observation, Place

# The place in its country's colour; its baselines in greys that still stand 3:1 against
# white, with a pattern each, so the bars stay apart in black-and-white print.
BASELINE_COLOURS = ["#595959", "#8c8c8c", "#767676", "#404040"]
BASELINE_PATTERNS = ["/", ".", "x", "-"]


@dataclass(frozen=True)
class BaselineRow:
    """One indicator: the current figure of the place, then of each baseline (None: not given)."""

    indicator: Indicator
    figures: list[Observation | None]


def baseline_rows(
    place: Place, baselines: Sequence[Place], observations: Iterable[Observation]
) -> tuple[list[Place], list[BaselineRow]]:
    """The place's percentage indicators, with the place and those baselines that give any of
    them. ``observations`` come in_table_order(): the first of a place and indicator is the
    current figure."""
    current: dict[tuple[int, int], Observation] = {}
    indicators: dict[int, Indicator] = {}
    for observation in observations:
        current.setdefault((observation.place_id, observation.indicator_id), observation)
        if observation.place_id == place.pk and observation.indicator.is_percentage:
            indicators.setdefault(observation.indicator_id, observation.indicator)
    columns = [place] + [
        baseline
        for baseline in baselines
        if any((baseline.pk, indicator) in current for indicator in indicators)
    ]
    rows = [
        BaselineRow(indicator, [current.get((column.pk, indicator.pk)) for column in columns])
        for indicator in indicators.values()
    ]
    return columns, rows


def baseline_chart(
    place: Place, columns: Sequence[Place], rows: Sequence[BaselineRow]
) -> go.Figure:
    """Grouped bars: each percentage indicator of the place next to its baselines."""
    figure = go.Figure()
    labels = [row.indicator.name for row in rows]
    for index, column in enumerate(columns):
        figures = [row.figures[index] for row in rows]
        is_place = index == 0
        figure.add_trace(
            go.Bar(
                name=column.name,
                orientation="h",
                y=labels,
                x=[float(f.value) if f else None for f in figures],
                customdata=[f.period_label if f else "" for f in figures],
                text=[f"{number(f.value)} %" if f else "" for f in figures],
                textposition="outside",
                cliponaxis=False,
                marker={
                    "color": place.country.colour
                    if is_place
                    else BASELINE_COLOURS[(index - 1) % len(BASELINE_COLOURS)],
                    "pattern": {
                        "shape": ""
                        if is_place
                        else BASELINE_PATTERNS[(index - 1) % len(BASELINE_PATTERNS)],
                        # Over the grey, not instead of it: a white pattern alone is invisible.
                        "fillmode": "overlay",
                        "fgcolor": "#ffffff",
                    },
                    "line": {"color": INK, "width": 1},
                },
                hovertemplate=f"{column.name}: %{{x}} % (%{{customdata}})<extra></extra>",
            )
        )
    figure.update_xaxes(range=[0, 110], ticksuffix=" %", gridcolor="#d9d9d9", zeroline=False)
    figure.update_yaxes(autorange="reversed", automargin=True)
    figure.update_layout(
        barmode="group",
        height=260 + 24 * len(rows) * max(len(columns), 1),
        separators=f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}",
    )
    citations = [
        citation
        for row in rows
        for observation in row.figures
        if observation
        for citation in observation.citations.all()
    ]
    return themed(
        figure,
        title=_("%(place)s next to its baselines") % {"place": place.name},
        subtitle=_(
            "Shares in %, the latest figure the report gives for each place; "
            "no bar where it gives none"
        ),
        source=source_line(citations),
    )


def baseline_summary(place: Place, columns: Sequence[Place], rows: Sequence[BaselineRow]) -> str:
    """The chart in one paragraph, for readers who do not see it."""
    if not rows:
        return ""
    parts = []
    for row in rows:
        figures = [
            _("%(place)s %(value)s %% (%(period)s)")
            % {"place": column.name, "value": number(figure.value), "period": figure.period_label}
            if figure
            else _("%(place)s not available") % {"place": column.name}
            for column, figure in zip(columns, row.figures, strict=True)
        ]
        parts.append(f"{row.indicator.name}: {'; '.join(figures)}.")
    return " ".join(parts)


def number(value: Decimal) -> str:
    """A figure as the page's language writes it, with no more decimals than it has."""
    return number_format(value.normalize(), force_grouping=True)
