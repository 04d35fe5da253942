"""Pages about Wijkwijzer itself: where its data comes from, and how accessible it is."""

from datetime import date
from itertools import groupby

from django.core.exceptions import BadRequest
from django.db.models import Count, F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..caching import cached
from ..dataset import dataset_summary
from ..http import bad_request
from ..models import (
    STATED_EUR_TOLERANCE,
    Citation,
    Cited,
    DataNote,
    Dimension,
    DimensionPosition,
    ExchangeRate,
    Source,
    citations_of,
)
from ..paging import page_of

# Changes only when the statement is reviewed again, not with each release.
STATEMENT_DATE = date(2026, 11, 27)
NO_COUNTRY = "–"
# The record counts per country come a page of countries at a time: with a few hundred
# countries, each kind's row listed them all.
COUNTRIES_PER_PAGE = 15


def sources(request: HttpRequest) -> HttpResponse:
    # Counting every record takes a while at scale: once per dataset version.
    summary = cached("dataset-summary", dataset_summary)
    try:
        page = page_of(request, _summary_countries(summary), COUNTRIES_PER_PAGE)
    except BadRequest as error:
        return bad_request(request, str(error))
    # Meta.ordering does not apply to a query with GROUP BY: order explicitly.
    all_sources = list(
        Source.objects.annotate(citation_count=Count("citations")).order_by(
            F("year").desc(nulls_last=True), "title"
        )
    )
    rates = list(ExchangeRate.objects.select_related("currency"))
    return render(
        request,
        "comparisons/sources.html",
        {
            "reports": [source for source in all_sources if source.kind == Source.Kind.REPORT],
            "other_sources": [s for s in all_sources if s.kind != Source.Kind.REPORT],
            "summary": _summary_rows(summary, set(page.object_list)),
            "page": page,
            "dimensions": list(Dimension.objects.all()),
            "scale": DimensionPosition.Position.choices,
            "tolerance_percent": f"{STATED_EUR_TOLERANCE * 100:.0f}",
            "rates": _with_citations(rates),
            "note_groups": _data_note_groups(),
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "comparisons/accessibility.html", {"statement_date": STATEMENT_DATE})


def _summary_countries(summary: dict[str, dict[str, int]]) -> list[str]:
    """The codes of the countries any kind of record is counted for, in order."""
    codes = {code for counts in summary.values() for code in counts}
    return sorted(codes - {"total", NO_COUNTRY})


def _summary_rows(summary: dict[str, dict[str, int]], codes: set[str]) -> list[dict]:
    """One row per kind of record: its total and its count per country, for the countries
    in ``codes`` and, last as None, for records without a country.

    ``by_country`` is None for a kind that is not counted by country at all."""
    rows = []
    for kind, counts in summary.items():
        by_country = None
        # A kind with no records at all may still be one counted by country.
        if counts["total"] == 0 or set(counts) - {"total"}:
            by_country = sorted((code, n) for code, n in counts.items() if code in codes)
            if NO_COUNTRY in counts:
                by_country.append((None, counts[NO_COUNTRY]))
        rows.append({"kind": kind, "total": counts["total"], "by_country": by_country})
    return rows


def _data_note_groups() -> list[dict]:
    """The data notes by country, in the countries' own order; notes across countries last.
    Each note comes with its citations, as (note, citations)."""
    notes = list(
        DataNote.objects.select_related("country", "budget__programme").order_by(
            F("country__order").asc(nulls_last=True), "country__code", "code"
        )
    )
    groups = []
    for _country_id, grouped in groupby(_with_citations(notes), key=_country_of):
        in_group = list(grouped)
        groups.append({"country": in_group[0][0].country, "notes": in_group})
    return groups


def _country_of(cited: tuple[DataNote, list[Citation]]) -> int | None:
    return cited[0].country_id


def _with_citations[T: Cited](records: list[T]) -> list[tuple[T, list[Citation]]]:
    """Each record with its citations, as (record, citations)."""
    cited = citations_of(records)
    return [(record, cited.get(record.pk, [])) for record in records]
