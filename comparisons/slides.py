"""A chart as one 16:9 PowerPoint slide: title and subtitle as editable text, the chart as a
picture, the source and "data as of" lines under it, and the chart in words in the notes."""

import io
from typing import TYPE_CHECKING

from django.utils.translation import get_language
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.lang import MSO_LANGUAGE_ID
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from . import export_layout, rendering
from .charts import INK, MUTED

if TYPE_CHECKING:
    from .chart_exports import ChartData

# PowerPoint's own 16:9 slide: 33.867 by 19.05 cm.
SLIDE_WIDTH, SLIDE_HEIGHT = Emu(12_192_000), Emu(6_858_000)
MARGIN = Inches(0.45)
TITLE_TOP, TITLE_HEIGHT = Inches(0.3), Inches(0.75)
SUBTITLE_HEIGHT = Inches(0.45)
FOOTER_HEIGHT = Inches(0.75)
PICTURE_TOP = TITLE_TOP + TITLE_HEIGHT + SUBTITLE_HEIGHT + Inches(0.1)
PICTURE_WIDTH = SLIDE_WIDTH - 2 * MARGIN
PICTURE_HEIGHT = SLIDE_HEIGHT - PICTURE_TOP - FOOTER_HEIGHT - Inches(0.1)
# The picture is laid out for the box it fills, at the pixel width of a slide chart.
PICTURE_SIZE = export_layout.Size(
    code="slide-picture",
    label=export_layout.SLIDE.label,
    width=1100,
    physical_width_m=PICTURE_WIDTH / 36_000 / 1000,  # EMU: 36,000 per millimetre
    aspect=PICTURE_HEIGHT / PICTURE_WIDTH,
)
PNG_SCALE = 2
LANGUAGES = {"nl": MSO_LANGUAGE_ID.DUTCH, "en": MSO_LANGUAGE_ID.ENGLISH_UK}
# The slide's title layout in python-pptx's default template.
TITLE_ONLY_LAYOUT = 5


def chart_slide(data: "ChartData", *, footer: str) -> bytes:
    """The PPTX file of one slide for the chart, its texts in the active language."""
    fitted = export_layout.fit(data.figure, PICTURE_SIZE, texts=False)
    picture = rendering.render(
        fitted.figure, fmt="png", width=fitted.width, height=fitted.height, scale=PNG_SCALE
    )
    language = LANGUAGES.get(get_language() or "", MSO_LANGUAGE_ID.DUTCH)

    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    slide = presentation.slides.add_slide(presentation.slide_layouts[TITLE_ONLY_LAYOUT])

    # The layout's title placeholder, not a text box: it is what PowerPoint's outline and
    # screen readers take for the slide's title.
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = (
        MARGIN,
        TITLE_TOP,
        SLIDE_WIDTH - 2 * MARGIN,
        TITLE_HEIGHT,
    )
    _set_text(title.text_frame, [(data.text("title"), 28, True, INK)], language)
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM

    subtitle = slide.shapes.add_textbox(
        MARGIN, TITLE_TOP + TITLE_HEIGHT, SLIDE_WIDTH - 2 * MARGIN, SUBTITLE_HEIGHT
    )
    _set_text(subtitle.text_frame, [(data.text("subtitle"), 16, False, MUTED)], language)

    left, top, width, height = _fitted_box(fitted.width, fitted.height)
    shape = slide.shapes.add_picture(io.BytesIO(picture), left, top, width, height)
    # The alternative text of the picture (python-pptx has no property for it).
    shape._element.nvPicPr.cNvPr.set("descr", data.summary or data.text("title"))

    source = slide.shapes.add_textbox(
        MARGIN, SLIDE_HEIGHT - FOOTER_HEIGHT, SLIDE_WIDTH - 2 * MARGIN, FOOTER_HEIGHT
    )
    _set_text(
        source.text_frame,
        [(data.text("source"), 11, False, MUTED), (footer, 11, False, MUTED)],
        language,
    )

    notes = slide.notes_slide.notes_text_frame
    notes.text = "\n\n".join(part for part in (data.summary, data.text("source"), footer) if part)

    properties = presentation.core_properties
    properties.title = data.text("title")
    properties.subject = data.text("subtitle")
    properties.author = "Wijkwijzer"
    properties.language = get_language() or ""
    stream = io.BytesIO()
    presentation.save(stream)
    return stream.getvalue()


def _fitted_box(width: int, height: int) -> tuple[Emu, Emu, Emu, Emu]:
    """The picture's place: as large as the box allows at its own shape, centred."""
    scale = min(PICTURE_WIDTH / width, PICTURE_HEIGHT / height)
    shown_width, shown_height = Emu(round(width * scale)), Emu(round(height * scale))
    left = Emu(round(MARGIN + (PICTURE_WIDTH - shown_width) / 2))
    top = Emu(round(PICTURE_TOP + (PICTURE_HEIGHT - shown_height) / 2))
    return left, top, shown_width, shown_height


def _set_text(frame, paragraphs: list[tuple[str, int, bool, str]], language) -> None:
    """Paragraphs of (text, size in points, bold, colour), left-aligned, wrapping."""
    frame.word_wrap = True
    for index, (text, size, bold, colour) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
        # Spelling is checked in the page's language, not the template's English.
        run.font.language_id = language
