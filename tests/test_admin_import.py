"""Importing and exporting programmes, budgets and observations in the admin: a preview
first, every problem named by row and column, and a bad file changes nothing."""

import io
from decimal import Decimal

import pytest
import tablib
from django.core.management import call_command
from django.urls import reverse

from comparisons.models import Budget, Programme
from comparisons.resources import BudgetResource, ProgrammeResource
from comparisons.versioning import current_version
from neighbourhoods.models import Observation
from neighbourhoods.resources import ObservationResource
from tests.factories import (
    BudgetFactory,
    CitationFactory,
    CurrencyFactory,
    ProgrammeFactory,
)
from tests.helpers import page_text, signed_in_editor

pytestmark = pytest.mark.django_db

BUDGET_COLUMNS = "programme,code,amount,currency,basis,period_start,period_end,citations"


@pytest.fixture
def editor(db):
    return signed_in_editor("anna")


def admin_url(model, view: str) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}")


def upload(client, model, content: bytes | str, name: str = "budgets.csv"):
    """The first step: send a file; the answer is the preview (or the errors)."""
    data = content.encode() if isinstance(content, str) else content
    file = io.BytesIO(data)
    file.name = name
    format_index = "1" if name.endswith(".xlsx") else "0"
    return client.post(admin_url(model, "import"), {"import_file": file, "format": format_index})


def confirm(client, model, preview):
    """The second step: confirm the previewed import, as the preview's button does."""
    form = preview.context["confirm_form"]
    return client.post(admin_url(model, "process_import"), form.initial)


@pytest.fixture
def programme_with_citation():
    CurrencyFactory(code="DKK", name_nl="Deense kroon", name_en="Danish krone")
    CurrencyFactory()
    citation = CitationFactory(key="vji-5-3")
    return ProgrammeFactory(slug="dk-ghetto-plan"), citation


def test_a_valid_file_is_previewed_first_and_written_only_when_confirmed(
    editor, programme_with_citation
):
    version = current_version().number
    preview = upload(
        editor,
        Budget,
        f"{BUDGET_COLUMNS}\n"
        "dk-ghetto-plan,plan-2019,400000000,DKK,total,2019,2026,vji-5-3\n"
        "dk-ghetto-plan,plan-2020,1000,EUR,per_year,2020,2020,vji-5-3\n",
    )
    assert preview.status_code == 200
    assert "confirm_form" in preview.context
    assert [row.import_type for row in preview.context["result"].rows] == ["new", "new"]
    assert not Budget.objects.exists()
    assert current_version().number == version

    response = confirm(editor, Budget, preview)
    assert response.status_code == 302
    budget = Budget.objects.get(code="plan-2019")
    assert (budget.amount, budget.currency_id, budget.basis) == (
        Decimal("400000000"),
        "DKK",
        Budget.Basis.TOTAL,
    )
    assert [citation.key for citation in budget.citations.all()] == ["vji-5-3"]
    assert Budget.objects.count() == 2
    assert current_version().number > version
    assert budget.history.first().history_user.username == "anna"


def test_a_file_with_bad_rows_is_refused_whole_with_row_and_column_named(
    editor, programme_with_citation
):
    response = upload(
        editor,
        Budget,
        f"{BUDGET_COLUMNS}\n"
        "dk-ghetto-plan,good-row,1000,EUR,per_year,2019,2019,vji-5-3\n"
        "dk-ghetto-plan,negative,-5,EUR,per_year,2019,2019,vji-5-3\n"
        "dk-ghetto-plan,bad-currency,1000,XYZ,per_year,2019,2019,vji-5-3\n"
        "dk-ghetto-plan,backwards,1000,EUR,per_year,2020,2019,no-such-citation\n"
        "no-such-programme,orphan,1000,EUR,per_year,2019,2019,vji-5-3\n",
    )
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    text = page_text(response)
    assert "An amount cannot be negative." in text
    assert "There is no currency “XYZ” (write it like “DKK”)." in text
    assert "Unknown citations: no-such-citation." in text
    assert "There is no programme or instrument “no-such-programme”" in text
    rows = {error.number: error for error in response.context["result"].invalid_rows}
    # Rows are numbered as in a spreadsheet's data: the first row below the header is 1.
    assert set(rows) == {2, 3, 4, 5}
    assert "currency" in rows[3].field_specific_errors
    assert not Budget.objects.exists()


def test_a_file_that_goes_bad_between_preview_and_confirmation_imports_nothing(
    editor, programme_with_citation
):
    programme, _ = programme_with_citation
    whole = BudgetFactory(programme=programme, code="whole")
    preview = upload(
        editor,
        Budget,
        "programme,code,amount,currency,basis,part_of,citations\n"
        "dk-ghetto-plan,first,1000,EUR,per_year,,vji-5-3\n"
        "dk-ghetto-plan,share,10,EUR,per_year,dk-ghetto-plan/whole,vji-5-3\n",
    )
    assert "confirm_form" in preview.context
    whole.delete()

    response = confirm(editor, Budget, preview)
    assert response.status_code == 302
    assert response.url == admin_url(Budget, "import")
    assert "The file was refused and nothing was imported" in page_text(editor.get(response.url))
    assert not Budget.objects.exists()


def test_a_file_without_a_citations_column_keeps_the_citations(editor, programme_with_citation):
    programme, citation = programme_with_citation
    budget = BudgetFactory(programme=programme, code="kept", amount=Decimal("5"))
    budget.citations.add(citation)
    preview = upload(editor, Budget, "programme,code,amount\ndk-ghetto-plan,kept,7\n")
    assert "confirm_form" in preview.context, page_text(preview)
    confirm(editor, Budget, preview)
    budget.refresh_from_db()
    assert budget.amount == Decimal("7")
    assert list(budget.citations.all()) == [citation]


def test_an_xlsx_file_imports_like_a_csv_file(editor, programme_with_citation):
    sheet = tablib.Dataset(headers=BUDGET_COLUMNS.split(","))
    sheet.append(["dk-ghetto-plan", "from-excel", 2500, "EUR", "per_year", 2019, 2019, "vji-5-3"])
    preview = upload(editor, Budget, sheet.export("xlsx"), name="budgets.xlsx")
    assert "confirm_form" in preview.context, page_text(preview)
    confirm(editor, Budget, preview)
    assert Budget.objects.get(code="from-excel").amount == Decimal("2500")


def test_a_viewer_may_export_but_not_import(client, django_user_model):
    from django.contrib.auth.models import Group

    viewer = django_user_model.objects.create_user("vera", password="x", is_staff=True)
    viewer.groups.add(Group.objects.get(name="Viewers"))
    client.force_login(viewer)
    assert client.get(admin_url(Budget, "import")).status_code == 403
    assert client.get(admin_url(Budget, "export")).status_code == 200


@pytest.mark.parametrize(
    ("resource", "model"),
    [(ProgrammeResource, Programme), (BudgetResource, Budget), (ObservationResource, Observation)],
    ids=["programmes", "budgets", "observations"],
)
def test_an_export_imports_back_to_the_same_data(dataset, resource, model):
    before = dump(model)
    exported = resource().export()
    assert len(exported) == model.objects.count() > 0

    result = resource().import_data(tablib.Dataset().load(exported.csv, format="csv"))
    assert not result.has_errors()
    assert not result.has_validation_errors()
    assert {row.import_type for row in result.rows} == {"skip"}
    assert dump(model) == before


def test_the_admin_export_is_a_csv_of_every_row(editor, dataset):
    page = editor.get(admin_url(Budget, "export"))
    form = page.context["form"]
    data = {"format": "0", "resource": "0"} | {
        name: "on" for name, field in form.fields.items() if name.startswith("budgetresource_")
    }
    response = editor.post(admin_url(Budget, "export"), data)
    assert response.status_code == 200
    rows = tablib.Dataset().load(response.content.decode("utf-8-sig"), format="csv")
    assert len(rows) == Budget.objects.count()
    assert "de-soziale-stadt" in rows["programme"]


def dump(model) -> str:
    out = io.StringIO()
    call_command(
        "dumpdata",
        f"{model._meta.app_label}.{model._meta.model_name}",
        natural_foreign=True,
        natural_primary=True,
        stdout=out,
    )
    return out.getvalue()


@pytest.mark.parametrize("model", [Programme, Budget, Observation], ids=lambda m: m.__name__)
def test_the_import_page_names_the_columns_it_reads(editor, model):
    response = editor.get(admin_url(model, "import"))
    assert response.status_code == 200
    text = page_text(response)
    assert "This importer will import the following fields:" in text
    assert "citations" in text
