"""Which text fields users read in Dutch and English (django-modeltranslation).

History (django-simple-history) is registered here too, after the translation: registered
earlier, the history tables would lack the _nl/_en columns.
"""

import simple_history
from modeltranslation.translator import TranslationOptions, translator

from . import models


def translated(model):
    def register(options: type[TranslationOptions]) -> type[TranslationOptions]:
        translator.register(model, options)
        simple_history.register(model)
        return options

    return register


@translated(models.Country)
class CountryTranslation(TranslationOptions):
    fields = ("name", "summary", "definition", "national_policy")


@translated(models.GovernanceLevel)
class GovernanceLevelTranslation(TranslationOptions):
    fields = ("name", "description")


@translated(models.Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")


@translated(models.Responsibility)
class ResponsibilityTranslation(TranslationOptions):
    fields = ("description",)


@translated(models.Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description", "goals")


@translated(models.Currency)
class CurrencyTranslation(TranslationOptions):
    fields = ("name",)


@translated(models.Budget)
class BudgetTranslation(TranslationOptions):
    fields = ("note",)


@translated(models.Dimension)
class DimensionTranslation(TranslationOptions):
    fields = ("name", "low_pole", "high_pole", "description")


@translated(models.DimensionPosition)
class DimensionPositionTranslation(TranslationOptions):
    fields = ("rationale",)


@translated(models.Finding)
class FindingTranslation(TranslationOptions):
    fields = ("title", "text")


@translated(models.DataNote)
class DataNoteTranslation(TranslationOptions):
    fields = ("title", "text")
