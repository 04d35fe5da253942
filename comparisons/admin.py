from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from .admin_base import ContentAdmin, LockedInline, TranslatedContentAdmin
from .imports import WholeFileImportMixin
from .models import (
    Budget,
    Citation,
    Country,
    Currency,
    DataNote,
    Dimension,
    DimensionPosition,
    EuroNotComputable,
    ExchangeRate,
    Finding,
    GovernanceLevel,
    Programme,
    RateTable,
    Responsibility,
    Source,
    Theme,
)
from .resources import BudgetResource, ProgrammeResource


def euro_per_year_label(budget: Budget, rates: RateTable | None = None) -> str:
    """The computed euro figure, or why there is none: never a silent blank."""
    if budget.pk is None:
        return "–"
    rates = rates or ExchangeRate.objects.rate_table()
    try:
        euro = budget.euro_per_year(rates)
    except EuroNotComputable as reason:
        return str(reason)
    rate = budget.exchange_rate(rates)
    basis = (
        _("1 EUR = %(rate)s %(currency)s (%(year)s)")
        % {"rate": rate.units_per_euro, "currency": rate.currency_id, "year": rate.year}
        if rate
        else _("already in euro")
    )
    return _("€ %(euro)s per year — %(basis)s") % {"euro": f"{euro:,.2f}", "basis": basis}


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = ["title", "kind", "year", "publisher"]
    list_filter = ["kind", "year"]
    search_fields = ["key", "title", "authors", "publisher", "isbn"]


@admin.register(Citation)
class CitationAdmin(ContentAdmin):
    list_display = ["key", "source", "section", "page", "page_end"]
    list_filter = ["source"]
    list_select_related = ["source"]
    search_fields = ["key", "section", "quote"]
    autocomplete_fields = ["source"]


class GovernanceLevelInline(LockedInline, TranslationTabularInline):
    model = GovernanceLevel
    extra = 0
    fields = ["code", "tier", "name_nl", "name_en", "original_name"]
    show_change_link = True


@admin.register(Country)
class CountryAdmin(TranslatedContentAdmin):
    list_display = ["code", "name", "original_name", "has_national_policy", "colour_swatch"]
    search_fields = ["code", "name_nl", "name_en", "original_name"]
    inlines = [GovernanceLevelInline]

    @admin.display(description=_("chart colour"))
    def colour_swatch(self, country: Country) -> str:
        return format_html(
            '<span style="display:inline-block;width:1em;height:1em;background:{}"></span> {}',
            country.colour,
            country.colour,
        )


@admin.register(GovernanceLevel)
class GovernanceLevelAdmin(TranslatedContentAdmin):
    list_display = ["name", "original_name", "country", "tier", "code"]
    list_filter = ["country", "tier"]
    list_select_related = ["country"]
    search_fields = ["code", "name_nl", "name_en", "original_name", "country__code"]
    autocomplete_fields = ["country"]


@admin.register(Theme)
class ThemeAdmin(TranslatedContentAdmin):
    list_display = ["name", "code", "is_core", "order"]
    list_filter = ["is_core"]
    search_fields = ["code", "name_nl", "name_en"]


@admin.register(Responsibility)
class ResponsibilityAdmin(TranslatedContentAdmin):
    list_display = ["level", "theme", "mode"]
    list_filter = ["level__country", "theme", "mode", "level__tier"]
    list_select_related = ["level__country", "theme"]
    search_fields = ["description_nl", "description_en", "level__name_nl", "level__name_en"]
    autocomplete_fields = ["level", "theme"]


class BudgetInline(LockedInline, TranslationTabularInline):
    model = Budget
    fk_name = "programme"
    extra = 0
    fields = [
        "code",
        "amount",
        "currency",
        "basis",
        "period_start",
        "period_end",
        "funding_level",
        "stated_eur",
        "euro_per_year",
    ]
    readonly_fields = ["euro_per_year"]
    autocomplete_fields = ["currency", "funding_level"]
    show_change_link = True

    @admin.display(description=_("computed euro per year"))
    def euro_per_year(self, budget: Budget) -> str:
        return euro_per_year_label(budget)


class ChildProgrammeInline(LockedInline, TranslationTabularInline):
    model = Programme
    fk_name = "parent"
    extra = 0
    fields = ["slug", "name_nl", "name_en", "kind", "level"]
    autocomplete_fields = ["level"]
    show_change_link = True
    verbose_name = _("part of this programme")
    verbose_name_plural = _("parts of this programme")


@admin.register(Programme)
class ProgrammeAdmin(WholeFileImportMixin, TranslatedContentAdmin):
    resource_classes = [ProgrammeResource]
    list_display = ["name", "abbreviation", "kind", "level", "start_year", "end_year", "is_key"]
    list_filter = ["level__country", "kind", "level__tier", "themes", "is_key"]
    list_select_related = ["level__country"]
    search_fields = ["slug", "name_nl", "name_en", "original_name", "abbreviation"]
    autocomplete_fields = ["level", "parent", "themes"]
    prepopulated_fields = {"slug": ["name_nl"]}
    inlines = [BudgetInline, ChildProgrammeInline]


@admin.register(Currency)
class CurrencyAdmin(TranslatedContentAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name_nl", "name_en"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(ContentAdmin):
    list_display = ["currency", "year", "units_per_euro"]
    list_filter = ["currency"]
    search_fields = ["currency__code"]
    autocomplete_fields = ["currency"]


@admin.register(Budget)
class BudgetAdmin(WholeFileImportMixin, TranslatedContentAdmin):
    resource_classes = [BudgetResource]
    list_display = [
        "programme",
        "code",
        "amount",
        "currency",
        "basis",
        "period_label",
        "funding_level",
        "stated_eur",
        "euro_per_year",
    ]
    list_filter = ["programme__level__country", "currency", "basis", "funding_level__tier"]
    list_select_related = ["programme__level__country", "currency", "funding_level__country"]
    search_fields = ["code", "programme__name_nl", "programme__name_en", "programme__slug"]
    autocomplete_fields = ["programme", "currency", "funding_level"]
    readonly_fields = ["euro_per_year"]

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        # One read of the rates for the whole page instead of one per row.
        rates = ExchangeRate.objects.rate_table()
        for budget in changelist.result_list:
            budget.rate_table = rates
        return changelist

    @admin.display(description=_("period"))
    def period_label(self, budget: Budget) -> str:
        return budget.period_label

    @admin.display(description=_("computed euro per year"))
    def euro_per_year(self, budget: Budget) -> str:
        return euro_per_year_label(budget, getattr(budget, "rate_table", None))


@admin.register(Dimension)
class DimensionAdmin(TranslatedContentAdmin):
    list_display = ["name", "low_pole", "high_pole", "order"]
    search_fields = ["code", "name_nl", "name_en"]


@admin.register(DimensionPosition)
class DimensionPositionAdmin(TranslatedContentAdmin):
    list_display = ["country", "dimension", "theme", "position"]
    list_filter = ["dimension", "country", "theme"]
    list_select_related = ["country", "dimension", "theme"]
    search_fields = ["rationale_nl", "rationale_en"]
    autocomplete_fields = ["country", "dimension", "theme"]


@admin.register(Finding)
class FindingAdmin(TranslatedContentAdmin):
    list_display = ["title", "topic", "kind", "country", "order"]
    list_filter = ["topic", "kind", "country"]
    list_select_related = ["country"]
    search_fields = ["code", "title_nl", "title_en", "text_nl", "text_en"]
    autocomplete_fields = ["country"]


@admin.register(DataNote)
class DataNoteAdmin(TranslatedContentAdmin):
    list_display = ["title", "kind", "country", "budget"]
    list_filter = ["kind", "country"]
    list_select_related = ["country", "budget__programme"]
    search_fields = ["code", "title_nl", "title_en", "text_nl", "text_en"]
    autocomplete_fields = ["country", "budget"]
