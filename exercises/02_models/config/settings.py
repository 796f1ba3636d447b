"""Settings of the bookstore: development values, also used by the specs.

Three database aliases (challenge "Multi-database"):

- ``default``, the primary: every write goes here.
- ``replica``, a read replica of ``default``. Locally it opens the same file as
  ``default`` (a stand-in for a real replica); in the specs it is a TEST MIRROR
  of ``default``: the test runner creates no database for it and points it at
  ``default``'s test database, as replication would.
- ``analytics``, a database of its own for the ``analytics`` app.

Run ``python manage.py migrate`` and ``python manage.py migrate --database
analytics --run-syncdb`` to create them locally.
"""

import os
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "django-insecure-bookstore-dev-only-do-not-use-in-production"
DEBUG = True
ALLOWED_HOSTS = []

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "catalog",
    "library",
    "authors",
    "shop",
    "analytics",
    "inventory",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# The specs build every test database straight from the models ("MIGRATE":
# False): a half-written migration in the migrations challenge can then only
# fail that challenge's specs, which run the authors migrations themselves.
# The default test database is a file, not SQLite's usual in-memory database:
# the transactions challenge needs two threads with two real connections, and
# the replica mirror needs a connection of its own that sees committed rows.
# The file lives in the temporary folder and the test runner deletes it.
# WAL journal mode (readers and the writer don't block each other) with
# synchronous=NORMAL (no disk flush on every commit) is the usual setting for
# SQLite behind a web app, and keeps the specs fast.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
        "OPTIONS": {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"},
        "TEST": {
            "NAME": str(Path(tempfile.gettempdir()) / f"bookstore-test-{os.getpid()}.sqlite3"),
            "MIGRATE": False,
        },
    },
    "replica": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
        "TEST": {"MIRROR": "default"},
    },
    "analytics": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "analytics.sqlite3",
        "TEST": {"MIGRATE": False},
    },
}

# config/routing.py hands every routing question to config/routers.py
# (challenge "Multi-database"); its docstring says why it is not named here.
DATABASE_ROUTERS = ["config.routing.ChallengeRouter"]

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    }
}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "orders@bookstore.example"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
