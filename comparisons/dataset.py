"""The dataset in fixtures/: which files, and loading them once per version."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from .models import DatasetLoad


def dataset_files() -> list[Path]:
    """The fixture files, in load order (their names start with a number)."""
    return sorted(Path(settings.FIXTURE_DIRS[0]).glob("*.yaml"))


def dataset_checksum(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def dataset_load(*, force: bool = False, verbosity: int = 1) -> bool:
    """Load every fixture file in one transaction; return False if this version was loaded already.

    All files go to one ``loaddata`` so that references between files resolve in any order,
    and a bad file leaves the database as it was.
    """
    files = dataset_files()
    if not files:
        return False
    checksum = dataset_checksum(files)
    if not force and DatasetLoad.objects.filter(checksum=checksum).exists():
        return False
    with transaction.atomic():
        call_command("loaddata", *files, verbosity=verbosity)
        DatasetLoad.objects.update_or_create(
            checksum=checksum, defaults={"files": "\n".join(path.name for path in files)}
        )
    return True
