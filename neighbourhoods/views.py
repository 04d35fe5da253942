"""The neighbourhood pages: the case neighbourhoods, one profile, several side by side, and
the Danish list with its calculator."""

from collections import Counter
from collections.abc import Iterable, Sequence

from django.core.exceptions import BadRequest
from django.db.models import F, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from comparisons.charts import figure_data
from comparisons.http import bad_request, form_errors
from comparisons.models import DataNote, Theme, slug_validator, with_citations
from comparisons.paging import page_of

from . import chart_exports, charts, lists
from .forms import CalculatorForm, CompareForm
from .models import (
    Designation,
    ListAssessment,
    ListAssessmentValue,
    ListCategoryRule,
    ListCount,
    ListCriterion,
    LocalMeasure,
    Observation,
    Place,
)

# A page of the list: every case profile of a handful of countries, small enough to read.
PLACES_PER_PAGE = 50
# Shown for each neighbourhood in the list, where the report gives them.
KEY_INDICATORS = ("population", "migration-background-share")
DENMARK = "DK"
# Designations over time: an open start counts as earliest, an open end as latest, the same
# on SQLite and PostgreSQL.
IN_TIME = (
    F("start_year").asc(nulls_first=True),
    F("end_year").asc(nulls_last=True),
    "code",
)


def neighbourhood_list(request: HttpRequest) -> HttpResponse:
    key_figures = Prefetch(
        "observations",
        queryset=Observation.objects.filter(indicator__code__in=KEY_INDICATORS)
        .latest_per_indicator()
        .in_table_order()
        .select_related("indicator")
        .prefetch_related(with_citations()),
        to_attr="key_observations",
    )
    profiles = (
        Place.objects.case_profiles()
        .select_related("country")
        .prefetch_related(with_citations(), key_figures)
    )
    try:
        page = page_of(request, profiles, PLACES_PER_PAGE)
    except BadRequest as error:
        return bad_request(request, str(error))
    places = list(page.object_list)
    baselines = Place.objects.baselines_for(places)
    for place in places:
        place.lies_in = [
            baseline for baseline in baselines[place.pk] if baseline.kind != Place.Kind.COUNTRY
        ]
        place.key_figures = _shown(_current(place.key_observations))
        place.language = place.country.language
    return render(request, "neighbourhoods/list.html", {"places": places, "page": page})


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    place = chart_exports.profile_place(slug)
    baselines = Place.objects.baselines_for([place])[place.pk]
    observations = _shown(chart_exports.profile_observations(place, baselines))
    columns, chart_rows = charts.baseline_rows(place, baselines, observations)
    chart = chart_exports.baseline_chart(place, columns, chart_rows)
    measures = list(
        LocalMeasure.objects.filter(place=place)
        .select_related("programme")
        .prefetch_related("themes", with_citations())
    )
    designations = (
        Designation.objects.filter(place=place)
        .order_by(*IN_TIME)
        .select_related("programme")
        .prefetch_related(with_citations())
    )
    assessments = list(
        ListAssessment.objects.filter(place=place).prefetch_related(
            with_citations(),
            Prefetch("values", queryset=ListAssessmentValue.objects.select_related("criterion")),
        )
    )
    own_observations = [o for o in observations if o.place_id == place.pk]
    return render(
        request,
        "neighbourhoods/detail.html",
        {
            "place": place,
            "language": place.country.language,
            "baselines": baselines,
            "statistics": _statistics(place, baselines, observations),
            "figure": figure_data(chart.figure) if chart else None,
            "chart_columns": columns,
            "chart_rows": chart_rows,
            "chart_summary": chart.summary if chart else "",
            "measure_groups": _by_theme(measures),
            "designations": _designations(designations),
            "assessments": [_assessment_row(assessment) for assessment in assessments],
            "data_notes": _notes_citing([place, *own_observations, *assessments]),
        },
    )


def compare(request: HttpRequest) -> HttpResponse:
    # The form checks the slugs against the places asked for, not against every profile:
    # thousands of choices would cost a query and their building on each request. Only a
    # refusal lists every valid slug.
    found = _places_asked_for(request)
    form = CompareForm(request.GET, slugs=list(found))
    if not form.is_valid():
        valid = Place.objects.profiled().values_list("slug", flat=True)
        return bad_request(request, form_errors(form), valid)
    places = [found[slug] for slug in form.cleaned_data["n"]]
    baselines = Place.objects.baselines_for(places)
    # The latest figure per indicator and how many came before: the profiles keep every year.
    observations = _shown(
        Observation.objects.filter(place__in=places)
        .with_earlier_count()
        .latest_per_indicator()
        .in_table_order()
        .select_related("indicator")
        .prefetch_related(with_citations())
    )
    designations = _by_place(
        places,
        Designation.objects.filter(place__in=places)
        .order_by(*IN_TIME)
        .prefetch_related(with_citations()),
    )
    columns = [
        {
            "place": place,
            "language": place.country.language,
            "city": _city(place, baselines[place.pk]),
            "designations": designations[place.pk],
        }
        for place in places
    ]
    return render(
        request,
        "neighbourhoods/compare.html",
        {
            "columns": columns,
            "indicator_rows": _indicator_rows(places, observations),
            "theme_rows": _theme_rows(places),
        },
    )


def danish_list(request: HttpRequest) -> HttpResponse:
    criteria = list(
        ListCriterion.objects.filter(country__code=DENMARK).prefetch_related(with_citations())
    )
    rules = list(
        ListCategoryRule.objects.filter(country__code=DENMARK).prefetch_related(with_citations())
    )
    counts = list(
        ListCount.objects.filter(country__code=DENMARK).prefetch_related(with_citations())
    )
    assessments = list(
        ListAssessment.objects.filter(place__country__code=DENMARK)
        .select_related("place__parent")
        .prefetch_related(
            with_citations(),
            Prefetch("values", queryset=ListAssessmentValue.objects.select_related("criterion")),
        )
    )
    years = lists.list_years(criteria, rules)
    calculator = CalculatorForm(years=years)
    classification = None
    status = 200
    if CalculatorForm.is_submitted(request.GET):
        calculator = CalculatorForm(request.GET, years=years)
        if calculator.is_valid():
            classification = lists.classify(
                calculator.figures(), criteria, rules, calculator.cleaned_data["year"]
            )
        else:
            # The page still shows everything, with the form and what to correct in it.
            status = 400
    columns = _table_columns(criteria, assessments)
    table_criteria = [column["criterion"] for column in columns]
    return render(
        request,
        "neighbourhoods/danish_list.html",
        {
            "criteria": [c for c in criteria if c.role == ListCriterion.Role.CRITERION],
            "conditions": [c for c in criteria if c.role == ListCriterion.Role.CONDITION],
            "rules": sorted(rules, key=lambda rule: lists.CATEGORY_ORDER.index(rule.category)),
            "counts": counts,
            "columns": columns,
            "rows": [_assessment_row(assessment, table_criteria) for assessment in assessments],
            "calculator": calculator,
            "classification": classification,
            "data_notes": _notes_citing([*criteria, *rules, *assessments]),
        },
        status=status,
    )


def _shown(observations: Iterable[Observation]) -> list[Observation]:
    """The observations, each with its value as the page shows it: 43.5, not 43.5000."""
    observations = list(observations)
    for observation in observations:
        observation.shown_value = charts.number(observation.value)
    return observations


def _current(observations: Iterable[Observation]) -> list[Observation]:
    """The current figure of each indicator, from observations in_table_order()."""
    seen: dict[int, Observation] = {}
    for observation in observations:
        seen.setdefault(observation.indicator_id, observation)
    return list(seen.values())


def _statistics(place: Place, baselines: Sequence[Place], observations) -> list[dict]:
    """One row per indicator of the place: its figures, then each baseline's, newest first."""
    columns = [place, *baselines]
    cells: dict[tuple[int, int], list[Observation]] = {}
    indicators = {}
    for observation in observations:
        cells.setdefault((observation.indicator_id, observation.place_id), []).append(observation)
        if observation.place_id == place.pk:
            indicators.setdefault(observation.indicator_id, observation.indicator)
    return [
        {
            "indicator": indicator,
            "cells": [cells.get((indicator.pk, column.pk), []) for column in columns],
        }
        for indicator in indicators.values()
    ]


def _places_asked_for(request: HttpRequest) -> dict[str, Place]:
    """The profiled places the address names, by slug, each with its country and citations."""
    # Only slug-shaped values reach the database: PostgreSQL refuses a NUL byte in a query,
    # and the form names every value that is not found.
    slugs = [slug for slug in request.GET.getlist("n") if slug_validator.regex.match(slug)]
    places = (
        Place.objects.profiled()
        .filter(slug__in=slugs)
        .select_related("country")
        .prefetch_related(with_citations())
    )
    return {place.slug: place for place in places}


def _indicator_rows(places: Sequence[Place], observations) -> list[dict]:
    """Every indicator any of the places has, one cell per place: its latest figure, or None
    where the report gives none."""
    cells: dict[tuple[int, int], Observation] = {}
    indicators = {}
    for observation in observations:
        cells[(observation.indicator_id, observation.place_id)] = observation
        indicators.setdefault(observation.indicator_id, observation.indicator)
    return [
        {
            "indicator": indicator,
            "cells": [
                {"place": place, "observation": cells.get((indicator.pk, place.pk))}
                for place in places
            ],
        }
        for indicator in indicators.values()
    ]


def _by_theme(measures: Sequence[LocalMeasure]) -> list[dict]:
    """Measures under each theme they address: the full entry under the first of them, a
    link to it under the others, so that each measure is told once."""
    groups: dict[int | None, dict] = {}
    first_theme: dict[int, Theme | None] = {}
    themed = sorted(
        ((theme, measure) for measure in measures for theme in measure.themes.all()),
        key=lambda pair: (pair[0].order, pair[0].code, pair[1].name),
    )
    themeless = [(None, measure) for measure in measures if not measure.themes.all()]
    for theme, measure in [*themed, *themeless]:
        group = groups.setdefault(theme.pk if theme else None, {"theme": theme, "entries": []})
        first = first_theme.setdefault(measure.pk, theme)
        group["entries"].append(
            {"measure": measure, "is_first": first is theme, "first_theme": first}
        )
    return list(groups.values())


def _period(start: int | None, end: int | None) -> str:
    if start is None and end is None:
        return _("period not stated")
    if end is None:
        return _("since %(year)s") % {"year": start}
    if start is None:
        return _("until %(year)s") % {"year": end}
    return str(start) if start == end else f"{start}–{end}"


def _designations(designations: Iterable[Designation]) -> list[dict]:
    return [
        {
            "designation": designation,
            "period": _period(designation.start_year, designation.end_year),
        }
        for designation in designations
    ]


def _by_place(places: Sequence[Place], designations: Iterable[Designation]) -> dict[int, list]:
    rows: dict[int, list] = {place.pk: [] for place in places}
    for row in _designations(designations):
        rows[row["designation"].place_id].append(row)
    return rows


def _city(place: Place, baselines: Sequence[Place]) -> Place | None:
    """The city a neighbourhood lies in; a case-study municipality is its own city."""
    if place.kind == Place.Kind.CITY:
        return place
    return next((p for p in baselines if p.kind == Place.Kind.CITY), None)


def _theme_rows(places: Sequence[Place]) -> list[dict]:
    """Per theme, how many local measures of each place address it; then all measures."""
    addressed = list(
        LocalMeasure.objects.filter(place__in=places).values_list("pk", "place_id", "themes")
    )
    counts = Counter((place_id, theme_id) for _pk, place_id, theme_id in addressed)
    totals = Counter(
        place_id for _pk, place_id in {(pk, place_id) for pk, place_id, _ in addressed}
    )
    rows = [
        {"theme": theme, "counts": [counts[(place.pk, theme.pk)] for place in places]}
        for theme in Theme.objects.all()
    ]
    rows.append({"theme": None, "counts": [totals[place.pk] for place in places]})
    return rows


def _column_order(criterion: ListCriterion) -> tuple:
    return (criterion.role != ListCriterion.Role.CRITERION, criterion.number or 0, criterion.code)


def _table_columns(
    criteria: Sequence[ListCriterion], assessments: Sequence[ListAssessment]
) -> list[dict]:
    """The criteria the table gives values for, the four criteria first, then the conditions;
    each with when its values were measured, as the table's header gives it."""
    measured: dict[int, set[str]] = {}
    for assessment in assessments:
        for value in assessment.values.all():
            measured.setdefault(value.criterion_id, set()).add(value.measured)
    return [
        {"criterion": criterion, "measured": ", ".join(sorted(measured[criterion.pk]))}
        for criterion in sorted(criteria, key=_column_order)
        if criterion.pk in measured
    ]


def _assessment_row(
    assessment: ListAssessment, criteria: Sequence[ListCriterion] | None = None
) -> dict:
    """A table row: each cell with whether it meets its criterion, and how many of the four
    criteria it meets."""
    by_criterion = {value.criterion_id: value for value in assessment.values.all()}
    if criteria is None:
        criteria = sorted((value.criterion for value in by_criterion.values()), key=_column_order)
    cells = []
    for criterion in criteria:
        value = by_criterion.get(criterion.pk)
        cells.append(
            {"criterion": criterion, "value": value, "meets": lists.meets(value) if value else None}
        )
    return {
        "assessment": assessment,
        "cells": cells,
        "criteria_met": sum(
            1
            for cell in cells
            if cell["meets"] and cell["criterion"].role == ListCriterion.Role.CRITERION
        ),
    }


def _notes_citing(records: Iterable) -> list[DataNote]:
    """Data notes that cite any of the records' citations: the report's slips about them."""
    citation_ids = {citation.pk for record in records for citation in record.citations.all()}
    cited = DataNote.citations.through.objects.filter(citation_id__in=citation_ids)
    return list(
        DataNote.objects.filter(pk__in=cited.values("datanote_id")).prefetch_related(
            with_citations()
        )
    )
