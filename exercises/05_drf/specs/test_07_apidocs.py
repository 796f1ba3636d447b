"""Challenge 7, API documentation: the OpenAPI 3 schema of /apidocs/tasks/ (drf-spectacular)."""

import html
import json
import re

import pytest
import yaml

SCHEMA = "/apidocs/schema/"
LIST = "/apidocs/tasks/"
DETAIL = "/apidocs/tasks/{id}/"
COMPLETE = "/apidocs/tasks/{id}/complete/"


def fetch(api_client, query=""):
    try:
        response = api_client.get(SCHEMA + query)
    except Exception as error:  # the generator refused the views: say why, in its words
        pytest.fail(
            f"GET {SCHEMA}{query} raised {type(error).__name__}: {str(error)[:300]}; expected "
            "the schema"
        )
    assert response.status_code == 200, (
        f"GET {SCHEMA}{query} answered {response.status_code}; expected the schema"
    )
    return response


def load_schema(api_client):
    response = fetch(api_client)
    content_type = response.headers.get("Content-Type", "")
    assert content_type.startswith("application/vnd.oai.openapi"), (
        f"GET {SCHEMA} answered Content-Type {content_type!r}; expected the OpenAPI YAML"
    )
    schema = yaml.safe_load(response.content)
    assert isinstance(schema, dict) and str(schema.get("openapi", "")).startswith("3."), (
        f"GET {SCHEMA} is not an OpenAPI 3 document: {str(schema)[:200]}"
    )
    return schema


def resolve(schema, node):
    """Follow a {"$ref": "#/components/..."} to what it names."""
    while isinstance(node, dict) and "$ref" in node:
        target = schema
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def operation(schema, path, method):
    paths = schema.get("paths", {})
    assert path in paths and method in paths[path], (
        f"the schema has no {method.upper()} {path}; it documents {sorted(paths)}"
    )
    return paths[path][method]


def still_works(api_client, url, what):
    """The documented API must still answer: documenting it must not break it."""
    try:
        response = api_client.get(url)
    except Exception as error:
        pytest.fail(f"GET {url} raised {type(error).__name__}: {error}; {what}")
    assert response.status_code == 200, (
        f"GET {url} answered {response.status_code}; expected 200: {what}"
    )
    return response.json()


def json_body_schema(schema, container, what):
    content = (container or {}).get("content", {})
    assert "application/json" in content, f"{what} documents no application/json body: {container}"
    return resolve(schema, content["application/json"].get("schema", {}))


@pytest.mark.task(1)
def test_the_schema_is_a_valid_openapi_3_document(api_client):
    from drf_spectacular.validation import validate_schema
    from jsonschema import ValidationError

    schema = load_schema(api_client)
    info = schema.get("info", {})
    assert (info.get("title"), info.get("version")) == ("Tasks API", "1.0.0"), (
        f"the schema's info is {info}; expected the title 'Tasks API' and the version "
        "'1.0.0'"
    )
    for path in (LIST, DETAIL, COMPLETE):
        operation(schema, path, "get" if path != COMPLETE else "post")
    try:
        validate_schema(schema)
    except ValidationError as error:
        pytest.fail(f"the schema is not valid OpenAPI 3: {error.message} at {list(error.path)}")
    as_json = fetch(api_client, "?format=json")
    assert as_json.headers.get("Content-Type", "").startswith("application/vnd.oai.openapi+json")
    assert json.loads(as_json.content)["info"] == info, "?format=json serves another schema"


@pytest.mark.task(2)
def test_swagger_ui_renders_the_schema(api_client):
    try:
        response = api_client.get("/apidocs/")
    except Exception as error:
        why = {
            "NoReverseMatch": "the page looks the schema up by a URL name that does not exist",
            "TemplateDoesNotExist": "the page's template was not found: it belongs to an app "
            "that is not installed",
        }.get(type(error).__name__, "the Swagger UI page could not be built")
        pytest.fail(
            f"GET /apidocs/ raised {type(error).__name__}: {str(error).rstrip('.')}; {why}"
        )
    content_type = response.headers.get("Content-Type", "")
    assert response.status_code == 200 and content_type.startswith("text/html"), (
        f"GET /apidocs/ answered {response.status_code} {content_type!r}; expected the Swagger "
        "UI page"
    )
    page = response.content.decode()
    # SpectacularSwaggerSplitView keeps its JavaScript (and the schema URL) in a script
    # served at ?script=, so a strict Content-Security-Policy can allow it.
    for src in re.findall(r'<script src="([^"]*\?script=[^"]*)"', page):
        page += api_client.get(html.unescape(src)).content.decode()
    assert SCHEMA in page, (
        f"the Swagger UI page does not load {SCHEMA}: it reads another schema, or none"
    )


@pytest.mark.task(3)
def test_the_complete_action_documents_its_request_and_response(api_client):
    schema = load_schema(api_client)
    post = operation(schema, COMPLETE, "post")
    request = json_body_schema(schema, post.get("requestBody"), f"POST {COMPLETE}'s request")
    properties = set(request.get("properties", {}))
    assert properties == {"completed_at"}, (
        f"POST {COMPLETE} documents a request body with {sorted(properties)}; the action reads "
        "a CompleteTaskSerializer (only completed_at)"
        + (": the schema guessed the viewset's Task" if "title" in properties else "")
    )
    assert "completed_at" not in request.get("required", []), "completed_at is optional"
    responses = post.get("responses", {})
    assert "200" in responses, f"POST {COMPLETE} documents the responses {sorted(responses)}"
    answer = json_body_schema(schema, responses["200"], f"POST {COMPLETE}'s 200 response")
    fields = set(answer.get("properties", {}))
    assert {"id", "title", "done", "completed_at", "is_overdue"} <= fields, (
        f"the 200 response of POST {COMPLETE} documents {sorted(fields)}; it answers the "
        "task" + (": the request's serializer is documented as the response" if fields ==
                  {"completed_at"} else "")
    )
    missing = [code for code in ("400", "404") if not responses.get(code, {}).get("description")]
    assert not missing, (
        f"POST {COMPLETE} does not document {missing}; expected each error response it "
        "answers, with a description"
    )


@pytest.mark.task(4)
def test_the_list_documents_its_done_filter(api_client, owner):
    from model_bakery import baker

    from tasks.models import Task

    schema = load_schema(api_client)
    parameters = {p.get("name"): p for p in operation(schema, LIST, "get").get("parameters", [])}
    done = parameters.get("done")
    assert done and done.get("in") == "query", (
        f"GET {LIST} documents the parameters {sorted(parameters)}; expected the query "
        "parameter done: the generator cannot see what get_queryset() reads by hand"
    )
    assert done.get("schema", {}).get("type") == "boolean", (
        f"the done parameter is documented as {done.get('schema')}; expected a boolean"
    )
    finished = baker.make(Task, owner=owner, title="Finished", done=True, is_private=False)
    baker.make(Task, owner=owner, title="Open", done=False, is_private=False)
    listed = still_works(api_client, LIST + "?done=true", "the list still filters by done")
    assert [item["id"] for item in listed] == [finished.pk], (
        f"GET {LIST}?done=true listed {[item.get('title') for item in listed]}; expected only "
        "the done task: document the parameter, don't change what it does"
    )


@pytest.mark.task(5)
def test_is_overdue_is_documented_as_a_read_only_boolean(api_client, owner):
    import datetime as dt

    from django.utils import timezone
    from model_bakery import baker

    from tasks.models import Task

    schema = load_schema(api_client)
    task = json_body_schema(
        schema, operation(schema, DETAIL, "get")["responses"]["200"], f"GET {DETAIL}"
    )
    field = task.get("properties", {}).get("is_overdue", {})
    assert field.get("type") == "boolean" and field.get("readOnly") is True, (
        f"is_overdue is documented as {field}; expected a read-only boolean"
        + (": the generator cannot tell what get_is_overdue() returns, so it guessed a string"
           if field.get("type") == "string" else "")
    )
    late = baker.make(
        Task,
        owner=owner,
        title="Late",
        done=False,
        is_private=False,
        due=timezone.localdate() - dt.timedelta(days=1),
    )
    data = still_works(
        api_client,
        f"/apidocs/tasks/{late.pk}/",
        "is_overdue must still be computed",
    )
    assert data.get("is_overdue") is True, (
        f"a task due yesterday and open answered is_overdue={data.get('is_overdue')!r}; "
        "expected true: documenting the field must not change its value"
    )
