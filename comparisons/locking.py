"""No lost edits: an admin form remembers the record as it was when opened, and a save is
refused when someone else has changed the record since (optimistic locking).

The record's fingerprint — a hash of its stored fields and many-to-many links — travels in a
hidden field. No version column is needed, so every content model has it without a migration,
and a revert from history (whose form shows old values) still compares against the row as
stored. At save, the row is read again with SELECT … FOR UPDATE inside the admin's own
transaction, so on PostgreSQL two saves cannot both pass the check.
"""

import hashlib
import json

from django import forms
from django.db import models, transaction
from django.urls import NoReverseMatch, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

TOKEN_FIELD = "edit_token"


def fingerprint(record: models.Model) -> str:
    """A hash of what is stored for ``record``: its own columns and its many-to-many links."""
    opts = record._meta
    state = {field.attname: field.value_from_object(record) for field in opts.concrete_fields}
    for field in opts.many_to_many:
        state[field.name] = sorted(
            getattr(record, field.name).values_list("pk", flat=True).order_by()
        )
    encoded = json.dumps(state, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


def stored(record: models.Model, *, lock: bool = False) -> models.Model | None:
    """The record as the database holds it now, or None when it has been deleted."""
    queryset = type(record)._base_manager.all()
    if lock and transaction.get_connection(queryset.db).in_atomic_block:
        queryset = queryset.select_for_update()
    return queryset.filter(pk=record.pk).first()


def last_change(record: models.Model) -> str:
    """“by Anna on 27 November 2026 14:02”, from the record's history where it has one."""
    history = getattr(record, "history", None)
    latest = history.select_related("history_user").first() if history is not None else None
    if latest is None:
        return ""
    when = date_format(localtime(latest.history_date), "DATETIME_FORMAT")
    if latest.history_user is not None:
        return _("by %(user)s on %(when)s") % {"user": latest.history_user, "when": when}
    return _("on %(when)s") % {"when": when}


def change_url(record: models.Model) -> str:
    opts = record._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    except NoReverseMatch:  # an inline-only model: its parent's page is where it is edited
        return ""


class LockedModelForm(forms.ModelForm):
    """A model form that refuses to overwrite a change made since it was opened."""

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read from the database, not taken from self.instance: a revert form holds old values,
        # and an add form for a model with a typed key (currencies) has a key but no row.
        self._opened = stored(self.instance) if self.instance.pk not in (None, "") else None
        if self._opened is not None and not self.is_bound:
            self.initial[TOKEN_FIELD] = fingerprint(self._opened)

    def clean(self):
        cleaned_data = super().clean()
        if self._opened is None:  # a new record: nothing it could overwrite
            return cleaned_data
        current = stored(self.instance, lock=True)
        if current is None:
            raise forms.ValidationError(
                _(
                    "This record was deleted by someone else after you opened it. "
                    "Your changes were not saved."
                ),
                code="deleted",
            )
        if cleaned_data.get(TOKEN_FIELD) != fingerprint(current):
            raise forms.ValidationError(self._conflict_message(current), code="conflict")
        return cleaned_data

    def _conflict_message(self, current: models.Model) -> str:
        text = _(
            "Someone else saved this record %(change)s, after you opened it. "
            "Your changes were not saved, so nothing was overwritten. "
            "Open the current version, then make your changes again."
        ) % {"change": last_change(current) or _("in the meantime")}
        url = change_url(current)
        if not url:
            return text
        return format_html('{} <a href="{}">{}</a>', text, url, _("Open the current version"))
