SECRET_KEY = "fake-course"
DEBUG = True
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = ["hello", "count", "panel.apps.PanelConfig"]
MIDDLEWARE = []
ROOT_URLCONF = "config.urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
