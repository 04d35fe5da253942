"""Every chart a page draws, by name, and the files it downloads as: PNG, SVG, PDF, the CSV
of the data drawn, and a one-slide PPTX.

Each chart is built by one function from the records its page reads; the page and the
downloads both call it, so a file always shows exactly what the page drew. The page's URL
arguments and query string select the same records for the file (``…/budget-bars.png?scale=log``).
Rendered files are cached by chart, query, language, size and dataset version: a second
request is served without drawing, and an editor's change starts a new version.
Each app registers its own charts (neighbourhoods from its ``ready()``), so that
comparisons never imports neighbourhoods.
"""

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import plotly.graph_objects as go
from django.db.models import Max, QuerySet
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from . import charts, export_layout, rendering, slides
from .caching import cached
from .exports import BYTE_ORDER_MARK, Row, citation_cells, row
from .forms import BudgetFilterForm
from .http import form_errors
from .models import (
    Budget,
    Citation,
    Country,
    DatasetVersion,
    Dimension,
    DimensionPosition,
    EuroNotComputable,
    ExchangeRate,
    euro_per_year_of,
    with_citations,
)
from .paging import page_in_query
from .versioning import current_version

# PNG pixels per CSS pixel: 1440 pixels across 16 cm print sharply (about 230 dpi).
PNG_SCALE = 2
# The budgets page and its chart file show this many budgets a page.
BUDGETS_PER_PAGE = 100
CONTENT_TYPES = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "csv": "text/csv; charset=utf-8",
}
# The last columns of every chart's CSV: where each row's figures come from.
CITATION_COLUMNS = ("source", "section", "page")


@dataclass(frozen=True)
class ChartData:
    """A chart as its page draws it: the figure, the chart in words, and the data drawn."""

    figure: go.Figure
    summary: str
    columns: tuple[str, ...]
    rows: list[Row]
    citations: tuple[Citation, ...] = field(default=())

    def text(self, name: str) -> str:
        """Title, subtitle or source line, as charts.themed() gave them."""
        return (self.figure.layout.meta or {}).get(name, "")


class BadChartRequest(Exception):
    """The query string asks for something the page would refuse too: a 400."""

    def __init__(self, message: str, valid: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.valid = list(valid)


@dataclass(frozen=True)
class ExportableChart:
    """A chart that downloads: its name on the page and in file names, the URL name of its
    files, and how to build it from a file request's query string and URL arguments; the
    builder raises BadChartRequest or Http404 where the page would answer 400 or 404."""

    name: str
    url_name: str
    load: Callable[[QueryDict, Mapping[str, str]], ChartData]


CHARTS: dict[str, ExportableChart] = {}


def register_chart(chart: ExportableChart) -> ExportableChart:
    CHARTS[chart.name] = chart
    return chart


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str


def size_from(query: QueryDict) -> export_layout.Size:
    code = query.get("size", export_layout.A4.code)
    if code not in export_layout.SIZES:
        raise BadChartRequest(
            _("Unknown size: %(size)s.") % {"size": code},
            [f"size={size}" for size in export_layout.SIZES],
        )
    return export_layout.SIZES[code]


def export_chart(
    name: str, fmt: str, query: QueryDict, url_kwargs: Mapping[str, str]
) -> ExportFile:
    """The chart's file in format fmt, for the page whose query and URL arguments are given."""
    chart = CHARTS[name]
    size = size_from(query)
    filename = _filename(name, fmt, size, url_kwargs)
    if fmt == "csv":
        return ExportFile(csv_bytes(chart.load(query, url_kwargs)), CONTENT_TYPES[fmt], filename)
    version = current_version()
    # Looked up before the records are read: a valid entry was built from records that were
    # valid at this version, and an invalid query never made one.
    content = cached(
        "export",
        lambda: drawn_file(chart.load(query, url_kwargs), fmt, size, version),
        name,
        fmt,
        size.code,
        dict(url_kwargs),
        query_items(query),
    )
    return ExportFile(content, CONTENT_TYPES[fmt], filename)


def query_items(query: QueryDict) -> list[tuple[str, list[str]]]:
    """The query as a cache key part: keys sorted, each key's values in their own order (it
    can matter, as the order of countries on the compare page does), the size left out (it
    is a part of its own)."""
    return [(key, query.getlist(key)) for key in sorted(query) if key != "size"]


def drawn_file(
    data: ChartData, fmt: str, size: export_layout.Size, version: DatasetVersion
) -> bytes:
    """The chart drawn as PNG, SVG, PDF or a PPTX slide, with the "data as of" line."""
    footer = as_of_line(version)
    if fmt == "pptx":
        return slides.chart_slide(data, footer=footer)
    fitted = export_layout.fit(data.figure, size, footer=footer)
    content = rendering.render(
        fitted.figure,
        fmt=fmt,
        width=fitted.width,
        height=fitted.height,
        scale=PNG_SCALE if fmt == "png" else 1,
    )
    if fmt == "png":
        pixels_per_metre = round(fitted.width * PNG_SCALE / size.physical_width_m)
        content = rendering.with_resolution(content, pixels_per_metre=pixels_per_metre)
    return content


def as_of_line(version: DatasetVersion) -> str:
    """“Wijkwijzer · data as of 27 November 2026 (dataset version 12) · English”."""
    changed = date_format(timezone.localtime(version.changed_at), "j F Y")
    return _("Wijkwijzer · data as of %(date)s (dataset version %(number)s) · %(language)s") % {
        "date": changed,
        "number": version.number,
        "language": get_language_info(get_language())["name_translated"],
    }


def csv_bytes(data: ChartData) -> bytes:
    """The data drawn, one line per bar or marker, as Excel reads it (UTF-8 with a BOM)."""
    stream = io.StringIO()
    stream.write(BYTE_ORDER_MARK)
    writer = csv.writer(stream)
    writer.writerow(data.columns)
    for each in data.rows:
        writer.writerow([each[name] or "" for name in data.columns])
    return stream.getvalue().encode()


def _filename(name: str, fmt: str, size: export_layout.Size, url_kwargs) -> str:
    parts = ["wijkwijzer", name, *url_kwargs.values(), get_language()]
    if size is not export_layout.A4 and fmt in ("png", "svg", "pdf"):
        parts.append(size.code)
    return "-".join(str(part) for part in parts) + f".{fmt}"


# The countries on the two dimensions (overview page).


def dimension_map_records() -> tuple[list[DimensionPosition], list[Dimension]]:
    positions = list(DimensionPosition.objects.overall().for_display())
    return positions, list(Dimension.objects.all()[:2])


def dimension_map_chart(
    positions: Sequence[DimensionPosition], dimensions: Sequence[Dimension]
) -> ChartData | None:
    """Each country's overall place on the first two dimensions; None without both."""
    if len(dimensions) != 2 or not positions:
        return None
    x_dimension, y_dimension = dimensions
    figure = charts.dimension_map(positions, x_dimension, y_dimension)
    by_country: dict[str, dict[int, DimensionPosition]] = {}
    for position in positions:
        by_country.setdefault(position.country.code, {})[position.dimension_id] = position
    rows = []
    citations: list[Citation] = []
    # As the chart draws them: countries placed on both dimensions.
    for placed in by_country.values():
        x, y = placed.get(x_dimension.pk), placed.get(y_dimension.pk)
        if x is None or y is None:
            continue
        cited = [*x.citations.all(), *y.citations.all()]
        citations += cited
        rows.append(
            row(
                country_code=x.country.code,
                country=x.country.name,
                x_dimension=x_dimension.name,
                x_position=x.position,
                x_label=x.label,
                y_dimension=y_dimension.name,
                y_position=y.position,
                y_label=y.label,
                **citation_cells(cited),
            )
        )
    return ChartData(
        figure=figure,
        summary=dimension_summary(positions, dimensions),
        columns=(
            "country_code",
            "country",
            "x_dimension",
            "x_position",
            "x_label",
            "y_dimension",
            "y_position",
            "y_label",
            *CITATION_COLUMNS,
        ),
        rows=rows,
        citations=tuple(dict.fromkeys(citations)),
    )


def dimension_summary(
    positions: Sequence[DimensionPosition], dimensions: Sequence[Dimension]
) -> str:
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


def _load_dimension_map(query: QueryDict, url_kwargs: Mapping[str, str]) -> ChartData:
    chart = dimension_map_chart(*dimension_map_records())
    if chart is None:
        raise Http404(_("There is no chart of the dimensions yet."))
    return chart


# Budgets in euro per year (budgets page and country profiles).


def budget_display_order(codes: Sequence[str] = ()) -> list[int]:
    """The ids of these countries' budgets (all when none) in the order the budgets page and
    its chart show them: by country, largest euro per year first, shares right under their
    whole. Worked out once per dataset version: it converts every budget."""
    return cached("budget-order", lambda: _budget_order(codes), list(codes), per_language=False)


def _budget_order(codes: Sequence[str]) -> list[int]:
    # Plain values, not records: with thousands of budgets, building a record of each (let
    # alone with its programme, level, country and citations) would take most of a second.
    # None of them is translated, so modeltranslation need not look at each row.
    budgets = Budget.objects.rewrite(False)
    if codes:
        budgets = budgets.filter(programme__level__country__code__in=codes)
    rows = budgets.values_list(
        "pk",
        "part_of",
        "amount",
        "currency",
        "basis",
        "period_start",
        "period_end",
        "programme__level__country__order",
        "programme__level__country__code",
        # Where the budget states no first year, its source's year picks the rate.
        Max("citations__source__year"),
    )
    rates = ExchangeRate.objects.rate_table()
    euro: dict[int, Decimal | None] = {}
    whole_of: dict[int, int | None] = {}
    country: dict[int, tuple[int, str]] = {}
    for pk, part_of, amount, currency, basis, start, end, order, code, source_year in rows:
        whole_of[pk], country[pk] = part_of, (order, code)
        try:
            euro[pk] = euro_per_year_of(
                amount=amount,
                currency=currency,
                basis=basis,
                period_start=start,
                period_end=end,
                rate_year=start if start is not None else source_year,
                rates=rates,
            )
        except EuroNotComputable:
            euro[pk] = None

    def largest_first(pk: int) -> tuple:
        return euro[pk] is None, -(euro[pk] or 0), pk

    def key(pk: int) -> tuple:
        whole = whole_of[pk] if whole_of[pk] in euro else pk
        return (*country[pk], largest_first(whole), whole != pk, largest_first(pk))

    return sorted(euro, key=key)


def budgets_in_order(ids: Sequence[int], queryset: QuerySet[Budget] | None = None) -> list[Budget]:
    """These budgets, converted to euro per year, in the order of ``ids``; from ``queryset``
    where the caller needs more of each than the chart does."""
    queryset = queryset if queryset is not None else Budget.objects.with_related()
    found = {
        budget.pk: budget
        for budget in queryset.filter(pk__in=ids).in_euro(ExchangeRate.objects.rate_table())
    }
    return [found[pk] for pk in ids if pk in found]


def country_budgets(country: Country) -> list[Budget]:
    """A country's budgets by programme and period, as its profile lists them."""
    budgets = (
        Budget.objects.filter(programme__level__country=country)
        .select_related("programme__level__country", "funding_level")
        .prefetch_related(with_citations())
        .order_by("programme__name", "period_start")
    )
    return budgets.in_euro(ExchangeRate.objects.rate_table())


def drawn_budgets(budgets: Iterable[Budget]) -> list[Budget]:
    """The budgets a bar chart draws: not a share of another (it would count twice), and
    with a euro figure."""
    return [b for b in budgets if b.part_of_id is None and b.eur_per_year is not None]


def budget_chart(budgets: Sequence[Budget], *, log_scale: bool = False) -> ChartData | None:
    """Euro per year of each budget as a bar; None when no budget can be drawn."""
    drawn = drawn_budgets(budgets)
    if not drawn:
        return None
    rows = []
    citations: list[Citation] = []
    for budget in drawn:
        cited = [
            *budget.citations.all(),
            *(budget.rate_used.citations.all() if budget.rate_used else ()),
        ]
        citations += cited
        country = budget.programme.level.country
        rows.append(
            row(
                country_code=country.code,
                country=country.name,
                programme=budget.programme.name,
                period=budget.period_label,
                euro_per_year=budget.eur_per_year,
                **citation_cells(cited),
            )
        )
    return ChartData(
        figure=charts.budget_bars(budgets, log_scale=log_scale),
        summary=budget_summary(budgets),
        columns=(
            "country_code",
            "country",
            "programme",
            "period",
            "euro_per_year",
            *CITATION_COLUMNS,
        ),
        rows=rows,
        citations=tuple(dict.fromkeys(citations)),
    )


def budget_summary(budgets: Sequence[Budget]) -> str:
    """The chart in words: how many budgets it draws, the largest and smallest, and what
    only the table lists."""
    drawn = drawn_budgets(budgets)
    if not drawn:
        return ""
    largest = max(drawn, key=lambda budget: budget.eur_per_year)
    smallest = min(drawn, key=lambda budget: budget.eur_per_year)
    return _(
        "The chart draws %(drawn)s budgets. The largest is %(largest_name)s with "
        "€ %(largest_amount)s per year, the smallest %(smallest_name)s with "
        "€ %(smallest_amount)s per year. Shares of another budget (%(shares)s) and budgets "
        "without a euro figure (%(not_computable)s) are listed in the table only."
    ) % {
        "drawn": len(drawn),
        "largest_name": largest.programme.name,
        "largest_amount": floatformat(largest.eur_per_year, "0g"),
        "smallest_name": smallest.programme.name,
        "smallest_amount": floatformat(smallest.eur_per_year, "0g"),
        "shares": sum(1 for budget in budgets if budget.part_of_id is not None),
        "not_computable": sum(1 for budget in budgets if budget.eur_per_year is None),
    }


def budget_filter(query: QueryDict) -> tuple[list[str], bool]:
    """The budgets page's query: the chosen country codes and whether the scale is log."""
    countries = list(Country.objects.all())
    form = BudgetFilterForm(query, countries=countries)
    if not form.is_valid():
        raise BadChartRequest(form_errors(form), form.valid_values(countries))
    return form.cleaned_data["country"], form.cleaned_data["scale"] == "log"


def _load_budget_bars(query: QueryDict, url_kwargs: Mapping[str, str]) -> ChartData:
    codes, log_scale = budget_filter(query)
    # The page's chart draws the page's budgets only; so does its file.
    page = page_in_query(query, budget_display_order(codes), BUDGETS_PER_PAGE)
    chart = budget_chart(budgets_in_order(page.object_list), log_scale=log_scale)
    if chart is None:
        raise Http404(_("None of these budgets can be drawn in euro per year."))
    return chart


def _load_country_budgets(query: QueryDict, url_kwargs: Mapping[str, str]) -> ChartData:
    country = get_object_or_404(Country, code=url_kwargs["code"])
    chart = budget_chart(country_budgets(country))
    if chart is None:
        raise Http404(_("None of these budgets can be drawn in euro per year."))
    return chart


register_chart(
    ExportableChart("dimension-map", "comparisons:dimension-map-file", _load_dimension_map)
)
register_chart(ExportableChart("budget-bars", "comparisons:budget-bars-file", _load_budget_bars))
register_chart(
    ExportableChart("country-budgets", "comparisons:country-budgets-file", _load_country_budgets)
)
