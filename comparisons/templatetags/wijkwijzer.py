from collections.abc import Iterable

from django import template
from django.urls import translate_url
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from comparisons.models import Citation

register = template.Library()


@register.simple_tag
def cite(citations: Iterable[Citation]) -> SafeString:
    """Citations grouped by section and page, each place named once with all its quotes: the
    place shows, the source's title and the quotes are its tooltip.

    Built here rather than in a template: a page of the governance matrix or the
    comparison cites a few hundred times, and a template each time costs more than the rest
    of the cell."""
    groups: dict[str, tuple[str, list[str]]] = {}
    for citation in citations:
        _title, quotes = groups.setdefault(citation.short_locator, (citation.source.title, []))
        if citation.quote:
            quotes.append(citation.quote)
    if not groups:
        return mark_safe("")
    cites = format_html_join(
        "; ",
        '<cite class="citation" title="{}">{}</cite>',
        (
            (title + "".join(f" — “{quote}”" for quote in quotes), locator)
            for locator, (title, quotes) in groups.items()
        ),
    )
    return format_html('<span class="citations">{}</span>', cites)


@register.simple_tag(takes_context=True)
def this_page_in(context, language: str) -> str:
    """The current page, with its query, in another language: the switcher links here."""
    request = context["request"]
    return translate_url(request.get_full_path(), language)
