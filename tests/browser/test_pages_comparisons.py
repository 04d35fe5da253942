"""The pages of the country comparison, each in Dutch and English (checks in survey.py)."""

import pytest
from playwright.sync_api import BrowserContext

from .support import BROWSER_TESTS, LANGUAGES
from .survey import PageChecks, Survey, take_survey

pytestmark = BROWSER_TESTS

# (name, address, status): one of each kind of page, in the state with the most to check.
PAGE_TYPES = [
    ("overview", "/{lang}/", 200),
    ("compare-form", "/{lang}/compare/", 200),
    ("compare", "/{lang}/compare/?c=BE&c=DE&c=DK&a=central-decentral&a=budgets", 200),
    ("country", "/{lang}/countries/DE/", 200),
    ("governance", "/{lang}/governance/", 200),
    ("programmes", "/{lang}/programmes/?sort=-period", 200),
    ("programme", "/{lang}/programmes/de-soziale-stadt/", 200),
    ("budgets", "/{lang}/budgets/", 200),
    ("sources", "/{lang}/sources/", 200),
    ("data", "/{lang}/data/", 200),
    ("accessibility", "/{lang}/toegankelijkheid/", 200),
]
SURVEYED = [(*page_type, lang) for page_type in PAGE_TYPES for lang in LANGUAGES]


@pytest.fixture(scope="module", params=SURVEYED, ids=[f"{p[0]}-{p[3]}" for p in SURVEYED])
def survey(request, module_context: BrowserContext, live_site: str) -> Survey:
    return take_survey(module_context, live_site, *request.param)


class TestComparisonPages(PageChecks):
    pass
