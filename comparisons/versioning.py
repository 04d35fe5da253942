"""The dataset version: one number that moves whenever any content record changes.

Exports and caches put it in their keys and the footer shows it, so nothing derived from the
records outlives an edit. Saves, deletes and citation changes of every content model move it
through signals. Bulk work — a dataset load, synthetic data — holds the signals back with
``changes_counted_once()`` and moves it once at the end: a load of thousands of records would
otherwise write the version row thousands of times (loaddata's many-to-many links send
signals even though its saves are "raw").
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import F, Model, signals
from django.utils import timezone
from simple_history.models import HistoricalChanges

from .models import DatasetLoad, DatasetVersion

CONTENT_APPS = ("comparisons", "neighbourhoods")
# Bookkeeping, not content: changing these says nothing new about the countries.
NOT_CONTENT = (DatasetLoad, DatasetVersion)
_held_back: ContextVar[bool] = ContextVar("dataset_version_held_back", default=False)


def is_content(model: type[Model]) -> bool:
    return (
        model._meta.app_label in CONTENT_APPS
        and not issubclass(model, NOT_CONTENT)
        and not issubclass(model, HistoricalChanges)
    )


# The version of a database that has never held content: fixed, so that its cache keys are
# the same from one request to the next.
NEVER_CHANGED = datetime(1970, 1, 1, tzinfo=UTC)

# Within one request the version is read once and shared by the footer and every cached
# figure (comparisons/caching.py); outside a request it is read each time. Not a cache of
# the version across requests: each request reads it afresh from the database.
_in_request: ContextVar[dict | None] = ContextVar("dataset_version_in_request", default=None)


def current_version() -> DatasetVersion:
    """The version now; an unsaved version 0 on a database that has never held content."""
    memo = _in_request.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    version = DatasetVersion.objects.filter(pk=1).first() or DatasetVersion(
        pk=1, number=0, changed_at=NEVER_CHANGED
    )
    if memo is not None:
        memo["version"] = version
    return version


def bump_version() -> None:
    """Move the version on, inside the caller's transaction: a rolled-back edit moves nothing."""
    with transaction.atomic():
        moved = DatasetVersion.objects.filter(pk=1).update(
            number=F("number") + 1, changed_at=timezone.now()
        )
        if not moved:
            DatasetVersion.objects.create(pk=1, number=1)
    # A request that edits reads the new version from here on.
    if (memo := _in_request.get()) is not None:
        memo.pop("version", None)


def _request_started(**kwargs) -> None:
    _in_request.set({})


def _request_finished(**kwargs) -> None:
    _in_request.set(None)


@contextmanager
def changes_counted_once() -> Iterator[None]:
    """Everything changed inside moves the version once, on the way out (if nothing failed)."""
    token = _held_back.set(True)
    try:
        yield
    finally:
        _held_back.reset(token)
    bump_version()


def _saved_or_deleted(sender, raw: bool = False, **kwargs) -> None:
    if not raw and not _held_back.get() and is_content(sender):
        bump_version()


def _citations_changed(sender, instance, action: str, **kwargs) -> None:
    if action.startswith("post_") and not _held_back.get() and is_content(type(instance)):
        bump_version()


def connect_signals() -> None:
    # Any sender: models of both apps (and their citation tables) are filtered by is_content.
    signals.post_save.connect(_saved_or_deleted, dispatch_uid="dataset-version-save")
    signals.post_delete.connect(_saved_or_deleted, dispatch_uid="dataset-version-delete")
    signals.m2m_changed.connect(_citations_changed, dispatch_uid="dataset-version-m2m")
    request_started.connect(_request_started, dispatch_uid="dataset-version-request-started")
    request_finished.connect(_request_finished, dispatch_uid="dataset-version-request-finished")
