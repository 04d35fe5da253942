"""Editors read why a record is refused, in their language, from the rules the database
itself enforces: every constraint carries a plain message, in Dutch and English."""

import pytest
from django.apps import apps
from django.db.models import BaseConstraint, UniqueConstraint
from django.utils import translation

from comparisons.versioning import is_content
from tests.factories import BudgetFactory
from tests.helpers import admin_form_data, page_text

CONSTRAINTS = [
    pytest.param(model, constraint, id=constraint.name)
    for model in apps.get_models()
    if is_content(model)
    for constraint in model._meta.constraints
]


def uses_djangos_own_message(constraint: BaseConstraint) -> bool:
    """A unique constraint over plain fields is reported by Django itself, translated:
    “Budget with this Programme and Code already exists.”"""
    return (
        isinstance(constraint, UniqueConstraint)
        and bool(constraint.fields)
        and constraint.condition is None
        and constraint.violation_error_message == constraint.default_violation_error_message
    )


@pytest.mark.parametrize(("model", "constraint"), CONSTRAINTS)
def test_every_constraint_has_a_message_in_both_languages(model, constraint):
    if uses_djangos_own_message(constraint):
        return
    message = constraint.violation_error_message
    assert message != constraint.default_violation_error_message, (
        f"{model.__name__}: {constraint.name} would say only “Constraint … is violated”"
    )
    with translation.override("en"):
        english = str(message)
    with translation.override("nl"):
        dutch = str(message)
    assert dutch != english, f"{constraint.name}: no Dutch translation of “{english}”"


@pytest.mark.django_db
def test_the_admin_refuses_a_negative_amount_in_the_editors_language(admin_client):
    budget = BudgetFactory()
    url = f"/admin/comparisons/budget/{budget.pk}/change/"
    for language, expected in [
        ("en", "An amount cannot be negative."),
        ("nl", "Een bedrag kan niet negatief zijn."),
    ]:
        admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
        response = admin_client.post(url, admin_form_data(admin_client.get(url)) | {"amount": "-5"})
        assert response.status_code == 200
        assert expected in page_text(response)
