"""Charts really draw: each chart's container holds plotly's SVG with as many traces and
points as the figure the page carries as JSON, and each chart can be told without seeing it."""

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import BrowserContext, Page

from .support import BROWSER_TESTS, LANGUAGES, wait_for_charts

pytestmark = BROWSER_TESTS

# Every kind of chart: the dimension map (one series of labelled markers, a country each), a
# country's budgets (one series of bars), all budgets (a series per country) on both scales,
# and a neighbourhood beside its city (two series, one with gaps where the report gives no
# figure) or alone.
CHART_PAGES = [
    "/{lang}/",
    "/{lang}/countries/DE/",
    "/{lang}/budgets/",
    "/{lang}/budgets/?scale=log",
    "/{lang}/neighbourhoods/de-marxloh/",
    "/{lang}/neighbourhoods/dk-gellerup/",
]

# Per chart: what its figure JSON asks for, and what plotly drew. Plotly binds each drawn
# trace group to its calculated data (d3's __data__), which knows the trace's index in the
# figure; a point counts as drawn when its shape has an area (a bar of no value has none).
# Labels are the texts written beside markers, such as the dimension map's country names.
CHARTS_JS = """() => [...document.querySelectorAll('[data-figure]')].map((chart) => {
  const figure = JSON.parse(document.getElementById(chart.dataset.figure).textContent);
  const values = (trace) => (trace.orientation === 'h' ? trace.x : trace.y) || [];
  const hidden = (trace) => trace.visible === false || trace.visible === 'legendonly';
  const drawable = (trace, v) => typeof v === 'number' && (trace.type !== 'bar' || v !== 0);
  const expected = figure.data.map((trace) => hidden(trace)
    ? null : values(trace).filter((v) => drawable(trace, v)).length);
  const drawn = [...chart.querySelectorAll('svg.main-svg g.trace')].map((group) => ({
    index: group.__data__ && group.__data__[0] && group.__data__[0].trace.index,
    points: [...group.querySelectorAll('.point')].filter((point) => {
      const box = point.getBBox();
      return box.width > 0 && box.height > 0;
    }).length,
  }));
  const names = figure.data.filter((trace) => trace.showlegend !== false && trace.name)
    .map((trace) => trace.name);
  const legend = [...chart.querySelectorAll('g.legend text.legendtext')].map((t) => t.textContent);
  const labels = figure.data
    .filter((trace) => trace.type === 'scatter' && !hidden(trace) && /text/.test(trace.mode))
    .flatMap((trace) => trace.text);
  const labelsDrawn = [...chart.querySelectorAll('svg.main-svg g.textpoint text')]
    .map((t) => t.textContent);
  return {id: chart.dataset.figure, expected, drawn, names, legend, labels, labelsDrawn,
          showlegend: figure.layout.showlegend !== false && figure.data.length > 1};
})"""


# The text a screen reader meets for a chart: a named image, or a named figure.
NAMED = re.compile(r"""^\s*- '?(img|figure) "[^"]*\w""")


@dataclass
class ChartPage:
    charts: list[dict]
    # Per chart: its accessibility tree, and whether a captioned table follows it.
    trees: list[str]
    tables_after: list[bool]


@pytest.fixture(
    scope="module",
    params=[(path, lang) for path in CHART_PAGES for lang in LANGUAGES],
    ids=[path.format(lang=lang) for path in CHART_PAGES for lang in LANGUAGES],
)
def chart_page(request, module_context: BrowserContext) -> ChartPage:
    path, lang = request.param
    page = module_context.new_page()
    try:
        assert page.goto(path.format(lang=lang)).status == 200
        wait_for_charts(page)
        figures = page.locator("figure:has([data-figure])").all()
        return ChartPage(
            charts=page.evaluate(CHARTS_JS),
            trees=[figure.aria_snapshot() for figure in figures],
            tables_after=[
                figure.locator("xpath=following::table[caption]").count() > 0 for figure in figures
            ],
        )
    finally:
        page.close()


def test_each_chart_draws_every_trace_and_point_of_its_figure(chart_page: ChartPage):
    assert chart_page.charts, "the page draws no chart"
    for chart in chart_page.charts:
        drawn = {group["index"]: group["points"] for group in chart["drawn"]}
        expected = {
            index: points for index, points in enumerate(chart["expected"]) if points is not None
        }
        assert drawn == expected, chart["id"]
        assert sum(drawn.values()) > 0, chart["id"]
        if chart["showlegend"]:
            # The legend names the same series as the figure, in the page's language.
            assert sorted(chart["legend"]) == sorted(chart["names"]), chart["id"]


def test_each_labelled_point_is_drawn_with_its_label(chart_page: ChartPage):
    for chart in chart_page.charts:
        assert sorted(chart["labelsDrawn"]) == sorted(chart["labels"]), chart["id"]


def test_hovering_a_country_on_the_dimension_map_names_it(page: Page):
    page.goto("/en/")
    wait_for_charts(page)
    points = page.locator("[data-figure] g.trace .point")
    named = set()
    for index in range(points.count()):
        box = points.nth(index).bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        hover = page.locator("[data-figure] g.hoverlayer g.hovertext")
        named.add(hover.text_content())
        # Away, so that the next label read is the next point's, not this one still.
        page.mouse.move(0, 0)
        hover.wait_for(state="detached")
    assert named == {"Belgium", "Denmark", "Germany"}


def test_each_chart_has_a_text_alternative_and_its_data_in_a_table(chart_page: ChartPage):
    assert len(chart_page.trees) == len(chart_page.charts)
    for tree in chart_page.trees:
        assert any(NAMED.match(line) for line in tree.splitlines()), tree
    # The same data follows in the page as a table with a caption.
    assert all(chart_page.tables_after)
