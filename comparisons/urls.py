from django.urls import path

from .views import compare, countries, overview

app_name = "comparisons"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("compare/", compare.compare, name="compare"),
    path("countries/<str:code>/", countries.country, name="country"),
]
