"""Import and export of records in the admin (django-import-export), all or nothing.

Columns name related records by their natural keys — ``BE/federal`` for a governance level,
``stedenbeleid/bund-2019`` for a budget — never by database ids, so a file written by hand or
exported from another Wijkwijzer reads the same. Every row is checked with the model's own
validation (fields, ``clean()`` and the database constraints' messages) before anything is
written; one bad row refuses the whole file.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin

from .models import Citation

KEY_SEPARATOR = "/"
LIST_SEPARATOR = ";"


def natural_key_text(record: models.Model) -> str:
    return KEY_SEPARATOR.join(str(part) for part in record.natural_key())


class NaturalKeyWidget(widgets.ForeignKeyWidget):
    """A related record written as its natural key, parts joined by “/”."""

    def __init__(self, model: type[models.Model], example: str) -> None:
        super().__init__(model)
        self.example = example

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return None
        parts = text.split(KEY_SEPARATOR)
        try:
            return self.model.objects.get_by_natural_key(*parts)
        except (self.model.DoesNotExist, ValueError):
            raise ValueError(
                _("There is no %(model)s “%(value)s” (write it like “%(example)s”).")
                % {"model": self.model._meta.verbose_name, "value": text, "example": self.example}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else natural_key_text(value)


class KeysWidget(widgets.ManyToManyWidget):
    """Several related records by their keys, separated by “;”. Unlike the library's own
    widget, a key that matches nothing is an error, not silently dropped."""

    def __init__(self, model: type[models.Model], field: str) -> None:
        super().__init__(model, separator=LIST_SEPARATOR, field=field)

    def clean(self, value, row=None, **kwargs):
        keys = [key.strip() for key in str(value or "").split(self.separator) if key.strip()]
        found = self.model.objects.filter(**{f"{self.field}__in": keys})
        unknown = sorted(set(keys) - {getattr(record, self.field) for record in found})
        if unknown:
            raise ValueError(
                _("Unknown %(model)s: %(keys)s.")
                % {"model": self.model._meta.verbose_name_plural, "keys": ", ".join(unknown)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(sorted(getattr(record, self.field) for record in value.all()))


def natural_key_field(
    attribute: str, model: type[models.Model], example: str, *, required: bool = True
) -> fields.Field:
    return fields.Field(
        attribute=attribute,
        column_name=attribute,
        widget=NaturalKeyWidget(model, example),
        saves_null_values=not required,
    )


def _blank_is_none(value):
    return None if value == "" else value


def citations_field() -> fields.Field:
    return fields.Field(
        attribute="citations", column_name="citations", widget=KeysWidget(Citation, "key")
    )


class ContentResource(resources.ModelResource):
    """What every importable model shares: checked like an admin form, all or nothing."""

    class Meta:
        abstract = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def import_instance(self, instance, row, **kwargs):
        # The library checks many-to-many columns only when saving them, after the row's
        # other checks; check them here so every problem of a row is reported together.
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.error_dict
        for field in self.get_import_fields():
            # A file may leave a column out: the records keep what they have.
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row, **kwargs)
                except ValueError as error:
                    errors[field.attribute] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        # An empty cell is an empty text, whether the database holds "" or NULL (translated
        # fields left empty are NULL): an exported file re-imports as “unchanged”.
        if import_validation_errors or original is None or original.pk is None:
            return False
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget):
                if field.column_name in row and {r.pk for r in field.clean(row)} != {
                    r.pk for r in field.get_value(original).all()
                }:
                    return False
            elif _blank_is_none(field.get_value(instance)) != _blank_is_none(
                field.get_value(original)
            ):
                return False
        return True

    def get_instance(self, instance_loader, row):
        # A key column naming nothing (an unknown programme) would otherwise stop the row
        # with a bare error before its fields are checked; as a new record, the same column
        # fails with its message beside the row's other problems.
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None


class WholeFileImportMixin(ImportExportMixin):
    """Import (with the library's dry-run preview first) and export in the admin.

    The preview already refuses a file with any invalid row. The confirmed import runs again
    in one transaction and is rolled back whole if a row has become invalid since (someone
    edited a record in between): never half an import.
    """

    def get_import_data_kwargs(self, **kwargs):
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(request, REFUSED_MESSAGE)
            opts = self.model._meta
            return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)


REFUSED_MESSAGE = gettext_lazy(
    "The file was refused and nothing was imported: a row no longer passes the checks, "
    "probably because a record changed after the preview. Import the file again to see "
    "which row and column."
)
