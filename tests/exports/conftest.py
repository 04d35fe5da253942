import pytest
from django.core.cache import cache

from comparisons import rendering


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts without rendered files: the cache outlives a test's database."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def renderer_stopped_at_the_end():
    """The browser is shared by the tests of a process, and closed when they are done."""
    yield
    rendering.renderer.stop()
