"""Checks made on every page type, in Dutch and English, as Chromium shows it: WCAG 2.1 AA as
far as axe-core and a keyboard can tell, nothing fetched from outside the app, and a screenshot
for a reviewer to look at.

A test module lists its page types and provides a module-scoped ``survey`` fixture that calls
``take_survey`` once per page type and language; its ``Test…`` class inherits ``PageChecks``,
whose tests each check one thing about that visit, so a failure names what is wrong and where.
"""

import warnings
from dataclasses import dataclass, field

from playwright.sync_api import BrowserContext, Page

from .support import (
    BLOCKING_IMPACTS,
    SCREENSHOTS,
    ConsoleLog,
    RequestLog,
    axe_violations,
    describe,
    t,
    wait_for_charts,
)

# Where the focused element stands, and how well its focus ring stands out from what is
# around it (WCAG 2.4.7 focus visible; 1.4.11 asks 3:1 for such an indicator).
FOCUS_JS = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const parse = (colour) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(colour || '');
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return {r, g, b, a};
  };
  const luminance = ({r, g, b}) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const contrast = (x, y) => {
    const [hi, lo] = [luminance(x), luminance(y)].sort((p, q) => q - p);
    return (hi + 0.05) / (lo + 0.05);
  };
  const backdrop = (node) => {
    for (let n = node; n; n = n.parentElement) {
      const colour = parse(getComputedStyle(n).backgroundColor);
      if (colour && colour.a > 0) return colour;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const style = getComputedStyle(element);
  const rings = [];
  const outline = parseFloat(style.outlineWidth) || 0;
  if (style.outlineStyle !== 'none' && outline >= 2) rings.push(parse(style.outlineColor));
  for (const shadow of style.boxShadow.split(/,(?![^(]*\\))/)) {
    const colour = parse(shadow);
    const lengths = shadow.replace(/rgba?\\([^)]*\\)/, '').match(/-?[\\d.]+px/g) || [];
    // Only the part of a shadow's spread that the outline does not cover is seen.
    if (colour && lengths.length >= 4 && parseFloat(lengths[3]) - outline >= 2) rings.push(colour);
  }
  const around = backdrop(element.parentElement);
  const box = element.getBoundingClientRect();
  const label = (element.getAttribute('aria-label') || element.textContent || element.value || '')
    .trim().replace(/\\s+/g, ' ').slice(0, 40);
  return {
    element: `${element.tagName.toLowerCase()} “${label}”`,
    inMain: !!element.closest('main'),
    isSkipLink: element.matches('.skip-link'),
    contrast: Math.max(0, ...rings.filter(Boolean).map((ring) => contrast(ring, around))),
    inView: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.top < innerHeight && box.left < innerWidth,
  };
}"""

# Every table with a caption, every header cell with its scope (NL Design System guidance).
TABLES_JS = """() => [...document.querySelectorAll('table')].flatMap((table, i) => {
  const caption = table.querySelector(':scope > caption');
  const name = caption ? caption.textContent.trim().slice(0, 50) : `table ${i + 1}`;
  const problems = [];
  if (!caption || !caption.textContent.trim()) problems.push(`${name}: no caption`);
  table.querySelectorAll('th').forEach((th) => {
    if (!['col', 'row', 'colgroup', 'rowgroup'].includes(th.getAttribute('scope')))
      problems.push(`${name}: header “${th.textContent.trim().slice(0, 30)}” without scope`);
  });
  if (table.querySelectorAll('th[aria-sort]').length > 1)
    problems.push(`${name}: aria-sort on more than one column`);
  return problems;
})"""


@dataclass
class Survey:
    """What one visit of one page type in one language found."""

    name: str
    language: str
    address: str
    status: int
    expected_status: int
    html_lang: str | None = None
    outside_origin: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    violations: list[dict] = field(default_factory=list)
    landmarks: dict[str, int] = field(default_factory=dict)
    unnamed_navigation: int = 0
    table_problems: list[str] = field(default_factory=list)
    tab_stops: list[dict] = field(default_factory=list)
    after_skip_link: dict | None = None


def take_survey(
    context: BrowserContext, origin: str, name: str, address: str, status: int, language: str
) -> Survey:
    """Open one page type in one language and record what ``PageChecks`` looks at."""
    page = context.new_page()
    log = RequestLog(origin)
    page.on("request", log.record)
    console = ConsoleLog(page)
    try:
        response = page.goto(address.format(lang=language))
        result = Survey(name, language, page.url, response.status, status)
        wait_for_charts(page)
        result.html_lang = page.get_attribute("html", "lang")
        result.landmarks = {
            role: page.get_by_role(role).count()
            for role in ("banner", "navigation", "main", "contentinfo")
        }
        result.unnamed_navigation = page.evaluate(
            "() => [...document.querySelectorAll('nav')]"
            ".filter((nav) => !nav.getAttribute('aria-label')"
            " && !nav.getAttribute('aria-labelledby')).length"
        )
        result.table_problems = page.evaluate(TABLES_JS)
        result.violations = axe_violations(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}-{language}.png", full_page=True)
        result.tab_stops = _walk_tab_stops(page)
        result.after_skip_link = _follow_skip_link(page)
        result.console_errors = console.without_status_of(result.address)
        result.outside_origin = log.outside_origin()
        return result
    finally:
        page.close()


def _walk_tab_stops(page: Page) -> list[dict]:
    """Every element Tab reaches from the top of the page, in order, until focus leaves it."""
    stops = []
    # Far more stops than any page has (the governance matrix, the most, has about 150).
    for _ in range(400):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS_JS)
        if stop is None:
            break
        stops.append(stop)
    return stops


def _follow_skip_link(page: Page) -> dict | None:
    """Where Tab goes after following the skip link. The walk above has shown that Tab
    reaches the link first, so here it is given focus directly, sparing a reload."""
    page.locator("a.skip-link").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    return page.evaluate(FOCUS_JS)


class PageChecks:
    """The checks every page type passes; needs a ``survey`` fixture."""

    def test_the_page_answers_in_its_own_language(self, survey: Survey):
        assert survey.status == survey.expected_status
        assert survey.html_lang == survey.language

    def test_no_request_leaves_the_apps_origin(self, survey: Survey):
        assert survey.outside_origin == []

    def test_no_script_error_or_blocked_resource(self, survey: Survey):
        # A Content-Security-Policy refusal shows here too, as does a chart that fails to draw.
        assert survey.console_errors == []

    def test_axe_finds_no_serious_or_critical_wcag_violation(self, survey: Survey):
        blocking = [v for v in survey.violations if v["impact"] in BLOCKING_IMPACTS]
        for violation in survey.violations:
            if violation not in blocking:
                # Not failing the test, but listed in its output so that someone fixes them.
                warnings.warn(
                    f"axe on {survey.address}: {describe(violation)}", UserWarning, stacklevel=1
                )
        assert [describe(violation) for violation in blocking] == []

    def test_the_page_has_one_header_main_part_and_footer_and_named_menus(self, survey: Survey):
        assert survey.landmarks["banner"] == 1
        assert survey.landmarks["main"] == 1
        assert survey.landmarks["contentinfo"] == 1
        # The main menu and the language switch, each named so a screen reader can tell them apart.
        assert survey.landmarks["navigation"] >= 2
        assert survey.unnamed_navigation == 0

    def test_the_skip_link_comes_first_shows_and_leads_into_the_content(self, survey: Survey):
        first = survey.tab_stops[0]
        assert first["isSkipLink"]
        assert first["element"] == f"a “{t(survey.language, 'Skip to content')}”"
        assert first["inView"]
        assert survey.after_skip_link is not None
        assert survey.after_skip_link["inMain"]

    def test_every_tab_stop_shows_a_focus_ring_that_stands_out(self, survey: Survey):
        assert len(survey.tab_stops) > 3
        hidden = [stop["element"] for stop in survey.tab_stops if not stop["inView"]]
        faint = [
            f"{stop['element']}: {stop['contrast']:.2f}:1"
            for stop in survey.tab_stops
            if stop["contrast"] < 3
        ]
        assert hidden == []
        assert faint == []

    def test_tables_have_captions_and_scoped_header_cells(self, survey: Survey):
        assert survey.table_problems == []
