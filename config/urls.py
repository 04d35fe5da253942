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
