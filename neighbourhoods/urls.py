from django.urls import path

from comparisons.caching import cached_page
from comparisons.views.exports import chart_file

from . import views

app_name = "neighbourhoods"

urlpatterns = [
    path("", cached_page(views.neighbourhood_list), name="list"),
    # Before the profile's pattern, which would otherwise take these words for slugs.
    path("compare/", cached_page(views.compare), name="compare"),
    path("danish-list/", cached_page(views.danish_list), name="danish-list"),
    path("<slug:slug>/", cached_page(views.detail), name="detail"),
    # The profile chart's files (see comparisons/chart_exports.py).
    path(
        "<slug:slug>/baseline-chart.<str:fmt>",
        chart_file,
        {"chart": "baseline-chart"},
        name="baseline-chart-file",
    ),
]
