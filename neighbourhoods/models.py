"""Places (regions, cities, case neighbourhoods), their statistics and measures, and the
Danish list rules with the report's hard-ghetto table.
"""

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from comparisons.models import (
    Cited,
    Country,
    Programme,
    Theme,
    period_constraints,
    slug_validator,
    with_citations,
    year_field,
)
from comparisons.naturalkeys import NaturalKeyModel, NaturalKeyQuerySet


class PlaceQuerySet(NaturalKeyQuerySet):
    def neighbourhoods(self) -> "PlaceQuerySet":
        return self.filter(kind=Place.Kind.NEIGHBOURHOOD)

    def case_studies(self) -> "PlaceQuerySet":
        return self.filter(is_case_study=True)

    def case_profiles(self) -> "PlaceQuerySet":
        """The report's case neighbourhoods and case-study municipalities such as Molenbeek."""
        return self.case_studies().filter(kind__in=[Place.Kind.NEIGHBOURHOOD, Place.Kind.CITY])

    def profiled(self) -> "PlaceQuerySet":
        """Places with a profile page: every neighbourhood, and the case-study municipalities."""
        return self.filter(
            Q(kind=Place.Kind.NEIGHBOURHOOD) | Q(kind=Place.Kind.CITY, is_case_study=True)
        )

    def baselines_for(self, places: Iterable["Place"]) -> dict[int, list["Place"]]:
        """Each place's baselines (the places it lies in, nearest first), by the place's id.

        One query however deep the chains: a place lies in places of its own country.
        """
        places = list(places)
        by_id = {
            place.pk: place
            for place in self.filter(country_id__in={place.country_id for place in places})
        }
        chains: dict[int, list[Place]] = {}
        for place in places:
            chain: list[Place] = []
            seen = {place.pk}
            parent_id = place.parent_id
            while parent_id in by_id and parent_id not in seen:
                chain.append(by_id[parent_id])
                seen.add(parent_id)
                parent_id = by_id[parent_id].parent_id
            chains[place.pk] = chain
        return chains


class Place(NaturalKeyModel, Cited):
    """A region, city, district or neighbourhood; the places above one are its baselines."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("whole country")
        REGION = "region", _("region or state")
        CITY = "city", _("city or municipality")
        DISTRICT = "district", _("district")
        NEIGHBOURHOOD = "neighbourhood", _("neighbourhood")

    slug = models.SlugField(_("slug"), max_length=80, unique=True, validators=[slug_validator])
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="places", verbose_name=_("country")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("lies in"),
        help_text=_("The city or region whose figures serve as this place's baseline."),
    )
    name = models.CharField(_("name"), max_length=150)
    original_name = models.CharField(_("original name"), max_length=150, blank=True)
    is_case_study = models.BooleanField(_("case study of the report"), default=False)
    typology = models.CharField(
        _("typology"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “large post-war housing estate”, as the source describes it."),
    )
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    natural_key_fields = ("slug",)
    country_path = "country__code"
    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["country", "order", "name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="place_not_own_parent",
                violation_error_message=_("A place cannot lie within itself."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.parent_id is None:
            return
        if self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A place cannot lie in itself.")})
        if self.parent.country_id != self.country_id:
            raise ValidationError({"parent": _("Choose a place in the same country.")})
        if self.pk and self.pk in {place.pk for place in self.parent.ancestors()}:
            raise ValidationError({"parent": _("A place cannot lie in one of its own parts.")})

    def ancestors(self) -> list["Place"]:
        """The places this one lies in, nearest first: its baselines."""
        chain: list[Place] = []
        seen = {self.pk}
        place = self.parent
        while place is not None and place.pk not in seen:
            chain.append(place)
            seen.add(place.pk)
            place = place.parent
        return chain


class Designation(NaturalKeyModel, Cited):
    """A status a place had for a time, e.g. Soziale Stadt area or a place on the Danish list."""

    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="designations", verbose_name=_("place")
    )
    code = models.SlugField(
        _("code"),
        max_length=60,
        validators=[slug_validator],
        help_text=_("The kind of status, e.g. “soziale-stadt” or “hard-ghetto”."),
    )
    name = models.CharField(_("name"), max_length=150)
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="designations",
        verbose_name=_("programme"),
    )
    start_year = year_field(_("from"), null=True, blank=True)
    end_year = year_field(_("until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    natural_key_fields = ("place__slug", "code", "start_year")
    country_path = "place__country__code"

    class Meta:
        ordering = ["place", "start_year", "code"]
        verbose_name = _("designation")
        verbose_name_plural = _("designations")
        constraints = [
            models.UniqueConstraint(
                "place",
                "code",
                Coalesce("start_year", 0),
                name="designation_unique",
                violation_error_message=_(
                    "This place already has this designation from this year."
                ),
            ),
            *period_constraints("designation", "start_year", "end_year"),
        ]

    def __str__(self) -> str:
        return f"{self.place}: {self.name}"


class Indicator(NaturalKeyModel):
    """Something measured about a place, e.g. the unemployment rate."""

    class Unit(models.TextChoices):
        PERCENT = "percent", _("%")
        COUNT = "count", _("number")
        PER_1000 = "per-1000", _("per 1,000 inhabitants")
        EUR = "eur", _("euro")
        DKK = "dkk", _("Danish kroner")
        RATIO = "ratio", _("ratio")
        YEARS = "years", _("years")
        SQUARE_KM = "km2", _("km²")

    code = models.SlugField(_("code"), max_length=60, unique=True, validators=[slug_validator])
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        verbose_name=_("theme"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    natural_key_fields = ("code",)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return f"{self.name} ({self.get_unit_display()})"

    @property
    def is_percentage(self) -> bool:
        return self.unit == self.Unit.PERCENT

    def clean(self) -> None:
        super().clean()
        if self.pk and self.is_percentage:
            outside = self.observations.exclude(value__gte=0, value__lte=100)
            if outside.exists():
                raise ValidationError(
                    {"unit": _("Some figures of this indicator lie outside 0–100; fix them first.")}
                )

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)
        # Keep the copy on each observation in step: the database checks ranges with it.
        self.observations.exclude(is_percentage=self.is_percentage).update(
            is_percentage=self.is_percentage
        )


class ObservationQuerySet(NaturalKeyQuerySet):
    def with_related(self) -> "ObservationQuerySet":
        return self.select_related("place", "indicator").prefetch_related(with_citations())

    def latest_per_indicator(self) -> "ObservationQuerySet":
        """Each place's current figure per indicator only (as in_table_order() puts first),
        chosen by the database, so that a list of places reads one row per figure shown
        rather than every year of every figure."""
        return self.annotate(
            recency=Window(
                RowNumber(),
                partition_by=[F("place_id"), F("indicator_id")],
                order_by=[
                    F("year").desc(nulls_first=True),
                    F("year_end").desc(nulls_first=True),
                    F("pk").asc(),
                ],
            )
        ).filter(recency=1)

    def with_earlier_count(self) -> "ObservationQuerySet":
        """Each figure with how many other figures its place has for its indicator: beside
        latest_per_indicator(), how many earlier years a summary leaves to the profile."""
        return self.annotate(
            earlier_count=Window(Count("pk"), partition_by=[F("place_id"), F("indicator_id")]) - 1
        )

    def in_table_order(self) -> "ObservationQuerySet":
        """By indicator, each indicator's latest figure first: an undated figure counts as
        the latest, because the report gives those as the current state (“currently 67 %”)."""
        return self.order_by(
            "indicator__order",
            "indicator__code",
            F("year").desc(nulls_first=True),
            F("year_end").desc(nulls_first=True),
            "pk",
        )


class Observation(NaturalKeyModel, Cited):
    """One figure for one place: a value, its year (or that the year is not stated), its source.

    A figure the source does not give is simply absent: never stored as 0.
    """

    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="observations", verbose_name=_("place")
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("indicator"),
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    year = year_field(
        _("year"), null=True, blank=True, help_text=_("Empty where the source states no year.")
    )
    year_end = year_field(
        _("last year"),
        null=True,
        blank=True,
        help_text=_("For a figure over several years, e.g. an average over 2015–2016."),
    )
    date = models.DateField(_("exact date"), null=True, blank=True)
    # A copy of the indicator's unit test, so the database itself can refuse 120 %.
    is_percentage = models.BooleanField(default=False, editable=False)
    note = models.TextField(_("note"), blank=True)

    natural_key_fields = ("place__slug", "indicator__code", "year", "year_end")
    country_path = "place__country__code"
    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["place", "indicator", "year"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                "place",
                "indicator",
                Coalesce("year", 0),
                Coalesce("year_end", 0),
                name="observation_unique_period",
                violation_error_message=_("This place already has this figure for this period."),
            ),
            models.CheckConstraint(
                condition=Q(is_percentage=False) | Q(value__gte=0, value__lte=100),
                name="observation_percentage_range",
                violation_error_message=_("A percentage lies between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(year_end__isnull=True) | Q(year__isnull=False, year_end__gte=F("year")),
                name="observation_end_after_start",
                violation_error_message=_("The last year must be on or after the first year."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.place} · {self.indicator.name} {self.period_label}: {self.value}"

    @property
    def period_label(self) -> str:
        if self.year is None:
            return str(_("year not stated"))
        if self.year_end and self.year_end != self.year:
            return f"{self.year}–{self.year_end}"
        return str(self.year)

    def clean(self) -> None:
        super().clean()
        if (
            self.indicator_id
            and self.indicator.is_percentage
            and self.value is not None
            and not Decimal(0) <= self.value <= Decimal(100)
        ):
            raise ValidationError({"value": _("A percentage lies between 0 and 100.")})

    def save(self, *args, **kwargs) -> None:
        self.is_percentage = self.indicator.is_percentage
        super().save(*args, **kwargs)


class LocalMeasure(NaturalKeyModel, Cited):
    """What a city or neighbourhood does, by theme, with the programme that pays where known."""

    class Kind(models.TextChoices):
        PHYSICAL = "physical", _("physical")
        SOCIAL = "social", _("social")
        SAFETY = "safety", _("safety")

    slug = models.SlugField(_("slug"), max_length=80, unique=True, validators=[slug_validator])
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="measures", verbose_name=_("place")
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="local_measures", verbose_name=_("themes")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_measures",
        verbose_name=_("funded by"),
    )
    name = models.CharField(_("name"), max_length=200)
    original_name = models.CharField(_("original name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    outcome = models.TextField(
        _("outcome as reported"), blank=True, help_text=_("Only what the source reports.")
    )
    start_year = year_field(_("start year"), null=True, blank=True)
    end_year = year_field(_("end year"), null=True, blank=True)

    natural_key_fields = ("slug",)
    country_path = "place__country__code"

    class Meta:
        ordering = ["place", "name"]
        verbose_name = _("local measure")
        verbose_name_plural = _("local measures")
        constraints = [*period_constraints("measure", "start_year", "end_year")]

    def __str__(self) -> str:
        return f"{self.place}: {self.name}"


class ListCategory(models.TextChoices):
    VULNERABLE = "vulnerable", _("vulnerable neighbourhood")
    GHETTO = "ghetto", _("ghetto")
    HARD_GHETTO = "hard-ghetto", _("hard ghetto")


class ListCriterion(NaturalKeyModel, Cited):
    """One test of a national neighbourhood list, e.g. Denmark's “over 40 % outside work
    or education”, with the years it applied.
    """

    class Role(models.TextChoices):
        CRITERION = "criterion", _("criterion (counts towards the minimum number met)")
        CONDITION = "condition", _("condition for a category")

    class Comparison(models.TextChoices):
        GREATER = "gt", ">"
        AT_LEAST = "gte", "≥"
        LESS = "lt", "<"
        AT_MOST = "lte", "≤"

    class Unit(models.TextChoices):
        # xgettext:no-python-format
        PERCENT = "percent", _("% of inhabitants")
        TIMES_NATIONAL = "times-national", _("times the national share")
        # xgettext:no-python-format
        PERCENT_OF_REGIONAL = "percent-of-regional", _("% of the regional average")
        INHABITANTS = "inhabitants", _("inhabitants")

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="list_criteria", verbose_name=_("country")
    )
    code = models.SlugField(_("code"), max_length=40, validators=[slug_validator])
    number = models.PositiveSmallIntegerField(
        pgettext_lazy("position in a list", "number"), null=True, blank=True
    )
    role = models.CharField(_("role"), max_length=10, choices=Role)
    category = models.CharField(
        _("category it decides"),
        max_length=20,
        choices=ListCategory,
        help_text=_("Criteria decide “vulnerable”; conditions such as size decide “ghetto”."),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    comparison = models.CharField(_("comparison"), max_length=3, choices=Comparison)
    threshold = models.DecimalField(_("threshold"), max_digits=10, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit)
    age_min = models.PositiveSmallIntegerField(_("youngest age counted"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("oldest age counted"), null=True, blank=True)
    measured_over = models.CharField(
        _("measured over"),
        max_length=200,
        blank=True,
        help_text=_("E.g. “average of the last two years”."),
    )
    valid_from = year_field(_("applies from"))
    valid_until = year_field(_("applies until"), null=True, blank=True)

    natural_key_fields = ("country__code", "code", "valid_from")
    country_path = "country__code"

    class Meta:
        ordering = ["country", "role", "number", "valid_from"]
        verbose_name = _("list criterion")
        verbose_name_plural = _("list criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "code", "valid_from"], name="criterion_unique"
            ),
            models.CheckConstraint(
                condition=Q(threshold__gte=0),
                name="criterion_threshold_not_negative",
                violation_error_message=_("A threshold cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~Q(unit__in=["percent", "percent-of-regional"]) | Q(threshold__lte=100),
                name="criterion_percentage_range",
                violation_error_message=_("A percentage threshold lies between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=Q(age_min__isnull=True)
                | Q(age_max__isnull=True)
                | Q(age_max__gte=F("age_min")),
                name="criterion_age_range",
                violation_error_message=_("The oldest age must not be below the youngest."),
            ),
            *period_constraints("criterion", "valid_from", "valid_until"),
        ]

    def __str__(self) -> str:
        return f"{self.country.code} {self.number or ''} {self.name}".strip()

    def is_met_by(self, value: Decimal) -> bool:
        compare = {
            self.Comparison.GREATER: value > self.threshold,
            self.Comparison.AT_LEAST: value >= self.threshold,
            self.Comparison.LESS: value < self.threshold,
            self.Comparison.AT_MOST: value <= self.threshold,
        }
        return compare[self.Comparison(self.comparison)]


class ListCategoryRule(NaturalKeyModel, Cited):
    """When a neighbourhood counts as vulnerable, ghetto or hard ghetto, for a span of years."""

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="list_rules", verbose_name=_("country")
    )
    category = models.CharField(_("category"), max_length=20, choices=ListCategory)
    min_criteria_met = models.PositiveSmallIntegerField(
        _("minimum number of criteria met"), null=True, blank=True
    )
    consecutive_years = models.PositiveSmallIntegerField(
        _("consecutive years as a ghetto"), null=True, blank=True
    )
    description = models.TextField(_("description"))
    valid_from = year_field(_("applies from"))
    valid_until = year_field(_("applies until"), null=True, blank=True)

    natural_key_fields = ("country__code", "category", "valid_from")
    country_path = "country__code"

    class Meta:
        ordering = ["country", "category", "valid_from"]
        verbose_name = _("list category rule")
        verbose_name_plural = _("list category rules")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "category", "valid_from"], name="category_rule_unique"
            ),
            *period_constraints("category_rule", "valid_from", "valid_until"),
        ]

    def __str__(self) -> str:
        return f"{self.country.code} {self.get_category_display()} ({self.valid_from})"


class ListCount(NaturalKeyModel, Cited):
    """How many neighbourhoods a national list counted in a category at a time."""

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="list_counts", verbose_name=_("country")
    )
    category = models.CharField(_("category"), max_length=20, choices=ListCategory)
    year = year_field(_("year"))
    count = models.PositiveIntegerField(_("number of neighbourhoods"))
    note = models.TextField(_("note"), blank=True)

    natural_key_fields = ("country__code", "category", "year")
    country_path = "country__code"

    class Meta:
        ordering = ["country", "year", "category"]
        verbose_name = _("list count")
        verbose_name_plural = _("list counts")
        constraints = [
            models.UniqueConstraint(fields=["country", "category", "year"], name="count_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.country.code} {self.year}: {self.count} × {self.get_category_display()}"


class ListAssessment(NaturalKeyModel, Cited):
    """A neighbourhood's row on a national list, e.g. a line of the report's hard-ghetto table."""

    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="list_assessments", verbose_name=_("place")
    )
    list_year = year_field(_("list of"))
    category = models.CharField(_("category"), max_length=20, choices=ListCategory)

    natural_key_fields = ("place__slug", "list_year")
    country_path = "place__country__code"
    history = HistoricalRecords()

    class Meta:
        ordering = ["list_year", "place"]
        verbose_name = _("list assessment")
        verbose_name_plural = _("list assessments")
        constraints = [
            models.UniqueConstraint(fields=["place", "list_year"], name="assessment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.place} ({self.list_year}): {self.get_category_display()}"


class ListAssessmentValue(NaturalKeyModel):
    """One cell of a list row: the value for a criterion and the change needed to fall off it."""

    class ChangeUnit(models.TextChoices):
        INHABITANTS = "inhabitants", _("inhabitants")
        DKK = "dkk", _("Danish kroner")

    assessment = models.ForeignKey(
        ListAssessment, on_delete=models.CASCADE, related_name="values", verbose_name=_("row")
    )
    criterion = models.ForeignKey(
        ListCriterion, on_delete=models.PROTECT, related_name="values", verbose_name=_("criterion")
    )
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    # Not always the criterion's unit: the report gives convictions as a share of
    # inhabitants, while the criterion compares with the national share.
    unit = models.CharField(_("unit"), max_length=20, choices=ListCriterion.Unit)
    measured = models.CharField(
        _("measured"), max_length=40, help_text=_("As the source labels it, e.g. “2015-2016”.")
    )
    required_change = models.DecimalField(
        _("change needed to no longer meet it"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The figure in brackets in the report; negative where it is not met."),
    )
    required_change_unit = models.CharField(
        _("unit of the change"), max_length=12, choices=ChangeUnit, blank=True
    )

    natural_key_fields = ("assessment__place__slug", "assessment__list_year", "criterion__code")

    class Meta:
        ordering = ["assessment", "criterion"]
        verbose_name = _("list value")
        verbose_name_plural = _("list values")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="list_value_unique"),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="list_value_not_negative",
                violation_error_message=_("A value cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion.name}: {self.value}"
