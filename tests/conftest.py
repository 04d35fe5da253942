import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from tests.synthetic import build_synthetic_dataset


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Code outside a request speaks English in tests, so messages read as written;
    requests still choose their own language from the URL or browser."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def dataset(django_db_setup, django_db_blocker):
    """The real dataset from fixtures/, loaded once per test module and rolled back after.

    Tests that use it still need ``db``; each runs in a savepoint inside this transaction.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_dataset", "--force", verbosity=0)
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def large_dataset(django_db_setup, django_db_blocker):
    """The real dataset plus synthetic countries making it about ten times larger, for
    checking that a page's number of queries does not grow with the data."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_dataset", "--force", verbosity=0)
        build_synthetic_dataset(countries=30)
        yield
        transaction.set_rollback(True)
