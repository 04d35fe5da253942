"""The security log: who signed in or failed to, from where, and which requests were refused."""

import logging

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

ADDRESS = "10.1.2.3"
PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


def security_lines(caplog) -> list[tuple[int, str]]:
    return [
        (record.levelno, record.getMessage())
        for record in caplog.records
        if record.name == "wijkwijzer.security"
    ]


def sign_in(client, username: str, password: str):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=ADDRESS
    )


def test_a_successful_sign_in_is_logged_with_name_and_address(client, editor, caplog):
    assert sign_in(client, "editor", PASSWORD).status_code == 302
    assert security_lines(caplog) == [(logging.INFO, f"Sign-in: 'editor' from {ADDRESS}")]


def test_a_failed_sign_in_is_logged_without_the_password(client, editor, caplog):
    wrong = "wrong-but-nearly-" + PASSWORD
    assert sign_in(client, "editor", wrong).status_code == 200
    assert security_lines(caplog) == [(logging.WARNING, f"Sign-in failed: 'editor' from {ADDRESS}")]
    # Not in this log, nor in any other: django-axes and Django log these attempts too.
    assert wrong not in caplog.text
    assert PASSWORD not in caplog.text


def test_a_name_with_a_line_break_cannot_forge_a_second_log_line(client, caplog):
    sign_in(client, "nobody\n2026-01-01 INFO wijkwijzer.security Sign-in: admin", "x")
    [(_level, line)] = security_lines(caplog)
    assert "\n" not in line
    assert line.startswith("Sign-in failed: 'nobody\\n2026-01-01")


def test_a_page_refused_for_lack_of_permission_is_logged(client, editor, caplog):
    client.force_login(editor)
    response = client.get("/admin/comparisons/country/", REMOTE_ADDR=ADDRESS)
    assert response.status_code == 403
    assert (
        logging.WARNING,
        f"Denied (403): GET '/admin/comparisons/country/' for 'editor' from {ADDRESS}",
    ) in security_lines(caplog)


def test_a_form_refused_for_a_missing_csrf_token_is_logged(caplog):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/admin/login/", {"username": "editor"}, REMOTE_ADDR=ADDRESS)
    assert response.status_code == 403
    assert security_lines(caplog) == [
        (logging.WARNING, f"Denied (403): POST '/admin/login/' for anonymous from {ADDRESS}")
    ]


def test_a_locked_out_sign_in_is_logged_as_denied(client, editor, caplog):
    for _attempt in range(5):
        sign_in(client, "editor", "wrong")
    caplog.clear()

    assert sign_in(client, "editor", PASSWORD).status_code == 429

    assert (
        logging.WARNING,
        f"Denied (429): POST '/admin/login/' for anonymous from {ADDRESS}",
    ) in security_lines(caplog)
    assert PASSWORD not in caplog.text


def test_pages_that_are_not_refused_leave_the_security_log_alone(client, caplog):
    assert client.get("/en/no-such-page/").status_code == 404
    assert client.get("/admin/").status_code == 302
    assert security_lines(caplog) == []
