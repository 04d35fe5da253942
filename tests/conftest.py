import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Code outside a request speaks English in tests, so messages read as written;
    requests still choose their own language from the URL or browser."""
    with translation.override("en"):
        yield
