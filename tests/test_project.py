"""The project's set-up: migrations complete, pins consistent, settings safe, Python found."""

import os
import re
import subprocess
import sys
import tomllib
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_every_model_change_has_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exit:
        pytest.fail(f"Missing migrations (exit {exit.code}):\n{out.getvalue()}")


def locked_versions(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;#]+)", line)
        if match:
            pins[match[1].lower().replace("_", "-")] = match[2]
    return pins


def declared_versions(requirements: list[str]) -> dict[str, str]:
    pins = {}
    for requirement in requirements:
        name, version = re.match(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==(.+)$", requirement).groups()
        pins[name.lower().replace("_", "-")] = version
    return pins


def test_every_direct_dependency_is_pinned_and_locked_at_the_same_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = declared_versions(project["dependencies"])
    dev = declared_versions(project["optional-dependencies"]["dev"])

    assert locked_versions(ROOT / "requirements.txt").items() >= runtime.items()
    assert locked_versions(ROOT / "requirements-dev.txt").items() >= (runtime | dev).items()


def test_the_lock_pins_every_package_exactly():
    for path in (ROOT / "requirements.txt", ROOT / "requirements-dev.txt"):
        for line in path.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                assert "==" in line, f"{path.name}: unpinned line {line!r}"


def run_production_settings(**env: str) -> subprocess.CompletedProcess:
    """Start Django with production settings in a fresh process; print DEBUG if it starts."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env=clean | {"DJANGO_SETTINGS_MODULE": "config.settings.production"} | env,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_production_settings(DJANGO_ALLOWED_HOSTS="wijkwijzer.example.org")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_production_settings(DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "Set DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_both_and_keeps_debug_off_even_when_asked():
    result = run_production_settings(
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="wijkwijzer.example.org",
        DJANGO_DEBUG="true",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_python_finder_says_plainly_when_there_is_no_suitable_python(tmp_path):
    result = subprocess.run(
        ["/bin/sh", str(ROOT / "scripts" / "find-python")],
        env={"PATH": str(tmp_path), "HOME": str(tmp_path), "PYENV_ROOT": str(tmp_path)},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "No Python 3.12 or newer found" in result.stderr


def test_the_python_finder_finds_a_python_of_at_least_3_12():
    result = subprocess.run(
        [str(ROOT / "scripts" / "find-python")], capture_output=True, text=True, check=True
    )
    version = subprocess.run(
        [result.stdout.strip(), "-c", "import sys; print(sys.version_info[:2] >= (3, 12))"],
        capture_output=True,
        text=True,
    )
    assert version.stdout.strip() == "True"


def test_every_interface_string_has_a_dutch_translation():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", "locale/nl/LC_MESSAGES/django.po"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr
    assert "untranslated" not in result.stderr


@pytest.mark.django_db
def test_the_admin_speaks_dutch_by_default(admin_client):
    response = admin_client.get("/admin/comparisons/budget/add/")
    assert "Bedrag in euro volgens de bron" in response.content.decode()
