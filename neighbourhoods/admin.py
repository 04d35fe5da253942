from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationTabularInline

from comparisons.admin_base import ContentAdmin, LockedInline, TranslatedContentAdmin
from comparisons.imports import WholeFileImportMixin

from .models import (
    Designation,
    Indicator,
    ListAssessment,
    ListAssessmentValue,
    ListCategoryRule,
    ListCount,
    ListCriterion,
    LocalMeasure,
    Observation,
    Place,
)
from .resources import ObservationResource


class ObservationInline(LockedInline, TranslationTabularInline):
    model = Observation
    extra = 0
    fields = ["indicator", "value", "year", "year_end", "date", "note_nl", "note_en"]
    autocomplete_fields = ["indicator"]
    show_change_link = True


class DesignationInline(LockedInline, TranslationTabularInline):
    model = Designation
    extra = 0
    fields = ["code", "name_nl", "name_en", "programme", "start_year", "end_year"]
    autocomplete_fields = ["programme"]
    show_change_link = True


class LocalMeasureInline(LockedInline, TranslationTabularInline):
    model = LocalMeasure
    extra = 0
    fields = ["slug", "name_nl", "name_en", "kind", "programme"]
    autocomplete_fields = ["programme"]
    show_change_link = True


@admin.register(Place)
class PlaceAdmin(TranslatedContentAdmin):
    list_display = ["name", "kind", "parent", "country", "is_case_study"]
    list_filter = ["country", "kind", "is_case_study"]
    list_select_related = ["country", "parent"]
    search_fields = ["slug", "name_nl", "name_en", "original_name"]
    autocomplete_fields = ["country", "parent"]
    prepopulated_fields = {"slug": ["name_nl"]}
    inlines = [ObservationInline, DesignationInline, LocalMeasureInline]


@admin.register(Designation)
class DesignationAdmin(TranslatedContentAdmin):
    list_display = ["place", "name", "start_year", "end_year", "programme"]
    list_filter = ["code", "place__country"]
    list_select_related = ["place", "programme"]
    search_fields = ["code", "name_nl", "name_en", "place__name_nl", "place__name_en"]
    autocomplete_fields = ["place", "programme"]


@admin.register(Indicator)
class IndicatorAdmin(TranslatedContentAdmin):
    list_display = ["name", "code", "unit", "theme", "order"]
    list_filter = ["unit", "theme"]
    list_select_related = ["theme"]
    search_fields = ["code", "name_nl", "name_en"]
    autocomplete_fields = ["theme"]


@admin.register(Observation)
class ObservationAdmin(WholeFileImportMixin, TranslatedContentAdmin):
    resource_classes = [ObservationResource]
    list_display = ["place", "indicator", "value", "period"]
    list_filter = ["place__country", "indicator", "year"]
    list_select_related = ["place", "indicator"]
    search_fields = ["place__name_nl", "place__name_en", "indicator__name_nl", "indicator__code"]
    autocomplete_fields = ["place", "indicator"]

    @admin.display(description=_("period"), ordering="year")
    def period(self, observation: Observation) -> str:
        return observation.period_label


@admin.register(LocalMeasure)
class LocalMeasureAdmin(TranslatedContentAdmin):
    list_display = ["name", "place", "kind", "programme", "start_year"]
    list_filter = ["place__country", "kind", "themes"]
    list_select_related = ["place", "programme"]
    search_fields = ["slug", "name_nl", "name_en", "original_name"]
    autocomplete_fields = ["place", "programme", "themes"]
    prepopulated_fields = {"slug": ["name_nl"]}


@admin.register(ListCriterion)
class ListCriterionAdmin(TranslatedContentAdmin):
    list_display = [
        "name",
        "country",
        "number",
        "role",
        "comparison",
        "threshold",
        "unit",
        "valid_from",
        "valid_until",
    ]
    list_filter = ["country", "role", "category"]
    list_select_related = ["country"]
    search_fields = ["code", "name_nl", "name_en"]
    autocomplete_fields = ["country"]


@admin.register(ListCategoryRule)
class ListCategoryRuleAdmin(TranslatedContentAdmin):
    list_display = [
        "category",
        "country",
        "min_criteria_met",
        "consecutive_years",
        "valid_from",
        "valid_until",
    ]
    list_filter = ["country", "category"]
    list_select_related = ["country"]
    search_fields = ["description_nl", "description_en"]
    autocomplete_fields = ["country"]


@admin.register(ListCount)
class ListCountAdmin(TranslatedContentAdmin):
    list_display = ["country", "category", "year", "count"]
    list_filter = ["country", "category", "year"]
    list_select_related = ["country"]
    search_fields = ["country__code"]
    autocomplete_fields = ["country"]


class ListAssessmentValueInline(LockedInline, admin.TabularInline):
    model = ListAssessmentValue
    extra = 0
    fields = ["criterion", "value", "unit", "measured", "required_change", "required_change_unit"]
    autocomplete_fields = ["criterion"]


@admin.register(ListAssessment)
class ListAssessmentAdmin(ContentAdmin):
    list_display = ["place", "list_year", "category"]
    list_filter = ["list_year", "category"]
    list_select_related = ["place"]
    search_fields = ["place__name_nl", "place__name_en", "place__original_name"]
    autocomplete_fields = ["place"]
    inlines = [ListAssessmentValueInline]
