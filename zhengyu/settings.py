"""Settings for 正余镇目标进度看板, read from the environment.

Development needs no environment at all: the database is embedded (see ``zhengyu.database``), a secret key is
generated once into ``.data/secret_key``. Production sets ``DATABASE_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS``
and ``HTTPS=1`` (behind a TLS-terminating reverse proxy); ``manage.py check --deploy`` is then silent.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from zhengyu.database import database_config

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("ZHENGYU_DATA_DIR", BASE_DIR / ".data"))


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def local_secret_key() -> str:
    """A random key kept beside the embedded database, so sessions survive restarts without a fixed key."""
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_flag("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "targets.apps.TownAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "import_export",
    "axes",
    "targets",
    "projects",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "targets.middleware.RoleRequiredMiddleware",
    "targets.middleware.ApiErrorsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zhengyu.urls"
WSGI_APPLICATION = "zhengyu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "targets.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": database_config(os.environ.get("DATABASE_URL"), DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# "pages": the bodies of the leaders' read pages, kept per worker under the data's version (targets.pagecache),
# so an entry is never stale, only unused; the timeout and size bound the memory it takes.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 300},
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "targets.auth.LoginThrottleBackend",  # refuses a locked-out user or address before the password is tried
    # Django's backend, reading the user's profile, office and groups with the user in one query.
    "targets.backends.UserWithRolesBackend",
]
# 5 failed logins for one user name, or from one address, within 15 minutes lock that name or address for 15
# minutes after its last failure (django-axes; see targets/auth.py).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "targets.auth.locked_out"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The client's address: the socket's, or behind the TLS proxy (HTTPS=1) the one the proxy adds last.
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if env_flag("HTTPS") else ["REMOTE_ADDR"]
)
AXES_IPWARE_PROXY_COUNT = 1 if env_flag("HTTPS") else None
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names (cached for good by whitenoise) and gzip + brotli copies, made by collectstatic; before
    # collectstatic the plain names are served (see zhengyu.staticfiles).
    "staticfiles": {"BACKEND": "zhengyu.staticfiles.HashedCompressedStorage"},
}
# Served from STATIC_ROOT, where collectstatic leaves the gzip and brotli copies, once it exists (make run, make
# test and production all collect first); before that, and with DEBUG, straight from the source folders, which
# whitenoise would otherwise prefer over STATIC_ROOT and so never send the compressed copies.
WHITENOISE_USE_FINDERS = DEBUG or env_flag("WHITENOISE_USE_FINDERS", default=not STATIC_ROOT.exists())

MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The 读取工作报告 preview posts a dozen fields per proposal, and a county report has a few hundred proposals.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 12 * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy (django-csp): scripts only from our own static files, never inline; styles may be
# inline because plotly.js sets them on the elements it draws.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if env_flag("HTTPS"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", default=True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# 月度填报的默认截止日：次月几号。管理员可逐月修改。
ENTRY_DEADLINE_DAY = int(os.environ.get("ENTRY_DEADLINE_DAY", 5))

# Reminders and 催办 (targets.reminders). The address people are sent to from an e-mail or a robot message.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# E-mail: SMTP when EMAIL_HOST is set; otherwise mails are printed to the console (development).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_flag("EMAIL_USE_SSL")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 10))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "正余镇目标进度看板 <noreply@localhost>")
# SMS: any class with send(phone, text) that raises on failure; the default only logs.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "targets.reminders.channels.LoggingSmsBackend")
# Group robots (企业微信/钉钉): seconds per try, extra tries, seconds between tries (times the try number).
REMINDER_WEBHOOK_TIMEOUT = float(os.environ.get("REMINDER_WEBHOOK_TIMEOUT", 5))
REMINDER_WEBHOOK_RETRIES = int(os.environ.get("REMINDER_WEBHOOK_RETRIES", 2))
REMINDER_WEBHOOK_BACKOFF = float(os.environ.get("REMINDER_WEBHOOK_BACKOFF", 1))

CSRF_FAILURE_VIEW = "targets.views.errors.csrf_failure"
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Indicators and targets to and from Excel in the admin (django-import-export, formats set in targets.admin.excel):
# each import in one transaction, so a file with a bad row imports nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True
