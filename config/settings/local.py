"""A laptop: SQLite and local-memory cache unless DATABASE_URL/CACHE_URL say otherwise."""

from .base import *  # noqa: F403
from .base import SECRET_KEY

SECRET_KEY = SECRET_KEY or "local-only-insecure-key-do-not-use-in-production"
# Serve static files straight from the source folders, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
