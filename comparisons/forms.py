from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from .comparison import ASPECTS
from .models import Country


class CompareForm(forms.Form):
    """The compare page's query string: ``c`` country codes (two or more), ``a`` aspects."""

    c = forms.MultipleChoiceField(label=_("Countries"), widget=forms.CheckboxSelectMultiple)
    a = forms.MultipleChoiceField(
        label=_("Aspects"),
        required=False,
        choices=[(code, aspect.name) for code, aspect in ASPECTS.items()],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen means all."),
    )

    def __init__(self, *args, countries: Sequence[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["c"].choices = countries

    def clean_c(self) -> list[str]:
        codes = list(dict.fromkeys(self.cleaned_data["c"]))
        if len(codes) < 2:
            raise forms.ValidationError(_("Choose at least two countries to compare."))
        return codes

    def clean_a(self) -> list[str]:
        return list(dict.fromkeys(self.cleaned_data["a"])) or list(ASPECTS)


SCALES = [("linear", _("linear")), ("log", _("logarithmic"))]


class BudgetFilterForm(forms.Form):
    """The budgets page's query string, which its chart's downloads share: ``country``
    codes (none for all) and ``scale``."""

    country = forms.MultipleChoiceField(
        label=_("Countries"), required=False, widget=forms.CheckboxSelectMultiple
    )
    scale = forms.ChoiceField(
        label=_("Scale"), choices=SCALES, required=False, widget=forms.RadioSelect
    )

    def __init__(self, data, *, countries: Sequence[Country]) -> None:
        # Linear unless asked otherwise, and shown so in the form.
        data = data.copy()
        data.setdefault("scale", "linear")
        super().__init__(data)
        self.fields["country"].choices = [(country.code, country.name) for country in countries]

    def valid_values(self, countries: Sequence[Country]) -> list[str]:
        """For the 400 page: the values that would work for each field in error."""
        valid = []
        if "country" in self.errors:
            valid += [f"country={country.code}" for country in countries]
        if "scale" in self.errors:
            valid += [f"scale={value}" for value, _label in SCALES]
        return valid
