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
from functools import wraps
from typing import Concatenate

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse
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


def cached_page[**P](view: Callable[Concatenate[HttpRequest, P], HttpResponse]):
    """Serve a read-only page from the cache: its HTML is built once per dataset version,
    language and address (scheme, host, path and query), and every later request reads
    only the version.

    What a page shows depends on nothing else: no page of the site differs by user (sign-in
    is checked before the view runs), and the CSP nonce, cookies and security headers are
    added by middleware to each response, cached or not. Only complete HTML answers (200)
    are kept, so an error, a redirect or a download is always made afresh.
    """

    @wraps(view)
    def serve(request: HttpRequest, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if request.method != "GET":
            return view(request, *args, **kwargs)
        key = cache_key("page", request.build_absolute_uri())
        stored = cache.get(key)
        if stored is not None:
            content, content_type = stored
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            # A class-based view's page is rendered after the view returns.
            response.add_post_render_callback(lambda rendered: _keep_page(key, rendered))
        else:
            _keep_page(key, response)
        return response

    return serve


def _keep_page(key: str, response: HttpResponse) -> None:
    if _is_whole_page(response):
        cache.set(key, (response.content, response["Content-Type"]), TIMEOUT_SECONDS)


def _is_whole_page(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.has_header("Content-Disposition")
        and not response.cookies
    )
