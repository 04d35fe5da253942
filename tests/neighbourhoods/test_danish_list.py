import html
import re
from urllib.parse import urlencode

import pytest

from neighbourhoods.models import ListCriterion
from tests.factories import ListCategoryRuleFactory, ListCriterionFactory

pytestmark = pytest.mark.django_db

URL = "/en/neighbourhoods/danish-list/"

# A neighbourhood meeting criteria 1 and 3, with 1,500 inhabitants, 60 % with a migration
# background, on the ghetto list for five years.
HARD_GHETTO = {
    "year": "2019",
    "population": "1500",
    "migration_background": "60",
    "outside_work_education": "45",
    "convictions": "1",
    "basic_education": "70",
    "income": "80",
    "consecutive_years": "5",
}


def text(response) -> str:
    """The page as a reader sees it: tags stripped, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def calculate(client, **changes):
    return client.get(URL, {**HARD_GHETTO, **changes})


def test_the_page_says_when_no_rules_have_been_entered(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "The Danish list rules have not been entered yet" in text(response)


def test_the_criteria_show_their_thresholds_from_the_records(client):
    ListCriterionFactory(threshold=35, name_en="Outside work or education", age_min=18, age_max=64)
    page = text(client.get(URL))
    assert "1. Outside work or education" in page
    assert "> 35 % of inhabitants 18–64 years" in page


def test_the_calculator_uses_the_records(client):
    ListCriterionFactory(code="outside-work-education", threshold=30, number=1)
    ListCriterionFactory(code="basic-education", threshold=60, number=3)
    ListCategoryRuleFactory(
        category="vulnerable", consecutive_years=None, min_criteria_met=2, valid_from=2018
    )
    response = client.get(
        URL,
        {**HARD_GHETTO, "year": "2018", "outside_work_education": "31"},
    )
    assert response.status_code == 200
    assert "Result under the rules of 2018: vulnerable neighbourhood" in text(response)


# The real dataset from here on.


def test_it_renders_in_both_languages(client, dataset):
    dutch = client.get("/nl/neighbourhoods/danish-list/")
    english = client.get(URL)
    assert dutch.status_code == english.status_code == 200
    assert '<html lang="nl">' in dutch.content.decode()
    assert "Mjølnerparken" in text(dutch)
    assert "Buiten arbeid of onderwijs" in text(dutch)
    assert "Outside work or education" in text(english)


def test_the_four_criteria_and_the_ghetto_conditions_are_shown(client, dataset):
    page = text(client.get(URL))
    assert "> 40 % of inhabitants 18–64 years average of the last two years since 2018" in page
    assert "≥ 3 times the national share" in page
    assert "> 60 % of inhabitants 30–59 years" in page
    assert "< 55 % of the regional average 15–64 years" in page
    assert "At least a thousand inhabitants" in page
    assert "≥ 1,000 inhabitants" in page
    assert "> 50 % of inhabitants" in page


def test_the_rules_show_the_hard_ghetto_rule_going_from_four_to_five_years(client, dataset):
    response = client.get(URL)
    rules = response.context["rules"]
    assert [rule.category for rule in rules] == [
        "vulnerable",
        "ghetto",
        "hard-ghetto",
        "hard-ghetto",
    ]
    assert [(rule.consecutive_years, rule.valid_from, rule.valid_until) for rule in rules[2:]] == [
        (4, 2018, 2019),
        (5, 2019, None),
    ]
    page = text(response)
    assert "not applicable 4 2018–2019" in page
    assert "not applicable 5 since 2019" in page


def test_the_national_counts_are_shown(client, dataset):
    page = text(client.get(URL))
    assert "2018 vulnerable neighbourhood 43" in page
    assert "2018 hard ghetto 16" in page


def test_the_hard_ghetto_table_has_all_ten_rows(client, dataset):
    response = client.get(URL)
    rows = response.context["rows"]
    assert [row["assessment"].place.name for row in rows] == [
        "Mjølnerparken",
        "Taastrupgaard",
        "Agervang",
        "Ringparken",
        "Vollsmose",
        "Stengårdsvej",
        "Sundparken",
        "Munkebo",
        "Finlandsparken",
        "Bispehaven",
    ]
    table = response.content.decode().split('class="data heatmap"')[1].split("</table>")[0]
    assert table.split("<tbody>")[1].count("<tr>") == 10


def met(row) -> dict[str, bool]:
    return {cell["criterion"].code: cell["meets"] for cell in row["cells"]}


def test_the_table_marks_which_criteria_each_neighbourhood_meets(client, dataset):
    rows = {row["assessment"].place.slug: row for row in client.get(URL).context["rows"]}
    assert met(rows["dk-mjoelnerparken"]) == {
        "outside-work-education": True,
        "convictions": True,
        "basic-education": True,
        "income": True,
        "migration-background": True,
        "population": True,
    }
    taastrupgaard = met(rows["dk-taastrupgaard"])
    assert taastrupgaard["outside-work-education"] is False  # 30.3 (-160)
    assert taastrupgaard["convictions"] is False  # 2.1 (-2)
    assert taastrupgaard["basic-education"] is True  # 83.4 (259)
    assert taastrupgaard["income"] is True  # 51.2 (15,944 kr.)
    assert [rows[slug]["criteria_met"] for slug in ("dk-mjoelnerparken", "dk-taastrupgaard")] == [
        4,
        2,
    ]


def test_each_cell_shows_its_value_and_the_change_in_brackets(client, dataset):
    page = text(client.get(URL))
    assert (
        "Mjølnerparken Copenhagen hard ghetto, list of 2018 § 5.2, pp. 53–60 ; "
        "§ Lijst (voetnoot 4 in 5.2 van het rapport) 43.5 % (36) ● meets 2.5 % (3) ● meets "
        "76.7 % (115) ● meets 51.0 % (16,447 kr.) ● meets"
    ) in page
    assert "30.3 % (-160) ○ does not meet" in page


def test_met_cells_are_shaded_and_marked_in_words(client, dataset):
    page = client.get(URL).content.decode()
    table = page.split('class="data heatmap"')[1].split("</table>")[0]
    # Of the 60 cells, 46 meet their criterion: shaded, and saying so in words as well.
    assert table.count("cell--meets") == 46
    assert table.count("● meets") == 46
    assert table.count("○ does not meet") == 14
    assert "Shaded cells marked" in page


def test_the_data_notes_on_the_table_are_shown(client, dataset):
    page = text(client.get(URL))
    assert "Table 1 has ten rows, the text speaks of sixteen hard ghettos" in page
    assert "The red cells of Table 1 are lost in the text" in page


def test_the_bare_page_shows_an_empty_calculator(client, dataset):
    response = client.get(URL)
    assert response.context["classification"] is None
    assert not response.context["calculator"].is_bound
    assert 'name="consecutive_years"' in response.content.decode()


def test_two_criteria_and_both_conditions_and_five_years_make_a_hard_ghetto_in_2019(
    client, dataset
):
    response = calculate(client)
    assert response.status_code == 200
    page = text(response)
    assert "Result under the rules of 2019: hard ghetto" in page
    assert "1. Outside work or education 45 > 40 % of inhabitants ● meets" in page
    assert "2. Convictions 1 ≥ 3 times the national share ○ does not meet" in page
    assert (
        "It has been on the ghetto list 5 consecutive years; the rule of 2019 requires 5." in page
    )


def test_four_years_make_a_hard_ghetto_in_2018_but_not_in_2019(client, dataset):
    in_2018 = calculate(client, year="2018", consecutive_years="4")
    in_2019 = calculate(client, year="2019", consecutive_years="4")
    assert "Result under the rules of 2018: hard ghetto" in text(in_2018)
    assert "Result under the rules of 2019: ghetto" in text(in_2019)


def test_without_the_conditions_two_criteria_make_a_vulnerable_neighbourhood(client, dataset):
    response = calculate(client, population="999")
    assert "Result under the rules of 2019: vulnerable neighbourhood" in text(response)


def test_the_thresholds_hold_exactly_as_the_law_words_them(client, dataset):
    at_thresholds = calculate(
        client,
        population="1000",
        migration_background="50",
        outside_work_education="40",
        basic_education="60",
        convictions="3",
        income="55",
    )
    result = at_thresholds.context["classification"]
    assert {
        check.criterion.code: check.met for check in [*result.criteria, *result.conditions]
    } == {
        "outside-work-education": False,
        "convictions": True,
        "basic-education": False,
        "income": False,
        "population": True,
        "migration-background": False,
    }
    assert result.category is None


def test_the_calculator_reads_the_thresholds_from_the_records(client, dataset):
    ListCriterion.objects.filter(code="convictions").update(threshold=1)
    response = calculate(client, outside_work_education="10")
    assert response.context["classification"].criteria_met == 2


@pytest.mark.parametrize(
    "bad",
    [
        {"population": "-1"},
        {"population": "1.5"},
        {"population": "99999999999999999999999999"},
        {"migration_background": "100.5"},
        {"outside_work_education": "-0.1"},
        {"basic_education": "abc"},
        {"income": "1e999"},
        {"income": "NaN"},
        {"convictions": "Infinity"},
        {"consecutive_years": "51"},
        {"consecutive_years": "-1"},
        {"year": "2017"},
        {"year": "2019; DROP TABLE"},
        {"population": "zwölf"},
        {"migration_background": "<script>alert(1)</script>"},
        {"basic_education": ""},
    ],
)
def test_invalid_figures_show_the_form_with_its_errors(client, dataset, bad):
    response = calculate(client, **bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Some figures need correcting" in page
    assert 'class="errorlist' in page
    assert "<script>alert" not in page
    assert response.context["classification"] is None


def test_a_half_filled_form_says_what_is_missing(client, dataset):
    response = client.get(URL, {"population": "1500"})
    assert response.status_code == 400
    assert "This field is required." in text(response)


def test_repeated_keys_and_unknown_parameters_do_not_break_the_page(client, dataset):
    query = urlencode([*HARD_GHETTO.items(), ("population", "abc"), ("colour", "red")])
    response = client.get(f"{URL}?{query}")
    # The last of repeated keys counts, as Django's QueryDict reads it.
    assert response.status_code == 400
    assert client.get(URL, {**HARD_GHETTO, "colour": "red"}).status_code == 200


DANISH_LIST_QUERIES = 12


def test_the_page_reads_a_fixed_number_of_queries_at_seed_size(
    client, dataset, django_assert_num_queries
):
    with django_assert_num_queries(DANISH_LIST_QUERIES):
        client.get(URL)
    with django_assert_num_queries(DANISH_LIST_QUERIES):
        calculate(client)


def test_the_page_reads_as_many_queries_with_ten_times_the_data(
    client, large_dataset, django_assert_num_queries
):
    with django_assert_num_queries(DANISH_LIST_QUERIES):
        client.get(URL)
    with django_assert_num_queries(DANISH_LIST_QUERIES):
        calculate(client)
