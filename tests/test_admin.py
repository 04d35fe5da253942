"""Every admin page an editor can reach opens, for every kind of record."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"comparisons", "neighbourhoods"}
]


@pytest.fixture
def one_of_each():
    """A record of every content model, linked the way real records are."""
    budget = factories.BudgetFactory()
    factories.ExchangeRateFactory()
    programme = budget.programme
    programme.citations.add(factories.CitationFactory())
    place = factories.PlaceFactory(country=programme.level.country)
    factories.ObservationFactory(place=place)
    factories.DesignationFactory(place=place)
    factories.LocalMeasureFactory(place=place, programme=programme)
    factories.ResponsibilityFactory(level=programme.level)
    factories.DimensionPositionFactory(country=programme.level.country)
    factories.FindingFactory()
    factories.DataNoteFactory(budget=budget)
    factories.ListAssessmentValueFactory(assessment__place=place)
    factories.ListCategoryRuleFactory()
    factories.ListCountFactory()


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_content_model_is_in_the_admin():
    names = {model.__name__ for model in CONTENT_MODELS}
    assert {"Country", "Programme", "Budget", "Place", "Observation", "ListAssessment"} <= names


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_the_changelist_opens(admin_client, one_of_each, model):
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_the_search_box_works(admin_client, one_of_each, model):
    if not admin.site._registry[model].search_fields:
        pytest.fail(f"{model.__name__} has no search fields")
    response = admin_client.get(admin_url(model, "changelist"), {"q": "a"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_the_add_page_opens(admin_client, one_of_each, model):
    response = admin_client.get(admin_url(model, "add"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_the_change_page_opens(admin_client, one_of_each, model):
    record = model._default_manager.first()
    response = admin_client.get(admin_url(model, "change", record.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("model", CONTENT_MODELS, ids=lambda model: model.__name__)
def test_the_history_page_opens(admin_client, one_of_each, model):
    record = model._default_manager.first()
    response = admin_client.get(admin_url(model, "history", record.pk))
    assert response.status_code == 200
