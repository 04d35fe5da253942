from django.urls import path

from .views import budgets, compare, countries, governance, overview, programmes

app_name = "comparisons"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("compare/", compare.compare, name="compare"),
    path("countries/<str:code>/", countries.country, name="country"),
    path("budgets/", budgets.budgets, name="budgets"),
    path("governance/", governance.governance, name="governance"),
    path("programmes/", programmes.programme_list, name="programmes"),
    path("programmes/<slug:slug>/", programmes.programme_detail, name="programme"),
]
