"""The two inputs of the neighbourhood pages: which neighbourhoods to compare, and a
neighbourhood's figures for the Danish list calculator."""

from collections.abc import Sequence
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .lists import Figures

MAX_COMPARED = 12


class CompareForm(forms.Form):
    """?n=<slug>&n=<slug>…: two to twelve different neighbourhoods, in the order given."""

    n = forms.MultipleChoiceField(
        label=_("Neighbourhoods"),
        error_messages={
            "required": _("Choose at least two neighbourhoods to compare."),
            "invalid_choice": _("There is no neighbourhood “%(value)s”."),
        },
    )

    def __init__(self, *args, slugs: Sequence[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["n"].choices = [(slug, slug) for slug in slugs]

    def clean_n(self) -> list[str]:
        slugs = self.cleaned_data["n"]
        if len(slugs) < 2:
            raise forms.ValidationError(_("Choose at least two neighbourhoods to compare."))
        if len(slugs) > MAX_COMPARED:
            raise forms.ValidationError(
                _("Choose at most %(max)s neighbourhoods to compare."), params={"max": MAX_COMPARED}
            )
        repeated = sorted({slug for slug in slugs if slugs.count(slug) > 1})
        if repeated:
            raise forms.ValidationError(
                _("Choose each neighbourhood once; repeated: %(slugs)s."),
                params={"slugs": ", ".join(repeated)},
            )
        return slugs


def _percentage_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, min_value=0, max_value=100, max_digits=5, decimal_places=2
    )


# Form field → the code of the ListCriterion it is held against.
CRITERION_FIELDS = {
    "population": "population",
    "migration_background": "migration-background",
    "outside_work_education": "outside-work-education",
    "convictions": "convictions",
    "basic_education": "basic-education",
    "income": "income",
}


class CalculatorForm(forms.Form):
    """A neighbourhood's figures, as the Danish list measures them."""

    year = forms.TypedChoiceField(label=_("Rules of the year"), coerce=int)
    population = forms.IntegerField(label=_("Inhabitants"), min_value=0, max_value=10_000_000)
    migration_background = _percentage_field(_("Inhabitants with a migration background (%)"))
    outside_work_education = _percentage_field(
        _("Inhabitants aged 18–64 outside work or education (%)")
    )
    convictions = forms.DecimalField(
        label=_("Convicted inhabitants, as a multiple of the national share"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
    )
    basic_education = _percentage_field(_("Inhabitants aged 30–59 with basic education only (%)"))
    # Not capped at 100: a neighbourhood can earn more than its region's average.
    income = forms.DecimalField(
        # xgettext:no-python-format
        label=_("Average gross income, as % of the regional average"),
        min_value=0,
        max_value=1000,
        max_digits=6,
        decimal_places=2,
    )
    consecutive_years = forms.IntegerField(
        label=_("Consecutive years on the ghetto list, this year included"),
        min_value=0,
        max_value=50,
    )

    def __init__(self, *args, years: Sequence[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        if years:
            self.fields["year"].initial = years[-1]

    @classmethod
    def is_submitted(cls, query) -> bool:
        """Whether the query holds any of the form's figures: a bare page shows an empty form."""
        return any(name in query for name in cls.base_fields)

    def figures(self) -> Figures:
        data = self.cleaned_data
        return Figures(
            values={code: Decimal(data[name]) for name, code in CRITERION_FIELDS.items()},
            consecutive_years=data["consecutive_years"],
        )
