"""Backup and restore: all content dumped as README.md says, loaded into emptied tables,
gives the same records, the same dump and the same pages."""

import io
import json

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from comparisons.models import Country
from comparisons.versioning import CONTENT_APPS

pytestmark = pytest.mark.django_db

# Bookkeeping, not content: which fixture files were loaded, and the version counter.
BOOKKEEPING = ("comparisons.datasetload", "comparisons.datasetversion")
# The backup command of README.md, as call_command takes it.
BACKUP_ARGUMENTS = [
    *CONTENT_APPS,
    "--natural-foreign",
    *[argument for label in BOOKKEEPING for argument in ("--exclude", label)],
    "--indent",
    "1",
]


def content_models() -> list:
    """Every table of content, change history and many-to-many tables included."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in CONTENT_APPS
        and model._meta.label_lower not in BOOKKEEPING
        and model._meta.managed
        and not model._meta.proxy
    ]


def counts() -> dict[str, int]:
    return {model._meta.label: model._base_manager.count() for model in content_models()}


def backup() -> str:
    out = io.StringIO()
    call_command("dumpdata", *BACKUP_ARGUMENTS, stdout=out)
    return out.getvalue()


def empty_content_tables() -> None:
    # Plain DELETEs, as an empty database has them: deleting through the ORM would write
    # history rows and move the dataset version. Foreign keys are checked at commit on both
    # databases (and by loaddata), so the order does not matter.
    with connection.cursor() as cursor:
        for model in content_models():
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")


@pytest.fixture
def edited(dataset, django_user_model) -> None:
    """The dataset after an editor's change: the history and its editor must come back too."""
    editor = django_user_model.objects.create_user("editor")
    denmark = Country.objects.get(code="DK")
    denmark.name_en = "Denmark (edited)"
    denmark._history_user = editor
    denmark.save()


def test_the_backup_holds_the_content_and_its_history_but_no_bookkeeping(edited):
    records = json.loads(backup())
    models = {record["model"] for record in records}
    assert {"comparisons.country", "comparisons.budget", "neighbourhoods.observation"} <= models
    assert not models & set(BOOKKEEPING)
    [change] = [r for r in records if r["model"] == "comparisons.historicalcountry"]
    # The editor by user name: account ids differ from one database to the next.
    assert change["fields"]["history_user"] == ["editor"]
    assert change["fields"]["name_en"] == "Denmark (edited)"


def test_a_backup_loaded_into_empty_tables_reproduces_every_record(client, edited, tmp_path):
    counted = counts()
    first = backup()
    dump_file = tmp_path / "wijkwijzer-content.json"
    dump_file.write_text(first, encoding="utf-8")

    empty_content_tables()
    assert not any(counts().values())
    assert client.get("/en/countries/DK/").status_code == 404
    # One load for all the checks below: loading the whole dataset takes seconds.
    call_command("loaddata", dump_file, verbosity=0)

    assert counts() == counted
    assert backup() == first
    response = client.get("/en/countries/DK/")
    assert response.status_code == 200
    assert "Denmark (edited)" in response.content.decode()
