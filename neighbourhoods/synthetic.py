"""The neighbourhoods' share of the synthetic dataset (see comparisons/synthetic.py): per
synthetic country a region and a city, neighbourhoods in the cities with ten indicators over
ten years, the cities' recent figures as their baseline, local measures and designations."""

from collections import Counter
from decimal import Decimal

from comparisons import synthetic
from comparisons.models import Theme

from .models import Designation, Indicator, LocalMeasure, Observation, Place

INDICATORS_PER_PLACE = 10
YEARS = range(2010, 2020)
CITY_YEARS = range(2017, 2020)
MEASURES_PER_NEIGHBOURHOOD = 3
CASE_STUDIES_PER_COUNTRY = 2
# The real dataset's shared indicators, where loaded; synthetic ones make up the rest.
SHARED_INDICATORS = (
    "population",
    "migration-background-share",
    "foreign-nationality-share",
    "unemployment-rate",
)
SYNTHETIC_INDICATORS = (
    (
        "early-school-leavers",
        Indicator.Unit.PERCENT,
        "Voortijdig schoolverlaters",
        "Early school leavers",
    ),
    (
        "social-assistance",
        Indicator.Unit.PERCENT,
        "Bijstandsontvangers",
        "Social assistance recipients",
    ),
    ("crime-rate", Indicator.Unit.PER_1000, "Misdrijven", "Offences"),
    ("median-income", Indicator.Unit.EUR, "Mediaan inkomen", "Median income"),
    ("satisfaction", Indicator.Unit.PERCENT, "Tevreden met de buurt", "Satisfied with the area"),
    ("youth-share", Indicator.Unit.PERCENT, "Aandeel jongeren", "Share of young people"),
    ("social-housing", Indicator.Unit.PERCENT, "Sociale huurwoningen", "Social housing"),
    ("average-age", Indicator.Unit.YEARS, "Gemiddelde leeftijd", "Average age"),
    ("area", Indicator.Unit.SQUARE_KM, "Oppervlakte", "Area"),
    ("households", Indicator.Unit.COUNT, "Huishoudens", "Households"),
)
# Plausible ranges per unit, so that percentages stay within 0–100.
RANGES = {
    Indicator.Unit.PERCENT: (2, 60),
    Indicator.Unit.COUNT: (2_000, 40_000),
    Indicator.Unit.PER_1000: (20, 160),
    Indicator.Unit.EUR: (14_000, 38_000),
    Indicator.Unit.YEARS: (28, 48),
    Indicator.Unit.SQUARE_KM: (1, 12),
}
TYPOLOGIES = (
    ("naoorlogse hoogbouwwijk", "post-war high-rise estate"),
    ("negentiende-eeuwse wijk bij het centrum", "nineteenth-century inner-city area"),
    ("voormalige arbeiderswijk", "former working-class district"),
)
PLACE_ENDINGS = ("hoven", "park", "dal", "berg", "veld", "haven", "burg", "dorp")


def _indicators(build: synthetic.Build) -> list[Indicator]:
    shared = list(Indicator.objects.filter(code__in=SHARED_INDICATORS).order_by("order", "code"))
    missing = INDICATORS_PER_PLACE - len(shared)
    made = build.add(
        Indicator,
        [
            Indicator(
                code=f"{synthetic.PREFIX}{code}",
                unit=unit,
                name_nl=f"{nl} (synthetisch)",
                name_en=f"{en} (synthetic)",
                order=900 + n,
            )
            for n, (code, unit, nl, en) in enumerate(SYNTHETIC_INDICATORS[:missing])
        ],
    )
    return [*shared, *made]


def _place(slug: str, name: str, **fields) -> Place:
    return Place(slug=f"{synthetic.PREFIX}{slug}", name_nl=name, name_en=name, **fields)


def _value(build: synthetic.Build, indicator: Indicator, base: float) -> Decimal:
    low, high = RANGES.get(indicator.unit, (1, 100))
    value = min(high, max(low, base * build.rng.uniform(0.9, 1.1)))
    return Decimal(f"{value:.1f}")


def _observations(build, places, indicators, years) -> list[Observation]:
    observations = []
    for place in places:
        for indicator in indicators:
            low, high = RANGES.get(indicator.unit, (1, 100))
            base = build.rng.uniform(low, high)
            observations += [
                Observation(
                    place=place,
                    indicator=indicator,
                    value=_value(build, indicator, base),
                    year=year,
                    is_percentage=indicator.is_percentage,
                )
                for year in years
            ]
    return observations


def build(build: synthetic.Build) -> None:
    rng = build.rng
    taken: set[str] = set()
    regions = build.add(
        Place,
        [
            _place(
                f"{c.code.lower()}-region",
                synthetic.unique_name(rng, taken, PLACE_ENDINGS),
                country=c,
                kind=Place.Kind.REGION,
            )
            for c in build.countries
        ],
    )
    cities = build.add(
        Place,
        [
            _place(
                f"{region.country.code.lower()}-city",
                synthetic.unique_name(rng, taken, PLACE_ENDINGS),
                country=region.country,
                kind=Place.Kind.CITY,
                parent=region,
            )
            for region in regions
        ],
    )
    count = synthetic.NEIGHBOURHOODS_PER_SCALE * build.scale
    neighbourhoods = []
    for n in range(count):
        city = cities[n % len(cities)]
        number = n // len(cities)
        typology = rng.choice(TYPOLOGIES)
        neighbourhoods.append(
            _place(
                f"{city.country.code.lower()}-{number + 1}",
                synthetic.unique_name(rng, taken, PLACE_ENDINGS),
                country=city.country,
                kind=Place.Kind.NEIGHBOURHOOD,
                parent=city,
                is_case_study=number < CASE_STUDIES_PER_COUNTRY,
                typology_nl=typology[0],
                typology_en=typology[1],
                order=number,
            )
        )
    neighbourhoods = build.add(Place, neighbourhoods)

    indicators = _indicators(build)
    build.add(Observation, _observations(build, neighbourhoods, indicators, YEARS))
    build.add(Observation, _observations(build, cities, indicators, CITY_YEARS))

    themes = list(Theme.objects.all())
    programmes_by_country: dict[int, list] = {}
    for programme in build.programmes:
        programmes_by_country.setdefault(programme.level.country_id, []).append(programme)
    measures = build.add(
        LocalMeasure,
        [
            LocalMeasure(
                slug=f"{place.slug}-{m + 1}",
                place=place,
                kind=rng.choice(LocalMeasure.Kind.values),
                programme=(
                    rng.choice(programmes_by_country[place.country_id])
                    if rng.random() < 0.7
                    else None
                ),
                name_nl=f"Synthetische maatregel {m + 1} in {place.name_nl}",
                name_en=f"Synthetic measure {m + 1} in {place.name_en}",
                start_year=rng.randint(2010, 2019),
            )
            for place in neighbourhoods
            for m in range(MEASURES_PER_NEIGHBOURHOOD)
        ],
    )
    build.link_themes(LocalMeasure, measures, themes, most=2)
    key_programmes = {p.level.country_id: p for p in build.programmes if p.is_key}
    build.add(
        Designation,
        [
            Designation(
                place=place,
                code=f"{synthetic.PREFIX}programme-area",
                name_nl="Programmagebied",
                name_en="Programme area",
                programme=key_programmes.get(place.country_id),
                start_year=rng.randint(2005, 2015),
            )
            for place in neighbourhoods
            if place.is_case_study
        ],
    )


def remove(countries: list[int]) -> Counter:
    counts: Counter = Counter()
    for model, lookup in (
        (Observation, {"place__country__in": countries}),
        (LocalMeasure, {"place__country__in": countries}),
        (Designation, {"place__country__in": countries}),
        (Place, {"country__in": countries}),
        (Indicator, {"code__startswith": synthetic.PREFIX}),
    ):
        counts[model._meta.label] += synthetic.delete_quietly(
            model._default_manager.filter(**lookup)
        )
    return counts


synthetic.register_part(synthetic.Part("neighbourhoods", build, remove))
