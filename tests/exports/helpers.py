import io

import pytest
from django.test import override_settings

from comparisons import rendering

needs_chromium = pytest.mark.skipif(
    not rendering.is_available(),
    reason="Chromium is not installed (apt-get install chromium, or set BROWSER_PATH), "
    "so chart images cannot be drawn here",
)

# A browser that is not there, for the pages and files that must do without one.
without_chromium = override_settings(WIJKWIJZER_BROWSER_PATH="/nonexistent/chromium")


def pdf_text(content: bytes) -> str:
    """All text of a PDF, white space folded."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())
