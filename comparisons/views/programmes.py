"""The table of programmes and instruments, and one programme's page."""

from django.core.paginator import EmptyPage
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin
from django_tables2.export import ExportMixin

from ..filters import ProgrammeFilter
from ..http import bad_request, form_errors
from ..models import (
    Budget,
    DataNote,
    ExchangeRate,
    Programme,
    convert_budgets,
    with_citations,
)
from ..tables import ProgrammeTable, StableHeaderExport, period_label

PAGE_SIZE = 25
EXPORT_FORMATS = ("csv", "xlsx")
# Longer page numbers lie beyond the end of any table this app will hold.
MAX_PAGE_DIGITS = 9


class ProgrammeListView(ExportMixin, SingleTableMixin, FilterView):
    table_class = ProgrammeTable
    filterset_class = ProgrammeFilter
    template_name = "comparisons/programme_list.html"
    export_class = StableHeaderExport
    export_formats = EXPORT_FORMATS
    export_trigger_param = "export"
    export_name = "wijkwijzer-programmes"
    dataset_kwargs = {"title": "programmes"}
    # Not silent: a page past the end is a 404, not quietly the last page.
    table_pagination = {"per_page": PAGE_SIZE, "silent": False}
    export_format = None

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if problem := _parameter_problem(request, self.export_trigger_param):
            return problem
        self.export_format = request.GET.get(self.export_trigger_param) or None
        self.filterset = self.get_filterset(self.get_filterset_class())
        if self.filterset.is_bound and not self.filterset.is_valid():
            return bad_request(
                request, form_errors(self.filterset.form), self.filterset.valid_values()
            )
        self.object_list = self.filterset.qs
        if self.export_format:
            return self.create_export(self.export_format)
        try:
            context = self.get_context_data(filter=self.filterset, object_list=self.object_list)
        except EmptyPage as error:
            raise Http404(_("There is no such page in this table.")) from error
        return self.render_to_response(context)

    def get_queryset(self) -> QuerySet:
        budgets = Prefetch("budgets", queryset=Budget.objects.prefetch_related(with_citations()))
        return Programme.objects.select_related("level__country").prefetch_related(
            "themes",
            with_citations(),
            budgets,
            Prefetch("children", queryset=Programme.objects.prefetch_related(budgets)),
        )

    def get_table_kwargs(self) -> dict:
        return {"rates": ExchangeRate.objects.rate_table()}

    def get_table_pagination(self, table):
        # A download holds every row that passes the filters, not one page of them.
        return False if self.export_format else super().get_table_pagination(table)


programme_list = ProgrammeListView.as_view()


def _parameter_problem(request: HttpRequest, export_param: str) -> HttpResponse | None:
    """A 400 for a parameter the table does not know, or a value it cannot use; else None.

    Filter values are checked by ProgrammeFilter; this checks names, sorting, page and format.
    """
    allowed = [*ProgrammeFilter.base_filters, "sort", "page", export_param]
    for name in request.GET:
        if name not in allowed:
            return bad_request(
                request, _("Unknown parameter “%(name)s”.") % {"name": name}, allowed
            )
        if len(request.GET.getlist(name)) > 1:
            return bad_request(request, _("Give “%(name)s” only once.") % {"name": name})
    sort_values = ProgrammeTable.sort_values()
    for value in request.GET.getlist("sort"):
        if value not in sort_values:
            return bad_request(
                request,
                _("The table cannot be sorted by “%(value)s”.") % {"value": value},
                sort_values,
            )
    page = request.GET.get("page")
    if page is not None:
        if not (page.isascii() and page.isdigit()) or not page.lstrip("0"):
            return bad_request(request, _("A page number is a whole number from 1."))
        if len(page.lstrip("0")) > MAX_PAGE_DIGITS:
            raise Http404(_("There is no such page in this table."))
    export = request.GET.get(export_param)
    if export and export not in EXPORT_FORMATS:
        return bad_request(
            request,
            _("“%(value)s” is not a download format.") % {"value": export},
            EXPORT_FORMATS,
        )
    return None


def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(_programme_for_page(), slug=slug)
    rates = ExchangeRate.objects.rate_table()
    return render(
        request,
        "comparisons/programme_detail.html",
        {
            "programme": programme,
            "period": period_label(programme),
            "budgets": convert_budgets(programme.budgets.all(), rates),
        },
    )


def _programme_for_page() -> QuerySet:
    # Measures and designations live in the neighbourhoods app, which this app must not
    # import: their querysets come from the relations instead.
    measures = Programme._meta.get_field("local_measures").related_model.objects
    designations = Programme._meta.get_field("designations").related_model.objects
    budgets = Budget.objects.select_related("funding_level").prefetch_related(
        with_citations(),
        Prefetch("data_notes", queryset=DataNote.objects.prefetch_related(with_citations())),
    )
    return Programme.objects.select_related("level__country", "parent").prefetch_related(
        "themes",
        with_citations(),
        "children",
        Prefetch("budgets", queryset=budgets),
        Prefetch(
            "local_measures",
            queryset=measures.select_related("place").prefetch_related("themes", with_citations()),
        ),
        Prefetch(
            "designations",
            queryset=designations.select_related("place").prefetch_related(with_citations()),
        ),
    )
