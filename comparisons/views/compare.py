from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..comparison import ASPECTS, comparison_rows, countries_for_comparison
from ..forms import CompareForm
from ..http import bad_request, form_errors
from ..models import Country, ExchangeRate


def compare(request: HttpRequest) -> HttpResponse:
    choices = list(Country.objects.values_list("code", "name"))
    if not request.GET:
        form = CompareForm(countries=choices, initial={"c": [code for code, _name in choices]})
        return render(request, "comparisons/compare.html", {"form": form})

    form = CompareForm(request.GET, countries=choices)
    if not form.is_valid():
        return bad_request(request, form_errors(form), valid=_valid_values(choices))

    codes = form.cleaned_data["c"]
    by_code = {country.code: country for country in countries_for_comparison(codes)}
    countries = [by_code[code] for code in codes]
    aspects = [ASPECTS[code] for code in form.cleaned_data["a"]]
    rows = comparison_rows(countries, aspects, ExchangeRate.objects.rate_table())
    return render(
        request,
        "comparisons/compare.html",
        {"form": form, "countries": countries, "rows": rows},
    )


def _valid_values(choices) -> list[str]:
    countries = ", ".join(code for code, _name in choices)
    aspects = ", ".join(ASPECTS)
    return [
        _("c (two or more): %(values)s") % {"values": countries},
        _("a (any, or none for all): %(values)s") % {"values": aspects},
    ]
