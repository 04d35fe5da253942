"""Headers a security reviewer reads, the health check, and the deployment checklist."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())


@pytest.mark.parametrize("url", ["/nl/", "/en/compare/", "/admin/login/"])
def test_every_page_carries_a_strict_content_security_policy(client, url):
    policy = directives(client.get(url))

    # A nonce is added only where a page uses one; ours need none, the admin's do.
    sources = policy["script-src"].split()
    assert sources[0] == "'self'"
    assert all(source.startswith("'nonce-") for source in sources[1:])
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


def test_the_admin_works_under_the_policy_for_an_editor(admin_client):
    response = admin_client.get("/admin/comparisons/programme/add/")
    assert response.status_code == 200
    assert "script-src 'self' 'nonce-" in response["Content-Security-Policy"]


def test_pages_carry_no_inline_script_code(client):
    html = client.get("/nl/").content.decode()
    for tag in html.split("<script")[1:]:
        opening = tag.split(">", 1)[0]
        assert "src=" in opening or 'type="application/json"' in opening, opening


def test_other_security_headers_are_present(client):
    response = client.get("/nl/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_health_check_says_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_the_health_check_says_503_without_details_when_the_database_is_gone(client):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("could not connect to server at 10.0.0.5"),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert "10.0.0.5" not in response.content.decode()


def production_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return env | {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "a-real-secret-" + "x7Qp2mZk9Lr4Tb8Vn1Wc5Yd3Fg6Hj0Ks" * 2,
        "DJANGO_ALLOWED_HOSTS": "wijkwijzer.example.org",
    }


def test_the_deployment_checklist_passes_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("url", ["/nl/", "/en/programmes/", "/en/data/budgets.csv"])
def test_with_login_required_pages_send_visitors_to_the_login(client, settings, url):
    settings.WIJKWIJZER_REQUIRE_LOGIN = True
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


def test_with_login_required_the_login_and_health_check_stay_open(client, settings):
    settings.WIJKWIJZER_REQUIRE_LOGIN = True
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_with_login_required_a_signed_in_user_sees_the_pages(admin_client, settings):
    settings.WIJKWIJZER_REQUIRE_LOGIN = True
    assert admin_client.get("/nl/").status_code == 200


def test_without_login_required_the_laptop_demo_is_open(client):
    assert client.get("/nl/").status_code == 200


def test_production_requires_login_even_when_the_environment_says_otherwise():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.WIJKWIJZER_REQUIRE_LOGIN)",
        ],
        cwd=ROOT,
        env=production_env() | {"WIJKWIJZER_REQUIRE_LOGIN": "false"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "True", result.stderr


def failed_login(client) -> int:
    return client.post(
        "/admin/login/", {"username": "editor", "password": "wrong"}, REMOTE_ADDR="10.1.2.3"
    ).status_code


def test_five_failed_logins_lock_the_account_out_with_a_429(client, django_user_model):
    django_user_model.objects.create_user("editor", password="right", is_staff=True)

    assert [failed_login(client) for _attempt in range(4)] == [200] * 4
    response = client.post(
        "/admin/login/",
        {"username": "editor", "password": "wrong"},
        REMOTE_ADDR="10.1.2.3",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_a_locked_out_account_stays_locked_even_with_the_right_password(client, django_user_model):
    django_user_model.objects.create_user("editor", password="right", is_staff=True)
    for _attempt in range(5):
        failed_login(client)

    response = client.post(
        "/admin/login/", {"username": "editor", "password": "right"}, REMOTE_ADDR="10.1.2.3"
    )

    assert response.status_code == 429


def test_a_successful_login_is_not_blocked_by_fewer_failures(client, django_user_model):
    django_user_model.objects.create_user("editor", password="right", is_staff=True)
    for _attempt in range(3):
        failed_login(client)

    response = client.post(
        "/admin/login/", {"username": "editor", "password": "right"}, REMOTE_ADDR="10.1.2.3"
    )

    assert response.status_code == 302
