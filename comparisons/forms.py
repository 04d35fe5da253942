from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from .comparison import ASPECTS


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
