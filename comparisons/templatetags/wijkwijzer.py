from collections.abc import Iterable

from django import template
from django.urls import translate_url

from comparisons.models import Citation

register = template.Library()


@register.inclusion_tag("includes/citations.html")
def cite(citations: Iterable[Citation]) -> dict:
    """Citations grouped by section and page, each place named once with all its quotes."""
    groups: dict[str, dict] = {}
    for citation in citations:
        group = groups.setdefault(
            citation.short_locator,
            {"locator": citation.short_locator, "source": citation.source, "quotes": []},
        )
        if citation.quote:
            group["quotes"].append(citation.quote)
    return {"groups": list(groups.values())}


@register.simple_tag(takes_context=True)
def this_page_in(context, language: str) -> str:
    """The current page, with its query, in another language: the switcher links here."""
    request = context["request"]
    return translate_url(request.get_full_path(), language)
