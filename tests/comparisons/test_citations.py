import pytest
from django.db.models import Prefetch

from comparisons.models import (
    Budget,
    Country,
    Finding,
    GovernanceLevel,
    Programme,
    prefetch_citations,
    with_citations,
)
from tests.factories import CitationFactory, CountryFactory, SourceFactory

pytestmark = pytest.mark.django_db

LOOKUPS = ("levels__programmes", "levels__programmes__budgets", "findings")


def _countries(*, cited: bool) -> list[Country]:
    """Every country with its programmes, budgets and findings; with their citations as
    with_citations() loads them, one query per model, when ``cited``."""
    citations = [with_citations()] if cited else []
    budgets = Prefetch("budgets", queryset=Budget.objects.prefetch_related(*citations))
    programmes = Prefetch(
        "programmes", queryset=Programme.objects.prefetch_related(*citations, budgets)
    )
    return list(
        Country.objects.prefetch_related(
            *citations,
            Prefetch("levels", queryset=GovernanceLevel.objects.prefetch_related(programmes)),
            Prefetch("findings", queryset=Finding.objects.prefetch_related(*citations)),
        )
    )


def _citation_keys(countries: list[Country]) -> list[tuple[str, int, list[str]]]:
    """Each record and the keys of its citations (sorted: the database orders citations of
    the same source, page and section as it likes)."""
    levels = [level for country in countries for level in country.levels.all()]
    programmes = [programme for level in levels for programme in level.programmes.all()]
    budgets = [budget for programme in programmes for budget in programme.budgets.all()]
    findings = [finding for country in countries for finding in country.findings.all()]
    return [
        (type(record).__name__, record.pk, sorted(cited.key for cited in record.citations.all()))
        for record in [*countries, *programmes, *budgets, *findings]
    ]


def test_the_citations_of_several_models_come_in_two_queries(dataset, django_assert_num_queries):
    countries = _countries(cited=False)
    with django_assert_num_queries(2):
        prefetch_citations(countries, *LOOKUPS)
    with django_assert_num_queries(0):
        keys = _citation_keys(countries)
        titles = {
            citation.source.title for country in countries for citation in country.citations.all()
        }

    assert keys == _citation_keys(_countries(cited=True))
    assert sum(len(cited) for *_record, cited in keys) > len(keys)
    assert titles


def test_citations_come_newest_source_first_then_by_page(django_assert_num_queries):
    older, newer = SourceFactory(key="older", year=2015), SourceFactory(key="newer", year=2020)
    late, early = CitationFactory(source=older, page=9), CitationFactory(source=older, page=2)
    recent = CitationFactory(source=newer, page=50)
    country = CountryFactory()
    country.citations.set([late, early, recent])
    country = Country.objects.get(pk=country.pk)

    prefetch_citations([country])

    with django_assert_num_queries(0):
        assert list(country.citations.all()) == [recent, early, late]


def test_citations_of_the_same_place_keep_one_order():
    first, second = CitationFactory(page=3), CitationFactory(page=3)
    country = CountryFactory()
    country.citations.set([second, first])
    country = Country.objects.get(pk=country.pk)

    prefetch_citations([country])

    assert list(country.citations.all()) == [first, second]


def test_a_record_without_citations_has_none_and_reads_no_query(django_assert_num_queries):
    country = Country.objects.get(pk=CountryFactory().pk)
    prefetch_citations([country])
    with django_assert_num_queries(0):
        assert list(country.citations.all()) == []


def test_nothing_to_cite_reads_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        prefetch_citations([])
