"""The dataset version: one number that moves whenever any content record changes.

Exports and caches put it in their keys and the footer shows it, so nothing derived from the
records outlives an edit. Saves, deletes and citation changes of every content model move it
through signals; ``loaddata`` saves (raw) do not, so that a dataset load moves it once.
"""

from django.db import transaction
from django.db.models import F, Model, signals
from django.utils import timezone
from simple_history.models import HistoricalChanges

from .models import DatasetLoad, DatasetVersion

CONTENT_APPS = ("comparisons", "neighbourhoods")
# Bookkeeping, not content: changing these says nothing new about the countries.
NOT_CONTENT = (DatasetLoad, DatasetVersion)


def is_content(model: type[Model]) -> bool:
    return (
        model._meta.app_label in CONTENT_APPS
        and not issubclass(model, NOT_CONTENT)
        and not issubclass(model, HistoricalChanges)
    )


def current_version() -> DatasetVersion:
    """The version now; an unsaved version 0 on a database that has never held content."""
    return DatasetVersion.objects.filter(pk=1).first() or DatasetVersion(pk=1, number=0)


def bump_version() -> None:
    """Move the version on, inside the caller's transaction: a rolled-back edit moves nothing."""
    with transaction.atomic():
        moved = DatasetVersion.objects.filter(pk=1).update(
            number=F("number") + 1, changed_at=timezone.now()
        )
        if not moved:
            DatasetVersion.objects.create(pk=1, number=1)


def _saved_or_deleted(sender, raw: bool = False, **kwargs) -> None:
    if not raw and is_content(sender):
        bump_version()


def _citations_changed(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_") and is_content(type(instance)):
        bump_version()


def connect_signals() -> None:
    # Any sender: models of both apps (and their citation tables) are filtered by is_content.
    signals.post_save.connect(_saved_or_deleted, dispatch_uid="dataset-version-save")
    signals.post_delete.connect(_saved_or_deleted, dispatch_uid="dataset-version-delete")
    signals.m2m_changed.connect(_citations_changed, dispatch_uid="dataset-version-m2m")
