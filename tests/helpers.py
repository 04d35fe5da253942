import html
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.test import Client


@contextmanager
def refused_by_database() -> Iterator[None]:
    """Expect the database to refuse a write; the savepoint lets the test go on (PostgreSQL
    aborts the whole transaction otherwise)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        yield


def page_text(response) -> str:
    """The page as a reader sees it: tags stripped, entities decoded, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def _post_value(value):
    """A form field's value as a browser would post it (None for "leave it out")."""
    if isinstance(value, bool):
        return "on" if value else None
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return [_post_value(item) for item in value]
    if hasattr(value, "pk"):
        return str(value.pk)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _form_data(form) -> dict:
    data = {}
    for bound_field in form:
        value = _post_value(bound_field.value())
        if value is not None:
            data[bound_field.html_name] = value
    return data


def admin_form_data(response) -> dict:
    """What the admin change page would post if saved unchanged: the record's form, every
    inline form and the inlines' management forms, as rendered for this editor."""
    context = response.context
    data = _form_data(context["adminform"].form)
    for inline in context.get("inline_admin_formsets", []):  # a revert form has none
        formset = inline.formset
        data |= _form_data(formset.management_form)
        for form in formset.forms:
            data |= _form_data(form)
    return data


def signed_in_editor(name: str) -> Client:
    """A browser of its own, signed in as a new superuser ``name``, reading English."""
    user = get_user_model().objects.create_superuser(name, f"{name}@example.org", "x")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client
