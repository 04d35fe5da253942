"""The dataset in fixtures/: which files, loading them once per version, and checking them."""

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, models, transaction
from django.db.models import CharField, Count, F, Value
from modeltranslation.translator import NotRegistered, translator

from .models import (
    Budget,
    Cited,
    DatasetLoad,
    ExchangeRate,
    MissingExchangeRate,
    PeriodNotStated,
    with_citations,
)
from .naturalkeys import NaturalKeyModel
from .versioning import CONTENT_APPS, changes_counted_once


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
        with changes_counted_once():
            call_command("loaddata", *files, verbosity=verbosity)
        DatasetLoad.objects.update_or_create(
            checksum=checksum, defaults={"files": "\n".join(path.name for path in files)}
        )
    return True


@dataclass(frozen=True)
class Problem:
    record: str
    message: str

    def __str__(self) -> str:
        return f"{self.record}: {self.message}"


Check = Callable[[], Iterable[Problem]]
CHECKS: list[Check] = []


def dataset_check(check: Check) -> Check:
    """Register a check that check_dataset runs; each app adds its own."""
    CHECKS.append(check)
    return check


def dataset_problems() -> list[Problem]:
    return [problem for check in CHECKS for problem in check()]


def content_models() -> list[type[NaturalKeyModel]]:
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in CONTENT_APPS and issubclass(model, NaturalKeyModel)
    ]


def describe(record: models.Model) -> str:
    key = "/".join("–" if part is None else str(part) for part in record.natural_key())
    return f"{record._meta.label} {key}"


@dataset_check
def every_fact_is_cited() -> Iterator[Problem]:
    for model in content_models():
        if issubclass(model, Cited):
            for record in model._default_manager.filter(citations__isnull=True):
                yield Problem(describe(record), "cites no source")


@dataset_check
def every_text_is_in_both_languages() -> Iterator[Problem]:
    languages = [code for code, _name in settings.LANGUAGES]
    for model in content_models():
        try:
            options = translator.get_options_for_model(model)
        except NotRegistered:
            continue
        for record in model._default_manager.all():
            for field in options.fields:
                texts = {code: getattr(record, f"{field}_{code}") or "" for code in languages}
                missing = [code for code, text in texts.items() if not text.strip()]
                required = not model._meta.get_field(field).blank
                if missing and (required or len(missing) < len(languages)):
                    yield Problem(describe(record), f"{field} is empty in {', '.join(missing)}")


@dataset_check
def every_record_passes_its_own_validation() -> Iterator[Problem]:
    """Loading fixtures skips field validators (a colour like “red”); run them here."""
    for model in content_models():
        for record in model._default_manager.all():
            try:
                record.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                for field, messages in error.message_dict.items():
                    yield Problem(describe(record), f"{field}: {' '.join(messages)}")


@dataset_check
def every_budget_converts_to_euro() -> Iterator[Problem]:
    """A missing rate is always a flaw; a period the source does not give must be explained,
    in the budget's note or a data note; a stated euro figure that is off needs a data note."""
    rates = ExchangeRate.objects.rate_table()
    budgets = Budget.objects.select_related("programme").prefetch_related(
        "data_notes", with_citations()
    )
    for budget in budgets:
        noted = bool(budget.data_notes.all())
        try:
            budget.euro_per_year(rates)
        except MissingExchangeRate as missing:
            yield Problem(describe(budget), str(missing))
            continue
        except PeriodNotStated as reason:
            if not (noted or (budget.note_nl or budget.note_en or "").strip()):
                yield Problem(describe(budget), f"{reason} Neither a note nor a data note says so.")
            continue
        if budget.stated_eur_disagrees(rates) and not noted:
            yield Problem(
                describe(budget),
                "the stated euro figure differs from the computed one by more than 10 % "
                "and no data note says so",
            )


def dataset_summary() -> dict[str, dict[str, int]]:
    """Record counts per model, in total and per country where a record has one."""
    summary: dict[str, dict[str, int]] = {}
    models_by_label = {model._meta.label: model for model in content_models()}
    for code, label, n in _record_counts():
        counts = summary.setdefault(label, {"total": 0})
        counts["total"] += n
        if models_by_label[label].country_path:
            counts[code or "–"] = n
    return {
        models_by_label[label]._meta.verbose_name_plural.capitalize(): summary.get(
            label, {"total": 0}
        )
        for label in models_by_label
    }


def _record_counts() -> list[tuple[str | None, str, int]]:
    """(country code, model, count) for every content model in one query, however many
    models and countries there are: a UNION ALL of one GROUP BY per model.

    Each GROUP BY is the ORM's own SQL, read by its column names from a subquery, so that
    the parts line up whatever order the ORM gives their columns in.
    """
    parts, params = [], []
    for model in content_models():
        country = (
            F(model.country_path) if model.country_path else Value(None, output_field=CharField())
        )
        # order_by() first: default ordering would otherwise split the groups.
        counts = (
            model._default_manager.order_by()
            .annotate(country_code=country)
            .values_list("country_code")
            .annotate(n=Count("pk"))
        )
        sql, part_params = counts.query.sql_with_params()
        parts.append(f"SELECT counts.country_code, %s, counts.n FROM ({sql}) counts")
        params += [model._meta.label, *part_params]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return cursor.fetchall()
