"""The error pages: styled, in the language of the address, and telling nothing about the fault.

400, 403 and 404 look like every other page. 500 and 503 are rendered without the request, so
no context processor (and with it no database query) runs: they must appear when the database
or a context processor is what failed. Exception text never reaches a template.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

# The database server is down, restarting or unreachable: worth trying again later, unlike
# a programming error (ProgrammingError, IntegrityError), which stays a 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 60

# Shown when even the 500 template cannot be rendered (a broken template or URLconf): no
# template, no translation machinery, so both languages at once.
FALLBACK_PAGE = """<!DOCTYPE html>
<html lang="nl">
<head><meta charset="utf-8"><title>Wijkwijzer: fout / error</title></head>
<body>
  <main>
    <h1>Er ging iets mis / <span lang="en">Something went wrong</span></h1>
    <p>Wijkwijzer kon deze pagina niet maken. De fout is vastgelegd; probeer het later opnieuw.</p>
    <p lang="en">Wijkwijzer could not build this page. The error has been logged; please try
    again later.</p>
    <p><a href="/">Wijkwijzer</a></p>
  </main>
</body>
</html>
"""


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    # The exception's text can hold what was suspicious about the request: never shown.
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid CSRF token: mostly an expired page, so say how to go on."""
    return render(request, "403.html", {"csrf_failure": True}, status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this inside its except block, so the fault is at hand. A database that is
    # gone when a middleware or a template needs it gets the 503 a view's query would get from
    # DatabaseUnavailableMiddleware; django.request has already logged the traceback.
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable(request)
    response = _plain_page(request, "500.html", status=500)
    add_never_cache_headers(response)
    return response


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 page, with a hint to browsers and proxies when to ask again."""
    response = _plain_page(request, "503.html", status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def _plain_page(request: HttpRequest, template: str, *, status: int) -> HttpResponse:
    try:
        with translation.override(_language_of(request)):
            # No request passed: no context processors, so nothing here reads the database.
            body = render_to_string(template)
    except Exception:
        logger.exception("The %s page could not be rendered; sent the fallback page", status)
        body = FALLBACK_PAGE
    return HttpResponse(body, status=status)


def _language_of(request: HttpRequest) -> str:
    """The language of the address (/nl/…, /en/…); else the one LocaleMiddleware chose from
    the browser (the admin has no language in its address); else the default."""
    supported = {code for code, _name in settings.LANGUAGES}
    chosen = getattr(request, "LANGUAGE_CODE", None)
    return (
        translation.get_language_from_path(request.path_info)
        or (chosen if chosen in supported else None)
        or settings.LANGUAGE_CODE
    )
