"""Fixtures shared by the specs of the tasks API: users, API clients, a clean cache.

Nothing here imports a challenge's code: each spec imports what it needs inside the
test, so a broken challenge fails its own specs only.
"""

import pytest
from django.core.cache import cache

PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def clear_cache():
    """Throttles count requests in the cache: every spec starts with no history."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """A real hasher, only a cheap one: users are created and log in in many specs."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def password():
    """The password of every user make_user() creates."""
    return PASSWORD


@pytest.fixture
def make_user(db):
    from django.contrib.auth import get_user_model

    def make(username):
        return get_user_model().objects.create_user(username, password=PASSWORD)

    return make


@pytest.fixture
def owner(make_user):
    return make_user("olivia")


@pytest.fixture
def stranger(make_user):
    return make_user("sam")


@pytest.fixture
def api_client():
    """An anonymous APIClient."""
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def client_for():
    """client_for(user): an APIClient authenticated as user, whatever the auth classes."""
    from rest_framework.test import APIClient

    def make(user):
        client = APIClient()
        client.force_authenticate(user)
        return client

    return make
