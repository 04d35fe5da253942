"""A signed-in session for the benchmark's HTTP clients: production asks every page for one.

Run by bench/run.py as ``python -m bench.session``; prints the session cookie's value. The
session lives in the database, so every app server on it accepts the cookie.
"""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

USERNAME = "bench"


def main() -> None:
    user, _created = get_user_model().objects.update_or_create(
        username=USERNAME, defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(user)
    print(client.cookies["sessionid"].value)


if __name__ == "__main__":
    main()
