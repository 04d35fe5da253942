"""Long lists in pages of a fixed length, so that a page stays small and fast however many
countries, budgets or neighbourhoods the dataset holds. ``?page=N`` picks the page; the
template shows it with includes/pagination.html."""

from collections.abc import Sequence

from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, Page, Paginator
from django.http import Http404, HttpRequest, QueryDict
from django.utils.translation import gettext as _

# Longer page numbers lie beyond the end of any list this app will hold.
MAX_PAGE_DIGITS = 9


def page_of[T](request: HttpRequest, items: Sequence[T], per_page: int) -> Page:
    """The page ``?page=`` asks for (the first when it is absent): a 400 for a value that is
    not a page number, a 404 for a page past the end."""
    return page_in_query(request.GET, items, per_page)


def page_in_query[T](query: QueryDict, items: Sequence[T], per_page: int) -> Page:
    """As page_of, for a query string read outside its page (a chart file of that page)."""
    number = query.get("page", "1")
    if not (number.isascii() and number.isdigit()) or not number.lstrip("0"):
        raise BadRequest(_("A page number is a whole number from 1."))
    if len(number.lstrip("0")) > MAX_PAGE_DIGITS:
        raise Http404(_("There is no such page in this table."))
    try:
        return Paginator(items, per_page).page(int(number))
    except EmptyPage as error:
        raise Http404(_("There is no such page in this table.")) from error
