"""Laying a chart out for a file: sizes, wrapped text, the footer. No browser needed."""

import plotly.graph_objects as go

from comparisons import charts, export_layout

SOURCE = (
    "Source: Verwey-Jonker Instituut, Kwetsbare wijken in België, Duitsland en Denemarken "
    "(2019), § 2.3, p. 8; § 3.2, pp. 16–20; § 4.2, pp. 33–42; § 5.2, pp. 53–60"
)
FOOTER = "Wijkwijzer · data as of 1 March 2026 (dataset version 7) · English"


def bar_chart(bars: int = 3, label: str = "Programme") -> go.Figure:
    figure = go.Figure(
        go.Bar(
            orientation="h",
            x=[10 * (index + 1) for index in range(bars)],
            y=list(range(bars)),
            name="Belgium",
            text=[f"€ {10 * (index + 1)}" for index in range(bars)],
            textposition="outside",
        )
    )
    figure.add_trace(go.Bar(orientation="h", x=[5], y=[bars], name="Denmark"))
    figure.update_yaxes(
        tickvals=list(range(bars + 1)),
        ticktext=[f"{label} {index}" for index in range(bars + 1)],
    )
    figure.update_xaxes(title={"text": "Euro per year (€)"})
    figure.update_layout(height=400)
    return charts.themed(
        figure, title="Budgets in euro per year", subtitle="By programme", source=SOURCE
    )


def source_annotation(fitted: export_layout.Fitted) -> dict | None:
    return next(
        (a for a in fitted.figure["layout"].get("annotations", []) if a.get("name") == "source"),
        None,
    )


def test_an_a4_file_is_laid_out_at_the_text_width():
    fitted = export_layout.fit(bar_chart(), export_layout.A4, footer=FOOTER)
    assert fitted.width == 720
    assert fitted.figure["layout"]["width"] == 720
    assert fitted.figure["layout"]["height"] == fitted.height


def test_a_slide_is_sixteen_by_nine():
    fitted = export_layout.fit(bar_chart(), export_layout.SLIDE, footer=FOOTER)
    assert fitted.width == 960
    assert fitted.height == 540


def test_a_chart_too_tall_for_a_slide_gets_a_wider_slide_of_the_same_shape():
    fitted = export_layout.fit(bar_chart(bars=40), export_layout.SLIDE, footer=FOOTER)
    assert fitted.width > 960
    assert abs(fitted.height - fitted.width * 9 / 16) < 1


def test_long_bar_labels_are_wrapped_and_their_rows_made_higher():
    long_label = "Sociale integratie in de wijk (Soziale Integration im Quartier), Duitsland"
    short = export_layout.fit(bar_chart(label="Plan"), export_layout.A4)
    long = export_layout.fit(bar_chart(label=long_label), export_layout.A4)
    ticktext = long.figure["layout"]["yaxis"]["ticktext"]
    assert all("<br>" in text for text in ticktext)
    assert [text.replace("<br>", " ") for text in ticktext] == [
        f"{long_label} {index}" for index in range(4)
    ]
    assert long.height > short.height


def test_the_footer_follows_the_wrapped_source_line():
    fitted = export_layout.fit(bar_chart(), export_layout.A4, footer=FOOTER)
    lines = source_annotation(fitted)["text"].split("<br>")
    assert len(lines) > 1, "the source line is longer than the A4 width: it must wrap"
    assert lines[-1] == FOOTER
    assert " ".join(lines[:-1]).replace("\u00a0", " ") == SOURCE
    # A locator is never split over two lines.
    assert not any(line.endswith(("§", " p.", " pp.")) for line in lines)


def test_the_title_and_subtitle_stay_on_the_file():
    title = export_layout.fit(bar_chart(), export_layout.A4).figure["layout"]["title"]["text"]
    assert "<b>Budgets in euro per year</b>" in title
    assert "By programme" in title


def test_the_slide_picture_leaves_title_and_source_to_the_slide():
    fitted = export_layout.fit(bar_chart(), export_layout.SLIDE, texts=False)
    assert fitted.figure["layout"]["title"]["text"] == ""
    assert source_annotation(fitted) is None


def test_fitting_leaves_the_page_figure_as_it_was():
    figure = bar_chart()
    before = figure.to_json()
    export_layout.fit(figure, export_layout.SLIDE, footer=FOOTER)
    assert figure.to_json() == before


def test_room_is_made_under_the_subtitle_for_the_legend():
    with_legend = export_layout.fit(bar_chart(), export_layout.A4)
    without = export_layout.fit(bar_chart().update_layout(showlegend=False), export_layout.A4)
    assert with_legend.figure["layout"]["margin"]["t"] >= (
        without.figure["layout"]["margin"]["t"] + 24
    )
    legend = with_legend.figure["layout"]["legend"]
    assert legend["yref"] == "container"
    assert legend["yanchor"] == "top"
