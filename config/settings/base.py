"""Settings shared by every environment.

Environment variables are read here and nowhere else; the other modules in this
package only change values.
"""

from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _
from import_export.formats import base_formats

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

# DEBUG is on only when asked for, on a laptop too.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
# Empty unless set: local.py and test.py fill in a throwaway key, production.py refuses.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
# Kept apart so that production.py can tell "not set" from the laptop default.
ALLOWED_HOSTS_FROM_ENV = env.list("DJANGO_ALLOWED_HOSTS", default=[])
ALLOWED_HOSTS = ALLOWED_HOSTS_FROM_ENV or ["127.0.0.1", "localhost", "[::1]"]
# Used by production.py only; off where TLS ends at a proxy that already redirects.
PRODUCTION_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'wijkwijzer.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Foreign keys and constraints must hold on SQLite as they do on PostgreSQL;
    # WAL keeps readers from blocking on an editor's write.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://wijkwijzer")}
CACHE_IS_SHARED = not CACHES["default"]["BACKEND"].endswith("LocMemCache")
# A signed-in page then reads its session from the shared cache (the database stays the
# store). Not with local memory: one worker would keep a session another had ended.
if CACHE_IS_SHARED:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

DJANGO_APPS = [
    # modeltranslation must come before the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]
THIRD_PARTY_APPS = [
    "axes",
    "django_filters",
    "django_tables2",
    "import_export",
    "simple_history",
]
LOCAL_APPS = [
    "comparisons",
    "neighbourhoods",
    # The project itself: connects the security log's signal receivers (config/apps.py).
    "config",
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.SiteLoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A view that loses its database answers 503 with a plain page.
    "config.middleware.DatabaseUnavailableMiddleware",
    # Outside axes, so that it logs the 429 of a lockout as well as every 403.
    "config.security_log.DeniedRequestLogMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "comparisons.context_processors.dataset_version",
            ],
        },
    }
]

# Every page but login, health check and static files needs a signed-in user when on.
WIJKWIJZER_REQUIRE_LOGIN = env.bool("WIJKWIJZER_REQUIRE_LOGIN", default=False)
LOGIN_URL = "admin:login"

# Chart exports: the Chromium kaleido draws with (found on PATH when empty), and the hard limit
# in seconds on one drawing (and, apart, on the wait for the renderer), after which the user
# gets a 503 and a stuck renderer is restarted. Twice the limit stays under gunicorn's 30 s.
WIJKWIJZER_BROWSER_PATH = env.str("BROWSER_PATH", default="")
WIJKWIJZER_EXPORT_TIMEOUT = env.float("WIJKWIJZER_EXPORT_TIMEOUT", default=12.0)

# Scripts only from our own files (or with the page's nonce); plotly draws with inline styles.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# The site's 403 page, translated, instead of Django's English one.
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and refuses further tries for a while after too many.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hour
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch is the source language of the report and the default of the interface.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
MODELTRANSLATION_LANGUAGES = ("nl", "en")
# An English page shows the Dutch text rather than nothing while a translation is missing;
# check_dataset makes sure the dataset itself has both.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("nl",), "nl": ("en",)}

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "comparisons.staticfiles.PlotlyFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
MEDIA_ROOT = VAR_DIR / "media"

# Imports and exports in the admin: the formats editors use, viewers may export, only those
# who may change records may import. Between the preview and the confirmed import the file
# waits in the cache when it is shared by every app server (Redis), else on local disk,
# which every worker process of one machine sees (local memory is one process's alone).
IMPORT_FORMATS = [base_formats.CSV, base_formats.XLSX]
EXPORT_FORMATS = IMPORT_FORMATS
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_TMP_STORAGE_CLASS = (
    "import_export.tmp_storages.CacheStorage"
    if CACHE_IS_SHARED
    else "import_export.tmp_storages.MediaStorage"
)

DJANGO_TABLES2_TEMPLATE = "django_tables2/wijkwijzer.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # Sign-ins and denied requests are kept whatever DJANGO_LOG_LEVEL says (config/security_log.py).
    "loggers": {"wijkwijzer.security": {"level": "INFO"}},
}
