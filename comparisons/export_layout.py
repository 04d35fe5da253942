"""A chart laid out for a file of one fixed size instead of for a browser window.

On a page plotly.js fits a chart to the window. A file has one width — the text width of an
A4 page or a 16:9 slide — and nobody can resize it afterwards, so everything must fit there:
plotly does not wrap text, so titles, long bar labels and the source line are wrapped here;
the legend goes under the subtitle; under the plot come the source line and the "data as of"
line, with room reserved for every line so that nothing is clipped.

Text widths are estimated from the average glyph width of the sans-serif Chromium draws with
(DejaVu Sans on Debian), rounded up so that an estimate errs towards an extra line.
"""

import math
import textwrap
from dataclasses import dataclass, replace

import plotly.graph_objects as go
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .charts import MUTED

# Average glyph width as a share of the font size (DejaVu Sans measures 0.51 on our labels),
# and plotly's line height.
GLYPH = 0.55
NARROW_GLYPH = 0.5
LINE = 1.3
BASE_FONT = 14
# Bar labels a little smaller, so that a chart of many bars still fits an A4 page; plotly sets
# the lines of a tick label closer than those of other text.
LABEL_FONT = 13
LABEL_LINE = 16
TITLE_FONT = 18
SUBTITLE_FONT = 14
SOURCE_FONT = 12
# Room for the x axis under the plot: its tick labels, and its title where it has one.
TICK_ROOM = 30
AXIS_TITLE_ROOM = 30
PADDING = 14
# Bar labels may take the first of these shares of the width that keeps each to two lines
# (every bar's row is as high as the highest label's); else the last.
LABEL_SHARES = (0.45, 0.52, 0.6)
# A slide image may grow this much wider than its preset before its text gets too small.
MAX_WIDENING = 3
# Room for a y axis title beside its tick labels.
AXIS_TITLE_WIDTH = 34


@dataclass(frozen=True)
class Size:
    """A size preset: the width the chart is laid out at, in CSS pixels, and how wide the
    file is meant to be on paper or on screen."""

    code: str
    label: Promise
    width: int
    physical_width_m: float
    # Height over width where the format fixes it (a slide); None where the chart decides.
    aspect: float | None = None


# 16 cm is the text width of an A4 page with 2.5 cm margins; at 720 CSS pixels, 14 px text
# prints at about 9 pt. A 16:9 slide is 33.867 cm wide; at 960 pixels 14 px shows as 14 pt.
A4 = Size("a4", _("A4 text width"), 720, 0.16)
SLIDE = Size("slide", _("16:9 slide"), 960, 0.33867, aspect=9 / 16)
SIZES = {size.code: size for size in (A4, SLIDE)}


@dataclass(frozen=True)
class Fitted:
    figure: dict
    width: int
    height: int


@dataclass(frozen=True)
class _Plan:
    width: int
    title: list[str]
    subtitle: list[str]
    legend_rows: int
    labels: dict[str, str]
    left: int
    right: int
    plot_height: int
    note: list[str]
    axis_room: int

    @property
    def header(self) -> int:
        """Title, subtitle and the gap under them, in pixels."""
        if not self.title and not self.subtitle:
            return PADDING
        return (
            PADDING
            + _lines_height(len(self.title), TITLE_FONT)
            + _lines_height(len(self.subtitle), SUBTITLE_FONT)
            + PADDING
        )

    @property
    def legend(self) -> int:
        return self.legend_rows * 24 + (8 if self.legend_rows else 0)

    @property
    def top(self) -> int:
        return self.header + self.legend + 8

    @property
    def bottom(self) -> int:
        return self.axis_room + 12 + _lines_height(len(self.note), SOURCE_FONT) + PADDING

    @property
    def height(self) -> int:
        return self.top + self.plot_height + self.bottom

    @property
    def plot_width(self) -> int:
        return self.width - self.left - self.right


def fit(figure: go.Figure, size: Size, *, footer: str = "", texts: bool = True) -> Fitted:
    """The figure laid out at size, with the footer line under its source line.

    With ``texts`` off, title, subtitle, source and footer are left out: a slide shows them as
    its own text, beside the picture.
    """
    figure = go.Figure(figure)
    meta = dict(figure.layout.meta or {})
    width = size.width
    plan = _plan(figure, meta, width, footer, texts)
    if size.aspect is not None:
        # A chart too tall for the slide's shape gets a wider image instead, just wide
        # enough: wider, its labels wrap less and it needs less height.
        while plan.height > plan.width * size.aspect and width < size.width * MAX_WIDENING:
            width = math.ceil(width * 1.05)
            plan = _plan(figure, meta, width, footer, texts)
        # Whatever height is left over goes to the plot, so the picture fills the slide.
        target = round(plan.width * size.aspect)
        plan = replace(plan, plot_height=plan.plot_height + max(target - plan.height, 0))
    _apply(figure, plan, texts)
    return Fitted(figure.to_dict(), plan.width, plan.height)


def _plan(figure: go.Figure, meta: dict, width: int, footer: str, texts: bool) -> _Plan:
    labels = _wrapped_labels(figure, width)
    left = _left_margin(figure, labels)
    right = _right_margin(figure)
    note: list[str] = []
    if texts:
        for text in (_keep_locators_whole(meta.get("source", "")), footer):
            note += _wrap(text, width - 2 * PADDING, SOURCE_FONT)
    full = width - 2 * PADDING
    return _Plan(
        width=width,
        title=_wrap(meta.get("title", ""), full, TITLE_FONT) if texts else [],
        subtitle=_wrap(meta.get("subtitle", ""), full, SUBTITLE_FONT) if texts else [],
        # plotly wraps a horizontal legend at the plot's width, not the figure's.
        legend_rows=_legend_rows(figure, width - left - right),
        labels=labels,
        left=left,
        right=right,
        plot_height=_plot_height(figure, labels),
        note=note,
        axis_room=TICK_ROOM + (AXIS_TITLE_ROOM if figure.layout.xaxis.title.text else 0),
    )


def _apply(figure: go.Figure, plan: _Plan, texts: bool) -> None:
    layout = figure.layout
    layout.width, layout.height = plan.width, plan.height
    layout.margin.update(t=plan.top, b=plan.bottom, l=plan.left, r=plan.right)
    layout.autosize = False
    if texts:
        # Each line tagged on its own: plotly's text tags do not carry across a line break.
        lines = [f"<b>{line}</b>" for line in plan.title] + [
            f"<span style='font-size:{SUBTITLE_FONT}px;color:{MUTED}'>{line}</span>"
            for line in plan.subtitle
        ]
        layout.title = {
            "text": "<br>".join(lines),
            "font": {"size": TITLE_FONT},
            "xref": "container",
            "xanchor": "left",
            "x": PADDING / plan.width,
            "yref": "container",
            "y": 1 - PADDING / plan.height,
            "yanchor": "top",
        }
    else:
        layout.title = {"text": ""}
    layout.legend.update(
        orientation="h",
        xref="container",
        x=PADDING / plan.width,
        xanchor="left",
        yref="container",
        y=1 - plan.header / plan.height,
        yanchor="top",
    )
    # Our margin is an estimate; should a label still not fit, plotly widens it.
    figure.update_yaxes(automargin=True)
    _apply_labels(figure, plan.labels)
    _thin_ticks(figure, plan)

    kept = []
    for annotation in layout.annotations:
        if annotation.name != "source":
            kept.append(annotation)
        elif texts:
            # Under the axis, level with the title at the figure's left edge.
            annotation.update(
                text="<br>".join(plan.note),
                x=-(plan.left - PADDING) / plan.plot_width,
                xanchor="left",
                y=-(plan.axis_room + 12) / plan.plot_height,
                yanchor="top",
                align="left",
                font={"size": SOURCE_FONT},
            )
            kept.append(annotation)
    layout.annotations = kept


def _wrap(text: str, width_px: float, font_size: int) -> list[str]:
    if not text:
        return []
    return textwrap.wrap(text, width=max(int(width_px / (font_size * GLYPH)), 10))


def _keep_locators_whole(source: str) -> str:
    """“§ 3.2, pp. 16–20” with no line break inside a locator's parts: no-break spaces."""
    for mark in ("§ ", "pp. ", "p. "):
        source = source.replace(mark, mark.replace(" ", "\u00a0"))
    return source


def _lines_height(lines: int, font_size: int) -> int:
    return math.ceil(lines * font_size * LINE)


def _horizontal_bars(figure: go.Figure) -> list[go.Bar]:
    return [trace for trace in figure.data if trace.type == "bar" and trace.orientation == "h"]


def _wrapped_labels(figure: go.Figure, width: int) -> dict[str, str]:
    """Each bar label with line breaks, to fit a share of the width (see LABEL_SHARES)."""
    bars = _horizontal_bars(figure)
    if not bars:
        return {}
    ticktext = figure.layout.yaxis.ticktext
    names = list(ticktext) if ticktext else [str(y) for bar in bars for y in bar.y or ()]
    for share in LABEL_SHARES:
        labels = {
            name: "<br>".join(_wrap(name, width * share, LABEL_FONT) or [name])
            for name in dict.fromkeys(names)
        }
        if max(label.count("<br>") for label in labels.values()) < 2:
            break
    return labels


def _apply_labels(figure: go.Figure, labels: dict[str, str]) -> None:
    if not labels:
        return
    figure.layout.yaxis.tickfont.size = LABEL_FONT
    ticktext = figure.layout.yaxis.ticktext
    if ticktext:
        figure.layout.yaxis.ticktext = [labels[name] for name in ticktext]
        return
    for bar in _horizontal_bars(figure):
        bar.y = [labels.get(str(y), y) for y in bar.y]


def _left_margin(figure: go.Figure, labels: dict[str, str]) -> int:
    """Room for the y axis's labels (and title), so the plot's left edge is known."""
    yaxis = figure.layout.yaxis
    if labels:
        texts = [line for label in labels.values() for line in label.split("<br>")]
    elif yaxis.ticktext:
        texts = [str(text) for text in yaxis.ticktext]
    else:
        return figure.layout.margin.l or 80
    # Estimated on the narrow side: plotly widens a margin that is too narrow (automargin),
    # but would leave one that is too wide as empty space.
    room = max(len(text) for text in texts) * BASE_FONT * NARROW_GLYPH + 12
    if yaxis.title.text:
        room += AXIS_TITLE_WIDTH
    return math.ceil(room) + PADDING


def _right_margin(figure: go.Figure) -> int:
    """Room for the values printed beside the bars (“€ 265.000.000”), else the chart's own."""
    texts = [
        str(text)
        for bar in _horizontal_bars(figure)
        if bar.textposition == "outside"
        for text in bar.text or ()
    ]
    if not texts:
        return figure.layout.margin.r or 0
    return math.ceil(max(len(text) for text in texts) * BASE_FONT * GLYPH) + 2 * PADDING


def _plot_height(figure: go.Figure, labels: dict[str, str]) -> int:
    """Bars get a row each, high enough for their label's lines and every bar beside them;
    other charts keep the plot height they were drawn with."""
    if not labels:
        layout = figure.layout
        return max((layout.height or 450) - (layout.margin.t or 0) - (layout.margin.b or 0), 240)
    bars = _horizontal_bars(figure)
    per_category: dict[str, int] = {}
    for bar in bars:
        for y in bar.y or ():
            per_category[str(y)] = per_category.get(str(y), 0) + 1
    # Bars of a ticktext chart sit at numbered positions, each label its own category.
    categories = len(figure.layout.yaxis.ticktext or per_category)
    lines = max(label.count("<br>") + 1 for label in labels.values())
    beside = max(per_category.values(), default=1)
    row = max(22, lines * LABEL_LINE + 8, beside * 18 + 6)
    return categories * row


def _legend_rows(figure: go.Figure, room: float) -> int:
    """How many rows plotly's horizontal legend takes at this width (0 when hidden)."""
    names = [trace.name for trace in figure.data if trace.name and trace.showlegend is not False]
    shown = figure.layout.showlegend
    if shown is False or (shown is None and len(names) < 2):
        return 0
    rows, used = 1, 0.0
    for name in names:
        item = 40 + len(name) * BASE_FONT * GLYPH
        if used and used + item > room:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def _thin_ticks(figure: go.Figure, plan: _Plan) -> None:
    """As many value ticks on a bar chart as their labels leave room for, kept level: turned
    labels would run into the axis title and the source line."""
    if not plan.labels:
        return
    xaxis = figure.layout.xaxis
    xaxis.tickangle = 0
    values = [abs(x) for bar in _horizontal_bars(figure) for x in bar.x or () if x]
    if not values:
        return
    # The widest tick label is about as long as the largest value, grouped by thousands.
    widest = len(f"{max(values):,.0f}{xaxis.ticksuffix or ''}") * BASE_FONT * GLYPH
    fits = max(int(plan.plot_width // (widest + 40)), 2)
    if xaxis.type == "log":
        positive = [value for value in values if value > 0]
        decades = math.ceil(math.log10(max(positive))) - math.floor(math.log10(min(positive)))
        xaxis.dtick = max(math.ceil(decades / fits), 1)
    elif xaxis.tickvals is None and xaxis.dtick is None:
        xaxis.nticks = fits
