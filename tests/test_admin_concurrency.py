"""Two editors at work on the same record: the second save is refused, nothing is lost."""

from decimal import Decimal

import pytest
from django.urls import reverse

from comparisons.models import Budget, Programme
from tests.factories import BudgetFactory, CountryFactory, ProgrammeFactory, ThemeFactory
from tests.helpers import admin_form_data, page_text, signed_in_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors(db):
    """Two signed-in editors with their own browsers."""
    return [signed_in_editor("anna"), signed_in_editor("bram")]


def change_url(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def test_the_second_of_two_saves_is_refused_and_the_first_kept(editors):
    anna, bram = editors
    programme = ProgrammeFactory(name_en="Social City")
    url = change_url(programme)
    annas_form = admin_form_data(anna.get(url))
    brams_form = admin_form_data(bram.get(url))

    response = anna.post(url, annas_form | {"name_en": "Socially Integrative City"})
    assert response.status_code == 302

    response = bram.post(url, brams_form | {"name_en": "The Social City"})
    assert response.status_code == 200
    text = page_text(response)
    assert "Someone else saved this record by anna on" in text
    assert "Your changes were not saved, so nothing was overwritten." in text
    assert f'<a href="{url}">Open the current version</a>' in response.content.decode()
    programme.refresh_from_db()
    assert programme.name_en == "Socially Integrative City"


def test_the_refused_editor_saves_after_opening_the_current_version(editors):
    anna, bram = editors
    programme = ProgrammeFactory(name_en="Social City")
    url = change_url(programme)
    brams_form = admin_form_data(bram.get(url))
    anna.post(url, admin_form_data(anna.get(url)) | {"name_en": "Socially Integrative City"})
    bram.post(url, brams_form | {"name_en": "The Social City"})

    fresh_form = admin_form_data(bram.get(url))
    assert fresh_form["name_en"] == "Socially Integrative City"
    response = bram.post(url, fresh_form | {"name_nl": "Sociale Stad"})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert (programme.name_nl, programme.name_en) == ("Sociale Stad", "Socially Integrative City")


def test_an_unchanged_record_saves_twice_in_a_row(editors):
    anna, _ = editors
    country = CountryFactory()
    url = change_url(country)
    assert anna.post(url, admin_form_data(anna.get(url)) | {"order": "7"}).status_code == 302
    assert anna.post(url, admin_form_data(anna.get(url)) | {"order": "8"}).status_code == 302


def test_a_change_to_the_links_counts_as_a_change(editors):
    _, bram = editors
    programme = ProgrammeFactory()
    url = change_url(programme)
    brams_form = admin_form_data(bram.get(url))
    programme.themes.add(ThemeFactory())

    response = bram.post(url, brams_form | {"name_en": "Renamed"})
    assert "Someone else saved this record" in page_text(response)


def test_a_budget_row_changed_in_the_meantime_is_not_overwritten_from_the_programme(editors):
    anna, bram = editors
    budget = BudgetFactory(amount=Decimal("100"))
    programme_url = change_url(budget.programme)
    brams_form = admin_form_data(bram.get(programme_url))
    row = next(
        key for key, value in brams_form.items() if key.endswith("-id") and value == str(budget.pk)
    )
    prefix = row.removesuffix("-id")

    response = anna.post(
        change_url(budget), admin_form_data(anna.get(change_url(budget))) | {"amount": "250"}
    )
    assert response.status_code == 302

    response = bram.post(programme_url, brams_form | {f"{prefix}-amount": "999"})
    assert response.status_code == 200
    assert "Someone else saved this record" in page_text(response)
    budget.refresh_from_db()
    assert budget.amount == Decimal("250")


def test_a_budget_row_deleted_in_the_meantime_is_not_brought_back(editors):
    _, bram = editors
    budget = BudgetFactory()
    programme_url = change_url(budget.programme)
    brams_form = admin_form_data(bram.get(programme_url))
    prefix = next(
        key.removesuffix("-id")
        for key, value in brams_form.items()
        if key.endswith("-id") and value == str(budget.pk)
    )
    Budget.objects.filter(pk=budget.pk).delete()

    response = bram.post(programme_url, brams_form | {f"{prefix}-amount": "999"})
    assert response.status_code == 200
    assert not Budget.objects.filter(pk=budget.pk).exists()


def test_a_record_deleted_in_the_meantime_is_not_brought_back(editors):
    _, bram = editors
    programme = ProgrammeFactory()
    url = change_url(programme)
    brams_form = admin_form_data(bram.get(url))
    Programme.objects.filter(pk=programme.pk).delete()

    response = bram.post(url, brams_form | {"name_en": "Renamed"})
    # The admin itself answers a vanished record with a redirect and a message.
    assert response.status_code == 302
    assert not Programme.objects.filter(pk=programme.pk).exists()


def test_save_as_new_is_not_a_conflict(editors):
    anna, bram = editors
    programme = ProgrammeFactory(slug="stedenbeleid")
    url = change_url(programme)
    brams_form = admin_form_data(bram.get(url))
    anna.post(url, admin_form_data(anna.get(url)) | {"name_en": "Urban policy"})

    response = bram.post(
        url, brams_form | {"slug": "stedenbeleid-2", "name_en": "Copy", "_saveasnew": "Save"}
    )
    assert response.status_code == 302
    assert Programme.objects.filter(slug="stedenbeleid-2").exists()
    assert Budget.objects.count() == 0
