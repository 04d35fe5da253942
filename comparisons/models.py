"""Countries, how they govern vulnerable neighbourhoods, with what money, and the sources.

Every fact-bearing record cites the report through ``citations``; every delete that
would orphan a fact is refused (``PROTECT``).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.constants import LOOKUP_SEP
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .naturalkeys import NaturalKeyModel, NaturalKeyQuerySet

# A discrepancy beyond this share between the report's euro figure and ours is a data note.
STATED_EUR_TOLERANCE = Decimal("0.10")
CENT = Decimal("0.01")

slug_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
    _("Use lower-case letters, digits and single hyphens, e.g. “soziale-stadt”."),
)


def year_field(verbose_name: str, **kwargs) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        verbose_name,
        validators=[MinValueValidator(1900)],
        **kwargs,
    )


def period_constraints(prefix: str, start: str, end: str) -> list[models.BaseConstraint]:
    """End year on or after start year, and both plausible years."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)}),
            name=f"{prefix}_end_after_start",
            violation_error_message=_("The end year must be the same as or after the start year."),
        ),
        models.CheckConstraint(
            condition=Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__gte": 1900}),
            name=f"{prefix}_start_plausible",
            violation_error_message=_("The start year must be 1900 or later."),
        ),
    ]


class Source(NaturalKeyModel):
    """A document that facts come from: the report, or literature it cites."""

    class Kind(models.TextChoices):
        REPORT = "report", _("Research report")
        POLICY = "policy", _("Policy document or law")
        STATISTICS = "statistics", _("Statistics")
        ARTICLE = "article", _("Article or newspaper")
        WEBSITE = "website", _("Website")
        OTHER = "other", _("Other")

    key = models.SlugField(_("key"), max_length=80, unique=True, validators=[slug_validator])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.REPORT)
    title = models.CharField(_("title"), max_length=300)
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    year = year_field(_("year"), null=True, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True)
    url = models.URLField(_("web address"), max_length=500, blank=True)

    natural_key_fields = ("key",)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")

    def __str__(self) -> str:
        return f"{self.title} ({self.year})" if self.year else self.title


class Citation(NaturalKeyModel):
    """Where in a source a fact stands: section, page and, where wording matters, a quote."""

    key = models.SlugField(_("key"), max_length=120, unique=True, validators=[slug_validator])
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="citations", verbose_name=_("source")
    )
    section = models.CharField(
        _("section"), max_length=200, help_text=_("Number and heading, e.g. “4.2 Soziale Stadt”.")
    )
    page = models.PositiveSmallIntegerField(
        _("page"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    page_end = models.PositiveSmallIntegerField(_("last page"), null=True, blank=True)
    quote = models.TextField(
        _("quote"), blank=True, help_text=_("The source's own words, in its own language.")
    )

    natural_key_fields = ("key",)
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "page", "section"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            models.CheckConstraint(
                condition=Q(page__isnull=True) | Q(page__gte=1),
                name="citation_page_positive",
                violation_error_message=_("Pages start at 1."),
            ),
            models.CheckConstraint(
                condition=Q(page_end__isnull=True) | Q(page__isnull=False, page_end__gte=F("page")),
                name="citation_page_range",
                violation_error_message=_("The last page must come on or after the first page."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source.title}, {self.locator}"

    @property
    def locator(self) -> str:
        """“§ 4.2 Centraal beleid …, pp. 33–42”: section heading and pages."""
        return self._locate(self.section)

    @property
    def short_locator(self) -> str:
        """“§ 4.2, pp. 33–42”: the section number only, for source lines under charts."""
        number = self.section.split(" ", 1)[0]
        return self._locate(number if number[:1].isdigit() else self.section.split(" › ")[0])

    def _locate(self, section: str) -> str:
        if self.page and self.page_end and self.page_end != self.page:
            pages = _("pp. %(first)s–%(last)s") % {"first": self.page, "last": self.page_end}
        elif self.page:
            pages = _("p. %(page)s") % {"page": self.page}
        else:
            return f"§ {section}"
        return f"§ {section}, {pages}"


class Cited(models.Model):
    """A record that states a fact, and so must say where the fact comes from."""

    citations = models.ManyToManyField(
        Citation,
        blank=True,
        related_name="%(app_label)s_%(class)s_set",
        verbose_name=_("citations"),
    )

    class Meta:
        abstract = True


class CountryQuerySet(NaturalKeyQuerySet):
    def with_key_figures(self) -> "CountryQuerySet":
        """Countries with their main programme, its budgets and their number of case
        neighbourhoods, in a fixed number of queries however many countries there are."""
        budgets = models.Prefetch(
            "budgets",
            queryset=Budget.objects.filter(part_of=None)
            .select_related("funding_level")
            .prefetch_related(with_citations()),
        )
        key_programmes = Programme.objects.filter(is_key=True).prefetch_related(
            budgets,
            models.Prefetch("children", queryset=Programme.objects.prefetch_related(budgets)),
        )
        return self.annotate(
            case_neighbourhoods=Count(
                "places",
                filter=Q(places__is_case_study=True, places__kind="neighbourhood"),
                distinct=True,
            )
        ).prefetch_related(
            models.Prefetch("levels__programmes", queryset=key_programmes, to_attr="key_programmes")
        )


def with_citations(lookup: str = "citations") -> models.Prefetch:
    """Prefetch a record's citations with their sources in one query instead of two."""
    return models.Prefetch(lookup, queryset=Citation.objects.select_related("source"))


def citations_of(records: Sequence[Cited]) -> dict[object, list[Citation]]:
    """The citations, with their sources, of records of one model, by the record's pk and in
    Citation's order: one query on the link table. For pages that show a few hundred records
    at once: a prefetch would build a related manager for each, which takes longer."""
    if not records:
        return {}
    links, record, citation = _citation_links_of(records)
    links = links.select_related(f"{citation}__source").order_by(
        *(f"{citation}__{name}" for name in Citation._meta.ordering), citation
    )
    cited: dict[object, list[Citation]] = {}
    for link in links:
        cited.setdefault(getattr(link, f"{record}_id"), []).append(getattr(link, citation))
    return cited


def _citation_links_of(records: Sequence[Cited]) -> tuple[models.QuerySet, str, str]:
    """The rows of the link table between records of one model and their citations, with
    the names of its two columns: the one naming the record, the one naming the citation."""
    field = type(records[0])._meta.get_field("citations")
    record, citation = field.m2m_field_name(), field.m2m_reverse_field_name()
    links = field.remote_field.through.objects.filter(**{f"{record}__in": records})
    return links, record, citation


def prefetch_citations(records: Sequence[Cited], *lookups: str) -> None:
    """Load the citations, with their sources, of the records and of the records their
    prefetched lookups reach (e.g. ``"levels__programmes__budgets"``): two queries in all,
    where ``with_citations()`` takes one per model. Each ``citations.all()`` then reads no
    query and lists the citations in Citation's order, as a prefetch would."""
    groups = [list(records), *(_reached(records, lookup) for lookup in lookups)]
    groups = [group for group in groups if group]
    if not groups:
        return
    owners: dict[int, list[tuple[int, object]]] = defaultdict(list)
    for group, record, citation in _citation_links(groups):
        owners[citation].append((group, record))
    cited: dict[tuple[int, object], list[Citation]] = defaultdict(list)
    # The id last, so that citations of the same source, page and section keep one order.
    ordering = [*Citation._meta.ordering, "pk"]
    citations = Citation.objects.select_related("source").filter(pk__in=list(owners))
    for citation in citations.order_by(*ordering):
        for owner in owners[citation.pk]:
            cited[owner].append(citation)
    for index, group in enumerate(groups):
        for record in group:
            _keep_citations(record, cited[(index, record.pk)])


def _reached(records: Iterable[models.Model], lookup: str) -> list[models.Model]:
    """The records a prefetched lookup leads to: every budget of "levels__programmes__budgets"."""
    for name in lookup.split(LOOKUP_SEP):
        records = [related for record in records for related in getattr(record, name).all()]
    return list(records)


def _citation_links(groups: Sequence[Sequence[Cited]]) -> list[tuple[int, object, int]]:
    """(group, record, citation) for each citation of each record: one UNION over the link
    tables of the records' models."""
    first, *rest = [_links(index, group) for index, group in enumerate(groups)]
    return list(first.union(*rest, all=True))


def _links(index: int, group: Sequence[Cited]) -> models.QuerySet:
    links, record, citation = _citation_links_of(group)
    return links.values_list(Value(index), record, citation)


def _keep_citations(record: Cited, citations: list[Citation]) -> None:
    # Left as prefetch_related() leaves a record, so that the related manager answers from
    # memory: Django has no public way to hand it rows read another way. A plain all(), as
    # prefetch_related() takes: chaining more would build the query's filter for each record.
    queryset = record.citations.all()
    queryset._result_cache = citations
    queryset._prefetch_done = True
    vars(record).setdefault("_prefetched_objects_cache", {})["citations"] = queryset


class Country(NaturalKeyModel, Cited):
    code = models.CharField(
        _("country code"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Use the two capital letters of ISO 3166-1."))],
        help_text=_("ISO 3166-1 alpha-2, e.g. DE."),
    )
    name = models.CharField(_("name"), max_length=100)
    original_name = models.CharField(
        _("name in the country's language"), max_length=100, blank=True
    )
    language = models.CharField(
        _("language of original names"),
        max_length=8,
        blank=True,
        validators=[
            RegexValidator(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$", _("Use a code like de or da."))
        ],
        help_text=_("BCP 47 code, e.g. de or da; marks original names for screen readers."),
    )
    colour = models.CharField(
        _("chart colour"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9a-f]{6}$", _("Use a colour like #1f77b4."))],
        help_text=_("One fixed colour per country, used by every chart."),
    )
    summary = models.TextField(_("summary"), blank=True)
    definition = models.TextField(_("definition of a vulnerable neighbourhood"), blank=True)
    has_national_policy = models.BooleanField(
        _("has a national neighbourhood policy"),
        null=True,
        blank=True,
        help_text=_("Leave empty where the source does not say."),
    )
    national_policy = models.TextField(_("national neighbourhood policy"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    natural_key_fields = ("code",)
    country_path = "code"
    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{2}$"),
                name="country_code_iso",
                violation_error_message=_("Use the two capital letters of ISO 3166-1."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def main_programme(self) -> "Programme | None":
        """The programme marked as the country's main one (after with_key_figures())."""
        for level in self.levels.all():
            for programme in getattr(level, "key_programmes", []):
                return programme
        return None


class GovernanceLevel(NaturalKeyModel):
    """One tier of government in a country, e.g. Bund, Länder, Kommunen."""

    class Tier(models.IntegerChoices):
        NATIONAL = 1, _("national / federal")
        REGIONAL = 2, _("regional / state / community")
        MUNICIPAL = 3, _("municipal")
        DISTRICT = 4, _("district / neighbourhood")

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="levels", verbose_name=_("country")
    )
    code = models.SlugField(_("code"), max_length=60, validators=[slug_validator])
    tier = models.PositiveSmallIntegerField(_("tier"), choices=Tier)
    name = models.CharField(_("name"), max_length=150)
    original_name = models.CharField(_("original name"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True)

    natural_key_fields = ("country__code", "code")
    country_path = "country__code"

    class Meta:
        ordering = ["country", "tier", "code"]
        verbose_name = _("governance level")
        verbose_name_plural = _("governance levels")
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="level_unique_code"),
            models.CheckConstraint(
                condition=Q(tier__gte=1, tier__lte=4),
                name="level_tier_known",
                violation_error_message=_("Choose one of the four tiers."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.code})"


class Theme(NaturalKeyModel):
    """A policy domain: the report's three core themes and the adjacent ones."""

    code = models.SlugField(_("code"), max_length=40, unique=True, validators=[slug_validator])
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    is_core = models.BooleanField(
        _("core theme of the report"),
        default=False,
        help_text=_("Safety, liveability, and integration & society."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    natural_key_fields = ("code",)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Responsibility(NaturalKeyModel, Cited):
    """Who steers a theme at one level of government, and how."""

    class Mode(models.TextChoices):
        LAW = "law", _("law")
        SUBSIDY = "subsidy", _("subsidy conditions")
        FRAMEWORK = "framework", _("policy framework")
        PLAN = "plan", _("plan")
        EXECUTION = "execution", _("own policy and execution")
        NONE = "none", _("no steering")

    level = models.ForeignKey(
        GovernanceLevel,
        on_delete=models.PROTECT,
        related_name="responsibilities",
        verbose_name=_("level"),
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="responsibilities", verbose_name=_("theme")
    )
    mode = models.CharField(_("how it steers"), max_length=20, choices=Mode)
    description = models.TextField(_("description"), blank=True)

    natural_key_fields = ("level__country__code", "level__code", "theme__code")
    country_path = "level__country__code"

    class Meta:
        ordering = ["level__country", "theme", "level__tier"]
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        constraints = [
            models.UniqueConstraint(fields=["level", "theme"], name="responsibility_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.level} · {self.theme}: {self.get_mode_display()}"


class ProgrammeQuerySet(NaturalKeyQuerySet):
    def for_country(self, code: str) -> "ProgrammeQuerySet":
        return self.filter(level__country__code=code)


class Programme(NaturalKeyModel, Cited):
    """A law, subsidy programme, fund, plan or instrument, national down to local."""

    class Kind(models.TextChoices):
        LAW = "law", _("law")
        POLICY = "policy", _("policy or strategy")
        FRAMEWORK = "framework", _("policy framework")
        SUBSIDY = "subsidy", _("subsidy programme")
        FUND = "fund", _("fund")
        PLAN = "plan", _("plan")
        ORGANISATION = "organisation", _("organisation or agency")
        INSTRUMENT = "instrument", _("organisational instrument")
        PROJECT = "project", _("local project")

    slug = models.SlugField(_("slug"), max_length=80, unique=True, validators=[slug_validator])
    level = models.ForeignKey(
        GovernanceLevel,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("level"),
        help_text=_("The level that runs it; the country follows from it."),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="programmes", verbose_name=_("themes")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    name = models.CharField(_("name"), max_length=200)
    original_name = models.CharField(_("original name"), max_length=200, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=30, blank=True)
    start_year = year_field(_("start year"), null=True, blank=True)
    end_year = year_field(_("end year"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    is_key = models.BooleanField(
        _("main national programme"),
        default=False,
        help_text=_("Shown as the country's main programme in overviews."),
    )

    natural_key_fields = ("slug",)
    country_path = "level__country__code"
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["level__country", "level__tier", "name"]
        verbose_name = _("programme or instrument")
        verbose_name_plural = _("programmes and instruments")
        constraints = [
            *period_constraints("programme", "start_year", "end_year"),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="programme_not_own_parent",
                violation_error_message=_("A programme cannot be part of itself."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def country(self) -> Country:
        return self.level.country

    def headline_budget(self, rates: "RateTable") -> "tuple[Budget, Decimal] | None":
        """The most recent budget of this programme or its parts that converts to euro per
        year (the largest, among equally recent ones), with that figure. Shares of another
        budget are skipped, so nothing counts twice."""
        budgets = [*self.budgets.all()]
        for child in self.children.all():
            budgets.extend(child.budgets.all())
        convertible = []
        for budget in budgets:
            if budget.part_of_id is not None:
                continue
            try:
                convertible.append((budget, budget.euro_per_year(rates)))
            except EuroNotComputable:
                continue
        return max(
            convertible,
            key=lambda pair: (pair[0].period_end or pair[0].period_start or 0, pair[1]),
            default=None,
        )

    def clean(self) -> None:
        super().clean()
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A programme cannot be part of itself.")})


class Currency(NaturalKeyModel):
    # The code is the key: it never changes, and it reads well in every foreign key.
    code = models.CharField(
        _("ISO 4217 code"),
        max_length=3,
        primary_key=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Use the three capital letters of ISO 4217."))],
    )
    name = models.CharField(_("name"), max_length=60)

    natural_key_fields = ("code",)

    class Meta:
        ordering = ["code"]
        verbose_name = _("currency")
        verbose_name_plural = _("currencies")
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[A-Z]{3}$"),
                name="currency_code_iso",
                violation_error_message=_("Use the three capital letters of ISO 4217."),
            ),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_euro(self) -> bool:
        return self.code == EURO


EURO = "EUR"


class EuroNotComputable(ValueError):
    """Why a budget has no euro figure; shown in its place, because no number beats a wrong one."""


class PeriodNotStated(EuroNotComputable):
    """The source gives no period (or no basis), so a total cannot be spread over years."""


class MissingExchangeRate(EuroNotComputable):
    """No stored rate can convert this currency."""

    def __init__(self, currency: str, year: int) -> None:
        self.currency = currency
        self.year = year
        super().__init__(
            _("No exchange rate for %(currency)s in or before %(year)s: add one to convert.")
            % {"currency": currency, "year": year}
        )


class ExchangeRateQuerySet(NaturalKeyQuerySet):
    def rate_table(self) -> "RateTable":
        """Every stored rate with its citations (source lines name them), so that budgets
        convert without a query each.

        Built once per dataset version and kept in Django's cache, so a page usually reads
        no rates at all. It always holds every rate: call it on ``ExchangeRate.objects``.
        """
        # Imported here: caching reads the dataset version, whose model lives in this module.
        from .caching import cached

        return cached(
            "rate-table",
            lambda: RateTable(ExchangeRate.objects.prefetch_related(with_citations())),
            per_language=False,
        )


class ExchangeRate(NaturalKeyModel, Cited):
    """How many units of a currency one euro bought in a year (as the ECB quotes it)."""

    currency = models.ForeignKey(
        Currency, on_delete=models.PROTECT, related_name="rates", verbose_name=_("currency")
    )
    year = year_field(_("year"))
    units_per_euro = models.DecimalField(
        _("units per euro"),
        max_digits=14,
        decimal_places=6,
        help_text=_("E.g. 7.4661 for the Danish krone in 2019."),
    )

    natural_key_fields = ("currency_id", "year")
    objects = ExchangeRateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["currency", "-year"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "year"], name="rate_unique_year"),
            models.CheckConstraint(
                condition=Q(units_per_euro__gt=0),
                name="rate_positive",
                violation_error_message=_("An exchange rate must be greater than zero."),
            ),
            models.CheckConstraint(
                condition=~Q(currency="EUR"),
                name="rate_not_for_euro",
                violation_error_message=_("The euro needs no exchange rate: it is the unit."),
            ),
        ]

    def __str__(self) -> str:
        return f"1 EUR = {self.units_per_euro} {self.currency_id} ({self.year})"


class RateTable:
    """All stored rates in memory, so that a page of budgets converts without a query each."""

    def __init__(self, rates) -> None:
        self._rates: dict[str, list[ExchangeRate]] = {}
        for rate in rates:
            self._rates.setdefault(rate.currency_id, []).append(rate)
        for entries in self._rates.values():
            entries.sort(key=lambda rate: rate.year)

    def rate_for(self, currency: str, year: int) -> ExchangeRate | None:
        """The rate of ``year``, else the latest before it; None for the euro itself."""
        if currency == EURO:
            return None
        earlier = [rate for rate in self._rates.get(currency, []) if rate.year <= year]
        if not earlier:
            raise MissingExchangeRate(currency, year)
        return earlier[-1]


def euro_per_year_of(
    *,
    amount: Decimal,
    currency: str,
    basis: str,
    period_start: int | None,
    period_end: int | None,
    rate_year: int | None,
    rates: "RateTable | None" = None,
) -> Decimal:
    """A budget's euro per year from its values (Budget.euro_per_year gives a record's):
    raises EuroNotComputable, with the reason, rather than guess. ``rate_year`` is the
    budget's first year, else its source's (Budget.rate_year)."""
    if basis == Budget.Basis.NOT_STATED:
        raise PeriodNotStated(
            _("The source does not say whether this amount is per year or a total.")
        )
    years = period_years(period_start, period_end)
    if basis == Budget.Basis.TOTAL and years is None:
        raise PeriodNotStated(
            _("The source gives no full period for this total: it cannot be spread over years.")
        )
    rate = rate_in_year(currency, rate_year, rates)
    return to_euro_per_year(
        amount=amount,
        basis=basis,
        years=years or 1,
        units_per_euro=rate.units_per_euro if rate else None,
    )


def rate_in_year(
    currency: str, year: int | None, rates: "RateTable | None" = None
) -> "ExchangeRate | None":
    """The rate of ``year`` (or the latest before it), from ``rates`` or the stored table;
    None for euro amounts."""
    if currency == EURO:
        return None
    if year is None:
        raise PeriodNotStated(
            _("Neither the budget nor its source states a year, so no exchange rate applies.")
        )
    return (rates or ExchangeRate.objects.rate_table()).rate_for(currency, year)


def period_years(start: int | None, end: int | None) -> int | None:
    """How many years a period from ``start`` to ``end`` covers; None if either is missing."""
    if start is None or end is None:
        return None
    return end - start + 1


def to_euro_per_year(
    *, amount: Decimal, basis: str, years: int, units_per_euro: Decimal | None
) -> Decimal:
    """Spread a total over its years and convert to euro; ``None`` rate means already euro."""
    if years < 1:
        raise ValueError("A budget period covers at least one year.")
    per_year = amount if basis == Budget.Basis.PER_YEAR else amount / years
    return to_euro(per_year, units_per_euro)


def to_euro(amount: Decimal, units_per_euro: Decimal | None) -> Decimal:
    euro = amount if units_per_euro is None else amount / units_per_euro
    return euro.quantize(CENT, rounding=ROUND_HALF_UP)


class BudgetQuerySet(NaturalKeyQuerySet):
    def with_related(self) -> "BudgetQuerySet":
        return self.select_related("programme__level__country", "funding_level").prefetch_related(
            with_citations()
        )

    def in_euro(self, rates: "RateTable") -> list["Budget"]:
        """The budgets, each converted once (see convert_budgets)."""
        return convert_budgets(self, rates)


def convert_budgets(budgets: Iterable["Budget"], rates: "RateTable") -> list["Budget"]:
    """Each budget converted once: ``eur_per_year`` (or None, with the reason in
    ``eur_problem``), the ``rate_used`` (or None) and ``stated_eur_off``: whether the source's
    euro figure is more than 10 % off ours, None where there is none to compare."""
    budgets = list(budgets)
    for budget in budgets:
        # Each part on its own, so a rate and a disagreement still show when only the
        # period keeps the amount from being spread over years.
        budget.rate_used, budget.stated_eur_off = None, None
        try:
            budget.rate_used = budget.exchange_rate(rates)
            if budget.stated_eur is not None:
                budget.stated_eur_off = budget.stated_eur_disagrees(rates)
        except EuroNotComputable:
            pass
        try:
            budget.eur_per_year, budget.eur_problem = budget.euro_per_year(rates), ""
        except EuroNotComputable as problem:
            budget.eur_per_year, budget.eur_problem = None, str(problem)
    return budgets


class Budget(NaturalKeyModel, Cited):
    """Money for a programme, exactly as the source gives it."""

    class Basis(models.TextChoices):
        PER_YEAR = "per_year", _("per year")
        TOTAL = "total", _("total over the period")
        NOT_STATED = "not_stated", _("not stated whether per year or total")

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("programme")
    )
    code = models.SlugField(
        _("code"),
        max_length=80,
        validators=[slug_validator],
        help_text=_("Tells this budget apart from the programme's others, e.g. “bund-2019”."),
    )
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)
    currency = models.ForeignKey(
        Currency, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("currency")
    )
    basis = models.CharField(_("basis"), max_length=10, choices=Basis)
    period_start = year_field(
        _("first year"), null=True, blank=True, help_text=_("Empty where the source states none.")
    )
    period_end = year_field(
        _("last year"), null=True, blank=True, help_text=_("Empty where the source states none.")
    )
    part_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("part of"),
        help_text=_("This amount is a share of that budget: totals must not count both."),
    )
    funding_level = models.ForeignKey(
        GovernanceLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgets_funded",
        verbose_name=_("paid by"),
    )
    stated_eur = models.DecimalField(
        _("euro amount stated in the source"),
        max_digits=18,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Only what the source itself says, on the same basis as the amount."),
    )
    note = models.TextField(_("note"), blank=True)

    natural_key_fields = ("programme__slug", "code")
    country_path = "programme__level__country__code"
    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["programme", "period_start", "code"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="budget_unique_code"),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="budget_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(stated_eur__isnull=True) | Q(stated_eur__gte=0),
                name="budget_stated_eur_not_negative",
                violation_error_message=_("A euro amount cannot be negative."),
            ),
            *period_constraints("budget", "period_start", "period_end"),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True) | Q(period_start__isnull=False),
                name="budget_end_needs_start",
                violation_error_message=_("A last year needs a first year."),
            ),
            models.CheckConstraint(
                condition=~Q(part_of=F("pk")),
                name="budget_not_part_of_itself",
                violation_error_message=_("A budget cannot be a share of itself."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.amount} {self.currency_id} ({self.period_label})"

    @property
    def years(self) -> int | None:
        return period_years(self.period_start, self.period_end)

    @property
    def period_label(self) -> str:
        if self.period_start is None:
            return str(_("period not stated"))
        if self.period_end is None:
            return str(_("from %(year)s") % {"year": self.period_start})
        if self.period_start == self.period_end:
            return str(self.period_start)
        return f"{self.period_start}–{self.period_end}"

    def clean(self) -> None:
        super().clean()
        if (
            self.funding_level_id
            and self.programme_id
            and self.funding_level.country_id != self.programme.level.country_id
        ):
            raise ValidationError(
                {"funding_level": _("Choose a level of the programme's own country.")}
            )

    @property
    def rate_year(self) -> int | None:
        """The year whose exchange rate converts this budget: its first year or, where the
        source states none, the year of the source itself."""
        if self.period_start is not None:
            return self.period_start
        years = [citation.source.year for citation in self.citations.all() if citation.source.year]
        return max(years, default=None)

    def exchange_rate(self, rates: RateTable | None = None) -> ExchangeRate | None:
        """The rate of the rate year (or the latest before it); None for euro amounts."""
        # Here as well as in rate_in_year: a euro amount needs no rate year, and working it
        # out may read the budget's sources.
        if self.currency_id == EURO:
            return None
        return rate_in_year(self.currency_id, self.rate_year, rates)

    def amount_in_euro(self, rates: RateTable | None = None) -> Decimal:
        """The amount converted on its own basis (a total stays a total)."""
        rate = self.exchange_rate(rates)
        return to_euro(self.amount, rate.units_per_euro if rate else None)

    def euro_per_year(self, rates: RateTable | None = None) -> Decimal:
        """Computed, never typed: raises EuroNotComputable, with the reason, rather than guess."""
        return euro_per_year_of(
            amount=self.amount,
            currency=self.currency_id,
            basis=self.basis,
            period_start=self.period_start,
            period_end=self.period_end,
            rate_year=self.rate_year,
            rates=rates,
        )

    def stated_eur_deviation(self, rates: RateTable | None = None) -> Decimal | None:
        """How far the source's euro figure is off ours, as a share of ours (0.25 = 25 %)."""
        if self.stated_eur is None or self.currency_id == EURO:
            return None
        stated = self.stated_eur
        computed = self.amount_in_euro(rates)
        if computed == 0:
            return None if stated == 0 else Decimal("Infinity")
        return abs(stated - computed) / computed

    def stated_eur_disagrees(self, rates: RateTable | None = None) -> bool:
        deviation = self.stated_eur_deviation(rates)
        return deviation is not None and deviation > STATED_EUR_TOLERANCE


class Dimension(NaturalKeyModel):
    """An axis of comparison, e.g. central ↔ decentral steering."""

    code = models.SlugField(_("code"), max_length=40, unique=True, validators=[slug_validator])
    name = models.CharField(_("name"), max_length=100)
    low_pole = models.CharField(_("label of the low end"), max_length=60)
    high_pole = models.CharField(_("label of the high end"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    natural_key_fields = ("code",)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")

    def __str__(self) -> str:
        return self.name


class DimensionPositionQuerySet(NaturalKeyQuerySet):
    def overall(self) -> "DimensionPositionQuerySet":
        return self.filter(theme=None)

    def for_display(self) -> "DimensionPositionQuerySet":
        return self.select_related("country", "dimension", "theme").prefetch_related(
            with_citations()
        )


class DimensionPosition(NaturalKeyModel, Cited):
    """Where the report places a country on a dimension, overall or for one theme.

    Positions are ordinal on purpose: the report judges qualitatively, so nothing finer
    than five steps may be shown.
    """

    class Position(models.IntegerChoices):
        LOW = 1, _("at the low end")
        TOWARDS_LOW = 2, _("towards the low end")
        MIDDLE = 3, _("in between")
        TOWARDS_HIGH = 4, _("towards the high end")
        HIGH = 5, _("at the high end")

    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, related_name="positions", verbose_name=_("country")
    )
    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, related_name="positions", verbose_name=_("dimension")
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("theme"),
        help_text=_("Empty for the overall position."),
    )
    position = models.PositiveSmallIntegerField(_("position"), choices=Position)
    rationale = models.TextField(_("rationale"))

    natural_key_fields = ("country__code", "dimension__code", "theme__code")
    country_path = "country__code"
    objects = DimensionPositionQuerySet.as_manager()

    class Meta:
        ordering = ["dimension", "country", "theme"]
        verbose_name = _("position on a dimension")
        verbose_name_plural = _("positions on dimensions")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "dimension", "theme"], name="position_unique_per_theme"
            ),
            models.UniqueConstraint(
                fields=["country", "dimension"],
                condition=Q(theme__isnull=True),
                name="position_unique_overall",
                violation_error_message=_("This country already has an overall position here."),
            ),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=5),
                name="position_on_scale",
                violation_error_message=_("A position runs from 1 to 5."),
            ),
        ]

    def __str__(self) -> str:
        scope = self.theme or _("overall")
        return f"{self.country} · {self.dimension} ({scope}): {self.get_position_display()}"

    @property
    def label(self) -> str:
        """The position in the dimension's own words, e.g. “towards decentral”."""
        dimension = self.dimension
        return {
            1: dimension.low_pole,
            2: _("towards %(pole)s") % {"pole": dimension.low_pole},
            3: _("in between"),
            4: _("towards %(pole)s") % {"pole": dimension.high_pole},
            5: dimension.high_pole,
        }[self.position]

    @property
    def summary(self) -> str:
        """The rationale's first sentence: the one-line reason shown beside a chart."""
        first, _dot, _rest = self.rationale.partition(". ")
        return first if first.endswith(".") else f"{first}."


class Finding(NaturalKeyModel, Cited):
    """A conclusion or lesson of the report, for one country or across countries."""

    class Topic(models.TextChoices):
        PERSISTENT_PROBLEMS = "persistent-problems", _("persistent problems")
        DEFINITION = "definition", _("definition of a vulnerable neighbourhood")
        PARALLEL_SOCIETIES = "parallel-societies", _("fear of parallel societies")
        CENTRAL_DECENTRAL = "central-decentral", _("central or decentral")
        SECTORAL_INTEGRAL = "sectoral-integral", _("sectoral or integral")
        BUDGETS = "budgets", _("budgets")
        COOPERATION = "cooperation", _("cooperation")
        TRANSMISSION = "transmission", _("transmission from national to local policy")
        SIDE_EFFECTS = "side-effects", _("side effects")
        NATIONAL_POLICY = "national-policy", _("national policy")
        EFFECTIVENESS = "effectiveness", _("effectiveness")
        OTHER = "other", _("other")

    class Kind(models.TextChoices):
        FINDING = "finding", _("finding")
        LESSON = "lesson", _("lesson for the Netherlands")

    code = models.SlugField(_("code"), max_length=80, unique=True, validators=[slug_validator])
    topic = models.CharField(_("topic"), max_length=30, choices=Topic)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.FINDING)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="findings",
        verbose_name=_("country"),
        help_text=_("Empty for a finding across countries."),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    natural_key_fields = ("code",)
    country_path = "country__code"

    class Meta:
        ordering = ["topic", "order", "code"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return self.title


class DataNote(NaturalKeyModel, Cited):
    """Where the source disagrees with itself or with arithmetic: shown, never silently fixed."""

    class Kind(models.TextChoices):
        ARITHMETIC = "arithmetic", _("arithmetic slip")
        CONVERSION = "conversion", _("currency conversion")
        CONTRADICTION = "contradiction", _("contradiction within the source")
        NAMING = "naming", _("naming slip")
        MISSING = "missing", _("missing or unclear figure")

    code = models.SlugField(_("code"), max_length=80, unique=True, validators=[slug_validator])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="data_notes",
        verbose_name=_("country"),
    )
    budget = models.ForeignKey(
        Budget,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="data_notes",
        verbose_name=_("budget"),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(
        _("text"),
        help_text=_("What the source says, what we computed or found, and which we show."),
    )

    natural_key_fields = ("code",)
    country_path = "country__code"

    class Meta:
        ordering = ["country", "code"]
        verbose_name = _("data note")
        verbose_name_plural = _("data notes")

    def __str__(self) -> str:
        return self.title


class DatasetLoad(models.Model):
    """A load of the dataset files in fixtures/, remembered so unchanged files are not reloaded
    over editors' later changes.
    """

    checksum = models.CharField(_("checksum"), max_length=64, unique=True)
    files = models.TextField(_("files"))
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)

    class Meta:
        ordering = ["-loaded_at"]
        verbose_name = _("dataset load")
        verbose_name_plural = _("dataset loads")

    def __str__(self) -> str:
        return f"{self.loaded_at:%Y-%m-%d %H:%M} ({self.checksum[:12]})"


class DatasetVersion(models.Model):
    """One row, moved on whenever any content record changes (see comparisons/versioning.py).

    Exports, caches and the footer name it, so that what they show goes stale the moment an
    editor saves. It lives in the database, not in a process, so every app server agrees.
    """

    number = models.PositiveBigIntegerField(_("version"), default=0)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("dataset version")
        verbose_name_plural = _("dataset versions")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="dataset_version_single_row"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.changed_at:%Y-%m-%d %H:%M})"

    @property
    def key(self) -> str:
        """For cache keys: the number alone could repeat after a database is rebuilt."""
        return f"{self.number}-{self.changed_at:%Y%m%d%H%M%S%f}"
