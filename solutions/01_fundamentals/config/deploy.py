"""Production settings: the development settings, overridden from the environment.

    DJANGO_SETTINGS_MODULE=config.deploy DJANGO_SECRET_KEY=... gunicorn config.wsgi

Variables read here:

- DJANGO_SECRET_KEY      required unless DJANGO_DEBUG is on
- DJANGO_DEBUG           env_bool, default off
- DJANGO_ALLOWED_HOSTS   env_list, default none
- NOTES_PAGE_SIZE        env_int, default 20
"""

import os

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list
from config.settings import *  # noqa: F403

# Off unless asked for: a forgotten variable must not leave debug pages on in production.
DEBUG = env_bool("DJANGO_DEBUG", default=False)

# Fail at start-up, not at the first signed cookie: the development key is public (it
# is in the repository), so with DEBUG off it would let anyone forge sessions and
# password-reset links. With DEBUG on, keeping it lets `runserver` start without setup.
_secret_key = os.environ.get("DJANGO_SECRET_KEY", "").strip()
if _secret_key:
    SECRET_KEY = _secret_key
elif not DEBUG:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY: it is required when DEBUG is off.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

# A project setting of its own: code reads it as settings.NOTES_PAGE_SIZE.
NOTES_PAGE_SIZE = env_int("NOTES_PAGE_SIZE", default=20)
