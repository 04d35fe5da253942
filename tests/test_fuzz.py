"""Every address the site answers, fuzzed: no input anyone can type gives a server error, and
none comes back as live markup.

The routes are read from the URLconf, so a new page or download is fuzzed as soon as it is
added. Real values for path parameters and query strings (country codes, slugs, sort keys,
filter choices) are learnt by following the site's own links and GET forms, then mixed with
random and hostile values: unknown codes, huge numbers, unicode, SQL and HTML fragments,
broken percent-encoding and repeated keys.
"""

import re
import time
from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import LocalePrefixPattern, Resolver404, URLResolver, get_resolver, resolve
from django.urls.resolvers import RoutePattern
from django.utils import translation
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from comparisons.filters import ProgrammeFilter
from comparisons.forms import CompareForm
from comparisons.views.budgets import BudgetFilterForm
from comparisons.views.governance import GovernanceFilterForm
from neighbourhoods.forms import CalculatorForm
from neighbourhoods.forms import CompareForm as NeighbourhoodCompareForm

pytestmark = pytest.mark.django_db

LANGUAGES = ("nl", "en")
# The admin behind its login answers an anonymous visitor with a redirect to that login; its
# public page is the login itself.
PUBLIC_ADMIN_ROUTES = {"admin:login"}

# What each route's examples may cost together, and the bounds on their number: a route that
# renders a PNG or PDF gets fewer examples than a page, so the whole file stays near a minute.
SECONDS_PER_ROUTE = 2.0
MIN_EXAMPLES = 8
MAX_EXAMPLES = 50

# Every parameter the views' forms, filters and tables read, and some that views commonly do.
QUERY_NAMES = sorted(
    {
        *CompareForm.base_fields,
        *BudgetFilterForm.base_fields,
        *GovernanceFilterForm.base_fields,
        *ProgrammeFilter.base_filters,
        *NeighbourhoodCompareForm.base_fields,
        *CalculatorForm.base_fields,
        *("sort", "page", "export", "per_page"),
        *("q", "next", "format", "lang", "language", "width", "height", "download", "chart"),
    }
)

# The values most likely to break something, each tried in every query parameter that a
# route's links and forms use.
WORST = [
    "<script>alert(1)</script>",
    '" onmouseover="alert(1)',
    "\x00",
    "\ud800",  # A lone surrogate: sent as bytes that are not valid UTF-8.
    "9" * 40,
    "١٢٣",  # Arabic-Indic digits: str.isdigit() and int() accept them, a database may not.
]
# And these, in every path parameter and at random in query strings.
HOSTILE = [
    *WORST,
    '"><svg onload=alert(1)>',
    "' OR 1=1--",
    "1e309",
    "x" * 3000,
    "'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    '" OR ""="',
    "1; DROP TABLE comparisons_country;--",
    "1 UNION SELECT username, password FROM auth_user",
    "../../../../etc/passwd",
    "..%2f..%2fsettings.py",
    "%(value)s %s {0} {}",
    "{{ settings.SECRET_KEY }}{% debug %}",
    "a\x00b",
    "\r\nSet-Cookie: hacked=1",
    "\t\x0b\x0c\x1b[31m",
    "",
    " ",
    "-1",
    "0",
    "00000000000000000000001",
    "-9223372036854775809",
    "18446744073709551616",
    "-1e309",
    "NaN",
    "Infinity",
    "0x10",
    "1.5",
    "1,5",
    "²",  # Superscript two: isdigit() says yes, int() refuses.
    "ß",
    "İ",
    "ǅ",
    "ﬃ",
    "Ⅻ",
    "😀",
    "a\u0301",
    "\u202etxt.exe",
    "\ufeffBE",
    "مرحبا",
    "Ελλάδα",
    "BE" * 500,
]
# Any of these in a page means input was echoed as markup. The escaped form of each
# (&lt;script&gt;…, &quot; onmouseover…) does not contain it.
MARKERS = ["<script>alert(", "<svg onload=", "<img src=x onerror=", '" onmouseover="alert(']
# A chart file on a machine that cannot draw it (no Chromium) is a deliberate 503 that says
# so. Any other 5xx is a fault, the 503 for a lost database included: the database is up here.
EXPLAINED_UNAVAILABLE = {"comparisons/export_unavailable.html"}
# Query strings no form would send: broken percent-encoding, empty names, separators.
RAW_QUERIES = [
    "%",
    "%zz=1",
    "=",
    "=x",
    "&&&",
    "a=1;b=2",
    "c=%ff%fe",
    "c=%c0%af",
    "country=%00",
    "+=+",
    "page=1&page=2&page=3",
    "&".join(["c=BE"] * 200),
]
# Path segments no browser would send as typed: as raw as the test client allows.
RAW_SEGMENTS = ["%ff", "%c0%ae%c0%ae", "%2e%2e", "%00", "%25", "%2F", "%5C", "%E2%80%AE"]

NUMBERS = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


# The routes


@dataclass(frozen=True)
class Param:
    """A path parameter: its name (empty inside a regular expression route) and pattern."""

    name: str
    regex: str


@dataclass(frozen=True)
class Route:
    name: str
    parts: tuple[str | Param, ...]
    localized: bool

    def __str__(self) -> str:
        path = "".join(part if isinstance(part, str) else f"<{part.name}>" for part in self.parts)
        return f"{'<lang>/' if self.localized else ''}{path}"

    @property
    def params(self) -> list[Param]:
        return [part for part in self.parts if isinstance(part, Param)]


ROUTE_PARAMETER = re.compile(r"<(?:[^>:]+:)?(?P<name>[^>]+)>")


def _parts(pattern) -> tuple[str | Param, ...]:
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        parts: list[str | Param] = []
        position = 0
        for match in ROUTE_PARAMETER.finditer(route):
            parts.append(route[position : match.start()])
            converter = pattern.converters[match["name"]]
            parts.append(Param(match["name"], converter.regex))
            position = match.end()
        parts.append(route[position:])
        return tuple(part for part in parts if part != "")
    # A regular expression route (re_path): generated whole from its expression.
    return (
        Param("", pattern.regex.pattern.removeprefix("^").removesuffix("$").removesuffix(r"\Z")),
    )


def _walk(patterns, parts: tuple, namespace: str, localized: bool):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            is_prefix = isinstance(entry.pattern, LocalePrefixPattern)
            yield from _walk(
                entry.url_patterns,
                parts if is_prefix else parts + _parts(entry.pattern),
                f"{namespace}{entry.namespace}:" if entry.namespace else namespace,
                localized or is_prefix,
            )
        else:
            # Unnamed routes (the admin has some) are known by their pattern.
            name = f"{namespace}{entry.name or entry.pattern}"
            yield Route(name, parts + _parts(entry.pattern), localized)


def site_routes() -> list[Route]:
    routes = _walk(get_resolver().url_patterns, (), "", localized=False)
    return [
        route
        for route in routes
        if not route.name.startswith("admin:") or route.name in PUBLIC_ADMIN_ROUTES
    ]


ROUTES = site_routes()


# What the site's own links and forms send


class LinksAndForms(HTMLParser):
    """The addresses a page links to, and the fields of its GET forms with their values."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.forms: list[tuple[str, list[tuple[str, str | None]]]] = []
        self._form: tuple[str, list] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            is_get = (attributes.get("method") or "get").lower() == "get"
            self._form = (attributes.get("action") or "", []) if is_get else None
        elif self._form is not None and tag in ("input", "select", "textarea") and name:
            self._form[1].append((name, attributes.get("value")))
            self._select = name if tag == "select" else None
        elif self._form is not None and tag == "option" and self._select:
            self._form[1].append((self._select, attributes.get("value")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None


@dataclass
class Seeds:
    """Real values, learnt from the site: what a visitor's clicks would send."""

    path_values: dict[str, dict[str, set[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(set))
    )
    query_names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    query_values: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    fetched: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    server_errors: list[str] = field(default_factory=list)

    def learn(self, url: str, fields: Sequence[tuple[str, str | None]] = ()) -> str | None:
        """Note the route an address leads to and what it carries; return the route's name."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "testserver"):
            return None
        language = translation.get_language_from_path(parts.path) or translation.get_language()
        try:
            with translation.override(language):
                match = resolve(parts.path)
        except Resolver404:
            return None
        route = match.view_name
        for name, value in match.kwargs.items():
            self.path_values[route][name].add(str(value))
        for name, value in [*parse_qsl(parts.query, keep_blank_values=True), *fields]:
            self.query_names[route].add(name)
            if value:
                self.query_values[name].add(value)
        return route


def crawl(client: Client, start: list[str], pages_per_route: int = 1) -> Seeds:
    """Follow links and GET forms from the start pages, fetching a page of each route: the
    codes, slugs and choices are the same in both languages."""
    seeds = Seeds()
    queue = deque(start)
    seen: set[str] = set()
    while queue:
        url = queue.popleft()
        route = seeds.learn(url)
        if route is None or url in seen or seeds.fetched[route] >= pages_per_route:
            continue
        seen.add(url)
        began = time.perf_counter()
        response = client.get(url)
        seeds.seconds[route] = max(seeds.seconds[route], time.perf_counter() - began)
        seeds.fetched[route] += 1
        if response.status_code >= 500:
            seeds.server_errors.append(f"{url} answered {response.status_code}")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = LinksAndForms()
        page.feed(response.content.decode())
        queue.extend(urljoin(url, link) for link in page.links)
        for action, fields in page.forms:
            seeds.learn(urljoin(url, action), fields)
    return seeds


# Addresses to send


def _encoded(value: str) -> str:
    # surrogatepass: a lone surrogate goes out as bytes that are not valid UTF-8.
    return quote(value, safe="", errors="surrogatepass")


def _path_value(param: Param, seeds: Seeds, route: Route) -> st.SearchStrategy[str]:
    """An encoded path segment: a real value, one of the right shape, or a hostile one."""
    known = sorted(seeds.path_values[route.name].get(param.name, ()))
    options = [
        st.from_regex(param.regex, fullmatch=True).map(_encoded),
        st.sampled_from(HOSTILE).map(_encoded),
        NUMBERS.map(_encoded),
        st.sampled_from(RAW_SEGMENTS),
    ]
    if known:
        # Twice: most examples should reach the view's own code, not stop at a 404.
        options[:0] = [st.sampled_from(known).map(_encoded)] * 2
    return st.one_of(options)


def _query_value(name: str, seeds: Seeds) -> st.SearchStrategy[str]:
    known = sorted(seeds.query_values.get(name, ()))
    options = [st.sampled_from(HOSTILE), NUMBERS, st.text(max_size=20)]
    if known:
        options[:0] = [st.sampled_from(known)] * 2
    return st.one_of(options)


def _pairs(names: list[str], seeds: Seeds) -> st.SearchStrategy[list[tuple[str, str]]]:
    pair = st.sampled_from(names).flatmap(
        lambda name: st.tuples(st.just(name), _query_value(name, seeds))
    )
    return st.lists(pair, max_size=6)


def _query(route: Route, seeds: Seeds) -> st.SearchStrategy[str]:
    own = sorted(seeds.query_names.get(route.name, ()))
    everything = sorted({*QUERY_NAMES, *own})
    # Mostly the route's own parameters, which a view rejects less quickly than strangers.
    pairs = st.one_of(_pairs(own or everything, seeds), _pairs(everything, seeds))
    raw = st.one_of(st.just(""), st.sampled_from(RAW_QUERIES))
    return st.tuples(pairs, raw).map(
        lambda both: "&".join(
            part for part in (urlencode(both[0], errors="surrogatepass"), both[1]) if part
        )
    )


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: str

    def __str__(self) -> str:
        return f"{self.method} {self.path}?{self.query}"


def requests_for(route: Route, seeds: Seeds) -> st.SearchStrategy[Request]:
    segments = [
        st.just(part) if isinstance(part, str) else _path_value(part, seeds, route)
        for part in route.parts
    ]
    prefix = (
        st.sampled_from([f"/{code}/" for code in LANGUAGES]) if route.localized else st.just("/")
    )
    path = st.tuples(prefix, *segments).map(lambda parts: "".join(parts))
    # Mostly GET; HEAD and POST (with the query as a form body) as browsers and bots send them.
    method = st.sampled_from(["GET", "GET", "GET", "HEAD", "POST"])
    return st.builds(Request, method, path, _query(route, seeds))


def _filler(param: Param, seeds: Seeds, route: Route) -> str:
    """A value the path parameter accepts: a real one where the site links to one."""
    known = sorted(seeds.path_values[route.name].get(param.name, ()))
    if known:
        return _encoded(known[0])
    return next((value for value in ("x", "1", "a-1") if re.fullmatch(param.regex, value)), "x")


def sweep(route: Route, seeds: Seeds) -> list[Request]:
    """Every hostile value once in each path parameter, and the worst ones in each of the
    route's own query parameters (alone, then repeated), everything else real: chance
    alone would try a NUL in a country code only now and then."""
    parts = [part if isinstance(part, str) else _filler(part, seeds, route) for part in route.parts]
    requests: list[Request] = []

    def path(position: int | None = None, segment: str = "") -> str:
        chosen = [segment if index == position else part for index, part in enumerate(parts)]
        language = LANGUAGES[len(requests) % len(LANGUAGES)]
        return (f"/{language}/" if route.localized else "/") + "".join(chosen)

    for position, part in enumerate(route.parts):
        if isinstance(part, Param):
            for segment in [*map(_encoded, HOSTILE), *RAW_SEGMENTS]:
                requests.append(Request("GET", path(position, segment), ""))
    for name in sorted(seeds.query_names.get(route.name, ())):
        for value in WORST:
            pairs = [(name, value)] * (1 + len(requests) % 2)
            requests.append(Request("GET", path(), urlencode(pairs, errors="surrogatepass")))
    return requests


def send(client: Client, request: Request):
    # A savepoint per request: on PostgreSQL one failed query would otherwise abort the
    # transaction, and every later example would fail for that instead of for itself.
    with transaction.atomic():
        if request.method == "POST":
            return client.post(
                request.path, request.query, content_type="application/x-www-form-urlencoded"
            )
        return client.generic(request.method, f"{request.path}?{request.query}")


def assert_safe(response, request: Request) -> None:
    templates = {template.name for template in response.templates}
    explained = response.status_code == 503 and templates & EXPLAINED_UNAVAILABLE
    assert response.status_code < 500 or explained, f"{request} answered {response.status_code}"
    content_type = response.get("Content-Type", "")
    if "html" in content_type:
        body = b"".join(response.streaming_content) if response.streaming else response.content
        page = body.decode(errors="replace")
        for marker in MARKERS:
            assert marker not in page, f"{request} echoed {marker!r} unescaped"
    location = response.get("Location")
    if location:
        # A redirect stays on this site: no open redirect through a crafted value.
        target = urlsplit(location)
        assert target.netloc in ("", "testserver"), f"{request} redirected to {location}"
        assert not location.startswith(("//", "/\\")), f"{request} redirected to {location}"


# The tests


@pytest.fixture(scope="module")
def seeds(dataset, django_db_blocker) -> Seeds:
    """What the site's pages link to, learnt once per test run from the real dataset."""
    starts = [f"/{code}/" for code in LANGUAGES]
    # Every route without parameters is a start too: some are linked from nowhere.
    for route in ROUTES:
        if not route.params:
            text = "".join(route.parts)
            starts += [f"/{code}/{text}" for code in LANGUAGES] if route.localized else [f"/{text}"]
    with django_db_blocker.unblock():
        # A page that fails is reported by a test below; the crawl goes on without its links.
        browser = Client(raise_request_exception=False)
        # Untimed: the first request of a process pays for imports and template loading.
        browser.get(starts[0])
        return crawl(browser, starts)


def examples_for(route: Route, seeds: Seeds) -> int:
    slowest = seeds.seconds.get(route.name) or 0.05
    return max(MIN_EXAMPLES, min(MAX_EXAMPLES, int(SECONDS_PER_ROUTE / slowest)))


def test_the_fuzzer_knows_the_site_s_routes():
    names = {route.name for route in ROUTES}
    assert {
        "healthz",
        "admin:login",
        "comparisons:overview",
        "comparisons:country",
        "comparisons:data-file",
        "comparisons:programme",
        "neighbourhoods:detail",
        "neighbourhoods:danish-list",
    } <= names
    assert not any(name.startswith("admin:") for name in names - PUBLIC_ADMIN_ROUTES)


def test_every_page_the_site_links_to_answers_without_a_server_error(db, seeds):
    assert seeds.server_errors == []


def test_the_crawl_learns_real_values_to_fuzz_with(db, seeds):
    values = seeds.path_values
    assert {"BE", "DE", "DK"} <= values["comparisons:country"]["code"]
    assert "de-soziale-stadt" in values["comparisons:programme"]["slug"]
    assert "dk-tingbjerg" in values["neighbourhoods:detail"]["slug"]
    assert values["comparisons:data-file"]["name"]
    # Filter choices, sort keys and downloads, from the forms and links of the pages.
    assert {"c", "a"} <= seeds.query_names["comparisons:compare"]
    assert {"sort", "export", "country", "kind"} <= seeds.query_names["comparisons:programmes"]
    assert "log" in seeds.query_values["scale"]
    assert "n" in seeds.query_names["neighbourhoods:compare"]
    # Every route without parameters was fetched, so each has a measured cost.
    assert all(seeds.fetched[route.name] for route in ROUTES if not route.params)


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_no_address_is_a_server_error_or_echoes_markup(client, dataset, seeds, route):
    # Built here rather than with @given on the test, so that the examples can follow the
    # route: its sweep of hostile values first, then random ones as many as its cost allows.
    @given(request=requests_for(route, seeds))
    def fuzz(request: Request) -> None:
        assert_safe(send(client, request), request)

    for request in sweep(route, seeds):
        fuzz = example(request=request)(fuzz)
    settings(
        max_examples=examples_for(route, seeds),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )(fuzz)()


@settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    segments=st.lists(
        st.one_of(
            st.sampled_from(["nl", "en", "de", "admin", "static", "data", "countries"]),
            st.sampled_from(HOSTILE).map(_encoded),
            st.text(min_size=1, max_size=12).map(_encoded),
            st.sampled_from(RAW_SEGMENTS),
        ),
        max_size=4,
    ),
    slash=st.booleans(),
)
def test_no_made_up_address_is_a_server_error(client, dataset, segments, slash):
    path = "/" + "/".join(segments) + ("/" if slash and segments else "")
    request = Request("GET", path, "")
    assert_safe(send(client, request), request)
