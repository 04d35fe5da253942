"""Which text fields users read in Dutch and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from . import models


@register(models.Place)
class PlaceTranslation(TranslationOptions):
    fields = ("name", "typology", "description")


@register(models.Designation)
class DesignationTranslation(TranslationOptions):
    fields = ("name", "note")


@register(models.Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "description")


@register(models.Observation)
class ObservationTranslation(TranslationOptions):
    fields = ("note",)


@register(models.LocalMeasure)
class LocalMeasureTranslation(TranslationOptions):
    fields = ("name", "description", "outcome")


@register(models.ListCriterion)
class ListCriterionTranslation(TranslationOptions):
    fields = ("name", "description", "measured_over")


@register(models.ListCategoryRule)
class ListCategoryRuleTranslation(TranslationOptions):
    fields = ("description",)


@register(models.ListCount)
class ListCountTranslation(TranslationOptions):
    fields = ("note",)
