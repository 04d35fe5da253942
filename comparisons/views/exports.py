"""Downloads of the charts (PNG, SVG, PDF, CSV, PPTX) and the comparison's briefing PDF."""

import logging

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .. import briefing as briefings
from .. import chart_exports, rendering
from ..http import bad_request

logger = logging.getLogger(__name__)

# After a timeout the renderer has been restarted; a minute is ample for it to be back.
RETRY_AFTER_SECONDS = 60


def chart_file(request: HttpRequest, chart: str, fmt: str, **url_kwargs: str) -> HttpResponse:
    if fmt not in chart_exports.CONTENT_TYPES:
        raise Http404(_("Charts download as PNG, SVG, PDF, PPTX or CSV."))
    try:
        export = chart_exports.export_chart(chart, fmt, request.GET, url_kwargs)
    except chart_exports.BadChartRequest as error:
        return bad_request(request, error.message, error.valid)
    except rendering.ExportUnavailable as error:
        return _unavailable(request, error)
    return _download(export)


def briefing(request: HttpRequest) -> HttpResponse:
    try:
        export = briefings.briefing_file(request.GET)
    except chart_exports.BadChartRequest as error:
        return bad_request(request, error.message, error.valid)
    except rendering.ExportUnavailable as error:
        return _unavailable(request, error)
    return _download(export)


def _download(export: chart_exports.ExportFile) -> HttpResponse:
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    # The address stays the same when the data changes: always ask again.
    response["Cache-Control"] = "private, no-cache"
    return response


def _unavailable(request: HttpRequest, error: rendering.ExportUnavailable) -> HttpResponse:
    """A 503 that says in plain words why there is no file, and what to do instead."""
    if isinstance(error, rendering.BrowserMissing):
        message = _(
            "Chart images cannot be made on this server: the Chromium browser that draws "
            "them is not installed. The administrator can install it with “apt-get install "
            "chromium”. The data of every chart can still be downloaded as CSV."
        )
    elif isinstance(error, rendering.RenderTimeout):
        message = _(
            "Making this file took too long, so it was stopped. Please try again in a minute."
        )
    else:
        message = _(
            "This file could not be made. Please try again in a minute; if it fails again, "
            "download the chart's data as CSV."
        )
    logger.warning("Export of %s not available: %s", request.path, error)
    response = render(
        request,
        "comparisons/export_unavailable.html",
        {"message": message, "page_url": _page_of(request)},
        status=503,
    )
    if not isinstance(error, rendering.BrowserMissing):
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _page_of(request: HttpRequest) -> str:
    """The page a file belongs to: its address without the file name, with its query."""
    path = request.path.rsplit("/", 1)[0] + "/"
    query = request.GET.copy()
    query.pop("size", None)
    return f"{path}?{query.urlencode()}" if query else path
