from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware


class SiteLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Django's login-required middleware, switched by WIJKWIJZER_REQUIRE_LOGIN: off for a
    laptop demo, on in production. Views marked login_not_required (login, health check)
    stay open; static files are served by whitenoise before any view."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.WIJKWIJZER_REQUIRE_LOGIN:
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
