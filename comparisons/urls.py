from django.urls import path

from .views import overview

app_name = "comparisons"

urlpatterns = [
    path("", overview.overview, name="overview"),
]
