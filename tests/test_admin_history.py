"""Every change is kept with who made it, shown field by field, and can be reverted."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import BudgetFactory, ProgrammeFactory
from tests.helpers import admin_form_data, page_text, signed_in_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return signed_in_editor("anna")


def admin_url(record, view: str, *args) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk, *args])


def edit(client, record, **changes) -> None:
    url = admin_url(record, "change")
    response = client.post(url, admin_form_data(client.get(url)) | changes)
    assert response.status_code == 302, page_text(response)


def test_a_change_is_kept_with_its_author_and_shown_field_by_field(editor):
    budget = BudgetFactory(amount=Decimal("100"))
    edit(editor, budget, amount="250")

    latest = budget.history.first()
    assert latest.history_user.username == "anna"
    assert latest.history_type == "~"
    text = page_text(editor.get(admin_url(budget, "history")))
    assert "Changed anna" in text
    # simple-history's diff of the two versions: the field, its old and its new value.
    assert "Amount: 100.00 → 250.00" in text


def test_the_history_leaves_out_empty_fields_the_form_saved_as_empty_again(editor):
    budget = BudgetFactory(amount=Decimal("100"), note_nl=None, note_en=None)
    edit(editor, budget, amount="250")

    text = page_text(editor.get(admin_url(budget, "history")))
    assert "Amount: 100.00 → 250.00" in text
    assert "Note" not in text


def test_reverting_restores_the_old_values(editor):
    budget = BudgetFactory(amount=Decimal("100"), period_start=2019, period_end=2019)
    original = budget.history.earliest()
    edit(editor, budget, amount="250", period_start="2020", period_end="2021")

    revert_url = admin_url(budget, "simple_history", original.history_id)
    form = admin_form_data(editor.get(revert_url))
    assert form["amount"] == "100.00"
    response = editor.post(revert_url, form)
    assert response.status_code == 302

    budget.refresh_from_db()
    assert (budget.amount, budget.period_start, budget.period_end) == (Decimal("100"), 2019, 2019)
    # The revert is itself a change in the history, not a rewrite of it.
    assert budget.history.count() == 3


def test_a_revert_over_a_newer_change_is_refused(editor):
    budget = BudgetFactory(amount=Decimal("100"))
    original = budget.history.earliest()
    revert_url = admin_url(budget, "simple_history", original.history_id)
    form = admin_form_data(editor.get(revert_url))

    edit(signed_in_editor("bram"), budget, amount="300")

    response = editor.post(revert_url, form)
    assert response.status_code == 200
    assert "Someone else saved this record by bram" in page_text(response)
    budget.refresh_from_db()
    assert budget.amount == Decimal("300")


def test_a_programme_reverted_keeps_its_budgets(editor):
    programme = ProgrammeFactory(name_en="Social City")
    BudgetFactory(programme=programme)
    original = programme.history.earliest()
    edit(editor, programme, name_en="Socially Integrative City")

    revert_url = admin_url(programme, "simple_history", original.history_id)
    response = editor.post(revert_url, admin_form_data(editor.get(revert_url)))
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name_en == "Social City"
    assert programme.budgets.count() == 1
