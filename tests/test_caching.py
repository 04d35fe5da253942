"""Derived figures live in Django's cache under the dataset version: built once, shared by
every app server the cache is shared by, and never stale after an edit."""

from django.core.cache import cache
from django.utils import translation

from comparisons.caching import cached
from comparisons.models import Country
from comparisons.versioning import bump_version


def test_a_figure_is_built_once_per_dataset_version(db):
    bump_version()
    builds = []

    def build() -> int:
        builds.append(1)
        return len(builds)

    assert cached("test-figure", build) == 1
    assert cached("test-figure", build) == 1
    bump_version()
    assert cached("test-figure", build) == 2


def test_a_figure_is_kept_per_language_where_it_holds_text(db):
    bump_version()
    with translation.override("nl"):
        cached("test-words", lambda: "Dutch")
    with translation.override("en"):
        assert cached("test-words", lambda: "English") == "English"
        assert cached("test-numbers", lambda: 1, per_language=False) == 1
    with translation.override("nl"):
        assert cached("test-numbers", lambda: 2, per_language=False) == 1


def test_the_figures_live_in_the_shared_cache_not_in_the_process(client, dataset):
    client.get("/nl/")
    # What one server stored, another reads: here, the cache itself is emptied instead.
    cache.clear()
    assert client.get("/nl/").status_code == 200


def test_an_edit_shows_on_the_overview_chart_at_once(client, dataset):
    assert "Belgium" in client.get("/en/").content.decode()
    belgium = Country.objects.get(code="BE")
    belgium.name_en = "Kingdom of Belgium"
    belgium.save()
    page = client.get("/en/").content.decode()
    # The chart's data (json_script) and the tables beside it, both from the new version.
    assert page.count("Kingdom of Belgium") >= 2


def test_the_dataset_version_is_read_once_per_request(client, dataset, django_assert_num_queries):
    # The footer and the cached figures share one read of the version.
    with django_assert_num_queries(1):
        client.get("/nl/toegankelijkheid/")
