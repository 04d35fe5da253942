"""Loading the dataset: idempotent, all-or-nothing, and kind to editors' later changes."""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import IntegrityError

from comparisons.dataset import dataset_files
from comparisons.models import Country, DatasetLoad, Theme

pytestmark = pytest.mark.django_db

GOOD = """
- model: comparisons.country
  fields: {code: DE, name_nl: Duitsland, name_en: Germany, colour: "#0072b2"}
- model: comparisons.theme
  fields: {code: safety, name_nl: Veiligheid, name_en: Safety}
"""


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"comparisons", "neighbourhoods"}
    }


@pytest.fixture
def fixture_dir(tmp_path: Path, settings) -> Path:
    settings.FIXTURE_DIRS = [tmp_path]
    return tmp_path


def test_loading_the_real_dataset_twice_leaves_one_copy():
    assert dataset_files(), "fixtures/ holds no dataset files"
    call_command("load_dataset", verbosity=0)
    first = row_counts()
    call_command("load_dataset", "--force", verbosity=0)
    assert row_counts() == first
    assert first["comparisons.Source"] >= 1


def test_an_unchanged_dataset_is_not_loaded_over_editors_changes(fixture_dir):
    (fixture_dir / "00_test.yaml").write_text(GOOD)
    call_command("load_dataset", verbosity=0)
    Country.objects.filter(code="DE").update(name_nl="Bondsrepubliek Duitsland")

    call_command("load_dataset", verbosity=0)

    assert Country.objects.get(code="DE").name_nl == "Bondsrepubliek Duitsland"
    assert DatasetLoad.objects.count() == 1


def test_a_changed_dataset_is_loaded_again(fixture_dir):
    (fixture_dir / "00_test.yaml").write_text(GOOD)
    call_command("load_dataset", verbosity=0)
    (fixture_dir / "00_test.yaml").write_text(GOOD.replace("Duitsland", "Duitsland (BRD)"))

    call_command("load_dataset", verbosity=0)

    assert Country.objects.get(code="DE").name_nl == "Duitsland (BRD)"
    assert Country.objects.count() == 1


def test_a_bad_file_loads_nothing_at_all(fixture_dir):
    (fixture_dir / "00_good.yaml").write_text(GOOD)
    (fixture_dir / "10_bad.yaml").write_text(
        "- model: comparisons.country\n"
        "  fields: {code: DK, name_nl: Denemarken, colour: '#882255'}\n"
        "- model: comparisons.theme\n"
        "  fields: {code: housing, name_nl: Wonen, order: -1}\n"
    )

    with pytest.raises(IntegrityError, match=r"10_bad\.yaml"):
        call_command("load_dataset", verbosity=0)

    assert not Country.objects.exists()
    assert not Theme.objects.exists()
    assert not DatasetLoad.objects.exists()


def test_an_empty_fixture_folder_is_not_an_error(fixture_dir, capsys):
    call_command("load_dataset")
    assert "nothing to load" in capsys.readouterr().out
