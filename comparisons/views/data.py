from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language

from .. import exports


def data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "comparisons/data.html",
        {
            "downloads": list(exports.DOWNLOADS.values()),
            "citation_separator": exports.CITATION_SEPARATOR,
        },
    )


def data_file(request: HttpRequest, name: str) -> HttpResponse:
    download = exports.DOWNLOADS.get(name)
    if download is None:
        raise Http404(f"No download named {name!r}.")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _attachment(f"wijkwijzer-{name}-{get_language()}.csv")
    exports.write_csv(response, download, download.build())
    return response


def dataset_json(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(
        exports.dataset_rows(), json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
    response["Content-Disposition"] = _attachment(f"wijkwijzer-{get_language()}.json")
    return response


def _attachment(filename: str) -> str:
    return f'attachment; filename="{filename}"'
