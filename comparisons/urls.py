from django.urls import path, register_converter

from .caching import cached_page
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
    path("", cached_page(overview.overview), name="overview"),
    path("compare/", cached_page(compare.compare), name="compare"),
    path("compare/briefing.pdf", exports.briefing, name="compare-briefing"),
    path("countries/<country:code>/", cached_page(countries.country), name="country"),
    path("sources/", cached_page(about.sources), name="sources"),
    # The same Dutch path in both languages, as Dutch government sites name this page.
    path("toegankelijkheid/", cached_page(about.accessibility), name="accessibility"),
    path("data/", cached_page(data.data), name="data"),
    path("data/wijkwijzer.json", data.dataset_json, name="data-json"),
    path("data/<slug:name>.csv", data.data_file, name="data-file"),
    path("budgets/", cached_page(budgets.budgets), name="budgets"),
    path("governance/", cached_page(governance.governance), name="governance"),
    path("programmes/", cached_page(programmes.programme_list), name="programmes"),
    path("programmes/<slug:slug>/", cached_page(programmes.programme_detail), name="programme"),
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
