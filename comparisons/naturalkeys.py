"""Natural keys for every record, so fixtures never carry database ids.

A model lists the lookup paths that identify it (``natural_key_fields``); loading a
fixture twice then finds and updates the same rows instead of adding copies.
"""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models


class NaturalKeyQuerySet(models.QuerySet):
    def get_by_natural_key(self, *key: Any) -> models.Model:
        return self.get(**dict(zip(self.model.natural_key_fields, key, strict=True)))


class NaturalKeyModel(models.Model):
    natural_key_fields: tuple[str, ...] = ()
    # The lookup from this record to its country's code, where it belongs to one country.
    country_path: str | None = None

    objects = NaturalKeyQuerySet.as_manager()

    class Meta:
        abstract = True

    def natural_key(self) -> tuple[Any, ...]:
        return tuple(self._follow(path) for path in self.natural_key_fields)

    def _follow(self, path: str) -> Any:
        value: Any = self
        for attribute in path.split("__"):
            try:
                value = getattr(value, attribute)
            except ObjectDoesNotExist:
                # A relation not set yet, e.g. a forward reference while loading fixtures.
                return None
            if value is None:
                return None
        return value
