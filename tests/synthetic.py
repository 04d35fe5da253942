"""A synthetic dataset shaped like the real one, built fast with bulk inserts, for tests
that pin query counts at a larger size. Every record is marked synthetic in its name."""

from decimal import Decimal

from comparisons import models as cm
from neighbourhoods import models as nm

PROGRAMMES_PER_COUNTRY = 25
PLACES_PER_COUNTRY = 8


def synthetic_code(index: int) -> str:
    """Two letters that no real ISO code in the dataset uses (X…, Y…, Z…)."""
    return "XYZ"[index // 26 % 3] + chr(65 + index % 26)


def build_synthetic_dataset(*, countries: int) -> None:
    source = cm.Source.objects.get_or_create(
        key="synthetic", defaults={"title": "Synthetic test data", "year": 2019}
    )[0]
    citation = cm.Citation.objects.create(
        key="synthetic-citation", source=source, section="1 Synthetic", page=1
    )
    themes = list(cm.Theme.objects.all())
    dimensions = list(cm.Dimension.objects.all())
    indicators = list(nm.Indicator.objects.all())
    eur = cm.Currency.objects.get(code="EUR")

    new_countries = cm.Country.objects.bulk_create(
        cm.Country(
            code=synthetic_code(i),
            name_nl=f"Synthetisch land {i}",
            name_en=f"Synthetic country {i}",
            colour="#777777",
            order=100 + i,
            definition_nl="Synthetisch",
            definition_en="Synthetic",
        )
        for i in range(countries)
    )
    levels = cm.GovernanceLevel.objects.bulk_create(
        cm.GovernanceLevel(
            country=country,
            code=f"tier-{tier}",
            tier=tier,
            name_nl=f"Laag {tier}",
            name_en=f"Tier {tier}",
        )
        for country in new_countries
        for tier in (1, 2, 3)
    )
    cm.Responsibility.objects.bulk_create(
        cm.Responsibility(
            level=level,
            theme=theme,
            mode=cm.Responsibility.Mode.SUBSIDY,
            description_nl="Synthetisch",
            description_en="Synthetic",
        )
        for level in levels
        for theme in themes[:3]
    )
    programmes = cm.Programme.objects.bulk_create(
        cm.Programme(
            slug=f"synthetic-{level.country.code.lower()}-{level.tier}-{n}",
            level=level,
            kind=cm.Programme.Kind.SUBSIDY,
            name_nl=f"Synthetisch programma {n}",
            name_en=f"Synthetic programme {n}",
            start_year=2010 + n % 10,
            is_key=(level.tier == 1 and n == 0),
        )
        for level in levels
        for n in range(PROGRAMMES_PER_COUNTRY // 3)
    )
    cm.Programme.themes.through.objects.bulk_create(
        cm.Programme.themes.through(programme=programme, theme=themes[i % len(themes)])
        for i, programme in enumerate(programmes)
    )
    budgets = cm.Budget.objects.bulk_create(
        cm.Budget(
            programme=programme,
            code="synthetic",
            amount=Decimal(1_000_000 + i),
            currency=eur,
            basis=cm.Budget.Basis.PER_YEAR,
            period_start=2019,
            period_end=2019,
            funding_level=programme.level,
        )
        for i, programme in enumerate(programmes)
    )
    for model, records in ((cm.Programme, programmes), (cm.Budget, budgets)):
        model.citations.through.objects.bulk_create(
            model.citations.through(**{model._meta.model_name: record, "citation": citation})
            for record in records
        )
    cm.DimensionPosition.objects.bulk_create(
        cm.DimensionPosition(
            country=country,
            dimension=dimension,
            position=1 + i % 5,
            rationale_nl="Synthetisch.",
            rationale_en="Synthetic.",
        )
        for i, country in enumerate(new_countries)
        for dimension in dimensions
    )
    cm.Finding.objects.bulk_create(
        cm.Finding(
            code=f"synthetic-{country.code.lower()}",
            topic=cm.Finding.Topic.BUDGETS,
            country=country,
            title_nl="Synthetisch",
            title_en="Synthetic",
            text_nl="Synthetisch",
            text_en="Synthetic",
        )
        for country in new_countries
    )
    cities = nm.Place.objects.bulk_create(
        nm.Place(
            slug=f"synthetic-city-{country.code.lower()}",
            country=country,
            kind=nm.Place.Kind.CITY,
            name_nl=f"Stad {country.code}",
            name_en=f"City {country.code}",
        )
        for country in new_countries
    )
    neighbourhoods = nm.Place.objects.bulk_create(
        nm.Place(
            slug=f"synthetic-{city.slug}-{n}",
            country=city.country,
            parent=city,
            kind=nm.Place.Kind.NEIGHBOURHOOD,
            is_case_study=n < 2,
            name_nl=f"Wijk {n}",
            name_en=f"Neighbourhood {n}",
        )
        for city in cities
        for n in range(PLACES_PER_COUNTRY)
    )
    nm.Observation.objects.bulk_create(
        nm.Observation(
            place=place,
            indicator=indicator,
            value=Decimal(10 + n % 50),
            year=2017,
            is_percentage=indicator.is_percentage,
        )
        for n, place in enumerate([*cities, *neighbourhoods])
        for indicator in indicators[:5]
    )
    nm.LocalMeasure.objects.bulk_create(
        nm.LocalMeasure(
            slug=f"synthetic-measure-{place.slug}",
            place=place,
            kind=nm.LocalMeasure.Kind.SOCIAL,
            name_nl="Synthetische maatregel",
            name_en="Synthetic measure",
        )
        for place in neighbourhoods
    )
