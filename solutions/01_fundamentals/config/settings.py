"""Development settings for the notes site.

Production reads its configuration from the environment in config/deploy.py
(challenge "Settings and configuration"); this module never reads it, so the
project runs out of the box and the specs always load it.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# A fixed key is fine for development only: config/deploy.py replaces it.
SECRET_KEY = "django-insecure-notes-dev-only-do-not-use-in-production"
DEBUG = True
ALLOWED_HOSTS = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    # The admin reports its actions' results ("2 notes archived") through messages.
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "notes",
    "tags",
]

MIDDLEWARE = [
    # Outermost first: every response, the maintenance 503 included, passes back
    # through RequestIDMiddleware and gets its X-Request-ID.
    "config.middleware.RequestIDMiddleware",
    "config.middleware.MaintenanceModeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After SessionMiddleware: the default message storage falls back to the session.
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                # Puts `messages` in every template's context (the admin's included).
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

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Read by config.middleware.MaintenanceModeMiddleware: when True, every page
# but the admin and the health check answers 503 Service Unavailable.
MAINTENANCE_MODE = False
