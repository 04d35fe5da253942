"""Which text fields users read in Dutch and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from . import models


@register(models.Country)
class CountryTranslation(TranslationOptions):
    fields = ("name", "summary", "definition", "national_policy")


@register(models.GovernanceLevel)
class GovernanceLevelTranslation(TranslationOptions):
    fields = ("name", "description")


@register(models.Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(models.Responsibility)
class ResponsibilityTranslation(TranslationOptions):
    fields = ("description",)


@register(models.Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description", "goals")


@register(models.Currency)
class CurrencyTranslation(TranslationOptions):
    fields = ("name",)


@register(models.Budget)
class BudgetTranslation(TranslationOptions):
    fields = ("note",)


@register(models.Dimension)
class DimensionTranslation(TranslationOptions):
    fields = ("name", "low_pole", "high_pole", "description")


@register(models.DimensionPosition)
class DimensionPositionTranslation(TranslationOptions):
    fields = ("rationale",)


@register(models.Finding)
class FindingTranslation(TranslationOptions):
    fields = ("title", "text")


@register(models.DataNote)
class DataNoteTranslation(TranslationOptions):
    fields = ("title", "text")
