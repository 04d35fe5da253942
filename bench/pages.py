"""Server time, SQL queries and HTML size of every page type, measured in-process with Django's
test client against the database DATABASE_URL names (bench/run.py sets it up).

Run by bench/run.py as ``python -m bench.pages <requests>``; prints one JSON object.
"""

import json
import os
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection, reset_queries  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

# The application as an app server loads it, garbage collector set-up included.
import config.wsgi  # noqa: E402, F401
from bench.load import percentile  # noqa: E402
from comparisons.models import Country, Programme  # noqa: E402
from neighbourhoods.forms import MAX_COMPARED  # noqa: E402
from neighbourhoods.models import Place  # noqa: E402

WARM_UP = 3
# Requests each made with nothing cached, as the first one after an edit is.
COLD_REQUESTS = int(os.environ.get("BENCH_COLD_REQUESTS", "10"))


def page_urls() -> dict[str, str]:
    """One address per page type, with the largest variant where size matters: the compare
    page with every country, the neighbourhood comparison with the most figures."""
    codes = list(Country.objects.values_list("code", flat=True))
    synthetic_country = Country.objects.filter(code__in=codes).order_by("-order").first()
    largest = list(
        Place.objects.profiled()
        .annotate(figures=Count("observations"))
        .order_by("-figures", "slug")
        .values_list("slug", flat=True)[:MAX_COMPARED]
    )
    busiest = Programme.objects.annotate(n=Count("budgets")).order_by("-n", "slug").first()
    return {
        "overview": "/nl/",
        "compare (form)": "/nl/compare/",
        "compare (3 real countries)": "/nl/compare/?c=BE&c=DE&c=DK",
        "compare (all countries)": "/nl/compare/?" + "&".join(f"c={code}" for code in codes),
        "country profile (DE)": "/nl/countries/DE/",
        "country profile (last)": f"/nl/countries/{synthetic_country.code}/",
        "governance": "/nl/governance/",
        "governance (filtered)": "/nl/governance/?country=BE&country=DE&theme=safety",
        "programmes": "/nl/programmes/",
        "programmes (filtered, sorted)": "/nl/programmes/?kind=subsidy&tier=1&sort=-period",
        "programmes (sorted by country, page 3)": "/nl/programmes/?sort=country&page=3",
        "programme detail (Soziale Stadt)": "/nl/programmes/de-soziale-stadt/",
        "programme detail (most budgets)": f"/nl/programmes/{busiest.slug}/",
        "budgets": "/nl/budgets/",
        "budgets (DE, log scale)": "/nl/budgets/?country=DE&scale=log",
        "neighbourhoods": "/nl/neighbourhoods/",
        "neighbourhood profile (Marxloh)": "/nl/neighbourhoods/de-marxloh/",
        "neighbourhood profile (most figures)": f"/nl/neighbourhoods/{largest[0]}/",
        f"neighbourhood comparison ({len(largest)} largest)": "/nl/neighbourhoods/compare/?"
        + "&".join(f"n={slug}" for slug in largest),
        "Danish list": "/nl/neighbourhoods/danish-list/",
        "sources": "/nl/sources/",
        "data downloads": "/nl/data/",
        "accessibility": "/nl/toegankelijkheid/",
    }


def timed(client: Client, url: str) -> float:
    started = time.perf_counter()
    client.get(url)
    return (time.perf_counter() - started) * 1000


def measure(client: Client, url: str, requests: int) -> dict:
    # Cold: an empty cache, as after a deploy or an edit; its queries are the worst case.
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        response = client.get(url)
    if response.status_code != 200:
        return {"url": url, "status": response.status_code}
    cold_timings = []
    for _ in range(COLD_REQUESTS):
        cache.clear()
        cold_timings.append(timed(client, url))
    for _ in range(WARM_UP):
        client.get(url)
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    timings = [timed(client, url) for _ in range(requests)]
    return {
        "url": url,
        "status": response.status_code,
        "requests": requests,
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 0.95), 1),
        "cold_p50_ms": round(statistics.median(cold_timings), 1),
        "cold_p95_ms": round(percentile(cold_timings, 0.95), 1),
        "queries_cold": len(cold.captured_queries),
        "queries": len(warm.captured_queries),
        "html_kb": round(len(response.content) / 1024, 1),
    }


def main() -> None:
    # As Django's own test runner does: keep one connection and its query log across
    # requests, so that the queries of a request can be counted.
    request_started.disconnect(reset_queries)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    requests = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    only = sys.argv[2] if len(sys.argv) > 2 else ""
    # A host that ALLOWED_HOSTS lets in on a laptop; the test client says "testserver".
    client = Client(HTTP_HOST="127.0.0.1")
    results = {
        name: measure(client, url, requests) for name, url in page_urls().items() if only in name
    }
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
