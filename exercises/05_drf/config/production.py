"""Production settings: DJANGO_SETTINGS_MODULE=config.production.

They start from the development settings (config/settings.py) and change what
production needs changed. Python runs this module top to bottom after the import.
"""

from config.settings import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["tasks.example.com"]

# TODO: [browsable] production serves JSON only: no browsable API (task 3). Replace
# the renderers without changing anything else of REST_FRAMEWORK, and without changing
# the development settings either: the name REST_FRAMEWORK imported above is the very
# dict config/settings.py defines.
