"""The dataset version moves with every change to the content, and only then."""

import pytest
from django.core.management import call_command
from django.db import transaction

from comparisons.models import Country, DatasetLoad
from comparisons.versioning import current_version
from tests.factories import CitationFactory, CountryFactory

pytestmark = pytest.mark.django_db


def test_an_empty_database_is_at_version_zero():
    assert current_version().number == 0


def test_saving_a_record_moves_the_version():
    country = CountryFactory()
    before = current_version()
    country.name_en = "Renamed"
    country.save()
    after = current_version()
    assert after.number == before.number + 1
    assert after.changed_at >= before.changed_at
    assert after.key != before.key


def test_deleting_a_record_moves_the_version():
    country = CountryFactory()
    before = current_version().number
    country.delete()
    assert current_version().number > before


def test_adding_a_citation_moves_the_version():
    country, citation = CountryFactory(), CitationFactory()
    before = current_version().number
    country.citations.add(citation)
    assert current_version().number == before + 1


def test_an_edit_that_is_rolled_back_leaves_the_version_alone():
    country = CountryFactory()
    before = current_version().number

    def failing_request():
        with transaction.atomic():
            Country.objects.get(pk=country.pk).save()
            raise RuntimeError("the editor's request failed")

    with pytest.raises(RuntimeError):
        failing_request()
    assert current_version().number == before


def test_bookkeeping_does_not_move_the_version():
    CountryFactory()
    before = current_version().number
    DatasetLoad.objects.create(checksum="0" * 64, files="00_common.yaml")
    assert current_version().number == before


def test_the_footer_names_the_version(client):
    CountryFactory()
    version = current_version()
    content = client.get("/en/data/").content.decode()
    assert f"Data version {version.number}, last changed" in content


def test_a_first_load_into_an_empty_database_moves_the_version_once():
    call_command("load_dataset", verbosity=0)
    assert current_version().number == 1


def test_loading_the_dataset_again_moves_the_version_once(dataset):
    before = current_version().number
    call_command("load_dataset", "--force", verbosity=0)
    assert current_version().number == before + 1
