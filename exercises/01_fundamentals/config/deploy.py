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

# TODO: read DEBUG, SECRET_KEY and ALLOWED_HOSTS from the variables above. Without
# DJANGO_SECRET_KEY, keep the development key only when DEBUG is on; with DEBUG off,
# raise ImproperlyConfigured naming DJANGO_SECRET_KEY.

# TODO: define NOTES_PAGE_SIZE (how many notes a page lists) from the environment.
