"""Production settings: DJANGO_SETTINGS_MODULE=config.production.

They start from the development settings (config/settings.py) and change what
production needs changed. Python runs this module top to bottom after the import.
"""

from config.settings import *  # noqa: F403
from config.settings import REST_FRAMEWORK as DEVELOPMENT_REST_FRAMEWORK

DEBUG = False
ALLOWED_HOSTS = ["tasks.example.com"]

# A new dict: it keeps every other API setting (authentication, throttle rates, schema
# class...), and mutating the imported one would switch the browsable API off in
# development too (it is the same object). JSON only: "Accept: text/html" alone is 406;
# a browser, whose Accept ends in */*, gets JSON.
REST_FRAMEWORK = {
    **DEVELOPMENT_REST_FRAMEWORK,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
