"""The statistics and local measures downloads, added to the data page's registry."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from comparisons.exports import (
    CITATION_COLUMNS,
    COUNTRY_COLUMNS,
    Column,
    Download,
    Row,
    citation_cells,
    register_download,
    row,
)
from comparisons.models import with_citations

from .models import LocalMeasure, Observation

PLACE_COLUMNS = (
    Column("place_slug", _("Stable identifier of the place.")),
    Column("place", _("Name of the place.")),
    Column("place_kind", _("Kind of place: neighbourhood, district, city, region or country.")),
    *COUNTRY_COLUMNS,
)


def observation_records() -> QuerySet[Observation]:
    return Observation.objects.select_related("place__country", "indicator").prefetch_related(
        with_citations()
    )


def observation_rows(observations: Iterable[Observation]) -> list[Row]:
    return [
        row(
            place_slug=observation.place.slug,
            place=observation.place.name,
            place_kind=observation.place.get_kind_display(),
            country_code=observation.place.country.code,
            country=observation.place.country.name,
            indicator_code=observation.indicator.code,
            indicator_name=observation.indicator.name,
            value=observation.value,
            unit=observation.indicator.get_unit_display(),
            year=observation.year,
            year_end=observation.year_end,
            note=observation.note,
            **citation_cells(observation.citations.all()),
        )
        for observation in observations
    ]


def measure_records() -> QuerySet[LocalMeasure]:
    return LocalMeasure.objects.select_related("place__country", "programme").prefetch_related(
        "themes", with_citations()
    )


def measure_rows(measures: Iterable[LocalMeasure]) -> list[Row]:
    return [
        row(
            slug=measure.slug,
            place_slug=measure.place.slug,
            place=measure.place.name,
            place_kind=measure.place.get_kind_display(),
            country_code=measure.place.country.code,
            country=measure.place.country.name,
            kind=measure.get_kind_display(),
            themes="; ".join(theme.name for theme in measure.themes.all()),
            name=measure.name,
            original_name=measure.original_name,
            programme=measure.programme.slug if measure.programme else None,
            start_year=measure.start_year,
            end_year=measure.end_year,
            description=measure.description,
            outcome=measure.outcome,
            **citation_cells(measure.citations.all()),
        )
        for measure in measures
    ]


register_download(
    Download(
        name="statistics",
        title=_("Statistics"),
        description=_(
            "One row per figure for a place: case neighbourhoods and the cities, regions and "
            "countries that serve as their baseline."
        ),
        columns=(
            *PLACE_COLUMNS,
            Column("indicator_code", _("Stable identifier of what is measured.")),
            Column("indicator_name", _("What is measured.")),
            Column("value", _("The figure, as the source gives it.")),
            Column("unit", _("Unit of the figure, e.g. % or number.")),
            Column("year", _("Year of the figure; empty where the source states none.")),
            Column("year_end", _("Last year, for a figure over several years.")),
            Column("note", _("Note on the figure.")),
            *CITATION_COLUMNS,
        ),
        records=observation_records,
        rows=observation_rows,
    )
)

register_download(
    Download(
        name="measures",
        title=_("Local measures"),
        description=_("One row per measure a city or neighbourhood takes."),
        columns=(
            Column("slug", _("Stable identifier of the measure.")),
            *PLACE_COLUMNS,
            Column("kind", _("Kind of measure: physical, social or safety.")),
            Column("themes", _("Policy themes it addresses, separated by semicolons.")),
            Column("name", _("Name.")),
            Column("original_name", _("Name in the country's own language, where it has one.")),
            Column("programme", _("Identifier (slug) of the programme that funds it, if known.")),
            Column("start_year", _("First year.")),
            Column("end_year", _("Last year.")),
            Column("description", _("Description.")),
            Column("outcome", _("Outcome, only as the source reports it.")),
            *CITATION_COLUMNS,
        ),
        records=measure_records,
        rows=measure_rows,
    )
)
