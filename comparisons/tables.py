"""The programme table: what each column shows on the page and writes to a download.

Downloads are headed by the column names, not their translated labels, so a script or
spreadsheet that reads them keeps working in either language.
"""

from collections.abc import Iterable
from decimal import Decimal

import django_tables2 as tables
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_tables2.export import TableExport

from .models import Citation, Country, Programme, RateTable
from .templatetags.wijkwijzer import cite

KIND_RANKS = {kind: rank for rank, kind in enumerate(Programme.Kind.values)}


def period_label(programme: Programme) -> str | None:
    """“1999–2018”, “from 1999”, “until 2020”; None where the source states no year."""
    start, end = programme.start_year, programme.end_year
    if start is None and end is None:
        return None
    if end is None:
        return gettext("from %(year)s") % {"year": start}
    if start is None:
        return gettext("until %(year)s") % {"year": end}
    return str(start) if start == end else f"{start}–{end}"


def headline_euro_per_year(programme: Programme, rates: RateTable) -> Decimal | None:
    headline = programme.headline_budget(rates)
    return headline[1] if headline else None


def short_locators(citations: Iterable[Citation]) -> str:
    """“§ 2.3, p. 8; § 4.2, pp. 33–42”: each place named once, for downloads."""
    return "; ".join(dict.fromkeys(citation.short_locator for citation in citations))


def not_available() -> SafeString:
    return format_html('<span class="not-available">{}</span>', gettext("not available"))


class ProgrammeTable(tables.Table):
    slug = tables.Column(visible=False, orderable=False)
    name = tables.Column(verbose_name=_("Name"))
    original_name = tables.Column(visible=False, orderable=False)
    abbreviation = tables.Column(visible=False, orderable=False)
    country = tables.Column(
        verbose_name=_("Country"), accessor="level__country", order_by=("level__country__name",)
    )
    level = tables.Column(verbose_name=_("Level"), order_by=("level__tier", "level__name"))
    tier = tables.Column(accessor="level__tier", visible=False, orderable=False)
    kind = tables.Column(verbose_name=_("Kind"))
    themes = tables.Column(verbose_name=_("Themes"), empty_values=(), orderable=False)
    period = tables.Column(
        verbose_name=_("Period"), accessor="start_year", empty_values=(), exclude_from_export=True
    )
    start_year = tables.Column(visible=False, orderable=False)
    end_year = tables.Column(visible=False, orderable=False)
    euro_per_year = tables.Column(
        verbose_name=_("Largest budget, € per year"),
        empty_values=(),
        orderable=False,
        attrs={"th": {"class": "number"}, "td": {"class": "number"}},
    )
    citations = tables.Column(verbose_name=_("Source"), empty_values=(), orderable=False)

    class Meta:
        model = Programme
        fields = ()
        sequence = (
            "slug",
            "name",
            "original_name",
            "abbreviation",
            "country",
            "level",
            "tier",
            "kind",
            "themes",
            "period",
            "start_year",
            "end_year",
            "euro_per_year",
            "citations",
        )
        orderable = True
        attrs = {"class": "data"}
        empty_text = _("No programme matches these filters.")

    def __init__(self, *args, rates: RateTable, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.rates = rates

    @property
    def caption(self) -> str:
        """“41 programmes and instruments, page 1 of 2”: what passed the filters, and where."""
        # Only a paginated table has a page (django-tables2 sets it in paginate()).
        page = getattr(self, "page", None)
        count = page.paginator.count if page else len(self.rows)
        text = ngettext(
            "%(counter)s programme or instrument", "%(counter)s programmes and instruments", count
        ) % {"counter": count}
        if page and page.paginator.num_pages > 1:
            pages = {"number": page.number, "pages": page.paginator.num_pages}
            text = f"{text}, {gettext('page %(number)s of %(pages)s') % pages}"
        return text

    @classmethod
    def sort_values(cls) -> list[str]:
        """Every value the sort parameter accepts: a sortable column, ascending or not."""
        names = [
            name
            for name, column in cls.base_columns.items()
            if column.visible and column.orderable is not False
        ]
        return [*names, *(f"-{name}" for name in names)]

    def render_name(self, record: Programme) -> SafeString:
        link = format_html(
            '<a href="{}">{}</a>', reverse("comparisons:programme", args=[record.slug]), record.name
        )
        extras = []
        if record.original_name and record.original_name != record.name:
            # Screen readers need the language to say an original name right.
            language = record.level.country.language
            extras.append(
                format_html('<span lang="{}">{}</span>', language, record.original_name)
                if language
                else record.original_name
            )
        if record.abbreviation:
            extras.append(record.abbreviation)
        if not extras:
            return link
        return format_html(
            "{}<br><small>{}</small>", link, format_html_join(" · ", "{}", ((e,) for e in extras))
        )

    def value_name(self, record: Programme) -> str:
        return record.name

    def render_country(self, value: Country) -> str:
        return value.name

    def value_country(self, value: Country) -> str:
        return value.code

    def render_level(self, record: Programme) -> str:
        return record.level.name

    def value_level(self, record: Programme) -> str:
        return record.level.name

    def value_tier(self, record: Programme) -> int:
        return record.level.tier

    def value_kind(self, record: Programme) -> str:
        return record.kind

    def order_kind(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        # The kinds run from binding (law) to local (project): sort in that order, not by code.
        rank = Case(
            *(When(kind=kind, then=Value(rank)) for kind, rank in KIND_RANKS.items()),
            output_field=IntegerField(),
        )
        rank_order = F("kind_rank").desc() if is_descending else F("kind_rank").asc()
        return queryset.annotate(kind_rank=rank).order_by(rank_order, "name"), True

    def render_themes(self, record: Programme) -> str | SafeString:
        themes = record.themes.all()
        return ", ".join(theme.name for theme in themes) if themes else not_available()

    def value_themes(self, record: Programme) -> str:
        return "; ".join(theme.code for theme in record.themes.all())

    def render_period(self, record: Programme) -> str | SafeString:
        return period_label(record) or not_available()

    def order_period(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        # Programmes without a year go last either way, on SQLite as on PostgreSQL.
        if is_descending:
            years = (F("start_year").desc(nulls_last=True), F("end_year").desc(nulls_last=True))
        else:
            years = (F("start_year").asc(nulls_last=True), F("end_year").asc(nulls_last=True))
        return queryset.order_by(*years, "name"), True

    def render_euro_per_year(self, record: Programme) -> str | SafeString:
        euro = headline_euro_per_year(record, self.rates)
        if euro is None:
            return not_available()
        return format_html("€&nbsp;{}", floatformat(euro, "0g"))

    def value_euro_per_year(self, record: Programme) -> Decimal | None:
        return headline_euro_per_year(record, self.rates)

    def render_citations(self, record: Programme) -> SafeString:
        return cite(record.citations.all())

    def value_citations(self, record: Programme) -> str:
        return short_locators(record.citations.all())


class StableHeaderExport(TableExport):
    """A download headed by column names (“country”, “euro_per_year”) in every language."""

    def table_to_dataset(self, table, exclude_columns, dataset_kwargs=None):
        dataset = super().table_to_dataset(table, exclude_columns, dataset_kwargs)
        dataset.headers = [
            column.name
            for column in table.columns.iterall()
            if not (column.column.exclude_from_export or column.name in (exclude_columns or ()))
        ]
        return dataset
