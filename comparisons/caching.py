"""Figures derived from the records (euro conversions, charts, counts), kept in Django's cache
under the dataset version.

The cache is the one CACHE_URL names: local memory on a laptop, Redis in production, where
every app server shares it. An editor's save moves the version (comparisons/versioning.py),
so the next request on any server looks under a new key and builds the figure afresh: no
entry is ever stale, and none needs deleting.
"""

import hashlib
import json
from collections.abc import Callable

from django.core.cache import cache
from django.utils.translation import get_language

from .versioning import current_version

# Entries of older versions are never read again; let the cache drop them within a day.
TIMEOUT_SECONDS = 24 * 60 * 60


def cache_key(name: str, *parts: object, per_language: bool = True) -> str:
    """The key of a derived figure: its name, what it was made from, the language where the
    figure holds text, and the dataset version now."""
    language = get_language() if per_language else ""
    digest = hashlib.sha256(json.dumps([parts, language], default=str).encode()).hexdigest()
    return f"wijkwijzer:derived:{name}:{current_version().key}:{digest[:32]}"


def cached[T](name: str, build: Callable[[], T], *parts: object, per_language: bool = True) -> T:
    """The figure from the cache, or built now and stored for the other requests and servers."""
    key = cache_key(name, *parts, per_language=per_language)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT_SECONDS)
    return value
