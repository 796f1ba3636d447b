"""Development settings for the recipes site.

config/production.py builds on this module for the live site. Every challenge
loads this file, so a mistake here stops them all: keep each change small.
"""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# A fixed key is fine for development only.
SECRET_KEY = "django-insecure-recipes-dev-only-do-not-use-in-production"
DEBUG = True
ALLOWED_HOSTS = []

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "recipes",  # the core: Recipe and Ingredient
    "browse",  # 1. Template language
    "layout",  # 2. Inheritance and tags
    # 3. Forms and validation lives in the plain package `suggestions` (no app needed).
    "editor",  # 4. ModelForms
    "feedback",  # 5. CSRF
    "gallery",  # 6. Static and media files
    "kitchen",  # 7. Template caching
]

MIDDLEWARE = [
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
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # Runs for every template rendered with a request: every page gets nav_items.
                "layout.context_processors.navigation",
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

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGIN_URL = "admin:login"

# Static files: the site's own CSS and images live in BASE_DIR / "static".
STATIC_URL = "static/"
# The finders look in every app's static/ folder and in these: the project's own files.
STATICFILES_DIRS = [BASE_DIR / "static"]

# Uploaded files (recipe images): user content, kept apart from the static files, which
# are code. Absolute, so it doesn't depend on the directory the server starts in.
MEDIA_URL = "media/"
MEDIA_ROOT = BASE_DIR / "media"

# The largest recipe image the site accepts, in bytes (1 MiB).
RECIPE_IMAGE_MAX_BYTES = 1024 * 1024

# The moderation service signs its webhook calls with this shared secret
# (HMAC-SHA256). A real deploy reads it from the environment.
MODERATION_WEBHOOK_SECRET = "dev-only-moderation-webhook-secret"
# How old (or how far in the future) a webhook's timestamp may be, in seconds.
MODERATION_WEBHOOK_TOLERANCE = 300
