"""Filters for the programme table; every value they accept is listed, so a bad one is a 400."""

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Country, GovernanceLevel, Programme, Theme

FIRST_YEAR = 1900
LAST_YEAR = 2100


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


class ProgrammeFilterForm(forms.Form):
    def clean(self) -> dict:
        cleaned = super().clean()
        first, last = cleaned.get("year_from"), cleaned.get("year_to")
        if first is not None and last is not None and first > last:
            raise forms.ValidationError(_("The first year must come on or before the last year."))
        return cleaned


class ProgrammeFilter(django_filters.FilterSet):
    country = django_filters.ChoiceFilter(
        field_name="level__country__code", label=_("Country"), empty_label=_("All countries")
    )
    tier = django_filters.ChoiceFilter(
        field_name="level__tier",
        choices=[(str(tier), label) for tier, label in GovernanceLevel.Tier.choices],
        label=_("Level"),
        empty_label=_("All levels"),
    )
    theme = django_filters.ChoiceFilter(
        field_name="themes__code", label=_("Theme"), empty_label=_("All themes")
    )
    kind = django_filters.ChoiceFilter(
        choices=Programme.Kind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    year_from = YearFilter(
        method="active_from",
        label=_("Active in or after"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )
    year_to = YearFilter(
        method="active_until",
        label=_("Active in or before"),
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
    )

    class Meta:
        model = Programme
        fields = ()
        form = ProgrammeFilterForm

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Read once here: choices given as a callable would be queried again on each render.
        self.filters["country"].extra["choices"] = [
            (country.code, country.name) for country in Country.objects.all()
        ]
        self.filters["theme"].extra["choices"] = [
            (theme.code, theme.name) for theme in Theme.objects.all()
        ]

    # A programme counts as active from its start year and, without an end year, as still
    # running; one without a start year is left out once a period is asked for.
    def active_from(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(start_year__isnull=False).filter(
            Q(end_year__isnull=True) | Q(end_year__gte=value)
        )

    def active_until(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(start_year__lte=value)

    def valid_values(self) -> list[str]:
        """What the first invalid parameter would have accepted, for the 400 page."""
        for name in self.form.errors:
            field = self.form.fields.get(name)
            if isinstance(field, forms.ChoiceField):
                return [str(value) for value, _label in field.choices if value != ""]
            if name in ("year_from", "year_to", "__all__"):
                return [f"{FIRST_YEAR}–{LAST_YEAR}"]
        return []
