from django import template
from django.urls import reverse

from comparisons import chart_exports, export_layout, rendering

register = template.Library()


@register.inclusion_tag("includes/chart_downloads.html", takes_context=True)
def chart_downloads(context, chart_id: str) -> dict:
    """Links to the chart's files, for the page's own address and query, in each size."""
    chart = chart_exports.CHARTS.get(chart_id)
    request = context.get("request")
    if chart is None or request is None or request.resolver_match is None:
        return {}
    # The page's URL arguments (a country code, a neighbourhood) select the same records.
    url_kwargs = request.resolver_match.kwargs

    def link(fmt: str, size: export_layout.Size = export_layout.A4) -> str:
        url = reverse(chart.url_name, kwargs={**url_kwargs, "fmt": fmt})
        query = request.GET.copy()
        query.pop("size", None)
        if size is not export_layout.A4:
            query["size"] = size.code
        return f"{url}?{query.urlencode()}" if query else url

    sizes = [
        {
            "size": size,
            "files": [
                {"label": fmt.upper(), "url": link(fmt, size)} for fmt in ("png", "svg", "pdf")
            ],
        }
        for size in export_layout.SIZES.values()
    ]
    return {
        "available": rendering.is_available(),
        "sizes": sizes,
        "slide_url": link("pptx"),
        "csv_url": link("csv"),
    }
