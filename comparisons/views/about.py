"""Pages about Wijkwijzer itself: where its data comes from, and how accessible it is."""

from datetime import date
from itertools import groupby

from django.db.models import Count, F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..caching import cached
from ..dataset import dataset_summary
from ..models import (
    STATED_EUR_TOLERANCE,
    DataNote,
    Dimension,
    DimensionPosition,
    ExchangeRate,
    Source,
    with_citations,
)

# Changes only when the statement is reviewed again, not with each release.
STATEMENT_DATE = date(2026, 11, 27)
NO_COUNTRY = "–"


def sources(request: HttpRequest) -> HttpResponse:
    # Meta.ordering does not apply to a query with GROUP BY: order explicitly.
    all_sources = list(
        Source.objects.annotate(citation_count=Count("citations")).order_by(
            F("year").desc(nulls_last=True), "title"
        )
    )
    rates = ExchangeRate.objects.select_related("currency").prefetch_related(with_citations())
    return render(
        request,
        "comparisons/sources.html",
        {
            "reports": [source for source in all_sources if source.kind == Source.Kind.REPORT],
            "other_sources": [s for s in all_sources if s.kind != Source.Kind.REPORT],
            # Counting every record takes a while at scale: once per dataset version.
            "summary": _summary_rows(cached("dataset-summary", dataset_summary)),
            "dimensions": list(Dimension.objects.all()),
            "scale": DimensionPosition.Position.choices,
            "tolerance_percent": f"{STATED_EUR_TOLERANCE * 100:.0f}",
            "rates": list(rates),
            "note_groups": _data_note_groups(),
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "comparisons/accessibility.html", {"statement_date": STATEMENT_DATE})


def _summary_rows(summary: dict[str, dict[str, int]]) -> list[dict]:
    """One row per kind of record: its total, and its count per country code (those without
    a country last, as None)."""
    rows = []
    for kind, counts in summary.items():
        by_country = sorted(
            (code, n) for code, n in counts.items() if code not in ("total", NO_COUNTRY)
        )
        if NO_COUNTRY in counts:
            by_country.append((None, counts[NO_COUNTRY]))
        rows.append({"kind": kind, "total": counts["total"], "by_country": by_country})
    return rows


def _data_note_groups() -> list[dict]:
    """The data notes by country, in the countries' own order; notes across countries last."""
    notes = (
        DataNote.objects.select_related("country", "budget__programme")
        .prefetch_related(with_citations())
        .order_by(F("country__order").asc(nulls_last=True), "country__code", "code")
    )
    groups = []
    for _country_id, grouped in groupby(notes, key=lambda note: note.country_id):
        in_group = list(grouped)
        groups.append({"country": in_group[0].country, "notes": in_group})
    return groups
