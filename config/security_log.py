"""The security log: sign-ins that succeed or fail, and requests refused (403, 429).

Everything goes to the ``wijkwijzer.security`` logger, one line per event, with the account
name and the client address; never a password. Names and paths are logged with repr(), so a
name with a line break cannot forge a second log line.
"""

import logging

from axes.helpers import get_client_ip_address
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("wijkwijzer.security")

# 403: no permission, or a form without a valid CSRF token; 429: locked out by django-axes.
DENIED = (403, 429)


def client_address(request: HttpRequest | None) -> str:
    """The address django-axes counts failed sign-ins by, so that both logs agree."""
    if request is None:
        return "unknown"
    return get_client_ip_address(request) or "unknown"


def log_login(sender, request: HttpRequest | None, user, **kwargs) -> None:
    logger.info("Sign-in: %r from %s", user.get_username(), client_address(request))


def log_login_failure(sender, credentials: dict, request: HttpRequest | None = None, **kwargs):
    # Django masks the password in ``credentials`` already; only the name is read, all the same.
    username = credentials.get(get_user_model().USERNAME_FIELD)
    logger.warning("Sign-in failed: %r from %s", username, client_address(request))


def connect_signals() -> None:
    user_logged_in.connect(log_login, dispatch_uid="security-log-login")
    user_login_failed.connect(log_login_failure, dispatch_uid="security-log-login-failed")


class DeniedRequestLogMiddleware:
    """Logs every request answered 403 or 429, whichever part of the site refused it."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code in DENIED:
            logger.warning(
                "Denied (%s): %s %r for %s from %s",
                response.status_code,
                request.method,
                request.path,
                _account(request),
                client_address(request),
            )
        return response


def _account(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "anonymous"
    return repr(user.get_username())
