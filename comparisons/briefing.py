"""The briefing PDF of a comparison: the compare page's choices on A4, for a minister's notes.

It takes the compare page's query string (``c`` countries, ``a`` aspects) and holds the title
and date, what was compared, the comparison itself, the charts of the chosen aspects, the
report's cross-country findings, and numbered sources that every statement refers to.
WeasyPrint lays it out from HTML and a print stylesheet; the charts are drawn as for their
own downloads. It fetches nothing: the stylesheet is read from our static files and the
charts are embedded, so no address in the records can make it reach out.
"""

import base64
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.contrib.staticfiles import finders
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import chart_exports, export_layout, rendering
from .caching import cached
from .chart_exports import BadChartRequest, ChartData, ExportFile
from .charts import source_label
from .comparison import ASPECTS, comparison_rows, countries_for_comparison
from .forms import CompareForm
from .http import form_errors
from .models import Citation, Country, DatasetVersion, ExchangeRate, Finding, with_citations
from .versioning import current_version

STYLESHEET = "css/briefing.css"
# Aspects that the dimension map or the budget chart shows.
DIMENSION_ASPECTS = ("central-decentral", "sectoral-integral")
BUDGET_ASPECT = "budgets"


class SourceList:
    """Numbers for the places cited, in the order they are first cited: [1], [2], …"""

    def __init__(self) -> None:
        self._numbers: dict[tuple[int, str], int] = {}
        self.entries: list[tuple[int, Citation]] = []

    def refs(self, citations: Iterable[Citation]) -> list[int]:
        numbers = set()
        for citation in citations:
            # One number per section and page of a source, whatever the quotes.
            key = (citation.source_id, citation.locator)
            if key not in self._numbers:
                self._numbers[key] = len(self._numbers) + 1
                self.entries.append((self._numbers[key], citation))
            numbers.add(self._numbers[key])
        return sorted(numbers)


@dataclass(frozen=True)
class BriefingChart:
    data: ChartData
    image: str
    refs: list[int]


def briefing_file(query: QueryDict) -> ExportFile:
    """The briefing of the comparison the query asks for, in the active language."""
    choices = list(Country.objects.values_list("code", "name"))
    form = CompareForm(query, countries=choices)
    if not form.is_valid():
        raise BadChartRequest(form_errors(form), _valid_values(choices))
    codes, aspects = form.cleaned_data["c"], form.cleaned_data["a"]
    version = current_version()
    today = timezone.localdate()
    # The date is printed on it; whether charts can be drawn decides whether they are in it.
    content = cached(
        "briefing",
        lambda: briefing_pdf(codes, aspects, version, today),
        codes,
        aspects,
        today.isoformat(),
        rendering.is_available(),
    )
    filename = "-".join(["wijkwijzer-briefing", *codes, get_language()]) + ".pdf"
    return ExportFile(content, "application/pdf", filename)


def briefing_pdf(
    codes: Sequence[str], aspect_codes: Sequence[str], version: DatasetVersion, today: date
) -> bytes:
    """Lay the briefing out as an A4 PDF."""
    # Imported here: WeasyPrint loads Pango on import, which only this needs.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    # WeasyPrint logs each step and page at INFO: noise in the server's log.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    context = briefing_context(codes, aspect_codes, version, today)
    html = render_to_string("comparisons/briefing.html", context)
    stylesheet = CSS(filename=finders.find(STYLESHEET))
    # Only the embedded chart images (data: addresses) may be fetched.
    fetcher = URLFetcher(allowed_protocols=["data"])
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet])


def briefing_context(
    codes: Sequence[str], aspect_codes: Sequence[str], version: DatasetVersion, today: date
) -> dict:
    by_code = {country.code: country for country in countries_for_comparison(codes)}
    countries = [by_code[code] for code in codes]
    aspects = [ASPECTS[code] for code in aspect_codes]
    sources = SourceList()
    rows = [
        {
            "aspect": row.aspect,
            "cells": [
                {
                    "country": country,
                    "entries": [
                        {"entry": entry, "refs": sources.refs(entry.citations)}
                        for entry in cell.entries
                    ],
                }
                for country, cell in zip(countries, row.cells, strict=True)
            ],
        }
        for row in comparison_rows(countries, aspects, ExchangeRate.objects.rate_table())
    ]
    charts, charts_left_out = _charts(codes, aspect_codes, version, sources)
    findings = [
        {"finding": finding, "refs": sources.refs(finding.citations.all())}
        for finding in Finding.objects.filter(country=None, kind=Finding.Kind.FINDING)
        .order_by("order", "code")
        .prefetch_related(with_citations())
    ]
    names = [country.name for country in countries]
    return {
        "title": _("Briefing: %(countries)s compared")
        % {"countries": get_text_list(names, _("and"))},
        "date": date_format(today, "j F Y"),
        "as_of": chart_exports.as_of_line(version),
        "countries": countries,
        "aspects": aspects,
        "rows": rows,
        "charts": charts,
        "charts_left_out": charts_left_out,
        "findings": findings,
        "sources": [
            {"number": number, "label": source_label(citation.source), "citation": citation}
            for number, citation in sources.entries
        ],
        # Each document cited, in full, once.
        "documents": list(
            {citation.source_id: citation.source for _n, citation in sources.entries}.values()
        ),
        "language": get_language(),
    }


def _charts(
    codes: Sequence[str],
    aspect_codes: Sequence[str],
    version: DatasetVersion,
    sources: SourceList,
) -> tuple[list[BriefingChart], bool]:
    """The charts of the chosen aspects, for the chosen countries only; and whether they
    had to be left out because this server cannot draw them."""
    wanted: list[ChartData | None] = []
    if any(code in aspect_codes for code in DIMENSION_ASPECTS):
        positions, dimensions = chart_exports.dimension_map_records()
        chosen = [position for position in positions if position.country.code in codes]
        wanted.append(chart_exports.dimension_map_chart(chosen, dimensions))
    if BUDGET_ASPECT in aspect_codes:
        budgets = chart_exports.budgets_in_order(chart_exports.budget_display_order(codes))
        wanted.append(chart_exports.budget_chart(budgets))
    drawn = [chart for chart in wanted if chart is not None]
    if drawn and not rendering.is_available():
        return [], True
    charts = []
    for chart in drawn:
        png = chart_exports.drawn_file(chart, "png", export_layout.A4, version)
        charts.append(
            BriefingChart(
                data=chart,
                image="data:image/png;base64," + base64.b64encode(png).decode(),
                refs=sources.refs(chart.citations),
            )
        )
    return charts, False


def _valid_values(choices) -> list[str]:
    # The compare page's words: the briefing takes its query string.
    countries = ", ".join(code for code, _name in choices)
    return [
        _("c (two or more): %(values)s") % {"values": countries},
        _("a (any, or none for all): %(values)s") % {"values": ", ".join(ASPECTS)},
    ]
