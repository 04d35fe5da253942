from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .versioning import current_version


def dataset_version(request: HttpRequest) -> dict:
    """The dataset version for the footer; looked up only by a page that shows it."""
    return {"dataset_version": SimpleLazyObject(current_version)}
