"""The neighbourhood pages and the error pages, each in Dutch and English (checks in
survey.py)."""

import pytest
from playwright.sync_api import BrowserContext

from .support import BROWSER_TESTS, LANGUAGES
from .survey import PageChecks, Survey, take_survey

pytestmark = BROWSER_TESTS

CALCULATOR = (
    "year=2019&population=7500&migration_background=80&outside_work_education=45"
    "&convictions=2.5&basic_education=65&income=50&consecutive_years=5"
)
# (name, address, status): one of each kind of page, in the state with the most to check.
PAGE_TYPES = [
    ("neighbourhoods", "/{lang}/neighbourhoods/", 200),
    ("neighbourhood", "/{lang}/neighbourhoods/de-marxloh/", 200),
    ("neighbourhood-compare", "/{lang}/neighbourhoods/compare/?n=de-marxloh&n=dk-gellerup", 200),
    ("danish-list", "/{lang}/neighbourhoods/danish-list/?" + CALCULATOR, 200),
    # The calculator with figures to correct: the page answers 400 and says what is wrong.
    (
        "danish-list-errors",
        "/{lang}/neighbourhoods/danish-list/?" + CALCULATOR.replace("=80", "=180"),
        400,
    ),
    ("not-found", "/{lang}/neighbourhoods/nowhere/", 404),
    ("bad-request", "/{lang}/neighbourhoods/compare/?n=de-marxloh", 400),
]
SURVEYED = [(*page_type, lang) for page_type in PAGE_TYPES for lang in LANGUAGES]


@pytest.fixture(scope="module", params=SURVEYED, ids=[f"{p[0]}-{p[3]}" for p in SURVEYED])
def survey(request, module_context: BrowserContext, live_site: str) -> Survey:
    return take_survey(module_context, live_site, *request.param)


class TestNeighbourhoodAndErrorPages(PageChecks):
    pass
