"""Challenge 5, Browsable API: HTML for browsers in development, JSON only in production
(config/production.py), a view name and description, a log-in link."""

import copy
import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils.module_loading import import_string
from model_bakery import baker

LIST = "/browse/tasks/"
NAME = "Team tasks"
DESCRIPTION = "Every public task of the team, newest first."
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
TOPIC = Path(__file__).resolve().parent.parent

# Run in a fresh process under DJANGO_SETTINGS_MODULE=config.production: DRF binds a view's
# renderer_classes when rest_framework.views is imported, so only a process that starts
# with the production settings shows what production serves.
PRODUCTION_PROBE = r"""
import json, django
django.setup()
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

class Probe(APIView):
    permission_classes = []
    def get(self, request):
        return Response({"ok": True})

from browse.views import TaskViewSet
views = {"a plain APIView": Probe.as_view(),
         "browse.views.TaskViewSet": TaskViewSet.as_view({"get": "list"})}
factory = APIRequestFactory()
results = []
for label, view in views.items():
    for accept in ("text/html", BROWSER, None):
        extra = {"HTTP_ACCEPT": accept} if accept else {}
        try:
            response = view(factory.options("/browse/tasks/", **extra))
            response.render()
            results.append([label, accept, response.status_code, response["Content-Type"]])
        except Exception as error:
            results.append([label, accept, type(error).__name__ + ": " + str(error)[:120], ""])
print(json.dumps(results))
""".replace("BROWSER", repr(BROWSER))


@pytest.fixture
def public_task(owner):
    from tasks.models import Task

    return baker.make(Task, owner=owner, title="Water the plants", is_private=False)


def html_page(api_client, url=LIST):
    response = api_client.get(url, HTTP_ACCEPT="text/html")
    content_type = response.headers.get("Content-Type", "")
    assert response.status_code == 200 and content_type.startswith("text/html"), (
        f"GET {url} with Accept: text/html answered {response.status_code} {content_type!r}; "
        "expected the browsable API (HTML) in development: development lost its browsable API"
    )
    return response.content.decode()


@pytest.fixture
def production():
    """config.production, imported afresh; the development settings are restored after."""
    import config.settings as development

    saved = copy.deepcopy(development.REST_FRAMEWORK)
    sys.modules.pop("config.production", None)
    try:
        module = importlib.import_module("config.production")
        yield module, saved
    finally:
        sys.modules.pop("config.production", None)
        development.REST_FRAMEWORK.clear()
        development.REST_FRAMEWORK.update(saved)


def name_attribute_note():
    """A diagnosis when the view sets a `name` class attribute, which a ViewSet ignores."""
    # as_view() has already reset the attribute to None: read the class's source instead.
    try:
        import inspect

        from browse.views import TaskViewSet

        source = inspect.getsource(TaskViewSet)
    except Exception:
        return ""
    if re.search(r"^\s+name\s*=\s*[\"']" + re.escape(NAME), source, re.M):
        return (
            f": the view's class attribute name = {NAME!r} never shows, because a ViewSet's "
            "as_view() resets `name` (the hook of the router's initkwargs)"
        )
    return ""


@pytest.mark.task(1)
def test_development_serves_the_browsable_api_with_its_name_and_description(
    api_client, public_task
):
    page = html_page(api_client)
    assert "Water the plants" in page, "the browsable page does not show the tasks"
    shown = re.search(r"<h1>(.*?)</h1>", page, re.S)
    shown = shown.group(1).strip() if shown else None
    assert NAME in page, (
        f"the browsable page is titled {shown!r}; expected {NAME!r}" + name_attribute_note()
    )
    assert DESCRIPTION in page, (
        f"the browsable page does not show the description {DESCRIPTION!r}"
    )
    assert "OPS-42" not in page, (
        "the browsable page shows the developer's note (OPS-42): a view's docstring is its "
        "public description"
    )
    options = api_client.options(LIST, HTTP_ACCEPT="application/json").json()
    got = (options.get("name"), (options.get("description") or "").strip())
    assert got == (NAME, DESCRIPTION), (
        f"OPTIONS {LIST} describes the view as {got}; expected {(NAME, DESCRIPTION)}"
    )
    plain = api_client.get(LIST)
    assert plain.headers.get("Content-Type", "").startswith("application/json"), (
        f"GET {LIST} without an Accept header answered {plain.headers.get('Content-Type')}; "
        "expected JSON (JSONRenderer stays first)"
    )


@pytest.mark.task(2)
def test_the_browsable_api_links_to_its_log_in_page(api_client, public_task):
    page = html_page(api_client)
    assert "/api-auth/login/" in page, (
        "the browsable page has no link to /api-auth/login/ (no Log in link): DRF's login "
        "view is not routed where the browsable API looks for it"
    )
    login = api_client.get("/api-auth/login/")
    assert login.status_code == 200, f"GET /api-auth/login/ answered {login.status_code}"


@pytest.mark.task(3)
def test_production_settings_render_json_only_and_keep_the_rest(production):
    module, development_before = production
    import config.settings as development

    settings = getattr(module, "REST_FRAMEWORK", None)
    assert isinstance(settings, dict), "config/production.py has no REST_FRAMEWORK dict"
    renderers = [import_string(path) for path in settings.get("DEFAULT_RENDERER_CLASSES", [])]
    html = [r.__name__ for r in renderers if "html" in (r.media_type or "") or r.format == "api"]
    assert renderers and not html, (
        f"production renders with {[r.__name__ for r in renderers]}; expected JSON only: "
        f"production still renders HTML ({', '.join(html)})"
    )
    assert any(r.media_type == "application/json" for r in renderers), (
        "production has no JSON renderer"
    )
    live = development.REST_FRAMEWORK
    assert live == development_before, (
        "importing config/production.py changed the development settings' REST_FRAMEWORK: "
        "`from config.settings import *` binds the very same dict (and the lists inside it), "
        "so changing it in place changed development too"
    )
    lost = sorted(
        key
        for key in development_before
        if key != "DEFAULT_RENDERER_CLASSES" and settings.get(key) != development_before[key]
    )
    assert not lost, (
        f"production's REST_FRAMEWORK lost or changed {lost}: a new dict that only names the "
        "renderers drops every other API setting of development"
    )
    assert module.DEBUG is False, "production runs with DEBUG on"


@pytest.mark.task(3)
def test_production_answers_json_or_406_never_html():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.production",
        "PYTHONPATH": str(TOPIC),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    try:
        run = subprocess.run(
            [sys.executable, "-c", PRODUCTION_PROBE],
            cwd=TOPIC,
            env=env,
            capture_output=True,
            text=True,
            timeout=20,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("a process running the production settings did not finish in 20 s")
    assert run.returncode == 0, (
        "a process with DJANGO_SETTINGS_MODULE=config.production failed:\n"
        + run.stderr.strip()[-600:]
    )
    expected = {
        "text/html": (406, ""),
        BROWSER: (200, "application/json"),
        None: (200, "application/json"),
    }
    wrong = []
    for label, accept, status, content_type in json.loads(run.stdout.strip().splitlines()[-1]):
        want_status, want_type = expected[accept]
        if status != want_status or not content_type.startswith(want_type):
            who = {
                "text/html": "Accept: text/html",
                BROWSER: "a browser's Accept",
                None: "no Accept",
            }[accept]
            wrong.append(
                f"{label} answered {who} with {status} {content_type!r}, expected "
                f"{want_status}" + (f" {want_type}" if want_type else "")
            )
    assert not wrong, (
        "in production: " + "; ".join(wrong) + ". Production is JSON only: text/html alone is "
        "406 Not Acceptable, and a browser (whose Accept ends in */*) gets JSON"
    )
