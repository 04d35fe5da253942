import re

import pytest

from comparisons.models import GovernanceLevel, Responsibility
from tests.factories import (
    CitationFactory,
    CountryFactory,
    GovernanceLevelFactory,
    ResponsibilityFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page as a reader sees it: tags stripped, white space folded."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split()).replace(" :", ":")


def core_themes():
    return [
        ThemeFactory(code="safety", name_en="Safety", is_core=True, order=1),
        ThemeFactory(code="liveability", name_en="Liveability", is_core=True, order=2),
        ThemeFactory(code="integration", name_en="Integration", is_core=True, order=3),
    ]


def test_a_cell_names_the_level_its_mode_and_cites_the_source(client):
    safety, *_others = core_themes()
    level = GovernanceLevelFactory(
        country=CountryFactory(code="DE", name_en="Germany", language="de"),
        tier=GovernanceLevel.Tier.REGIONAL,
        name_en="Federal states",
        original_name="Länder",
    )
    responsibility = ResponsibilityFactory(
        level=level,
        theme=safety,
        mode=Responsibility.Mode.LAW,
        description_en="Police laws are state laws.",
    )
    responsibility.citations.add(CitationFactory(section="4.2 Veiligheid", page=40))

    response = client.get("/en/governance/?theme=safety")

    content = response.content.decode()
    assert '<span lang="de">(Länder)</span>' in content
    assert (
        "<details> <summary><strong>law</strong></summary> <p>Police laws are state laws.</p>"
        in " ".join(content.split())
    )
    assert "Germany — no level of government at this tier Federal states (Länder): law" in (
        text(response)
    )
    assert "§ 4.2, p. 40" in text(response)


def test_an_empty_cell_says_not_available_and_the_legend_explains_it(client):
    safety, _liveability, _integration = core_themes()
    level = GovernanceLevelFactory(country=CountryFactory(code="DK", name_en="Denmark"))
    ResponsibilityFactory(level=level, theme=safety)

    page = text(client.get("/en/governance/?theme=liveability"))

    assert "Denmark not available — no level of government at this tier" in page
    assert "not available The report assigns this level no role in this theme." in page
    assert "— The country has no level of government at this tier in the report." in page


def test_several_levels_of_one_tier_share_a_cell(client):
    _safety, _liveability, integration = core_themes()
    country = CountryFactory(code="BE", name_en="Belgium")
    # A cell lists its levels in the order of their codes, as the admin does.
    for code, name in (("flanders", "Flemish government"), ("vgc", "Flemish Community Commission")):
        level = GovernanceLevelFactory(
            country=country, code=code, tier=GovernanceLevel.Tier.REGIONAL, name_en=name
        )
        ResponsibilityFactory(level=level, theme=integration)

    response = client.get("/en/governance/?theme=integration")

    national, regional, *_local = response.context["tables"][0].rows[0].cells
    assert national.entries == []
    assert [entry.level for entry in regional.entries] == [
        "Flemish government",
        "Flemish Community Commission",
    ]
    assert "Flemish government: subsidy conditions" in text(response)


def test_core_themes_come_first_then_others_that_anyone_steers(client):
    ThemeFactory(code="housing", name_en="Housing", order=0)
    ThemeFactory(code="health", name_en="Health", order=0)
    core_themes()
    ResponsibilityFactory(theme=ThemeFactory(code="housing"))

    tables = client.get("/en/governance/").context["tables"]

    assert [table.theme.code for table in tables] == [
        "safety",
        "liveability",
        "integration",
        "housing",
    ]


def test_the_filters_keep_the_chosen_countries_and_themes(client):
    safety, liveability, _integration = core_themes()
    for code, name in (("DE", "Germany"), ("DK", "Denmark"), ("BE", "Belgium")):
        ResponsibilityFactory(
            level=GovernanceLevelFactory(country=CountryFactory(code=code, name_en=name)),
            theme=safety,
        )

    tables = client.get("/en/governance/?country=DK&country=BE&theme=liveability").context["tables"]

    assert [table.theme for table in tables] == [liveability]
    assert [row.country.code for row in tables[0].rows] == ["BE", "DK"]


def test_the_filter_boxes_are_labelled_and_ticked_as_chosen(client):
    core_themes()
    for code in ("BE", "DE", "DK"):
        CountryFactory(code=code)

    content = client.get("/en/governance/?country=DK&theme=liveability").content.decode()

    assert (
        '<label for="id_country_2"><input type="checkbox" name="country" value="DK" '
        'id="id_country_2" checked> Country DK</label>'
    ) in content
    assert 'value="BE" id="id_country_0">' in content
    assert 'name="theme" value="liveability" id="id_theme_1" checked>' in content


def test_the_governance_page_says_when_there_is_nothing_yet(client):
    assert "No themes have been entered yet." in text(client.get("/en/governance/"))


def test_unknown_country_code_is_a_400(client):
    CountryFactory(code="DE")
    response = client.get("/en/governance/?country=NL")
    assert response.status_code == 400
    assert "NL is not one of the available choices" in text(response)
    assert "country=DE" in text(response)


def test_unknown_theme_is_a_400_with_the_valid_themes(client):
    core_themes()
    response = client.get("/en/governance/?theme=sport")
    assert response.status_code == 400
    assert "theme=safety theme=liveability theme=integration" in text(response)


@pytest.mark.parametrize(
    "query",
    [
        "country=<script>alert(1)</script>",
        "theme=safety%00",
        "theme=veiligheid",
        "country=" + "D" * 5000,
        "country=DE&country=ΔΕ",
    ],
)
def test_odd_input_is_a_400_never_a_500(client, query):
    CountryFactory(code="DE")
    core_themes()
    response = client.get(f"/en/governance/?{query}")
    assert response.status_code == 400
    assert "<script>alert" not in response.content.decode()


# The real dataset stays loaded for the rest of this module, so these tests come last.


def test_the_matrix_shows_that_belgium_steers_safety_federally_through_the_kadernota(
    client, dataset
):
    page = text(client.get("/en/governance/?country=BE&theme=safety"))
    assert (
        "Belgium Federal government (Federale overheid): subsidy conditions "
        "Safety is a federal responsibility"
    ) in page
    assert "through the priorities of the Framework Document Integral Safety" in page


def test_the_matrix_speaks_dutch_under_nl(client, dataset):
    response = client.get("/nl/governance/?country=BE&theme=safety")
    assert '<html lang="nl">' in response.content.decode()
    page = text(response)
    assert "België Federale overheid: subsidievoorwaarden" in page
    assert "met de prioriteiten van de Kadernota Integrale Veiligheid" in page


def test_denmark_has_no_regional_tier(client, dataset):
    page = text(client.get("/en/governance/?country=DK&theme=safety"))
    assert "Denmark State (national government and parliament): law" in page
    assert "— no level of government at this tier Municipalities (Kommuner): own policy" in page


def test_the_real_matrix_shows_every_theme_someone_steers(client, dataset):
    tables = client.get("/en/governance/").context["tables"]
    assert [table.theme.code for table in tables] == [
        "safety",
        "liveability",
        "integration",
        "education",
        "labour",
        "youth",
        "housing",
    ]


GOVERNANCE_QUERIES = 6


def test_the_governance_page_reads_a_fixed_number_of_queries_at_seed_size(
    client, dataset, django_assert_num_queries
):
    with django_assert_num_queries(GOVERNANCE_QUERIES):
        assert client.get("/nl/governance/").status_code == 200


def test_the_governance_page_reads_as_many_queries_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries
):
    with django_assert_num_queries(GOVERNANCE_QUERIES):
        assert client.get("/nl/governance/").status_code == 200
