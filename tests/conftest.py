"""Fixtures for the kit's own tests: a copy of the fake course to break."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

KIT = Path(__file__).resolve().parent.parent
FAKE = Path(__file__).resolve().parent / "fake_course"


class Course:
    """A throwaway copy of the fake course, and the grader run on it."""

    def __init__(self, root: Path):
        self.root = root
        self.topic = root / "exercises" / "01_demo"

    def write(self, rel: str, text: str) -> None:
        (self.topic / rel).write_text(text, encoding="utf-8")

    def grader(self, *args: str, env: dict[str, str] | None = None, timeout: float = 120):
        full_env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
        full_env.update(env or {})
        return subprocess.run([sys.executable, "-m", "grader", "--course", str(self.root), *args],
                              capture_output=True, text=True, env=full_env, timeout=timeout, cwd=KIT)

    def grade(self, *args: str, env: dict[str, str] | None = None) -> dict:
        out = self.root / "results.json"
        proc = self.grader("grade", "--json", str(out), *args, env=env)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
        doc = json.loads(out.read_text())
        validate_results(doc)
        doc["_stdout"] = proc.stdout
        return doc


@pytest.fixture
def course(tmp_path) -> Course:
    root = tmp_path / "course"
    shutil.copytree(FAKE, root, ignore=shutil.ignore_patterns("__pycache__", ".grader"))
    return Course(root)


@functools.cache
def _results_validator():
    import jsonschema

    from grader.results import SCHEMA_PATH

    schema = json.loads(SCHEMA_PATH.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def validate_results(doc: dict) -> None:
    """Every results document a test produces must match the published schema."""
    _results_validator().validate(doc)


def challenges(doc: dict) -> dict[str, dict]:
    return {c["id"]: c for t in doc["topics"] for c in t["challenges"]}
