from django.urls import path, register_converter

from .converters import CountryCodeConverter
from .views import (
    about,
    budgets,
    compare,
    countries,
    data,
    exports,
    governance,
    overview,
    programmes,
)

register_converter(CountryCodeConverter, "country")

app_name = "comparisons"

urlpatterns = [
    path("", overview.overview, name="overview"),
    path("compare/", compare.compare, name="compare"),
    path("compare/briefing.pdf", exports.briefing, name="compare-briefing"),
    path("countries/<country:code>/", countries.country, name="country"),
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
    # Each chart's files beside its page, for the page's own query string:
    # /nl/budgets/budget-bars.png?scale=log (see comparisons/chart_exports.py).
    path(
        "dimension-map.<str:fmt>",
        exports.chart_file,
        {"chart": "dimension-map"},
        name="dimension-map-file",
    ),
    path(
        "budgets/budget-bars.<str:fmt>",
        exports.chart_file,
        {"chart": "budget-bars"},
        name="budget-bars-file",
    ),
    path(
        "countries/<country:code>/country-budgets.<str:fmt>",
        exports.chart_file,
        {"chart": "country-budgets"},
        name="country-budgets-file",
    ),
]
