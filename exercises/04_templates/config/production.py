"""Production settings: the development settings plus what the live site changes.

    DJANGO_SETTINGS_MODULE=config.production

Topic 01 shows how to read secrets and hosts from the environment; this module
is about templates and static files. It builds new values instead of changing
the imported ones in place: `from config.settings import *` shares the very
same dicts and lists with the development settings.
"""

from config.settings import *  # noqa: F403
from config.settings import BASE_DIR, TEMPLATES

DEBUG = False
ALLOWED_HOSTS = ["recipes.example.com"]

# `manage.py collectstatic` copies every static file here; the web server serves it.
STATIC_ROOT = BASE_DIR / "staticfiles"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # TODO: [static_media] store static files under content-hashed names
    # (site.3f2a…c1.css) listed in a manifest, so browsers may cache them forever.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

TEMPLATES = [
    {
        **TEMPLATES[0],
        "APP_DIRS": False,  # the loaders below replace it
        "OPTIONS": {
            **TEMPLATES[0]["OPTIONS"],
            # Listing the loaders replaces Django's default list, which wraps them in
            # the cached loader.
            # TODO: [caching] wrap these two so each template is read and compiled
            # once per process, not on every render.
            "loaders": [
                "django.template.loaders.filesystem.Loader",
                "django.template.loaders.app_directories.Loader",
            ],
        },
    }
]
