"""The data downloads: records in, rows out, and the same rows written as CSV or JSON.

Column names are stable English identifiers; cell text follows the active language.
Each app registers its own downloads in ``DOWNLOADS``, so that comparisons never has to
import neighbourhoods (which adds its statistics and measures from its ``ready()``).
"""

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import (
    STATED_EUR_TOLERANCE,
    Budget,
    Citation,
    DataNote,
    ExchangeRate,
    Programme,
    RateTable,
    convert_budgets,
    with_citations,
)

# Several citations share one cell per column, in the same order in each column.
CITATION_SEPARATOR = " | "
# Excel only reads a CSV file as UTF-8 when it starts with a byte order mark.
BYTE_ORDER_MARK = "\ufeff"

Row = dict[str, str | None]


class Writable(Protocol):
    """A text stream or an HttpResponse: anything csv.writer can write to."""

    def write(self, text: str, /) -> object: ...


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str


@dataclass(frozen=True)
class Download:
    """One CSV file: its columns, how to read its records, and how to turn them into rows."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    records: Callable[[], Iterable[Any]]
    rows: Callable[[Iterable[Any]], list[Row]]

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def build(self) -> list[Row]:
        return self.rows(self.records())


DOWNLOADS: dict[str, Download] = {}


def register_download(download: Download) -> Download:
    """Offer a download on the data page; each app adds its own."""
    DOWNLOADS[download.name] = download
    return download


def cell(value: Any) -> str | None:
    """A value as cell text: numbers plain (full stop, no thousands separator), yes/no in
    the active language, and None for anything absent or empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, Decimal):
        # normalize() drops trailing zeros; "f" keeps 1E+10 from showing as such.
        return format(value.normalize(), "f")
    return str(value)


def row(**cells: Any) -> Row:
    return {name: cell(value) for name, value in cells.items()}


def page_range(citation: Citation) -> str:
    if citation.page and citation.page_end and citation.page_end != citation.page:
        return f"{citation.page}-{citation.page_end}"
    return str(citation.page or "")


def citation_cells(citations: Iterable[Citation]) -> dict[str, str]:
    """The source key, section and pages of every citation, for the last three columns.

    Citations that differ only in their quote name the same place once."""
    cited = list({(c.source.key, c.section, page_range(c)): c for c in citations}.values())
    return {
        "source": CITATION_SEPARATOR.join(citation.source.key for citation in cited),
        "section": CITATION_SEPARATOR.join(citation.section for citation in cited),
        "page": CITATION_SEPARATOR.join(page_range(citation) for citation in cited),
    }


CITATION_COLUMNS = (
    Column("source", _("Key of the source each fact comes from (see Sources and method).")),
    Column("section", _("Section of that source.")),
    Column("page", _("Page or page range in that source, e.g. 33-42; empty if none is given.")),
)


COUNTRY_COLUMNS = (
    Column("country_code", _("ISO 3166-1 code of the country, e.g. DE.")),
    Column("country", _("Name of the country.")),
)


def write_csv(stream: Writable, download: Download, rows: Iterable[Row]) -> None:
    """The header row of column names, then one line per row; absent values stay empty."""
    stream.write(BYTE_ORDER_MARK)
    writer = csv.writer(stream)
    names = download.column_names
    writer.writerow(names)
    for each in rows:
        writer.writerow([each[name] or "" for name in names])


def dataset_rows() -> dict[str, list[Row]]:
    """Every download's rows under its name: the whole dataset as one JSON-ready dict."""
    return {name: download.build() for name, download in DOWNLOADS.items()}


def programme_records() -> QuerySet[Programme]:
    return Programme.objects.select_related("level__country", "parent").prefetch_related(
        "themes", with_citations()
    )


def programme_rows(programmes: Iterable[Programme]) -> list[Row]:
    return [
        row(
            slug=programme.slug,
            country_code=programme.level.country.code,
            country=programme.level.country.name,
            level=programme.level.name,
            kind=programme.get_kind_display(),
            name=programme.name,
            original_name=programme.original_name,
            abbreviation=programme.abbreviation,
            part_of=programme.parent.slug if programme.parent else None,
            is_key=programme.is_key,
            start_year=programme.start_year,
            end_year=programme.end_year,
            themes="; ".join(theme.name for theme in programme.themes.all()),
            description=programme.description,
            goals=programme.goals,
            **citation_cells(programme.citations.all()),
        )
        for programme in programmes
    ]


def budget_records() -> QuerySet[Budget]:
    return Budget.objects.with_related().select_related("part_of__programme")


def budget_rows(budgets: Iterable[Budget], rates: RateTable | None = None) -> list[Row]:
    """Each budget as the source gives it, with our euro figure or the reason there is none."""
    rates = rates or ExchangeRate.objects.rate_table()
    rows = []
    for budget in convert_budgets(budgets, rates):
        rate = budget.rate_used
        part_of = budget.part_of
        rows.append(
            row(
                programme=budget.programme.slug,
                code=budget.code,
                programme_name=budget.programme.name,
                country_code=budget.programme.level.country.code,
                country=budget.programme.level.country.name,
                amount=budget.amount,
                currency=budget.currency_id,
                basis=budget.get_basis_display(),
                period_start=budget.period_start,
                period_end=budget.period_end,
                funding_level=budget.funding_level.name if budget.funding_level else None,
                part_of=f"{part_of.programme.slug}/{part_of.code}" if part_of else None,
                rate_used=rate.units_per_euro if rate else None,
                rate_year=rate.year if rate else None,
                euro_per_year=budget.eur_per_year,
                no_euro_per_year_reason=budget.eur_problem or None,
                stated_eur=budget.stated_eur,
                stated_eur_disagrees=budget.stated_eur_off,
                note=budget.note,
                **citation_cells(budget.citations.all()),
            )
        )
    return rows


def data_note_records() -> QuerySet[DataNote]:
    return DataNote.objects.select_related("country", "budget__programme").prefetch_related(
        with_citations()
    )


def data_note_rows(notes: Iterable[DataNote]) -> list[Row]:
    return [
        row(
            code=note.code,
            country_code=note.country.code if note.country else None,
            country=note.country.name if note.country else None,
            kind=note.get_kind_display(),
            budget=f"{note.budget.programme.slug}/{note.budget.code}" if note.budget else None,
            title=note.title,
            text=note.text,
            **citation_cells(note.citations.all()),
        )
        for note in notes
    ]


register_download(
    Download(
        name="programmes",
        title=_("Programmes and instruments"),
        description=_("One row per law, programme, fund, plan or instrument, national to local."),
        columns=(
            Column("slug", _("Stable identifier of the programme.")),
            *COUNTRY_COLUMNS,
            Column("level", _("Level of government that runs it.")),
            Column("kind", _("Kind: law, subsidy programme, fund, plan, instrument and so on.")),
            Column("name", _("Name.")),
            Column("original_name", _("Name in the country's own language, where it has one.")),
            Column("abbreviation", _("Abbreviation, where the source uses one.")),
            Column("part_of", _("Identifier (slug) of the programme this one is part of.")),
            Column("is_key", _("Whether it is the country's main national programme (yes/no).")),
            Column("start_year", _("First year.")),
            Column("end_year", _("Last year; empty if still running or not stated.")),
            Column("themes", _("Policy themes it addresses, separated by semicolons.")),
            Column("description", _("Description.")),
            Column("goals", _("Goals, as the source states them.")),
            *CITATION_COLUMNS,
        ),
        records=programme_records,
        rows=programme_rows,
    )
)

register_download(
    Download(
        name="budgets",
        title=_("Budgets"),
        description=_(
            "One row per budget: the amount in its original currency, as the source gives it, "
            "and the euro amount per year computed from it."
        ),
        columns=(
            Column("programme", _("Identifier (slug) of the programme the money is for.")),
            Column("code", _("Tells the programme's budgets apart.")),
            Column("programme_name", _("Name of the programme.")),
            *COUNTRY_COLUMNS,
            Column("amount", _("Amount in the original currency, as the source gives it.")),
            Column("currency", _("ISO 4217 currency code, e.g. EUR or DKK.")),
            Column("basis", _("Whether the amount is per year or a total over the period.")),
            Column("period_start", _("First year; empty where the source states none.")),
            Column("period_end", _("Last year; empty where the source states none.")),
            Column("funding_level", _("Level of government that pays.")),
            Column(
                "part_of",
                _("Programme/code of the budget this amount is a share of: do not add both."),
            ),
            Column(
                "rate_used",
                _("Exchange rate used: units of the currency per euro; empty for euro."),
            ),
            Column("rate_year", _("Year of that exchange rate.")),
            Column("euro_per_year", _("Computed euro amount per year; empty if it cannot be.")),
            Column("no_euro_per_year_reason", _("Why there is no euro amount per year.")),
            Column("stated_eur", _("Euro amount the source itself states, on the same basis.")),
            Column(
                "stated_eur_disagrees",
                format_lazy(
                    _(
                        "Whether the stated euro amount differs from ours by more than "
                        "{percent} per cent (yes/no); empty where it states none."
                    ),
                    percent=f"{STATED_EUR_TOLERANCE * 100:.0f}",
                ),
            ),
            Column("note", _("Note on the figure.")),
            *CITATION_COLUMNS,
        ),
        records=budget_records,
        rows=budget_rows,
    )
)

register_download(
    Download(
        name="data-notes",
        title=_("Data notes"),
        description=_(
            "One row per data note: where the source disagrees with itself or with arithmetic, "
            "and what Wijkwijzer shows."
        ),
        columns=(
            Column("code", _("Stable identifier of the note.")),
            *COUNTRY_COLUMNS,
            Column("kind", _("Kind of problem, e.g. arithmetic slip or naming slip.")),
            Column("budget", _("Programme/code of the budget it concerns, if any.")),
            Column("title", _("Title.")),
            Column("text", _("What the source says, what we found, and what we show.")),
            *CITATION_COLUMNS,
        ),
        records=data_note_records,
        rows=data_note_rows,
    )
)
