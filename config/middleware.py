import logging

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse

from .errors import DATABASE_UNAVAILABLE, database_unavailable

logger = logging.getLogger(__name__)


class SiteLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Django's login-required middleware, switched by WIJKWIJZER_REQUIRE_LOGIN: off for a
    laptop demo, on in production. Views marked login_not_required (login, health check)
    stay open; static files are served by whitenoise before any view."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.WIJKWIJZER_REQUIRE_LOGIN:
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class DatabaseUnavailableMiddleware:
    """A view whose database goes away mid-request answers 503 with a plain page that asks
    to try again, not a 500. Where another middleware hits the dead database first (reading
    the session, say), handler500 gives the same page: config.errors.server_error."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        # Handled here, so Django logs only "Service Unavailable": keep the cause for whoever
        # restores the database.
        logger.error(
            "Database unavailable while answering %s %s",
            request.method,
            request.path,
            exc_info=exception,
        )
        return database_unavailable(request)
