"""What the browser tests share: where Chromium is, how a page is checked, and its words."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.utils import translation
from playwright.sync_api import ConsoleMessage, Page, Request

# Debian's own Chromium; Playwright's downloaded browsers are never used.
CHROMIUM = Path("/usr/bin/chromium")

# Every browser test module starts with ``pytestmark = BROWSER_TESTS``.
BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"browser tests need Chromium at {CHROMIUM}: install Debian's chromium package "
        "(make install does, through scripts/install-system-packages)",
    ),
]

LANGUAGES = ("nl", "en")
# A common laptop screen: the size the policy staff work at.
VIEWPORT = {"width": 1280, "height": 800}
# Git-ignored (var/), for a reviewer to look at after a run.
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"

# The WCAG 2.0 and 2.1 rules at levels A and AA; Dutch government sites must meet them.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = ("serious", "critical")
_axe = Axe()


def t(language: str, message: str) -> str:
    """Interface text as the page shows it in that language (from the compiled catalogue)."""
    with translation.override(language):
        return translation.gettext(message)


class RequestLog:
    """Every request a browser context makes, to tell those that leave the app's origin."""

    def __init__(self, origin: str) -> None:
        self.origin = _origin(origin)
        self.urls: list[str] = []

    def record(self, request: Request) -> None:
        self.urls.append(request.url)

    def outside_origin(self) -> list[str]:
        # data: and blob: addresses are made inside the page and never reach a network.
        return [
            url
            for url in self.urls
            if not url.startswith(("data:", "blob:")) and _origin(url) != self.origin
        ]


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


class ConsoleLog:
    """Script errors and Content-Security-Policy reports of one page."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url', '')})")

    def without_status_of(self, url: str) -> list[str]:
        """The errors, less Chromium's note on the page's own status (an error page's 400
        or 404 is what the test asked for)."""
        return [
            error
            for error in self.errors
            if not (error.startswith("Failed to load resource") and error.endswith(f"({url})"))
        ]


def axe_violations(page: Page) -> list[dict]:
    """axe-core's violations of the WCAG 2.0/2.1 A and AA rules on the page as it is now."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return _axe.run(page, options=options).response["violations"]


def describe(violation: dict) -> str:
    """One line per violation: rule, impact, what it asks, and where (up to five places)."""
    targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    return (
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        f"{len(violation['nodes'])} element(s): {targets}"
    )


def wait_for_charts(page: Page) -> None:
    """Wait until plotly has drawn an SVG into every chart container on the page."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-figure]')]"
        ".every(chart => chart.querySelector('svg.main-svg'))"
    )


def tab_to(page: Page, selector: str, *, limit: int = 60) -> int:
    """Press Tab until the element with focus matches the selector; the number of presses.
    Fails if it is not reached: the keyboard cannot get there."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return presses
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")
