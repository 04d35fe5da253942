import copy

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import translation

from comparisons.dataset import CONTENT_APPS
from comparisons.models import Source
from comparisons.synthetic import synthesize


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Code outside a request speaks English in tests, so messages read as written;
    requests still choose their own language from the URL or browser."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (local memory in tests), so that the queries it
    counts do not depend on which test filled the cache before it."""
    cache.clear()


_snapshot: list[tuple[type, list]] | None = None


def _load_real_dataset() -> None:
    """Load fixtures/ once per test process, then restore the same rows with bulk inserts:
    loaddata takes seconds, a restore a fraction of that."""
    global _snapshot
    if _snapshot is None:
        call_command("load_dataset", "--force", verbosity=0)
        _snapshot = [
            (model, list(model._base_manager.all()))
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label in CONTENT_APPS
        ]
        return
    models = []
    # Foreign keys are checked at commit on both databases, so the order does not matter.
    for model, rows in _snapshot:
        model._base_manager.bulk_create([copy.copy(row) for row in rows])
        models.append(model)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    """The real dataset from fixtures/, for every test of the module from the first that
    asks for it (so tests with factory-made records come first), rolled back after.

    Tests that use it still need ``db``; each runs in a savepoint inside this transaction.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        _load_real_dataset()
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def large_dataset(django_db_setup, django_db_blocker):
    """The real dataset plus the synthetic one at scale 10 (30 countries, 1,000 programmes,
    100 neighbourhoods), for checking that a page's number of queries does not grow with
    the data."""
    with django_db_blocker.unblock(), transaction.atomic():
        if not Source.objects.filter(key="vji-2019-kwetsbare-wijken").exists():
            _load_real_dataset()
        synthesize(scale=10)
        yield
        transaction.set_rollback(True)
