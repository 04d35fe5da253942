"""Beyond one machine: two gunicorn instances on different ports, one PostgreSQL, one Redis.

They must serve the same pages and chart files, and an editor's save through one must show
through the other at once: the dataset version lives in the database and every cached figure
is keyed on it, in the cache both share. Called by bench/run.py with the environment of the
benchmark's PostgreSQL database.
"""

import re
import time
import urllib.parse
from collections.abc import Mapping
from html.parser import HTMLParser

from .load import fetch, gunicorn

PORTS = (8101, 8102)
PAGES = (
    "/nl/",
    "/en/compare/?c=BE&c=DE&c=DK",
    "/nl/governance/",
    "/nl/budgets/?country=DE",
    "/nl/dimension-map.csv",
)
# What differs between two responses by design: the CSP nonce and the CSRF token.
PER_RESPONSE = re.compile(rb'(nonce|value|content)="[A-Za-z0-9+/=_-]{20,}"')
EDITED_COUNTRY = "BE"
# The footer's "Dataversie 12, laatst gewijzigd …": the version each server reads.
FOOTER_VERSION = re.compile(rb'class="dataset-version">[^<]*')


class FormFields(HTMLParser):
    """The fields of the admin's change form as a browser would send them."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "form" and a.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form or ("name" not in a and tag != "option"):
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file", "image"):
                return
            self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)


def _same(first: bytes, second: bytes) -> bool:
    return PER_RESPONSE.sub(b"", first) == PER_RESPONSE.sub(b"", second)


def _edit_country_name(port: int, cookies: dict[str, str], pk: int, name: str) -> int:
    """Save a new Dutch name for the country through the admin of the server on ``port``."""
    path = f"/admin/comparisons/country/{pk}/change/"
    status, headers, body = fetch(port, path, headers=_cookie_header(cookies))
    if status != 200:
        return status
    csrf = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
    if csrf:
        cookies["csrftoken"] = csrf.group(1)
    form = FormFields()
    form.feed(body.decode())
    fields = [(key, name if key == "name_nl" else value) for key, value in form.fields]
    fields.append(("_save", "Save"))
    status, _headers, _body = fetch(
        port,
        path,
        method="POST",
        body=urllib.parse.urlencode(fields).encode(),
        headers={
            **_cookie_header(cookies),
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": f"http://localhost{path}",
            "Origin": "http://localhost",
        },
    )
    return status


def _cookie_header(cookies: Mapping[str, str]) -> dict[str, str]:
    # One host name for both, as a reverse proxy in front of them would pass on: pages that
    # spell out their own address (the compare page's share link) then agree too.
    return {
        "Host": "localhost",
        "Cookie": "; ".join(f"{key}={value}" for key, value in cookies.items()),
    }


def run(env: Mapping[str, str], session: str, country_pk: int) -> dict:
    """Both servers up, the same answers from each, then an edit through the first read back
    through the second. Returns what was found, for the results file."""
    cookies = {"sessionid": session}
    headers = _cookie_header(cookies)
    result: dict = {"ports": list(PORTS), "pages": {}}
    with gunicorn(PORTS[0], env), gunicorn(PORTS[1], env):
        for path in PAGES:
            first, second = (fetch(port, path, headers=headers) for port in PORTS)
            result["pages"][path] = {
                "status": [first[0], second[0]],
                "identical": first[0] == second[0] == 200 and _same(first[2], second[2]),
            }
        # Each server has now cached its figures; the edit must still show everywhere.
        new_name = f"België (bewerkt {time.strftime('%H:%M:%S')})"
        result["edit_status"] = _edit_country_name(PORTS[0], cookies, country_pk, new_name)
        started = time.perf_counter()
        status, _headers, body = fetch(PORTS[1], "/nl/", headers=headers)
        result["edit_seen_through_other_ms"] = round((time.perf_counter() - started) * 1000, 1)
        result["edit_seen_through_other"] = status == 200 and new_name.encode() in body
        versions = [
            FOOTER_VERSION.search(fetch(port, "/nl/", headers=headers)[2]) for port in PORTS
        ]
        result["same_version_after_edit"] = (
            all(versions) and len({version.group(0) for version in versions}) == 1
        )
    result["ok"] = (
        all(page["identical"] for page in result["pages"].values())
        and result["edit_status"] == 302
        and result["edit_seen_through_other"]
        and result["same_version_after_edit"]
    )
    return result
