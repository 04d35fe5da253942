"""Which text fields users read in Dutch and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions

from comparisons.translation import translated

from . import models


@translated(models.Place)
class PlaceTranslation(TranslationOptions):
    fields = ("name", "typology", "description")


@translated(models.Designation)
class DesignationTranslation(TranslationOptions):
    fields = ("name", "note")


@translated(models.Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "description")


@translated(models.Observation)
class ObservationTranslation(TranslationOptions):
    fields = ("note",)


@translated(models.LocalMeasure)
class LocalMeasureTranslation(TranslationOptions):
    fields = ("name", "description", "outcome")


@translated(models.ListCriterion)
class ListCriterionTranslation(TranslationOptions):
    fields = ("name", "description", "measured_over")


@translated(models.ListCategoryRule)
class ListCategoryRuleTranslation(TranslationOptions):
    fields = ("description",)


@translated(models.ListCount)
class ListCountTranslation(TranslationOptions):
    fields = ("note",)
