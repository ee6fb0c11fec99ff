"""Settings for the whole product, configured from the environment.

Secure by default: DEBUG is off unless DJANGO_DEBUG=1, and without DEBUG a real
DJANGO_SECRET_KEY is required. See README.md for every variable.
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.database import database_config
from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
NODE_MODULES = BASE_DIR / "node_modules"

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off")
    SECRET_KEY = "dev-only-key-never-use-in-production-0123456789abcdefghijklmnop"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "whitenoise.runserver_nostatic",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "kjerne",
    "helsefellesskap",
    "avtaler",
    "avvik",
    "sikkerhet",
    "varsler",
    "ytelse",
    "apnedata",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before everything that could answer: a browser's preflight to /api/ is answered here.
    "apnedata.middleware.CorsMiddleware",
    # Above the session and authentication middleware, whose database errors it answers too.
    "kjerne.drift.DriftsfeilMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # NUL characters and unexpected domain errors: a Norwegian 400, never a 500.
    "kjerne.inndata.InndataMiddleware",
    "sikkerhet.middleware.OktMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "kjerne.tilgang.TilgangMiddleware",
    "sikkerhet.middleware.TofaktorMiddleware",
    "sikkerhet.middleware.SikkerhetsMiddleware",
    # Axes must be last: it turns a lockout raised during login into its response.
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sikkerhet.kontekst.okt",
                "varsler.kontekst.uleste",
            ],
        },
    },
]

DATABASES = {
    "default": database_config(
        env_str("DATABASE_URL"), Path(env_str("DJANGO_SQLITE_PATH", str(BASE_DIR / "db.sqlite3")))
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# With more than one worker the cache must be shared, or each counts rate limits for itself:
# gunicorn refuses to start so (gunicorn.conf.py), and so does `check --deploy` (kjerne.sjekker).
# WEB_CONCURRENCY is gunicorn's own variable for the number of workers.
ARBEIDERE = env_int("WEB_CONCURRENCY", 1)
REDIS_URL = env_str("DJANGO_REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# Users and login
AUTH_USER_MODEL = "helsefellesskap.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "logg-inn"
LOGIN_REDIRECT_URL = "forside"
LOGOUT_REDIRECT_URL = "forside"

# Login throttling: the pair (user name, address) is locked after a few failures,
# and opens again by itself after the cool-off (never a permanent lock-out).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# The lockout is per user name (normalised, below), whatever address the guesses come from:
# a botnet gets five guesses per account, not five per address. The price: anyone can lock a
# user out for AXES_COOLOFF_TIME by sending wrong passwords. It is never for longer than that
# after the last failure, and a user with two-factor gets in during a lockout with password
# and code together (sikkerhet.views.logg_inn_sperret), which no guesser has. Guessing from
# one address is also held back by the rate limit «innlogging» (kjerne.fartsgrense).
# axes warns (W006) that without the address a guesser may rotate user agents or cookies: the
# limit per address here is kjerne.fartsgrense («innlogging», counted per address and per name
# in the shared cache), which no header changes. An axes lockout per address would lock a whole
# hospital behind one NAT address after five typos by five people.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
# AuthenticationForm posts the e-mail address in the field "username". Axes counts it
# normalised (case, whitespace, full-width letters), as the password check compares it, so
# another spelling of a locked address is just as locked and gives no more guesses.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "kjerne.identitet.brukernavn_for_axes"
# Failures and lockouts are rows in the database, so every worker sees the same count.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "sikkerhet.views.innlogging_sperret"
AXES_VERBOSE = False

# Two-factor login (TOTP, django-otp): required for administrators, coordinators and staff
# (sikkerhet.tofaktor); anyone may turn it on. Off only in the test settings, where the tests of
# the requirement turn it on again.
TOFAKTOR_PAKREVD = env_bool("DJANGO_TOFAKTOR_PAKREVD", default=True)
OTP_TOTP_ISSUER = "Samhandlingsavtaler"

# Ansattporten (Digdir's OpenID Connect login for public employees, sikkerhet.ansattporten):
# on when ANSATTPORTEN_ISSUER is set; without it login is exactly password + TOTP. The client
# authenticates with a secret or, preferably, a private key (private_key_jwt). README: Ansattporten.
ANSATTPORTEN = None
if _utsteder := env_str("ANSATTPORTEN_ISSUER").strip():
    ANSATTPORTEN = {
        "ISSUER": _utsteder,
        "CLIENT_ID": env_str("ANSATTPORTEN_CLIENT_ID").strip(),
        "CLIENT_SECRET": env_str("ANSATTPORTEN_CLIENT_SECRET"),
        "PRIVATE_KEY_FILE": env_str("ANSATTPORTEN_PRIVATE_KEY_FILE").strip(),
        "KEY_ID": env_str("ANSATTPORTEN_KEY_ID").strip(),
        "SCOPES": env_str("ANSATTPORTEN_SCOPES", "openid profile").strip(),
        # Ansattporten's acr_values are substantial and high (no low); the tokens may name
        # them either way (sikkerhet.ansattporten.NIVAER).
        "ACR": env_str("ANSATTPORTEN_ACR", "substantial").strip(),
        "AUTHORIZATION_DETAILS": env_str("ANSATTPORTEN_AUTHORIZATION_DETAILS").strip(),
    }
    if not ANSATTPORTEN["CLIENT_ID"]:
        raise ImproperlyConfigured("ANSATTPORTEN_CLIENT_ID must be set with ANSATTPORTEN_ISSUER")
    if not (ANSATTPORTEN["CLIENT_SECRET"] or ANSATTPORTEN["PRIVATE_KEY_FILE"]):
        raise ImproperlyConfigured(
            "Ansattporten needs ANSATTPORTEN_CLIENT_SECRET or ANSATTPORTEN_PRIVATE_KEY_FILE"
        )
    if ANSATTPORTEN["PRIVATE_KEY_FILE"] and not Path(ANSATTPORTEN["PRIVATE_KEY_FILE"]).is_file():
        raise ImproperlyConfigured("ANSATTPORTEN_PRIVATE_KEY_FILE is not a readable file")
    if "openid" not in ANSATTPORTEN["SCOPES"].split():
        raise ImproperlyConfigured("ANSATTPORTEN_SCOPES must include openid")
    _nivaer = ("idporten-loa-low", "idporten-loa-substantial", "idporten-loa-high")
    _nivaer += ("low", "substantial", "high")
    if ANSATTPORTEN["ACR"] not in _nivaer:
        raise ImproperlyConfigured(f"ANSATTPORTEN_ACR must be one of {', '.join(_nivaer)}")

# Requests per window per address (or user), for the paths a script could hammer. A load test
# from one address raises them with DJANGO_FARTSGRENSE_FAKTOR.
_FAKTOR = env_int("DJANGO_FARTSGRENSE_FAKTOR", 1)
FARTSGRENSER = {
    "innlogging": (30 * _FAKTOR, 5 * 60),
    "sok": (120 * _FAKTOR, 60),
    "kommuneforslag": (240 * _FAKTOR, 60),
    "avviksregistrering": (30 * _FAKTOR, 60 * 60),
    # The open data API (apnedata): per address, generous for a script that reads it all.
    "api": (600 * _FAKTOR, 60),
}
# The open data's publisher in the DCAT-AP-NO catalogue (apnedata.katalog): the organisation
# that runs this service, by its name and its number in Enhetsregisteret.
APNEDATA_UTGIVER_NAVN = env_str("APNEDATA_UTGIVER_NAVN", "Samhandlingsavtaler")
APNEDATA_UTGIVER_ORGNR = env_str("APNEDATA_UTGIVER_ORGNR").strip()
if APNEDATA_UTGIVER_ORGNR and not (
    len(APNEDATA_UTGIVER_ORGNR) == 9 and APNEDATA_UTGIVER_ORGNR.isdigit()
):
    raise ImproperlyConfigured("APNEDATA_UTGIVER_ORGNR must be 9 digits")
APNEDATA_KONTAKT_EPOST = env_str("APNEDATA_KONTAKT_EPOST").strip()
# The trivial view benchmarks compare pages with (/ytelse/grunnlinje/); off in production.
YTELSE_GRUNNLINJE = env_bool("DJANGO_YTELSE_GRUNNLINJE", default=False)

# Sessions end after OKT_INAKTIV_SEKUNDER without activity (a warning comes first) and in any
# case OKT_MAKS_SEKUNDER after logging in (sikkerhet.okt).
OKT_MAKS_SEKUNDER = env_int("DJANGO_SESSION_SECONDS", 12 * 60 * 60)
OKT_INAKTIV_SEKUNDER = env_int("DJANGO_SESSION_IDLE_SECONDS", 30 * 60)
OKT_VARSEL_SEKUNDER = 120
SESSION_COOKIE_AGE = OKT_MAKS_SEKUNDER
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# htmx sends the token from the page (hx-headers), so scripts never read the cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "kjerne.views.csrf_feil"

# Language and time
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

# Static files: the project's own and the front-end packages installed by npm.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/designsystemet-css", NODE_MODULES / "@digdir/designsystemet-css/dist/src"),
    ("vendor/designsystemet-theme", NODE_MODULES / "@digdir/designsystemet-theme/brand"),
    ("vendor/inter", NODE_MODULES / "@fontsource-variable/inter"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploaded files (case documents) are served through views that check access, never directly.
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/filer/"

# Retention: closed avvik are anonymised this many years after closing (slett_gamle_avvik).
AVVIK_OPPBEVARING_AR = env_int("AVVIK_OPPBEVARING_AR", 10)
if AVVIK_OPPBEVARING_AR < 1:
    raise ImproperlyConfigured("AVVIK_OPPBEVARING_AR must be at least 1 (years)")

# Retention of the security log, in months (slett_gammel_sikkerhetslogg, stated in the privacy
# statement). Twelve is also the floor the database triggers hold (sikkerhet migration 0005).
SIKKERHETSLOGG_OPPBEVARING_MANEDER = env_int("SIKKERHETSLOGG_OPPBEVARING_MANEDER", 12)
if SIKKERHETSLOGG_OPPBEVARING_MANEDER < 12:
    raise ImproperlyConfigured("SIKKERHETSLOGG_OPPBEVARING_MANEDER must be at least 12 (months)")

# Content security policy: everything from this site only, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

X_FRAME_OPTIONS = "DENY"
# Browser features the product never uses, turned off (sikkerhet.middleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)
# Requests larger than this are refused before Django reads them (uploads are at most 20 MB).
MAKS_FORESPORSEL_BYTES = 25 * 1024 * 1024
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

BAK_PROXY = env_bool("DJANGO_BEHIND_PROXY", default=False)
AXES_CLIENT_IP_CALLABLE = "config.klientadresse.klientadresse"
if BAK_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    # The container's health check speaks plain HTTP from inside.
    SECURE_REDIRECT_EXEMPT = [r"^helse/$"]
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Off only for load tests over plain HTTP on one machine (bench/soak.py).
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)

EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
# The mail server the task worker hands notifications to (README: Varsler).
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "varsler@localhost")
# Where the links in e-mails point: the address users reach the site at.
NETTSTED_URL = env_str("DJANGO_NETTSTED_URL", "http://localhost:8000")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"klientfeil": {"()": "kjerne.logg.KlientfeilPaEnLinje"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["klientfeil"]}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # Axes logs every login at INFO; its warnings (lockouts) are what matters.
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every page at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
