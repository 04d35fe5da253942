from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", include("comparisons.urls")),
    path("neighbourhoods/", include("neighbourhoods.urls")),
)

# Styled, translated pages that show nothing of the fault; see config/errors.py.
handler400 = "config.errors.bad_request"
handler403 = "config.errors.permission_denied"
handler404 = "config.errors.page_not_found"
handler500 = "config.errors.server_error"
