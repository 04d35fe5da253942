"""Clear answers to bad input: a 400 page that says what was wrong and what is valid."""

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string


def bad_request(
    request: HttpRequest, message: str, valid: Iterable[str] | None = None
) -> HttpResponse:
    """Render the 400 page with the problem and, where useful, the values that would work."""
    body = render_to_string(
        "400.html",
        {"message": message, "valid_values": list(valid or [])},
        request=request,
    )
    return HttpResponseBadRequest(body)


def form_errors(form) -> str:
    """A form's errors as one readable line, field by field, for bad_request()."""
    parts = []
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else None
        text = " ".join(errors)
        parts.append(f"{label}: {text}" if label else text)
    return " ".join(parts)
