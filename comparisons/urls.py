from django.urls import path

from .views import compare, countries, overview, programmes

app_name = "comparisons"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("compare/", compare.compare, name="compare"),
    path("countries/<str:code>/", countries.country, name="country"),
    path("programmes/", programmes.programme_list, name="programmes"),
    path("programmes/<slug:slug>/", programmes.programme_detail, name="programme"),
]
