"""``make bench``: how fast every page is with the real dataset plus a synthetic one at scale 1
and scale 100, on SQLite and (when DATABASE_URL names a PostgreSQL server) on PostgreSQL.

For each database and scale it measures, in throwaway databases only (var/bench/ and
``wijkwijzer_bench``, never the developer's own):

- server time per page (p50, p95 over BENCH_REQUESTS requests, in-process: bench/pages.py),
  its SQL queries (with an empty cache, and warm) and its HTML size; apart from that, the
  time of the first request after an edit, when nothing is cached yet (BENCH_COLD_REQUESTS);
- requests per second and p95 of the overview and compare pages served by gunicorn with two
  workers on 127.0.0.1 under a bounded load (bench/load.py);
- chart exports cold, warm and cached, through bench/exports.py where it exists;
- on PostgreSQL with Redis running: two gunicorn instances sharing both (bench/scale_out.py).

Results go to bench/results/ as JSON and Markdown; the Markdown table is printed.
Settings by environment: BENCH_SCALES (1,100), BENCH_REQUESTS (50), BENCH_LOAD_SECONDS (10),
BENCH_CONCURRENCY (4), BENCH_EXPORTS (10 warm chart exports), BENCH_COLD_REQUESTS (10).
"""

import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

# Run as a script (python bench/run.py) as well as a module.
BASE_DIR = Path(__file__).resolve().parent.parent
if str(BASE_DIR) not in sys.path:
    sys.path.insert(0, str(BASE_DIR))

from bench import load, scale_out  # noqa: E402

PYTHON = str(BASE_DIR / ".venv" / "bin" / "python")
BENCH_DIR = BASE_DIR / "var" / "bench"
RESULTS_DIR = BASE_DIR / "bench" / "results"
SCALES = [int(s) for s in os.environ.get("BENCH_SCALES", "1,100").split(",") if s.strip()]
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
LOAD_SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "10"))
CONCURRENCY = int(os.environ.get("BENCH_CONCURRENCY", "4"))
EXPORTS = int(os.environ.get("BENCH_EXPORTS", "10"))
COLD_REQUESTS = int(os.environ.get("BENCH_COLD_REQUESTS", "10"))
SEED = 0
PORT = 8100
PG_BENCH_NAME = "wijkwijzer_bench"
REDIS = ("127.0.0.1", 6379)
# Only for these throwaway databases; production refuses to start without its own key.
SECRET_KEY = "bench-only-secret-key-never-used-in-production-0123456789"
LOAD_PAGES = {"overview": "/nl/", "compare": "/nl/compare/?c=BE&c=DE&c=DK"}

TARGETS = {
    "p95_ms": {1: 50, 100: 150},
    "queries": 15,
    "overview_requests_per_second": 200,
    "html_kb": 300,
}


@dataclass
class Database:
    """A throwaway database for the benchmark: made empty at the start, dropped at the end."""

    engine: str
    url: str
    admin: dict | None = None

    def create(self) -> None:
        self.drop()
        if self.engine == "postgresql":
            subprocess.run(["createdb", *self._pg_args()], check=True, env=self._pg_env())
        else:
            BENCH_DIR.mkdir(parents=True, exist_ok=True)

    def drop(self) -> None:
        if self.engine == "postgresql":
            subprocess.run(
                ["dropdb", "--if-exists", "--force", *self._pg_args()],
                check=True,
                env=self._pg_env(),
            )
        else:
            path = Path(urllib.parse.urlparse(self.url).path)
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)

    def _pg_args(self) -> list[str]:
        admin = self.admin or {}
        return [
            "-h", admin.get("host") or "127.0.0.1",
            "-p", str(admin.get("port") or 5432),
            "-U", admin.get("user") or "postgres",
            PG_BENCH_NAME,
        ]  # fmt: skip

    def _pg_env(self) -> dict[str, str]:
        password = (self.admin or {}).get("password")
        return {**os.environ, **({"PGPASSWORD": password} if password else {})}


def databases() -> list[Database]:
    """SQLite always; PostgreSQL too when DATABASE_URL names a server (its host and user are
    used for a database of the benchmark's own, never the one DATABASE_URL names)."""
    found = [Database("sqlite", f"sqlite:///{BENCH_DIR / 'wijkwijzer-bench.sqlite3'}")]
    given = urllib.parse.urlparse(os.environ.get("DATABASE_URL", ""))
    if given.scheme in ("postgres", "postgresql", "pgsql", "psql"):
        netloc = given.netloc.rsplit("@", 1)[-1]
        credentials = given.netloc.rsplit("@", 1)[0] if "@" in given.netloc else ""
        url = f"postgres://{credentials + '@' if credentials else ''}{netloc}/{PG_BENCH_NAME}"
        admin = {
            "host": given.hostname,
            "port": given.port,
            "user": given.username,
            "password": given.password,
        }
        found.append(Database("postgresql", url, admin))
    return found


def redis_running() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def environment(database: Database, *, production: bool, cache_url: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database.url,
        "CACHE_URL": cache_url,
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_DEBUG": "false",
    }
    if production:
        # Production as the README describes it, on plain HTTP at 127.0.0.1; every page
        # needs a signed-in user there, so the clients send a session cookie.
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.production",
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            DJANGO_SECURE_SSL_REDIRECT="false",
            # One connection per worker, kept between requests, as the README advises.
            DATABASE_URL=database.url + "?conn_max_age=60",
        )
    else:
        env.update(DJANGO_SETTINGS_MODULE="config.settings.local", WIJKWIJZER_REQUIRE_LOGIN="false")
    return env


def run(command: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"Failed: {' '.join(command)}")
    return done.stdout


def manage(env: dict[str, str], *args: str) -> str:
    return run([PYTHON, "manage.py", *args], env)


def measure_exports(env: dict[str, str]) -> dict:
    """Chart exports cold, warm and cached, as bench/exports.py (kept by the exports' author
    beside this file) measures them; a gap in the results where it is missing or fails."""
    if not (BASE_DIR / "bench" / "exports.py").exists():
        return {"gap": "bench/exports.py does not exist yet: chart exports were not measured."}
    command = [PYTHON, "bench/exports.py", "--exports", str(EXPORTS), "--cached", "50"]
    done = subprocess.run(command, cwd=BASE_DIR, env=env, capture_output=True, text=True)
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode:
        problem = (done.stderr.strip().splitlines() or ["no message"])[-1]
        return {"gap": f"bench/exports.py failed ({problem})", "output": lines}
    return {"output": lines}


def throughput(env: dict[str, str], session: str) -> dict:
    headers = {"Cookie": f"sessionid={session}"}
    results = {}
    with load.gunicorn(PORT, env):
        for name, path in LOAD_PAGES.items():
            # Warm: each worker's first requests fill the cache and import the templates.
            # wrk counts only 4xx and 5xx as errors: a redirect to the login would pass.
            statuses = {load.fetch(PORT, path, headers=headers)[0] for _ in range(10)}
            if statuses != {200}:
                raise SystemExit(f"{path} answered {sorted(statuses)} under gunicorn, not 200")
            results[name] = load.load(
                PORT, path, headers=headers, seconds=LOAD_SECONDS, concurrency=CONCURRENCY
            )
    return results


def bench_database(database: Database, redis: bool) -> tuple[list[dict], dict | None]:
    cache_url = (
        "redis://127.0.0.1:6379/0?key_prefix=wijkwijzer-bench" if redis else "locmemcache://bench"
    )
    local = environment(database, production=False, cache_url="locmemcache://bench")
    production = environment(database, production=True, cache_url=cache_url)
    runs, spread = [], None
    database.create()
    try:
        print(f"[{database.engine}] migrate and load the real dataset", file=sys.stderr)
        manage(local, "migrate", "--noinput", "-v0")
        manage(local, "load_dataset", "-v0")
        session = run([PYTHON, "-m", "bench.session"], local).strip()
        for scale in SCALES:
            print(f"[{database.engine}] synthesize --scale {scale}", file=sys.stderr)
            started = time.perf_counter()
            manage(local, "synthesize", "--scale", str(scale), "--seed", str(SEED))
            synthesize_seconds = round(time.perf_counter() - started, 1)
            print(f"[{database.engine}] scale {scale}: pages", file=sys.stderr)
            pages = json.loads(run([PYTHON, "-m", "bench.pages", str(REQUESTS)], local))
            print(f"[{database.engine}] scale {scale}: gunicorn", file=sys.stderr)
            runs.append(
                {
                    "database": database.engine,
                    "scale": scale,
                    "synthesize_seconds": synthesize_seconds,
                    "pages": pages,
                    "throughput": throughput(production, session),
                    "cache": cache_url.split("?")[0],
                    "exports": measure_exports(local),
                }
            )
        if database.engine == "postgresql" and redis:
            print(f"[{database.engine}] two app servers, one database, one Redis", file=sys.stderr)
            belgium = manage(
                local,
                "shell",
                "-c",
                "from comparisons.models import Country; print(Country.objects.get(code='BE').pk)",
            )
            spread = scale_out.run(production, session, int(belgium.strip().splitlines()[-1]))
    finally:
        database.drop()
    return runs, spread


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        line.split()[1]
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    versions = run(
        [
            PYTHON,
            "-c",
            "import django, sqlite3, sys; "
            "print(sys.version.split()[0], django.get_version(), sqlite3.sqlite_version)",
        ],
        dict(os.environ),
    ).split()
    postgres = ""
    if shutil.which("psql") and any(d.engine == "postgresql" for d in databases()):
        admin = databases()[-1].admin or {}
        postgres = subprocess.run(
            ["psql", "-h", admin.get("host") or "127.0.0.1", "-U", admin.get("user") or "postgres",
             "-tAc", "show server_version", "postgres"],
            capture_output=True, text=True, env=databases()[-1]._pg_env(),
        ).stdout.strip()  # fmt: skip
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=BASE_DIR, capture_output=True, text=True
    ).stdout.strip()
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(int(memory) / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": versions[0],
        "django": versions[1],
        "sqlite": versions[2],
        "postgresql": postgres,
        "commit": commit,
        "load_average_at_start": os.getloadavg()[0],
    }


def cold_verdicts(run_: dict) -> dict[str, str]:
    """Pages whose first request after an edit (nothing cached) is over the p95 target."""
    p95_target = TARGETS["p95_ms"].get(run_["scale"])
    return {
        name: f"p95 {page['cold_p95_ms']} > {p95_target} ms"
        for name, page in run_["pages"].items()
        if p95_target and page.get("status") == 200 and page["cold_p95_ms"] > p95_target
    }


def page_verdicts(run_: dict) -> dict[str, list[str]]:
    """Which targets each page misses in one run."""
    missed: dict[str, list[str]] = {}
    p95_target = TARGETS["p95_ms"].get(run_["scale"])
    for name, page in run_["pages"].items():
        problems = []
        if page.get("status") != 200:
            problems.append(f"status {page.get('status')}")
        else:
            if p95_target and page["p95_ms"] > p95_target:
                problems.append(f"p95 {page['p95_ms']} > {p95_target} ms")
            if page["queries_cold"] > TARGETS["queries"]:
                problems.append(f"{page['queries_cold']} queries > {TARGETS['queries']}")
            if run_["scale"] >= 100 and page["html_kb"] > TARGETS["html_kb"]:
                problems.append(f"{page['html_kb']} KB > {TARGETS['html_kb']} KB")
        if problems:
            missed[name] = problems
    return missed


def _load_tools(runs: list[dict]) -> str:
    tools = {t.get("tool", "Python threads") for r in runs for t in r["throughput"].values()}
    return " and ".join(sorted(tools)) or "nothing"


def _timing_cell(page: dict, scale: int, timing: str = "") -> str:
    """One page's p50 / p95 in one run, marked ✗ over the p95 target; else its status.
    ``timing`` is "" for the cached requests, "cold_" for the first after an edit."""
    if page.get("status") != 200:
        return f"status {page.get('status')}"
    p95 = page[f"{timing}p95_ms"]
    mark = "" if p95 <= TARGETS["p95_ms"].get(scale, 1e9) else " ✗"
    return f"{page[f'{timing}p50_ms']} / {p95}{mark}"


def _page_table(runs: list[dict], header: str, columns: int) -> list[str]:
    lines = [
        f"| page | {header} | queries | KB |",
        "|" + " --- |" * (columns + 3),
    ]
    for name in runs[0]["pages"] if runs else []:
        cells, queries = [], []
        for r in runs:
            page = r["pages"].get(name, {})
            cells.append(_timing_cell(page, r["scale"]))
            if page.get("status") == 200:
                warm = f" ({page['queries']})" if page["queries"] != page["queries_cold"] else ""
                queries.append(f"{page['queries_cold']}{warm}")
        largest = max(
            (r for r in runs if r["pages"].get(name, {}).get("status") == 200),
            key=lambda r: r["scale"],
            default=None,
        )
        size = largest["pages"][name]["html_kb"] if largest else "–"
        distinct = " / ".join(dict.fromkeys(queries))
        lines.append(f"| {name} | {' | '.join(cells)} | {distinct} | {size} |")
    return lines


def markdown(results: dict) -> str:
    info = results["machine"]
    lines = [
        f"# Wijkwijzer benchmark, {results['finished']}",
        "",
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB; {info['os']}; "
        f"Python {info['python']}, Django {info['django']}, SQLite {info['sqlite']}"
        + (f", PostgreSQL {info['postgresql']}" if info["postgresql"] else "")
        + f"; commit {info['commit']}; load average {info['load_average_at_start']:.1f} at "
        f"the start (other work on the machine makes the times noisy).",
        "",
        f"Server time in ms (p50 / p95 of {REQUESTS} requests, in-process), SQL queries with "
        "an empty cache (and warm), HTML size at the largest scale.",
        "",
    ]
    runs = results["runs"]
    columns = [(r["database"], r["scale"]) for r in runs]
    header = " | ".join(f"{db} ×{scale}" for db, scale in columns)
    lines += _page_table(runs, header, len(columns))
    lines += [
        "",
        "The first request after an edit, when the page and the figures it is made of are not "
        f"cached yet (p50 / p95 of {COLD_REQUESTS} requests, each after emptying the cache):",
        "",
        f"| page | {header} |",
        "|" + " --- |" * (len(columns) + 1),
    ]
    for name in runs[0]["pages"] if runs else []:
        cells = [_timing_cell(r["pages"].get(name, {}), r["scale"], "cold_") for r in runs]
        lines.append(f"| {name} | {' | '.join(cells)} |")
    lines += [
        "",
        f"Gunicorn, 2 workers, production settings, {CONCURRENCY} requests at a time for "
        f"{LOAD_SECONDS:.0f} s, signed in; load from {_load_tools(runs)} on the same machine:",
        "",
        "| database | scale | page | requests/s | p50 ms | p95 ms | errors |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in runs:
        for name, t in r["throughput"].items():
            lines.append(
                f"| {r['database']} | {r['scale']} | {name} | {t['requests_per_second']} | "
                f"{t['p50_ms']} | {t['p95_ms']} | {t['errors']} |"
            )
    lines += ["", "Chart exports (bench/exports.py):", ""]
    for r in runs:
        exports = r["exports"]
        lines.append(f"- {r['database']} ×{r['scale']}: {exports.get('gap', '')}")
        lines += [f"  - `{line.strip()}`" for line in exports.get("output", [])]
    spread = results.get("scale_out")
    lines += ["", "Two app servers, one PostgreSQL, one Redis:", ""]
    if spread:
        same = all(page["identical"] for page in spread["pages"].values())
        lines.append(
            f"- identical pages and files on ports {spread['ports']}: {'yes' if same else 'NO'} "
            f"({', '.join(spread['pages'])})"
        )
        lines.append(
            f"- a save through the first seen through the second at once: "
            f"{'yes' if spread['edit_seen_through_other'] else 'NO'} (admin answered "
            f"{spread['edit_status']}; same dataset version on both: "
            f"{'yes' if spread['same_version_after_edit'] else 'NO'})"
        )
    else:
        lines.append("- not run: it needs DATABASE_URL=postgres://… and Redis on 127.0.0.1:6379.")
    lines += ["", "Targets missed:", ""]
    missed_any = False
    for r in runs:
        for name, problems in page_verdicts(r).items():
            missed_any = True
            lines.append(f"- {r['database']} ×{r['scale']} {name}: {'; '.join(problems)}")
        overview = r["throughput"].get("overview", {})
        if (
            r["scale"] == 1
            and overview.get("requests_per_second", 0) < TARGETS["overview_requests_per_second"]
        ):
            missed_any = True
            lines.append(
                f"- {r['database']} ×1 overview under gunicorn: "
                f"{overview.get('requests_per_second')} requests/s < "
                f"{TARGETS['overview_requests_per_second']}"
            )
    if not missed_any:
        lines.append("- none")
    lines += ["", "Over the p95 target on the first request after an edit only:", ""]
    cold = [
        f"- {r['database']} ×{r['scale']} {name}: {problem}"
        for r in runs
        for name, problem in cold_verdicts(r).items()
    ]
    lines += cold or ["- none"]
    return "\n".join(lines) + "\n"


def main() -> None:
    started = datetime.now(UTC)
    redis = redis_running()
    results: dict = {"started": started.isoformat(timespec="seconds"), "machine": machine()}
    results["runs"], results["scale_out"] = [], None
    for database in databases():
        runs, spread = bench_database(database, redis)
        results["runs"] += runs
        results["scale_out"] = spread or results["scale_out"]
    results["finished"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["targets"] = TARGETS
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    table = markdown(results)
    for name in (f"{stamp}.json", "latest.json"):
        (RESULTS_DIR / name).write_text(json.dumps(results, indent=1) + "\n")
    for name in (f"{stamp}.md", "latest.md"):
        (RESULTS_DIR / name).write_text(table)
    print(table)


if __name__ == "__main__":
    main()
