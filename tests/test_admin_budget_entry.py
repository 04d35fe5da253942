"""The newcomer's path: enter a country, a programme and a DKK budget; see euro per year."""

from decimal import Decimal

import pytest
from django.urls import reverse

from comparisons.models import Budget, Country, GovernanceLevel, Programme
from tests.factories import (
    BudgetFactory,
    CurrencyFactory,
    ExchangeRateFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(admin_client):
    """The admin in English, so the assertions below read as the messages are written."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


def post_add_form(client, model: str, data: dict[str, str], **inline_rows: int):
    """Post an admin add form; every inline is empty unless ``inline_rows`` says otherwise."""
    url = reverse(f"admin:{model}_add")
    management = {}
    for inline in client.get(url).context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        management |= {
            f"{prefix}-TOTAL_FORMS": str(inline_rows.get(prefix, 0)),
            f"{prefix}-INITIAL_FORMS": "0",
        }
    return client.post(url, management | data)


def test_an_editor_enters_a_dkk_budget_and_sees_euro_per_year(admin_client):
    ExchangeRateFactory(year=2019)

    response = post_add_form(
        admin_client,
        "comparisons_country",
        {
            "code": "DK",
            "name_nl": "Denemarken",
            "name_en": "Denmark",
            "colour": "#882255",
            "order": "3",
        },
    )
    assert response.status_code == 302
    denmark = Country.objects.get(code="DK")

    GovernanceLevel.objects.create(
        country=denmark, code="state", tier=1, name_nl="Staat", name_en="State"
    )
    level = GovernanceLevel.objects.get(code="state")
    response = post_add_form(
        admin_client,
        "comparisons_programme",
        {
            "slug": "building-fund-renovation",
            "level": level.pk,
            "kind": "fund",
            "name_nl": "Renovatie harde getto's",
            "name_en": "Renovation of hard ghettos",
            "budgets-0-code": "earmark-2021-2026",
            "budgets-0-amount": "10000000000",
            "budgets-0-currency": "DKK",
            "budgets-0-basis": "total",
            "budgets-0-period_start": "2021",
            "budgets-0-period_end": "2026",
            "budgets-0-stated_eur": "1300000000",
        },
        budgets=1,
    )
    assert response.status_code == 302
    budget = Budget.objects.get(programme=Programme.objects.get(slug="building-fund-renovation"))
    assert budget.euro_per_year() == Decimal("223231227.37")

    page = admin_client.get(reverse("admin:comparisons_budget_change", args=[budget.pk]))
    assert "€ 223,231,227.37 per year" in page.content.decode()
    assert "1 EUR = 7.466100 DKK (2019)" in page.content.decode()


def test_a_budget_without_a_rate_says_so_instead_of_a_number(admin_client):
    budget = BudgetFactory(currency=CurrencyFactory(code="SEK", name_nl="kroon", name_en="krona"))

    page = admin_client.get(reverse("admin:comparisons_budget_change", args=[budget.pk]))

    assert "No exchange rate for SEK in or before 2019" in page.content.decode()


def test_an_editor_cannot_save_a_period_that_ends_before_it_starts(admin_client):
    programme = ProgrammeFactory()
    response = post_add_form(
        admin_client,
        "comparisons_budget",
        {
            "programme": programme.pk,
            "code": "backwards",
            "amount": "100",
            "currency": "EUR",
            "basis": "total",
            "period_start": "2026",
            "period_end": "2021",
        },
    )
    assert response.status_code == 200
    assert "The end year must be the same as or after the start year." in response.content.decode()
    assert not Budget.objects.exists()
