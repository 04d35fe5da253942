import html
import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import IntegrityError, transaction


@contextmanager
def refused_by_database() -> Iterator[None]:
    """Expect the database to refuse a write; the savepoint lets the test go on (PostgreSQL
    aborts the whole transaction otherwise)."""
    with pytest.raises(IntegrityError), transaction.atomic():
        yield


def page_text(response) -> str:
    """The page as a reader sees it: tags stripped, entities decoded, white space folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())
