from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComparisonsConfig(AppConfig):
    name = "comparisons"
    verbose_name = _("Countries and policy")

    def ready(self) -> None:
        from .versioning import connect_signals

        connect_signals()
