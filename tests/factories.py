"""Synthetic records for tests; the real dataset lives in fixtures/."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from comparisons import models as cm
from neighbourhoods import models as nm


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = cm.Source
        django_get_or_create = ["key"]

    key = "test-report"
    title = "Test report"
    year = 2019


class CitationFactory(DjangoModelFactory):
    class Meta:
        model = cm.Citation

    key = factory.Sequence(lambda n: f"citation-{n}")
    source = factory.SubFactory(SourceFactory)
    section = "4.2 Soziale Stadt"
    page = 38


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = cm.Country
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{chr(65 + n // 26 % 26)}{chr(65 + n % 26)}")
    name_nl = factory.LazyAttribute(lambda country: f"Land {country.code}")
    name_en = factory.LazyAttribute(lambda country: f"Country {country.code}")
    colour = "#0072b2"


class GovernanceLevelFactory(DjangoModelFactory):
    class Meta:
        model = cm.GovernanceLevel

    country = factory.SubFactory(CountryFactory)
    code = factory.Sequence(lambda n: f"level-{n}")
    tier = cm.GovernanceLevel.Tier.NATIONAL
    name_nl = "Rijk"
    name_en = "State"


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = cm.Theme
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"theme-{n}")
    name_nl = "Veiligheid"
    name_en = "Safety"


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = cm.Programme

    slug = factory.Sequence(lambda n: f"programme-{n}")
    level = factory.SubFactory(GovernanceLevelFactory)
    kind = cm.Programme.Kind.SUBSIDY
    name_nl = factory.Sequence(lambda n: f"Programma {n}")
    name_en = factory.Sequence(lambda n: f"Programme {n}")


class CurrencyFactory(DjangoModelFactory):
    class Meta:
        model = cm.Currency
        django_get_or_create = ["code"]

    code = "EUR"
    name_nl = "euro"
    name_en = "euro"


class ExchangeRateFactory(DjangoModelFactory):
    class Meta:
        model = cm.ExchangeRate

    currency = factory.SubFactory(CurrencyFactory, code="DKK", name_nl="kroon", name_en="krone")
    year = 2019
    units_per_euro = Decimal("7.4661")


class BudgetFactory(DjangoModelFactory):
    class Meta:
        model = cm.Budget

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"budget-{n}")
    amount = Decimal("190000000")
    currency = factory.SubFactory(CurrencyFactory)
    basis = cm.Budget.Basis.PER_YEAR
    period_start = 2019
    period_end = 2019


class DimensionFactory(DjangoModelFactory):
    class Meta:
        model = cm.Dimension
        django_get_or_create = ["code"]

    code = "central-decentral"
    name_nl = "Centraal of decentraal"
    name_en = "Central or decentral"
    low_pole_nl = "centraal"
    low_pole_en = "central"
    high_pole_nl = "decentraal"
    high_pole_en = "decentral"


class PlaceFactory(DjangoModelFactory):
    class Meta:
        model = nm.Place

    slug = factory.Sequence(lambda n: f"place-{n}")
    country = factory.SubFactory(CountryFactory)
    kind = nm.Place.Kind.NEIGHBOURHOOD
    name_nl = factory.Sequence(lambda n: f"Wijk {n}")
    name_en = factory.Sequence(lambda n: f"Neighbourhood {n}")


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = nm.Indicator
        django_get_or_create = ["code"]

    code = "unemployment-rate"
    name_nl = "Werkloosheid"
    name_en = "Unemployment rate"
    unit = nm.Indicator.Unit.PERCENT


class ObservationFactory(DjangoModelFactory):
    class Meta:
        model = nm.Observation

    place = factory.SubFactory(PlaceFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    value = Decimal("12.5")
    year = 2017


class ResponsibilityFactory(DjangoModelFactory):
    class Meta:
        model = cm.Responsibility

    level = factory.SubFactory(GovernanceLevelFactory)
    theme = factory.SubFactory(ThemeFactory)
    mode = cm.Responsibility.Mode.SUBSIDY
    description_nl = "Subsidievoorwaarden"
    description_en = "Subsidy conditions"


class DimensionPositionFactory(DjangoModelFactory):
    class Meta:
        model = cm.DimensionPosition

    country = factory.SubFactory(CountryFactory)
    dimension = factory.SubFactory(DimensionFactory)
    position = cm.DimensionPosition.Position.MIDDLE
    rationale_nl = "Daartussenin"
    rationale_en = "In between"


class FindingFactory(DjangoModelFactory):
    class Meta:
        model = cm.Finding

    code = factory.Sequence(lambda n: f"finding-{n}")
    topic = cm.Finding.Topic.BUDGETS
    title_nl = "Budgetten"
    title_en = "Budgets"
    text_nl = "Tekst"
    text_en = "Text"


class DataNoteFactory(DjangoModelFactory):
    class Meta:
        model = cm.DataNote

    code = factory.Sequence(lambda n: f"note-{n}")
    kind = cm.DataNote.Kind.CONVERSION
    title_nl = "Omrekening"
    title_en = "Conversion"
    text_nl = "Tekst"
    text_en = "Text"


class DesignationFactory(DjangoModelFactory):
    class Meta:
        model = nm.Designation

    place = factory.SubFactory(PlaceFactory)
    code = "soziale-stadt"
    name_nl = "Soziale Stadt-gebied"
    name_en = "Soziale Stadt area"
    start_year = 1999


class LocalMeasureFactory(DjangoModelFactory):
    class Meta:
        model = nm.LocalMeasure

    slug = factory.Sequence(lambda n: f"measure-{n}")
    place = factory.SubFactory(PlaceFactory)
    kind = nm.LocalMeasure.Kind.SOCIAL
    name_nl = "Buurtmoeders"
    name_en = "Neighbourhood mothers"


class ListCriterionFactory(DjangoModelFactory):
    class Meta:
        model = nm.ListCriterion

    country = factory.SubFactory(CountryFactory, code="DK")
    code = factory.Sequence(lambda n: f"criterion-{n}")
    number = 1
    role = nm.ListCriterion.Role.CRITERION
    category = nm.ListCategory.VULNERABLE
    name_nl = "Buiten arbeid of onderwijs"
    name_en = "Outside work or education"
    description_nl = "Meer dan 40 %"
    description_en = "More than 40 %"
    comparison = nm.ListCriterion.Comparison.GREATER
    threshold = Decimal(40)
    unit = nm.ListCriterion.Unit.PERCENT
    valid_from = 2018


class ListCategoryRuleFactory(DjangoModelFactory):
    class Meta:
        model = nm.ListCategoryRule

    country = factory.SubFactory(CountryFactory, code="DK")
    category = nm.ListCategory.HARD_GHETTO
    consecutive_years = 4
    description_nl = "Vier jaar achtereen een getto"
    description_en = "A ghetto four years in a row"
    valid_from = 2018


class ListCountFactory(DjangoModelFactory):
    class Meta:
        model = nm.ListCount

    country = factory.SubFactory(CountryFactory, code="DK")
    category = nm.ListCategory.VULNERABLE
    year = 2018
    count = 43


class ListAssessmentFactory(DjangoModelFactory):
    class Meta:
        model = nm.ListAssessment

    place = factory.SubFactory(PlaceFactory)
    list_year = 2018
    category = nm.ListCategory.HARD_GHETTO


class ListAssessmentValueFactory(DjangoModelFactory):
    class Meta:
        model = nm.ListAssessmentValue

    assessment = factory.SubFactory(ListAssessmentFactory)
    criterion = factory.SubFactory(ListCriterionFactory)
    value = Decimal("43.5")
    unit = nm.ListCriterion.Unit.PERCENT
    measured = "2015-2016"
    required_change = Decimal(36)
    required_change_unit = nm.ListAssessmentValue.ChangeUnit.INHABITANTS
