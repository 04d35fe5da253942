"""A synthetic dataset beside the real one, for measuring pages at a hundred times the size.

``synthesize(scale=N, seed=S)`` adds, for N = 100, about 300 countries with governance levels
and responsibilities, 10,000 programmes with budgets in several currencies (and the exchange
rates to convert them), and, through the parts other apps register, 1,000 neighbourhoods with
100,000 observations and their measures. Scale 1 is a hundredth of that.

Every record is marked: it cites the source ``synthetic``, its slug or code starts with
``syn-`` where it has one, and each country's name says “synthetic”. ``remove_synthetic()``
takes it all away again. Rows go in and out with bulk statements, which send no signals, so
both move the dataset version once, at the end.

Each app adds its own records (``register_part``), so that comparisons never imports
neighbourhoods.
"""

import random
import string
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models, transaction

from .models import (
    EURO,
    Budget,
    Citation,
    Country,
    Currency,
    DataNote,
    Dimension,
    DimensionPosition,
    ExchangeRate,
    Finding,
    GovernanceLevel,
    Programme,
    Responsibility,
    Source,
    Theme,
)
from .versioning import bump_version

SOURCE_KEY = "synthetic"
PREFIX = "syn-"
BATCH_SIZE = 2000
# Per unit of scale: 3 countries, 100 programmes, 10 neighbourhoods with 100 figures each.
COUNTRIES_PER_SCALE = 3
PROGRAMMES_PER_SCALE = 100
NEIGHBOURHOODS_PER_SCALE = 10
FIRST_YEAR, LAST_YEAR = 2000, 2019

# Made-up currencies: ISO 4217 leaves these X-codes unassigned, so no real rate can clash.
CURRENCIES = {
    "XSA": ("Synthetische kroon", "Synthetic crown"),
    "XSB": ("Synthetische frank", "Synthetic franc"),
    "XSC": ("Synthetische mark", "Synthetic mark"),
}

# Officially assigned and exceptionally reserved ISO 3166-1 codes: synthetic countries take
# other codes first, so that adding a real country later does not clash with one.
_ISO_CODES = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
    BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK
    DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR
    GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM
    KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP
    MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL
    PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST
    SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG
    VI VN VU WF WS YE YT ZA ZM ZW AC CP DG EA EU EZ FX IC SU TA UK UN"""
ISO_ASSIGNED = frozenset(_ISO_CODES.split())

SYLLABLES = ("val", "nor", "ost", "kar", "bel", "mar", "tor", "lin", "sel", "dra", "fen", "gal")
ENDINGS = ("ia", "land", "mark", "ora", "avia", "enia", "ovia", "stad")
TIERS = {
    GovernanceLevel.Tier.NATIONAL: ("national", "Nationale overheid", "National government"),
    GovernanceLevel.Tier.REGIONAL: ("regional", "Regio's", "Regions"),
    GovernanceLevel.Tier.MUNICIPAL: ("municipal", "Gemeenten", "Municipalities"),
    GovernanceLevel.Tier.DISTRICT: ("district", "Stadsdelen", "Districts"),
}
KINDS_BY_TIER = {
    GovernanceLevel.Tier.NATIONAL: ("law", "policy", "framework", "subsidy", "fund"),
    GovernanceLevel.Tier.REGIONAL: ("subsidy", "plan", "fund", "framework"),
    GovernanceLevel.Tier.MUNICIPAL: ("plan", "project", "instrument", "organisation"),
    GovernanceLevel.Tier.DISTRICT: ("project", "instrument"),
}
KIND_WORDS = {
    "law": ("Wet", "act"),
    "policy": ("Strategie", "strategy"),
    "framework": ("Kader", "framework"),
    "subsidy": ("Subsidieprogramma", "subsidy programme"),
    "fund": ("Fonds", "fund"),
    "plan": ("Plan", "plan"),
    "organisation": ("Agentschap", "agency"),
    "instrument": ("Wijkmanagement", "neighbourhood management"),
    "project": ("Project", "project"),
}
TOPICS = (
    ("wijkvernieuwing", "Neighbourhood renewal"),
    ("veilige buurten", "Safe neighbourhoods"),
    ("samenleven", "Living together"),
    ("integratie", "Integration"),
    ("werk en opleiding", "Work and education"),
    ("betaalbaar wonen", "Affordable housing"),
    ("jeugd in de wijk", "Youth in the neighbourhood"),
    ("leefbaarheid", "Liveability"),
)
MODES = ("law", "subsidy", "framework", "plan", "execution", "none")


@dataclass
class Build:
    """What the parts share while building: the random source, the size, the records made."""

    rng: random.Random
    scale: int
    citations: list[Citation]
    countries: list[Country] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)

    def cite(self) -> Citation:
        return self.rng.choice(self.citations)

    def add(self, model: type[models.Model], records: Sequence[models.Model]) -> list:
        """Insert the records in batches, and cite the synthetic source on each that cites."""
        created = model._default_manager.bulk_create(records, batch_size=BATCH_SIZE)
        self.counts[model._meta.label] += len(created)
        if "citations" in {f.name for f in model._meta.many_to_many}:
            through = model.citations.through
            own = model._meta.model_name
            through.objects.bulk_create(
                (through(**{own: record, "citation": self.cite()}) for record in created),
                batch_size=BATCH_SIZE,
            )
        return created

    def link_themes(self, model: type[models.Model], records, themes, *, most: int) -> None:
        """Give each record one to ``most`` themes, picked at random."""
        through = model.themes.through
        own = model._meta.model_name
        through.objects.bulk_create(
            (
                through(**{own: record, "theme": theme})
                for record in records
                for theme in self.rng.sample(themes, self.rng.randint(1, most))
            ),
            batch_size=BATCH_SIZE,
        )


@dataclass(frozen=True)
class Part:
    """An app's share of the synthetic dataset: how to build it, and how to remove it."""

    name: str
    build: Callable[[Build], None]
    remove: Callable[[list[int]], Counter]


PARTS: list[Part] = []


def register_part(part: Part) -> Part:
    PARTS.append(part)
    return part


class CannotSynthesize(Exception):
    """The database lacks what the synthetic records build on, or has no room for them."""


def synthetic_country_ids() -> list[int]:
    return list(
        Country.objects.filter(citations__source__key=SOURCE_KEY)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


def has_synthetic() -> bool:
    return Source.objects.filter(key=SOURCE_KEY).exists()


def synthesize(*, scale: int, seed: int = 0) -> Counter:
    """Add the synthetic dataset at this scale, replacing any there is; the same seed on the
    same real dataset gives the same records. Returns the number of records per kind."""
    if scale < 1:
        raise CannotSynthesize("The scale is a whole number from 1.")
    with transaction.atomic():
        remove_synthetic(bump=False)
        build = Build(rng=random.Random(seed), scale=scale, citations=_citations())
        build.counts.update({"comparisons.Citation": len(build.citations), "comparisons.Source": 1})
        _build_comparisons(build)
        for part in PARTS:
            part.build(build)
        bump_version()
    return build.counts


def remove_synthetic(*, bump: bool = True) -> Counter:
    """Delete every synthetic record in one transaction; returns the number per kind."""
    counts: Counter = Counter()
    with transaction.atomic():
        if not has_synthetic():
            return counts
        countries = synthetic_country_ids()
        for part in reversed(PARTS):
            counts.update(part.remove(countries))
        counts.update(_remove_comparisons(countries))
        if bump:
            bump_version()
    return +counts


def delete_quietly(queryset: models.QuerySet) -> int:
    """Delete the rows and their many-to-many links with plain DELETE statements.

    Django's delete() fetches every row to send post_delete, which the dataset version and
    the history listen to: for 100,000 rows that is minutes and 100,000 version moves.
    """
    model = queryset.model
    for relation in model._meta.many_to_many:
        through = relation.remote_field.through
        linked = through._default_manager.filter(
            **{f"{relation.m2m_field_name()}__in": queryset.values("pk")}
        )
        linked._raw_delete(linked.db)
    return queryset._raw_delete(queryset.db)


def _citations() -> list[Citation]:
    source = Source.objects.bulk_create(
        [
            Source(
                key=SOURCE_KEY,
                kind=Source.Kind.OTHER,
                title="Synthetic data for performance tests — not real",
                authors="manage.py synthesize",
                year=LAST_YEAR,
            )
        ]
    )[0]
    return Citation.objects.bulk_create(
        Citation(
            key=f"{PREFIX}section-{n}",
            source=source,
            section=f"{n} Synthetic section",
            page=n,
        )
        for n in range(1, 6)
    )


def _country_codes(count: int) -> list[str]:
    """Free two-letter codes: ISO's user-assigned ones (XA–XZ, QM–QZ, ZZ) first, then the
    other unassigned ones from the end of the alphabet (editors and test factories start at
    the front), then assigned ones no country uses yet."""
    taken = set(Country.objects.values_list("code", flat=True))
    every = [a + b for a in reversed(string.ascii_uppercase) for b in string.ascii_uppercase]
    user_assigned = [code for code in every if code[0] == "X" or "QM" <= code <= "QZ"]
    ordered = [
        *user_assigned,
        "ZZ",
        *(code for code in every if code not in ISO_ASSIGNED),
        *(code for code in every if code in ISO_ASSIGNED),
    ]
    free = [code for code in dict.fromkeys(ordered) if code not in taken]
    if count > len(free):
        raise CannotSynthesize(
            f"{count} synthetic countries need {count} free two-letter codes; "
            f"only {len(free)} are left. Choose a scale of at most {len(free) // 3}."
        )
    return free[:count]


def unique_name(rng: random.Random, taken: set[str], endings: Sequence[str]) -> str:
    """An invented name not in ``taken``: two syllables and an ending, or three syllables
    once the two-syllable names run short (a thousand places want more)."""
    syllables, attempts = 2, 0
    while True:
        name = "".join(rng.choice(SYLLABLES) for _ in range(syllables)) + rng.choice(endings)
        if name.title() not in taken:
            taken.add(name.title())
            return name.title()
        attempts += 1
        if attempts % 50 == 0:
            syllables += 1


def _build_comparisons(build: Build) -> None:
    rng = build.rng
    themes = list(Theme.objects.all())
    dimensions = list(Dimension.objects.all())
    if not themes or not dimensions or not Currency.objects.filter(code=EURO).exists():
        raise CannotSynthesize(
            "The synthetic records build on the real dataset's themes, dimensions and the "
            "euro: load the dataset first (manage.py load_dataset)."
        )
    core = [theme for theme in themes if theme.is_core] or themes[:3]
    count = COUNTRIES_PER_SCALE * build.scale
    names: set[str] = set()
    countries = build.add(
        Country,
        [
            _country(rng, code, unique_name(rng, names, ENDINGS), order=1000 + i)
            for i, code in enumerate(_country_codes(count))
        ],
    )
    build.countries = countries

    levels = build.add(
        GovernanceLevel,
        [
            GovernanceLevel(
                country=country,
                code=PREFIX + TIERS[tier][0],
                tier=tier,
                name_nl=TIERS[tier][1],
                name_en=TIERS[tier][2],
            )
            for country in countries
            for tier in GovernanceLevel.Tier
            # Every country has three tiers; about a third also has districts with a say.
            if tier != GovernanceLevel.Tier.DISTRICT or rng.random() < 0.33
        ],
    )
    build.add(Responsibility, _responsibilities(rng, levels, themes, core))

    levels_by_country: dict[int, list[GovernanceLevel]] = {}
    for level in levels:
        levels_by_country.setdefault(level.country_id, []).append(level)
    programmes = _programmes(build, levels_by_country)
    build.programmes = programmes
    build.link_themes(Programme, programmes, themes, most=3)
    _currencies_and_rates(build)
    budgets = _budgets(build, levels_by_country)
    _data_notes(build, budgets)
    build.add(
        DimensionPosition,
        [
            DimensionPosition(
                country=country,
                dimension=dimension,
                theme=theme,
                position=rng.randint(1, 5),
                rationale_nl="Synthetische positie. Zonder betekenis.",
                rationale_en="Synthetic position. It means nothing.",
            )
            for country in countries
            for dimension in dimensions
            for theme in [None, *core]
        ],
    )
    build.add(
        Finding,
        [
            Finding(
                code=f"{PREFIX}{country.code.lower()}-{kind}",
                topic=rng.choice(Finding.Topic.values),
                kind=kind,
                country=country,
                title_nl=f"Synthetische bevinding over {country.name_nl}",
                title_en=f"Synthetic finding on {country.name_en}",
                text_nl="Een synthetische tekst, alleen om de pagina's te meten.",
                text_en="A synthetic text, only for measuring the pages.",
                order=n,
            )
            for country in countries
            for n, kind in enumerate(Finding.Kind.values)
        ],
    )


def _country(rng: random.Random, code: str, name: str, *, order: int) -> Country:
    return Country(
        code=code,
        name_nl=f"{name} (synthetisch)",
        name_en=f"{name} (synthetic)",
        colour="#" + "".join(rng.choice("3456789abc") + "0" for _ in range(3)),
        summary_nl="Een synthetisch land, alleen om de pagina's op schaal te meten.",
        summary_en="A synthetic country, only for measuring the pages at scale.",
        definition_nl="Een wijk met een hoge werkloosheid en een lage score op leefbaarheid.",
        definition_en="A neighbourhood with high unemployment and a low liveability score.",
        has_national_policy=rng.random() < 0.6,
        order=order,
    )


def _responsibilities(rng, levels, themes, core) -> list[Responsibility]:
    """Each level steers the core themes, and two other themes picked at random."""
    others = [theme for theme in themes if theme not in core]
    return [
        Responsibility(
            level=level,
            theme=theme,
            mode=rng.choice(MODES),
            description_nl="Synthetische verantwoordelijkheid.",
            description_en="Synthetic responsibility.",
        )
        for level in levels
        for theme in [*core, *rng.sample(others, min(2, len(others)))]
    ]


def _programmes(build: Build, levels_by_country: dict) -> list[Programme]:
    """The programmes, spread evenly over the countries: each country's first is its main
    national programme, and some later ones are parts of it."""
    rng = build.rng
    total = PROGRAMMES_PER_SCALE * build.scale
    per_country = [total // len(build.countries)] * len(build.countries)
    for i in range(total % len(build.countries)):
        per_country[i] += 1
    key_programmes = build.add(
        Programme,
        [
            _programme(rng, country, levels_by_country[country.pk][0], "subsidy", 0, is_key=True)
            for country in build.countries
        ],
    )
    rest = []
    for country, key, count in zip(build.countries, key_programmes, per_country, strict=True):
        for n in range(1, count):
            level = rng.choice(levels_by_country[country.pk])
            programme = _programme(
                rng, country, level, rng.choice(KINDS_BY_TIER[level.tier]), n, is_key=False
            )
            if level.tier != GovernanceLevel.Tier.NATIONAL and rng.random() < 0.1:
                programme.parent = key
            rest.append(programme)
    return [*key_programmes, *build.add(Programme, rest)]


def _programme(rng, country, level, kind: str, n: int, *, is_key: bool) -> Programme:
    topic_nl, topic_en = rng.choice(TOPICS)
    kind_nl, kind_en = KIND_WORDS[kind]
    start = rng.randint(FIRST_YEAR, LAST_YEAR)
    return Programme(
        slug=f"{PREFIX}{country.code.lower()}-{n}",
        level=level,
        kind=kind,
        name_nl=f"{kind_nl} {topic_nl} {n + 1}",
        name_en=f"{topic_en} {kind_en} {n + 1}",
        start_year=start,
        end_year=None if rng.random() < 0.5 else rng.randint(start, LAST_YEAR + 5),
        description_nl="Een synthetisch programma.",
        description_en="A synthetic programme.",
        is_key=is_key,
    )


def _currencies_and_rates(build: Build) -> None:
    rng = build.rng
    build.add(
        Currency,
        [Currency(code=code, name_nl=nl, name_en=en) for code, (nl, en) in CURRENCIES.items()],
    )
    rates = []
    for code in CURRENCIES:
        # A slow random walk around a plausible level, one rate a year.
        level = Decimal(rng.choice((7, 9, 11, 25)))
        for year in range(FIRST_YEAR, LAST_YEAR + 1):
            level *= Decimal(1 + rng.uniform(-0.04, 0.04))
            rates.append(ExchangeRate(currency_id=code, year=year, units_per_euro=round(level, 6)))
    build.add(ExchangeRate, rates)


def _budgets(build: Build, levels_by_country: dict) -> list[Budget]:
    """One budget for each programme and a second for half of them: mostly euro, some in a
    synthetic currency; per year, a total over a period, or (rarely) not stated, with a note."""
    rng = build.rng
    currencies = [EURO, EURO, EURO, *CURRENCIES]
    budgets = []
    for programme in build.programmes:
        for n in range(1 if rng.random() < 0.5 else 2):
            start = rng.randint(max(FIRST_YEAR, programme.start_year), LAST_YEAR)
            basis = rng.choices(list(Budget.Basis), weights=(60, 35, 5))[0]
            currency = rng.choice(currencies)
            higher = [
                level
                for level in levels_by_country[programme.level.country_id]
                if level.tier <= programme.level.tier
            ]
            amount = Decimal(round(10 ** rng.uniform(5, 9), -3))
            if currency != EURO:
                amount *= 8
            not_stated = basis == Budget.Basis.NOT_STATED
            budgets.append(
                Budget(
                    programme=programme,
                    code=f"{PREFIX}{n + 1}",
                    amount=amount,
                    currency_id=currency,
                    basis=basis,
                    period_start=start,
                    period_end=start
                    if basis == Budget.Basis.PER_YEAR
                    else start + rng.randint(1, 6),
                    funding_level=rng.choice(higher),
                    note_nl="De bron zegt niet of dit per jaar is." if not_stated else "",
                    note_en="The source does not say whether this is per year."
                    if not_stated
                    else "",
                )
            )
    return build.add(Budget, budgets)


def _data_notes(build: Build, budgets: Sequence[Budget]) -> None:
    """A note on one budget in about every twentieth country, as the report has a few."""
    by_country = {}
    for budget in budgets:
        by_country.setdefault(budget.programme.level.country_id, budget)
    notes = [
        DataNote(
            code=f"{PREFIX}note-{country.code.lower()}",
            kind=DataNote.Kind.MISSING,
            country=country,
            budget=by_country.get(country.pk),
            title_nl="Synthetische kanttekening",
            title_en="Synthetic data note",
            text_nl="Een synthetische kanttekening bij een bedrag.",
            text_en="A synthetic note on an amount.",
        )
        for n, country in enumerate(build.countries)
        if n % 20 == 0
    ]
    build.add(DataNote, notes)


def _remove_comparisons(countries: list[int]) -> Counter:
    counts: Counter = Counter()

    def remove(model: type[models.Model], **lookup) -> None:
        counts[model._meta.label] += delete_quietly(model._default_manager.filter(**lookup))

    remove(DataNote, country__in=countries)
    remove(Budget, programme__level__country__in=countries)
    remove(Programme, level__country__in=countries)
    remove(Responsibility, level__country__in=countries)
    remove(GovernanceLevel, country__in=countries)
    remove(DimensionPosition, country__in=countries)
    remove(Finding, country__in=countries)
    remove(Country, pk__in=countries)
    remove(ExchangeRate, currency__in=list(CURRENCIES))
    remove(Currency, code__in=list(CURRENCIES))
    remove(Citation, source__key=SOURCE_KEY)
    remove(Source, key=SOURCE_KEY)
    return counts
