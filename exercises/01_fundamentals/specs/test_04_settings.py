"""Challenge 4, Settings and configuration: environment helpers and 12-factor deploy settings.

config.deploy is loaded in a fresh interpreter per environment (settings are read once
per process), from the topic folder, with no DJANGO_*/NOTES_* variables but the ones a
spec sets.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

TOPIC_DIR = Path(__file__).resolve().parent.parent
VAR = "NOTES_SPEC_VALUE"

PROBE = """
import json
from django.conf import settings
names = ("SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "NOTES_PAGE_SIZE")
print(json.dumps({name: getattr(settings, name, None) for name in names}))
"""


def read(monkeypatch, helper, value, **kwargs):
    """Call helper(VAR, **kwargs) with VAR set to value (None: unset); describe a raise."""
    if value is None:
        monkeypatch.delenv(VAR, raising=False)
    else:
        monkeypatch.setenv(VAR, value)
    try:
        return helper(VAR, **kwargs)
    except Exception as error:  # reported in the assertion message, not as a traceback
        return f"<raised {type(error).__name__}>"


def mismatches(monkeypatch, helper, cases, **kwargs):
    """The cases {value: expected} the helper gets wrong, as "'value' -> got" strings."""
    wrong = []
    for value, expected in cases.items():
        got = read(monkeypatch, helper, value, **kwargs)
        if got != expected or type(got) is not type(expected):
            shown = "unset" if value is None else repr(value)
            wrong.append(f"{shown} -> {got!r} (expected {expected!r})")
    return wrong


def rejected(monkeypatch, helper, value):
    """The ImproperlyConfigured message for value, or a failure saying what happened."""
    monkeypatch.setenv(VAR, value)
    try:
        outcome = f"returned {helper(VAR)!r}"
    except ImproperlyConfigured as error:
        return str(error)
    except Exception as error:
        outcome = f"raised {type(error).__name__}"
    pytest.fail(
        f"{helper.__name__} {outcome} for {value!r}; expected ImproperlyConfigured naming "
        "the variable"
    )


def run_python(code, **environ):
    """Run code in a fresh interpreter in the topic folder, with only these DJANGO_*/NOTES_*
    variables (and no PYTHONPATH: the topic folder is the current directory)."""
    env = {
        name: value
        for name, value in os.environ.items()
        if name != "PYTHONPATH" and not name.startswith(("DJANGO_", "NOTES_"))
    }
    env.update(environ)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=TOPIC_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def load_deploy(**environ):
    return run_python(PROBE, DJANGO_SETTINGS_MODULE="config.deploy", **environ)


def last_line(text):
    return (text.strip().splitlines() or ["no error output"])[-1]


def deploy_settings(**environ):
    result = load_deploy(**environ)
    assert result.returncode == 0, (
        f"config.deploy failed to load with {environ}: {last_line(result.stderr)}"
    )
    return json.loads(result.stdout)


@pytest.mark.task(1)
def test_env_bool_reads_true_and_false_spellings(monkeypatch):
    from config.env import env_bool

    cases = {"1": True, "true": True, "True": True, " yes ": True, "ON": True}
    cases |= {"0": False, "false": False, "FALSE": False, "no": False, " off ": False}
    wrong = mismatches(monkeypatch, env_bool, cases)
    assert not wrong, f"env_bool read {'; '.join(wrong)}"


@pytest.mark.task(1)
def test_env_bool_unset_or_blank_is_the_default(monkeypatch):
    from config.env import env_bool

    wrong = mismatches(monkeypatch, env_bool, {None: True, "": True, "  ": True}, default=True)
    wrong += mismatches(monkeypatch, env_bool, {None: False, "": False}, default=False)
    assert not wrong, f"env_bool with a default read {'; '.join(wrong)}"


@pytest.mark.task(1)
def test_env_bool_rejects_other_values(monkeypatch):
    from config.env import env_bool

    message = rejected(monkeypatch, env_bool, "ture")
    assert VAR in message, f"the error says {message!r}; expected it to name {VAR}"


@pytest.mark.task(2)
def test_env_list_splits_and_strips(monkeypatch):
    from config.env import env_list

    cases = {
        " a, b ": ["a", "b"],
        "notes.example.com": ["notes.example.com"],
        "a,,b,": ["a", "b"],
    }
    wrong = mismatches(monkeypatch, env_list, cases)
    assert not wrong, f"env_list read {'; '.join(wrong)}"


@pytest.mark.task(2)
def test_env_list_unset_or_blank_is_the_default(monkeypatch):
    from config.env import env_list

    wrong = mismatches(monkeypatch, env_list, {None: [], "": [], " , ": []})
    wrong += mismatches(monkeypatch, env_list, {None: ["x"], "": ["x"]}, default=["x"])
    assert not wrong, f"env_list read {'; '.join(wrong)}"
    monkeypatch.delenv(VAR, raising=False)
    env_list(VAR).append("leaked")
    assert env_list(VAR) == [], (
        f"appending to one env_list() result changed the next one (it returned "
        f"{env_list(VAR)!r}): the results share one list"
    )
    default = ["x"]
    result = env_list(VAR, default=default)
    result.append("leaked")
    assert default == ["x"], (
        f"appending to the result of env_list(..., default=['x']) changed the default "
        f"list the caller passed in, now {default!r}: the result is the default list "
        "itself, not a copy of it"
    )


@pytest.mark.task(3)
def test_env_int_reads_whole_numbers_or_the_default(monkeypatch):
    from config.env import env_int

    wrong = mismatches(
        monkeypatch, env_int, {"42": 42, " 7 ": 7, "-3": -3, None: 5, "": 5}, default=5
    )
    assert not wrong, f"env_int with default=5 read {'; '.join(wrong)}"


@pytest.mark.task(3)
def test_env_int_rejects_non_integers(monkeypatch):
    from config.env import env_int

    for value in ("ten", "4.5"):
        message = rejected(monkeypatch, env_int, value)
        assert VAR in message, (
            f"the error for {value!r} says {message!r}; expected it to name {VAR}"
        )


@pytest.mark.task(4)
def test_deploy_reads_secret_key_debug_and_allowed_hosts():
    loaded = deploy_settings(
        DJANGO_SECRET_KEY="s3cret-from-env",
        DJANGO_DEBUG="false",
        DJANGO_ALLOWED_HOSTS="notes.example.com, www.notes.example.com",
    )
    got = (loaded["SECRET_KEY"], loaded["DEBUG"], loaded["ALLOWED_HOSTS"])
    expected = ("s3cret-from-env", False, ["notes.example.com", "www.notes.example.com"])
    assert got == expected, (
        f"config.deploy has SECRET_KEY, DEBUG, ALLOWED_HOSTS = {got}; expected {expected} "
        "from DJANGO_SECRET_KEY, DJANGO_DEBUG and DJANGO_ALLOWED_HOSTS"
    )


@pytest.mark.task(4)
def test_deploy_debug_is_off_by_default():
    loaded = deploy_settings(DJANGO_SECRET_KEY="s3cret-from-env")
    assert loaded["DEBUG"] is False, (
        f"without DJANGO_DEBUG, config.deploy has DEBUG = {loaded['DEBUG']!r}; expected False "
        "(a forgotten variable must not turn debug pages on in production)"
    )


@pytest.mark.task(4)
def test_deploy_requires_secret_key_when_debug_is_off():
    result = load_deploy(DJANGO_DEBUG="0")
    assert result.returncode != 0, (
        "config.deploy loaded without DJANGO_SECRET_KEY and with DEBUG off; expected "
        "ImproperlyConfigured (the development key is public)"
    )
    assert "ImproperlyConfigured" in result.stderr and "DJANGO_SECRET_KEY" in result.stderr, (
        "config.deploy failed without DJANGO_SECRET_KEY, but not with ImproperlyConfigured "
        f"naming DJANGO_SECRET_KEY: {last_line(result.stderr)}"
    )
    result = load_deploy(DJANGO_DEBUG="1")
    assert result.returncode == 0 and json.loads(result.stdout)["SECRET_KEY"], (
        "with DJANGO_DEBUG on and no DJANGO_SECRET_KEY, config.deploy failed or has no "
        f"SECRET_KEY ({last_line(result.stderr)}); expected it to keep the development "
        "key, so a local run needs no setup"
    )


@pytest.mark.task(5)
def test_deploy_notes_page_size_is_read_with_a_default():
    got = (
        deploy_settings(DJANGO_SECRET_KEY="k")["NOTES_PAGE_SIZE"],
        deploy_settings(DJANGO_SECRET_KEY="k", NOTES_PAGE_SIZE="50")["NOTES_PAGE_SIZE"],
    )
    assert got == (20, 50), (
        f"config.deploy has NOTES_PAGE_SIZE {got[0]!r} without the variable and {got[1]!r} "
        "with NOTES_PAGE_SIZE=50; expected 20 and 50"
    )


@pytest.mark.task(4)
@pytest.mark.passes_on_starter(
    reason="guards the topic's isolation: settings.py must never import config.env or "
    "config.deploy, so a broken settings challenge can't stop the other challenges"
)
def test_dev_settings_stay_independent_of_env_and_deploy():
    """Passes on the starter on purpose: it guards against moving the environment reads
    into config/settings.py, which every other challenge loads."""
    result = run_python(
        "import json, sys, config.settings\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('config'))))"
    )
    assert result.returncode == 0, f"config.settings failed to import: {result.stderr.strip()}"
    loaded = json.loads(result.stdout)
    assert loaded == ["config", "config.settings"], (
        f"importing config.settings also imported {loaded}; expected nothing but "
        "config.settings: read the environment in config/deploy.py only"
    )
