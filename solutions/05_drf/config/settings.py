"""Development settings for the tasks API.

Production builds on this module in config/production.py (challenge "Browsable API").
Every challenge mounts its own API under its own prefix (see config/urls.py) and sets
its own policies (authentication, permissions, throttles, pagination, renderers) on its
views, so the REST_FRAMEWORK defaults below matter only where a view sets nothing.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# A fixed key is fine for development only.
SECRET_KEY = "django-insecure-tasks-api-dev-only-do-not-use-in-production"
DEBUG = True
ALLOWED_HOSTS = []

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "corsheaders",
    # An app for its templates: the Swagger UI page is drf_spectacular/swagger_ui.html.
    "drf_spectacular",
    "tasks",
]

MIDDLEWARE = [
    # First: it answers preflights itself and adds its headers to every response, even
    # to the ones that middleware further down (CommonMiddleware's redirects) returns.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}

# Throttles count requests in the default cache.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Secure by default: a view that forgets its permission_classes is not public.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Development: JSON first, so a client that sends no Accept header gets JSON, and the
    # browsable API for browsers. Production decides for itself in config/production.py.
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # Rates per scope, read by ScopedRateThrottle on the views that name a throttle_scope.
    # DRF reads this dict once, when rest_framework.throttling is imported.
    "DEFAULT_THROTTLE_RATES": {"tasks": "10/minute", "feed": "20/minute"},
    # Every APIView gets drf-spectacular's AutoSchema, which @extend_schema talks to.
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

# CORS: an exact list of origins (scheme + host + port), never CORS_ALLOW_ALL_ORIGINS
# and never an unanchored regex. A refused origin still gets its response; the browser
# just won't hand it to the page, because Access-Control-Allow-Origin is missing.
CORS_ALLOWED_ORIGINS = ["https://app.example.com"]

# The schema's info object; drf-spectacular reads it at import time.
SPECTACULAR_SETTINGS = {
    "TITLE": "Tasks API",
    "VERSION": "1.0.0",
    "DESCRIPTION": "Projects, tasks and subtasks of a small team.",
}
