"""What every content admin shares: history, Dutch and English side by side, citations inline."""

import dataclasses
from functools import cache

from django.contrib import admin
from django.db import models, router, transaction
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .locking import TOKEN_FIELD, LockedModelForm
from .models import Cited


def pair_translations(fields: list) -> list:
    """Put each Dutch field and its English twin on one row of the form."""
    paired: list = []
    for name in fields:
        if (
            isinstance(name, str)
            and name.endswith("_en")
            and paired
            and paired[-1] == name.removesuffix("_en") + "_nl"
        ):
            paired[-1] = (paired[-1], name)
        else:
            paired.append(name)
    return paired


@cache
def citation_inline(model: type[models.Model]) -> type[admin.TabularInline]:
    """An inline to add and remove the citations of a cited record."""
    through = model._meta.get_field("citations").remote_field.through
    return type(
        f"{model.__name__}CitationInline",
        (admin.TabularInline,),
        {
            "model": through,
            "extra": 0,
            "autocomplete_fields": ["citation"],
            "verbose_name": _("citation"),
            "verbose_name_plural": _("citations"),
        },
    )


class LockedInline:
    """An inline whose rows refuse to overwrite a change made since the page was opened."""

    form = LockedModelForm

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        return fields if TOKEN_FIELD in fields else [*fields, TOKEN_FIELD]


# Both mean "not given" in a text field; 0 and False are values.
NOTHING = (None, "")


class ChangesOnlyHistory(HistoricalRecordContextHelper):
    """The history's field-by-field changes without those from nothing to nothing: the admin
    form saves an empty translation it was shown as "" where the record held NULL, which
    the diff would list as "Note [en]: None →" on every save."""

    def context_for_delta_changes(self, delta):
        changes = [
            change
            for change in delta.changes
            if change.old not in NOTHING or change.new not in NOTHING
        ]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))


class ContentAdmin(SimpleHistoryAdmin):
    """History and revert for every record; citations edited inline, not in a tiny box;
    a save that would overwrite someone else's change is refused (comparisons/locking.py)."""

    list_per_page = 50
    form = LockedModelForm

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A revert is a save like any other: check and write in one transaction, as the
        # change form does, so the edit lock holds (simple-history does not wrap it).
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return ChangesOnlyHistory(self.model, historical_record)

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        if issubclass(self.model, Cited):
            inlines.append(citation_inline(self.model))
        return inlines

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if issubclass(self.model, Cited):
            exclude.append("citations")
        return exclude


class TranslatedContentAdmin(ContentAdmin, TranslationAdmin):
    """A content admin whose model has Dutch and English fields."""

    def get_fieldsets(self, request, obj=None):
        return [
            (title, {**options, "fields": pair_translations(list(options["fields"]))})
            for title, options in super().get_fieldsets(request, obj)
        ]
