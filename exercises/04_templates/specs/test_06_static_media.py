"""Challenge 6, Static and media files: the project's static folder, {% static %},
hashed names from manifest storage in production, and recipe image uploads checked
by size and by content, saved under MEDIA_ROOT at the field's upload_to path.

collectstatic and uploads write only into pytest's temporary directories.
"""

import importlib
import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from htmltree import parse
from model_bakery import baker

PAGE = "/gallery/pancakes/image/"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(48))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(48))
GIF = b"GIF89a\x01\x00\x01\x00" + bytes(range(48))


@pytest.fixture
def cook(django_user_model):
    return django_user_model.objects.create_user(username="cook")


@pytest.fixture
def recipe(cook):
    return baker.make("recipes.Recipe", title="Pancakes", slug="pancakes", author=cook)


@pytest.fixture
def cook_client(client, cook):
    client.force_login(cook)
    return client


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploads go to a temporary MEDIA_ROOT, never into the project."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def collect(settings, tmp_path):
    """Production's static storage, collectstatic run into a temporary STATIC_ROOT:
    the manifest's "paths" ({"css/site.css": "css/site.<hash>.css"}). Called inside
    the specs, not as a fixture, so a starter fails them rather than erroring."""
    production = importlib.import_module("config.production")
    storages = getattr(production, "STORAGES", None)
    assert isinstance(storages, dict) and "default" in storages, (
        f"config/production.py's STORAGES is {storages!r}, with no 'default' entry; expected "
        "both 'default' and 'staticfiles': setting STORAGES replaces Django's whole default, "
        "and uploads (the default storage) would stop working"
    )
    settings.STORAGES = production.STORAGES
    settings.STATIC_ROOT = str(tmp_path / "static")
    # The admin's files are collected like any app's; leaving them out keeps the spec fast.
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin"])
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    assert manifest.is_file(), (
        "collectstatic with production's STORAGES wrote no staticfiles.json; expected hashed "
        "copies listed in a manifest: production's static storage keeps the plain names"
    )
    return json.loads(manifest.read_text())["paths"]


def upload(client, name, content, content_type):
    return client.post(
        PAGE, {"image": SimpleUploadedFile(name, content, content_type=content_type)}
    )


def image_form(response):
    """The form in the page's context that has an image field, whatever its name."""
    contexts = response.context if isinstance(response.context, list) else [response.context]
    for context in contexts:
        for value in context.flatten().values():
            if hasattr(value, "fields") and "image" in getattr(value, "fields", {}):
                return value
    pytest.fail(f"POST {PAGE} rendered a page whose context has no form with an image field")


def files_under(root):
    return sorted(p.relative_to(root).as_posix() for p in Path(root).rglob("*") if p.is_file())


# 1. STATICFILES_DIRS ------------------------------------------------------------------


@pytest.mark.task(1)
def test_project_static_folder_is_found(settings):
    from django.contrib.staticfiles import finders

    found = finders.find("css/site.css")
    expected = Path(settings.BASE_DIR) / "static" / "css" / "site.css"
    assert found and Path(found) == expected, (
        f"the staticfiles finders find css/site.css at {found}; expected {expected}: the "
        "finders don't look in the project's static/ folder (only in apps' static/ folders)"
    )


# 2. {% static %} -----------------------------------------------------------------------


@pytest.mark.task(2)
def test_page_links_the_stylesheet_through_static(settings, cook_client, recipe):
    settings.STATIC_URL = "/assets/"
    doc = parse(cook_client.get(PAGE))
    hrefs = [link.attrs.get("href") for link in doc.find_all("link", rel="stylesheet")]
    assert hrefs == ["/assets/css/site.css"], (
        f"with STATIC_URL = '/assets/' the page links the stylesheets {hrefs}; expected "
        "['/assets/css/site.css']: the stylesheet's URL is written by hand, not asked of the "
        "static files storage"
    )


# 3. Hashed names in production -------------------------------------------------------


@pytest.mark.task(3)
def test_collectstatic_writes_hashed_names_and_a_manifest(settings, tmp_path):
    collected = collect(settings, tmp_path)
    hashed = collected.get("css/site.css", "")
    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", hashed), (
        f"the manifest maps css/site.css to {hashed!r}; expected css/site.<12 hex>.css"
    )
    root = Path(settings.STATIC_ROOT)
    assert (root / hashed).is_file(), (
        f"the manifest lists {hashed}, but collectstatic wrote no such file in STATIC_ROOT"
    )
    image = collected.get("img/pattern.svg", "")
    assert image and image in (root / hashed).read_text(), (
        f"the collected {hashed} doesn't refer to {image or 'img/pattern.svg'}; expected its "
        "url() rewritten to the image's hashed name"
    )


@pytest.mark.task(3)
def test_production_pages_link_the_hashed_file(settings, tmp_path, cook_client, recipe):
    collected = collect(settings, tmp_path)
    doc = parse(cook_client.get(PAGE))
    hrefs = [link.attrs.get("href") for link in doc.find_all("link", rel="stylesheet")]
    expected = "/static/" + collected.get("css/site.css", "css/site.<hash>.css")
    assert hrefs == [expected], (
        f"with production's static storage the page links {hrefs}; expected [{expected!r}], "
        "the hashed name from the manifest: the page's URL does not come from the storage"
    )


# 4. MEDIA_URL and MEDIA_ROOT ---------------------------------------------------------


@pytest.mark.task(4)
def test_media_settings(settings):
    assert settings.MEDIA_URL == "/media/", (
        f"MEDIA_URL is {settings.MEDIA_URL!r}; expected 'media/' (or '/media/')"
    )
    root = Path(settings.MEDIA_ROOT)
    assert root.is_absolute() and root == Path(settings.BASE_DIR) / "media", (
        f"MEDIA_ROOT is {settings.MEDIA_ROOT!r}; expected the absolute path BASE_DIR / 'media' "
        "(a relative one depends on the directory the server starts in)"
    )


# 5. Uploads ----------------------------------------------------------------------------


@pytest.mark.task(5)
def test_upload_form_sends_the_file(cook_client, recipe):
    doc = parse(cook_client.get(PAGE))
    form = doc.find("form", method="post")
    assert form is not None and form.find("input", type="file", name="image"), (
        f"{PAGE} has no POST form with a file input named image"
    )
    assert form.attrs.get("enctype") == "multipart/form-data", (
        f"the upload form's enctype is {form.attrs.get('enctype')!r}; expected "
        "multipart/form-data: with any other encoding a browser sends only the file's name"
    )


def upload_problem(response):
    """What the form said about an upload it refused, for failure messages."""
    if not response.context:
        return ""
    errors = image_form(response).errors.as_data()
    codes = [error.code for error in errors.get("image", [])]
    if codes == ["required"]:
        return f"; the form says the image is required: the file never reached it ({errors})"
    return f"; the form's errors: {errors}"


@pytest.mark.task(5)
def test_png_and_jpeg_uploads_land_under_media_root(cook_client, recipe, media_root, settings):
    limit = settings.RECIPE_IMAGE_MAX_BYTES
    for name, content, content_type in (
        ("cat.png", PNG, "image/png"),
        ("dish.jpg", JPEG, "image/jpeg"),
        ("full.png", PNG + bytes(limit - len(PNG)), "image/png"),
    ):
        what = f"{name} ({len(content)} bytes)"
        if len(content) == limit:
            what = f"{name}, a PNG of exactly the limit ({limit} bytes)"
        # The upload_to folder comes from the clock at save time: either side of the
        # upload, so a month that ends during the spec doesn't change its verdict.
        folders = {timezone.now().strftime("recipes/%Y/%m/")}
        before = recipe.image.name
        response = upload(cook_client, name, content, content_type)
        folders.add(timezone.now().strftime("recipes/%Y/%m/"))
        recipe.refresh_from_db()
        problem = upload_problem(response)
        if len(content) == limit and response.status_code == 200:
            problem = (
                "; a file of exactly the limit is refused: only a larger one is too large" + problem
            )
        assert response.status_code == 302 and recipe.image and recipe.image.name != before, (
            f"uploading {what} answered {response.status_code} and the recipe's image is "
            f"{recipe.image.name!r}; expected a redirect and the file saved{problem}"
        )
        assert any(recipe.image.name.startswith(folder) for folder in folders), (
            f"the image was saved as {recipe.image.name!r}; expected it under "
            f"{' or '.join(sorted(folders))}, the model field's upload_to"
        )
        saved = media_root / recipe.image.name
        assert saved.is_file(), (
            f"the recipe's image is {recipe.image.name!r}, but MEDIA_ROOT has no file there; "
            f"files under MEDIA_ROOT: {files_under(media_root)}"
        )
        assert saved.read_bytes() == content, (
            f"the saved {name} holds {len(saved.read_bytes())} bytes that differ from the "
            f"{len(content)} uploaded"
        )
        assert recipe.image.url == "/media/" + recipe.image.name, (
            f"the image's URL is {recipe.image.url!r}; expected it under MEDIA_URL /media/"
        )


@pytest.mark.task(5)
def test_bad_uploads_are_refused_with_form_errors(cook_client, recipe, media_root, settings):
    limit = settings.RECIPE_IMAGE_MAX_BYTES
    by_content = (
        "the type was judged by the name or the Content-Type the sender chose, not by the "
        "file's content"
    )
    cases = {
        f"a PNG of {limit + 1} bytes (one byte over the limit)": (
            ("big.png", PNG + bytes(limit + 1 - len(PNG)), "image/png"),
            f"the size is not checked against settings.RECIPE_IMAGE_MAX_BYTES ({limit})",
        ),
        "a GIF": (("cat.gif", GIF, "image/gif"), by_content),
        "a text file named cat.png, sent as image/png": (
            ("cat.png", b"Not a picture at all.\n" * 4, "image/png"),
            by_content,
        ),
        "a PDF named menu.jpg": (("menu.jpg", b"%PDF-1.7\n" + bytes(48), "image/jpeg"), by_content),
    }
    for case, ((name, content, content_type), hint) in cases.items():
        response = upload(cook_client, name, content, content_type)
        recipe.refresh_from_db()
        assert response.status_code == 200 and not recipe.image, (
            f"uploading {case} answered {response.status_code} and set the image to "
            f"{recipe.image.name!r}; expected the form again (200) with an error on the image, "
            f"and no image saved: {hint}"
        )
        errors = image_form(response).errors
        assert "image" in errors, (
            f"uploading {case} showed the form errors {errors.as_data()}; expected an error on "
            "the image field"
        )
    response = cook_client.post(PAGE, {})
    assert response.status_code == 200 and "image" in image_form(response).errors, (
        f"a POST without a file answered {response.status_code}; expected the form again with "
        "'required' on the image field: the form took the model's optional field as it is, "
        'and the upload form must not accept "no picture"'
    )
    assert files_under(media_root) == [], (
        f"refused uploads left files under MEDIA_ROOT: {files_under(media_root)}; expected none"
    )


@pytest.mark.task(5)
def test_type_check_reads_the_content_and_leaves_the_file_at_its_first_byte():
    from django.core.exceptions import ValidationError

    from gallery.validators import validate_image_type

    for name, content, is_image in (
        ("cat.png", PNG, True),
        ("notes.png", b"Not a picture at all.\n" * 4, False),
    ):
        upload = SimpleUploadedFile(name, content, content_type="image/png")
        try:
            validate_image_type(upload)
            refused = False
        except ValidationError:
            refused = True
        assert refused != is_image, (
            f"validate_image_type() {'refused' if refused else 'accepted'} {name} (sent as "
            f"image/png), whose content {'is' if is_image else 'is not'} a PNG; expected it "
            f"{'accepted' if is_image else 'refused'}: the type is judged by the content"
        )
        position = upload.tell()
        assert position == 0, (
            f"validate_image_type() left {name} at byte {position}; expected it at its first "
            "byte, as it found it: whoever reads the file next (a checksum, a thumbnail) "
            f"would miss its first {position} bytes"
        )
