from django.urls import path

from .views import about, budgets, compare, countries, data, governance, overview, programmes

app_name = "comparisons"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("compare/", compare.compare, name="compare"),
    path("countries/<str:code>/", countries.country, name="country"),
    path("sources/", about.sources, name="sources"),
    # The same Dutch path in both languages, as Dutch government sites name this page.
    path("toegankelijkheid/", about.accessibility, name="accessibility"),
    path("data/", data.data, name="data"),
    path("data/wijkwijzer.json", data.dataset_json, name="data-json"),
    path("data/<slug:name>.csv", data.data_file, name="data-file"),
    path("budgets/", budgets.budgets, name="budgets"),
    path("governance/", governance.governance, name="governance"),
    path("programmes/", programmes.programme_list, name="programmes"),
    path("programmes/<slug:slug>/", programmes.programme_detail, name="programme"),
]
