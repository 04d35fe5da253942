"""How fast chart exports are, and how much memory the renderer holds over many of them.

    DJANGO_SETTINGS_MODULE=config.settings.local .venv/bin/python bench/exports.py [--exports N]

Uses the local database (``make db`` loads the dataset) and the cache of the settings. Prints:
the cold start (the first PNG of a fresh process: a browser starts, then draws), warm PNGs
(the browser is up, the cache is emptied before each), cached PNGs (the same file asked for
again), and the memory of the renderer's processes (Chromium and its launcher) over the run,
as proportional set size (pages they share counted once).
Targets: warm ≤ 1 s, cached ≤ 50 ms, cold ≤ 6 s, memory bounded.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.test import Client  # noqa: E402

from bench.load import percentile  # noqa: E402
from comparisons import rendering  # noqa: E402
from comparisons.models import Country  # noqa: E402

# Each chart on each page, at both sizes and in both languages.
URLS = [
    "/nl/budgets/budget-bars.png",
    "/en/budgets/budget-bars.png?scale=log&size=slide",
    "/nl/dimension-map.png",
    "/en/dimension-map.png?size=slide",
    "/nl/countries/DE/country-budgets.png",
    "/en/neighbourhoods/be-molenbeek/baseline-chart.png",
]
TARGETS = {"cold": 6.0, "warm": 1.0, "cached": 0.05}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exports", type=int, default=200, help="warm exports to time")
    parser.add_argument("--cached", type=int, default=200, help="cached requests to time")
    arguments = parser.parse_args()

    if not rendering.is_available():
        sys.exit("Chromium is not installed (apt-get install chromium, or set BROWSER_PATH).")
    if not Country.objects.exists():
        sys.exit("The database holds no countries: run `make db` first.")
    client = Client(HTTP_HOST="localhost")

    # Django's own first-request work (URLs, templates, imports) is not the export's.
    timed(client, URLS[0].replace(".png", ".csv"))
    cache.clear()
    cold = timed(client, URLS[0])
    print(
        f"cold start (browser start + first PNG): {cold:.2f} s, of which the browser's start "
        f"{rendering.renderer.start_seconds:.2f} s {verdict(cold, 'cold')}"
    )

    warm, memory = [], [(0, renderer_memory())]
    for number in range(1, arguments.exports + 1):
        cache.clear()
        warm.append(timed(client, URLS[number % len(URLS)]))
        if number % 25 == 0:
            memory.append((number, renderer_memory()))
    report("warm PNG (drawn)", warm, "warm")

    cached = [timed(client, URLS[0]) for _ in range(arguments.cached)]
    report("cached PNG", cached, "cached")

    print("renderer memory (PSS, MiB) after N warm exports:")
    print("  " + ", ".join(f"{number}: {mib:.0f}" for number, mib in memory))
    # Growth is measured from the 25th export on, once the browser has warmed up; a short run
    # (make bench draws 10) has no sample there and reports none.
    if len(memory) > 2:
        first, last = memory[1][1], memory[-1][1]
        print(f"  growth from export 25 to {memory[-1][0]}: {last - first:+.0f} MiB")
    print(f"browser starts: {rendering.renderer.starts}, drawings: {rendering.renderer.renders}")
    rendering.renderer.stop()


def timed(client: Client, url: str) -> float:
    began = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - began
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}")
    return elapsed


def report(name: str, seconds: list[float], target: str) -> None:
    p95 = percentile(seconds, 0.95)
    print(
        f"{name} over {len(seconds)}: mean {statistics.mean(seconds) * 1000:.0f} ms, "
        f"median {statistics.median(seconds) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {max(seconds) * 1000:.0f} ms {verdict(p95, target)}"
    )


def verdict(seconds: float, target: str) -> str:
    limit = TARGETS[target]
    return f"(target ≤ {limit * 1000:.0f} ms: {'met' if seconds <= limit else 'MISSED'})"


def renderer_memory() -> float:
    """Memory of the renderer's processes in MiB: their proportional set size, which counts
    pages they share once (Chromium's processes share much; summed RSS would count it each
    time)."""
    total = 0
    for pid in rendering.renderer.process_ids():
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1])
    return total / 1024


if __name__ == "__main__":
    main()
