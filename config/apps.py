from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project itself, as an app only so that its signal receivers are connected once,
    at start-up, before any request signs anyone in."""

    name = "config"
    verbose_name = "Wijkwijzer"

    def ready(self) -> None:
        from .security_log import connect_signals

        connect_signals()
