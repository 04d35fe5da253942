"""manage.py synthesize: a marked, removable, repeatable synthetic dataset beside the real one."""

from collections import Counter

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from comparisons.dataset import CHECKS, CONTENT_APPS
from comparisons.models import Budget, Country, ExchangeRate, Programme, Source
from comparisons.synthetic import SOURCE_KEY
from comparisons.versioning import current_version
from neighbourhoods.models import LocalMeasure, Observation, Place


def content_counts() -> Counter:
    return Counter(
        {
            model._meta.label: model._base_manager.count()
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label in CONTENT_APPS
        }
    )


def synthetic_countries():
    return Country.objects.filter(citations__source__key=SOURCE_KEY).distinct()


def test_without_the_real_dataset_it_says_to_load_it_first(db):
    with pytest.raises(CommandError, match="load the dataset first"):
        call_command("synthesize", "--scale", "1", verbosity=0)
    assert not Source.objects.filter(key=SOURCE_KEY).exists()


def test_scale_one_is_a_hundredth_of_the_full_size(db, dataset):
    call_command("synthesize", "--scale", "1", verbosity=0)
    countries = synthetic_countries()
    assert countries.count() == 3
    assert Programme.objects.filter(level__country__in=countries).count() == 100
    neighbourhoods = Place.objects.neighbourhoods().filter(country__in=countries)
    assert neighbourhoods.count() == 10
    assert Observation.objects.filter(place__in=neighbourhoods).count() == 1000
    assert LocalMeasure.objects.filter(place__in=neighbourhoods).count() == 30


def test_budgets_come_in_several_currencies_each_with_its_rates(db, dataset):
    call_command("synthesize", "--scale", "2", verbosity=0)
    budgets = Budget.objects.filter(programme__level__country__in=synthetic_countries())
    currencies = set(budgets.values_list("currency", flat=True))
    assert len(currencies) > 2
    rated = set(ExchangeRate.objects.values_list("currency", flat=True))
    assert currencies - {"EUR"} <= rated
    programmes = Programme.objects.filter(level__country__in=synthetic_countries())
    assert not programmes.filter(budgets__isnull=True).exists()


def test_every_synthetic_record_is_marked_as_such(db, dataset):
    call_command("synthesize", "--scale", "1", verbosity=0)
    countries = synthetic_countries()
    assert all("(synthetic)" in name for name in countries.values_list("name_en", flat=True))
    for model, field in ((Programme, "level__country"), (Place, "country")):
        slugs = list(
            model.objects.filter(**{f"{field}__in": countries}).values_list("slug", flat=True)
        )
        assert slugs
        assert all(slug.startswith("syn-") for slug in slugs)
    cited = Observation.objects.filter(place__country__in=countries)
    assert not cited.exclude(citations__source__key=SOURCE_KEY).exists()


def test_the_synthetic_records_pass_every_dataset_check(db, dataset):
    call_command("synthesize", "--scale", "1", verbosity=0)
    problems = [str(problem) for check in CHECKS for problem in check()]
    assert problems == []


def test_the_same_seed_gives_the_same_records_and_another_seed_others(db, dataset):
    def snapshot() -> list:
        countries = synthetic_countries().order_by("code")
        return [
            list(countries.values_list("code", "name_en", "colour")),
            list(
                Budget.objects.filter(programme__level__country__in=countries)
                .order_by("programme__slug", "code")
                .values_list("programme__slug", "amount", "currency", "basis", "period_start")
            ),
        ]

    call_command("synthesize", "--scale", "1", "--seed", "7", verbosity=0)
    first = snapshot()
    call_command("synthesize", "--scale", "1", "--seed", "7", verbosity=0)
    assert snapshot() == first
    call_command("synthesize", "--scale", "1", "--seed", "8", verbosity=0)
    assert snapshot() != first


def test_synthesizing_again_replaces_what_was_there(db, dataset):
    call_command("synthesize", "--scale", "2", verbosity=0)
    call_command("synthesize", "--scale", "1", verbosity=0)
    assert synthetic_countries().count() == 3
    assert Source.objects.filter(key=SOURCE_KEY).count() == 1


def test_remove_leaves_the_real_dataset_exactly_as_it_was(db, dataset):
    before = content_counts()
    call_command("synthesize", "--scale", "1", verbosity=0)
    assert content_counts() != before
    call_command("synthesize", "--remove", verbosity=0)
    after = content_counts()
    # Only the dataset version row may differ: it moved on.
    assert {k: v for k, v in after.items() if "Version" not in k} == {
        k: v for k, v in before.items() if "Version" not in k
    }


def test_adding_and_removing_each_move_the_dataset_version_once(db, dataset):
    start = current_version().number
    call_command("synthesize", "--scale", "1", verbosity=0)
    assert current_version().number == start + 1
    call_command("synthesize", "--remove", verbosity=0)
    assert current_version().number == start + 2


def test_removing_when_there_is_nothing_to_remove_changes_nothing(db, dataset, capsys):
    start = current_version().number
    call_command("synthesize", "--remove")
    assert "no synthetic data" in capsys.readouterr().out
    assert current_version().number == start


def test_a_scale_below_one_is_refused(db, dataset):
    with pytest.raises(CommandError, match="from 1"):
        call_command("synthesize", "--scale", "0", verbosity=0)
