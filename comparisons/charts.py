"""Charts as pure functions: records in, a plotly Figure out, all in one house style.

The same figures are drawn in the browser (as JSON, by static/js/charts.js) and exported,
so everything a chart needs to stand on its own — title, subtitle, units, source — is part
of the figure, not of the page around it.
"""

import json
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from django.template.defaultfilters import floatformat
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from .models import Budget, Citation, Country, Dimension, DimensionPosition, Source

FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
INK = "#1b1b1b"
MUTED = "#595959"
GRID = "#d9d9d9"
# Shapes as well as colours, so countries stay apart in black-and-white print.
SOURCE_LINE_WIDTH = 130
SYMBOLS = ["circle", "square", "diamond", "triangle-up", "triangle-down", "cross", "x", "star"]


@dataclass(frozen=True)
class CountryStyle:
    colour: str
    symbol: str


def country_styles(countries: Sequence[Country]) -> dict[str, CountryStyle]:
    """One fixed colour (the country's own) and one marker shape per country, by its order."""
    return {
        country.code: CountryStyle(country.colour, SYMBOLS[index % len(SYMBOLS)])
        for index, country in enumerate(sorted(countries, key=lambda c: (c.order, c.code)))
    }


def source_line(citations: Iterable[Citation]) -> str:
    """“Source: Verwey-Jonker Instituut, Kwetsbare wijken … (2019), § 2.2, p. 7; § 2.5, pp. 10–13”.

    One entry per source, its sections in page order, each named once.
    """
    by_source: dict[str, set[Citation]] = {}
    sources = {}
    for citation in citations:
        sources[citation.source.key] = citation.source
        by_source.setdefault(citation.source.key, set()).add(citation)
    parts = []
    for key, cited in by_source.items():
        ordered = sorted(cited, key=lambda citation: (citation.page or 0, citation.section))
        locators = list(dict.fromkeys(citation.short_locator for citation in ordered))
        parts.append(f"{source_label(sources[key])}, {'; '.join(locators)}")
    if not parts:
        return ""
    line = _("Source: %(sources)s") % {"sources": " · ".join(parts)}
    # Plotly does not wrap annotations; break the line so it fits an A4 text width.
    return "<br>".join(textwrap.wrap(line, width=SOURCE_LINE_WIDTH))


def source_label(source: Source) -> str:
    """“Verwey-Jonker Instituut, Kwetsbare wijken in België, Duitsland en Denemarken (2019)”:
    publisher, title without its subtitle, year."""
    label = source.title.split(" — ")[0]
    if source.publisher:
        label = f"{source.publisher.split(',')[0]}, {label}"
    if source.year:
        label = f"{label} ({source.year})"
    return label


def themed(figure: go.Figure, *, title: str, subtitle: str, source: str) -> go.Figure:
    """The house style: title and subtitle above, source line below, readable fonts."""
    figure.update_layout(
        # No plotly template: ours is all there is, and the page's JSON stays small.
        template=go.layout.Template(),
        title={
            "text": f"<b>{title}</b><br><span style='font-size:14px;color:{MUTED}'>"
            f"{subtitle}</span>",
            "x": 0,
            "xanchor": "left",
            "y": 0.97,
            "yanchor": "top",
        },
        font={"family": FONT_FAMILY, "size": 14, "color": INK},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        margin={"l": 110, "r": 40, "t": 100, "b": 120},
        legend={"orientation": "h", "y": -0.18, "x": 0, "xanchor": "left"},
        hoverlabel={"font": {"family": FONT_FAMILY}},
        # The same texts unformatted, for exports that lay the chart out anew at another size.
        meta={"title": title, "subtitle": subtitle, "source": source.replace("<br>", " ")},
    )
    if source:
        figure.add_annotation(
            name="source",
            text=source,
            xref="paper",
            yref="paper",
            # Anchored right: a wide left margin (long bar labels) then takes the overflow.
            x=1,
            y=-0.32,
            xanchor="right",
            yanchor="top",
            showarrow=False,
            align="left",
            font={"size": 11, "color": MUTED},
        )
    return figure


def figure_data(figure: go.Figure) -> dict:
    """Plain JSON-ready data for json_script (plotly's own encoder, no numpy needed)."""
    return json.loads(figure.to_json())


QUADRANTS = [
    # (x, y) corner of the plot area, and the label: low x = central, low y = sectoral.
    (0, 1, "central and integral"),
    (1, 1, "decentral and integral"),
    (0, 0, "central and sectoral"),
    (1, 0, "decentral and sectoral"),
]


def dimension_map(
    positions: Sequence[DimensionPosition],
    x_dimension: Dimension,
    y_dimension: Dimension,
) -> go.Figure:
    """Each country's overall place on two dimensions, as the report ranks them (1–5)."""
    countries = {position.country.code: position.country for position in positions}
    styles = country_styles(list(countries.values()))
    placed: dict[str, dict[str, int]] = {}
    for position in positions:
        if position.theme_id is None:
            placed.setdefault(position.country.code, {})[position.dimension.code] = (
                position.position
            )

    drawn = [
        code
        for code, dims in placed.items()
        if x_dimension.code in dims and y_dimension.code in dims
    ]
    xs = [placed[code][x_dimension.code] for code in drawn]
    ys = [placed[code][y_dimension.code] for code in drawn]
    names = [countries[code].name for code in drawn]
    # Countries sharing a cell stack their labels instead of hiding each other.
    taken: set[tuple[int, int]] = set()
    label_positions = []
    for cell in zip(xs, ys, strict=True):
        label_positions.append("bottom center" if cell in taken else "top center")
        taken.add(cell)
    # One trace for all countries, styled per point: plotly checks every trace it is given,
    # which took a third of a second with a trace for each of 300 countries.
    figure = go.Figure(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers+text",
            text=names,
            textposition=label_positions,
            marker={
                "size": 22,
                "color": [styles[code].colour for code in drawn],
                "symbol": [styles[code].symbol for code in drawn],
                "line": {"width": 1.5, "color": INK},
            },
            hovertext=names,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    quadrant_labels = {
        "central and integral": _("central and integral"),
        "decentral and integral": _("decentral and integral"),
        "central and sectoral": _("central and sectoral"),
        "decentral and sectoral": _("decentral and sectoral"),
    }
    for x, y, label in QUADRANTS:
        figure.add_annotation(
            x=x,
            y=y,
            xref="x domain",
            yref="y domain",
            text=quadrant_labels[label],
            showarrow=False,
            xanchor="left" if x == 0 else "right",
            yanchor="top" if y == 1 else "bottom",
            font={"size": 12, "color": MUTED},
        )
    axis = {
        "range": [0, 6],
        "tickvals": [1, 3, 5],
        "showgrid": False,
        "zeroline": False,
        "linecolor": GRID,
        "mirror": True,
    }
    figure.update_xaxes(
        **axis,
        ticktext=[x_dimension.low_pole, _("in between"), x_dimension.high_pole],
        title={"text": x_dimension.name},
    )
    figure.update_yaxes(
        **axis,
        ticktext=[y_dimension.low_pole, _("in between"), y_dimension.high_pole],
        title={"text": y_dimension.name},
    )
    figure.add_shape(type="line", x0=3, x1=3, y0=0, y1=6, line={"color": GRID, "dash": "dot"})
    figure.add_shape(type="line", x0=0, x1=6, y0=3, y1=3, line={"color": GRID, "dash": "dot"})
    figure.update_layout(showlegend=False, height=560)
    return themed(
        figure,
        title=_("How countries steer their neighbourhood policy"),
        subtitle=_(
            "%(x)s and %(y)s, as the report ranks the countries "
            "(an ordinal judgement, not a measurement)"
        )
        % {"x": x_dimension.name, "y": y_dimension.name.lower()},
        source=source_line(
            citation for position in positions for citation in position.citations.all()
        ),
    )


def budget_bars(rows: Sequence[Budget], *, log_scale: bool) -> go.Figure:
    """Euro per year of each budget as a bar, in the order given, by country colour and fill.

    Rows come from ``Budget.objects.in_euro()``; shares of another budget (they would count
    twice) and budgets without a euro figure are left out.
    """
    # A fill pattern per marker shape of country_styles(), so bars stay apart in grey print.
    patterns = dict(zip(SYMBOLS, ["", "/", "x", ".", "\\", "+", "-", "|"], strict=True))
    drawn = [row for row in rows if row.part_of_id is None and row.eur_per_year is not None]

    def label(row: Budget) -> str:
        return f"{row.programme.name}, {row.programme.level.country.name} ({row.period_label})"

    countries = {row.programme.level.country.code: row.programme.level.country for row in drawn}
    styles = country_styles(list(countries.values()))

    figure = go.Figure()
    for code, country in countries.items():
        positions = [i for i, row in enumerate(drawn) if row.programme.level.country.code == code]
        amounts = [drawn[i].eur_per_year for i in positions]
        # floatformat rounds as the table beside the chart does; number_format would truncate.
        amount_labels = [f"€ {floatformat(amount, '0g')}" for amount in amounts]
        figure.add_trace(
            go.Bar(
                orientation="h",
                x=[float(amount) for amount in amounts],
                y=positions,
                name=country.name,
                marker={
                    "color": styles[code].colour,
                    "line": {"color": INK, "width": 0.75},
                    "pattern": {
                        "shape": patterns[styles[code].symbol],
                        "fillmode": "overlay",
                        "fgcolor": "#ffffff",
                    },
                },
                text=amount_labels,
                textposition="outside",
                cliponaxis=False,
                customdata=[
                    _("%(budget)s: %(amount)s per year")
                    % {"budget": label(drawn[i]), "amount": amount}
                    for i, amount in zip(positions, amount_labels, strict=True)
                ],
                hovertemplate="%{customdata}<extra></extra>",
            )
        )

    years = [year for row in drawn for year in (row.period_start, row.period_end) if year]
    period = f"{min(years)}–{max(years)}" if years else _("period not stated")
    subtitle = _("In euro per year at stored exchange rates; budgets of %(period)s") % {
        "period": period
    }
    if log_scale:
        subtitle = _("%(subtitle)s; logarithmic scale") % {"subtitle": subtitle}
    rates = dict.fromkeys(row.rate_used for row in drawn if row.rate_used)
    source = source_line(
        [
            *(citation for row in drawn for citation in row.citations.all()),
            *(citation for rate in rates for citation in rate.citations.all()),
        ]
    )
    themed(
        figure,
        title=_("Budgets for vulnerable neighbourhoods, in euro per year"),
        subtitle=subtitle,
        source=source,
    )

    # The house style places legend and source line as shares of the plot's height; a chart
    # whose height grows with its bars needs them at a fixed distance in pixels instead.
    plot_height = max(26 * len(drawn), 160)
    source_lines = source.count("<br>") + 1 if source else 0
    bottom = 105 + 15 * source_lines
    figure.update_layout(
        height=plot_height + 100 + bottom,
        margin={"b": bottom, "r": 150},
        legend={"y": -65 / plot_height, "yanchor": "top", "traceorder": "normal"},
        bargap=0.25,
        separators=f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}",
    )
    if source:
        figure.update_annotations(y=-100 / plot_height)
    figure.update_yaxes(
        autorange="reversed",
        tickmode="array",
        tickvals=list(range(len(drawn))),
        ticktext=[label(row) for row in drawn],
        automargin=True,
        showgrid=False,
    )
    figure.update_xaxes(
        type="log" if log_scale else "linear",
        title={
            "text": _("Euro per year (€, logarithmic scale)")
            if log_scale
            else _("Euro per year (€)")
        },
        gridcolor=GRID,
        linecolor=GRID,
        exponentformat="none",
        separatethousands=True,
        **({"dtick": 1} if log_scale else {"rangemode": "tozero"}),
    )
    return figure
