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
    # TODO: [customizing] install django-cors-headers' app, "corsheaders".
    # TODO: [apidocs] install drf-spectacular's app, "drf_spectacular" (its Swagger UI
    # page is a template of that app).
    "tasks",
]

MIDDLEWARE = [
    # TODO: [customizing] django-cors-headers' middleware goes here, as high as possible
    # and above CommonMiddleware, so its headers reach every response.
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
    # TODO: [throttling] the rates of the two throttle scopes, under the key
    # "DEFAULT_THROTTLE_RATES": "tasks" allows 10 requests a minute, "feed" 20 a minute.
    # TODO: [apidocs] let drf-spectacular describe every view: "DEFAULT_SCHEMA_CLASS".
}

# TODO: [customizing] CORS: the one front-end allowed to call the API from a browser is
# https://app.example.com (CORS_ALLOWED_ORIGINS); every other origin is refused.

# TODO: [apidocs] SPECTACULAR_SETTINGS: the schema's title "Tasks API" and version "1.0.0".
