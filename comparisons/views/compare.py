from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..comparison import ASPECTS, comparison_rows, prefetch_for_comparison
from ..forms import CompareForm
from ..http import bad_request, form_errors
from ..models import Country, ExchangeRate
from ..paging import page_of

COUNTRIES_PER_PAGE = 8


def compare(request: HttpRequest) -> HttpResponse:
    # One read serves the form's choices and the chosen countries: all are a few hundred
    # rows at most.
    all_countries = {country.code: country for country in Country.objects.all()}
    choices = [(code, country.name) for code, country in all_countries.items()]
    if not request.GET:
        form = CompareForm(countries=choices, initial={"c": [code for code, _name in choices]})
        return render(request, "comparisons/compare.html", {"form": form})

    form = CompareForm(request.GET, countries=choices)
    if not form.is_valid():
        return bad_request(request, form_errors(form), valid=_valid_values(choices))

    # Side by side, a few countries at a time: the page stays readable, small and fast when
    # all hundred are chosen; the next ones are a page further, in the order chosen.
    try:
        page = page_of(request, form.cleaned_data["c"], COUNTRIES_PER_PAGE)
    except BadRequest as error:
        return bad_request(request, str(error))
    countries = [all_countries[code] for code in page.object_list]
    prefetch_for_comparison(countries)
    aspects = [ASPECTS[code] for code in form.cleaned_data["a"]]
    rows = comparison_rows(countries, aspects, ExchangeRate.objects.rate_table())
    return render(
        request,
        "comparisons/compare.html",
        {"form": form, "countries": countries, "rows": rows, "page": page},
    )


def _valid_values(choices) -> list[str]:
    countries = ", ".join(code for code, _name in choices)
    aspects = ", ".join(ASPECTS)
    return [
        _("c (two or more): %(values)s") % {"values": countries},
        _("a (any, or none for all): %(values)s") % {"values": aspects},
    ]
