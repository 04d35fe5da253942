from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeighbourhoodsConfig(AppConfig):
    name = "neighbourhoods"
    verbose_name = _("Neighbourhoods")

    def ready(self) -> None:
        from . import (
            chart_exports,  # noqa: F401  (registers its downloadable charts)
            dataset,  # noqa: F401  (registers its checks)
            exports,  # noqa: F401  (registers its downloads)
            synthetic,  # noqa: F401  (registers its part of the synthetic dataset)
        )
