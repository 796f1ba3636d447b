"""reset returns exactly the starter: files the learner created in the challenge's folders
(a migration from makemigrations) are backed up, removed and listed; --restore brings them back."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader import pristine
from grader.course import load_course
from grader.runner import child_env
from tests.conftest import KIT, Course
from tests.test_workflow import git

TOPIC = "02_models"


@pytest.fixture
def models(tmp_path) -> Course:
    """A learner's clone holding the real topic 02 only, with the kit's record of its starters."""
    root = tmp_path / "course"
    for part in ("exercises", "solutions"):
        shutil.copytree(KIT / part / TOPIC, root / part / TOPIC,
                        ignore=shutil.ignore_patterns("__pycache__", "*.sqlite3", ".pytest_cache"))
    pristine.freeze(load_course(root))
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "the kit")
    course = Course(root)
    course.topic = root / "exercises" / TOPIC
    return course


def starter_of(course: Course, folder: str) -> dict[str, str]:
    record = json.loads((course.root / "exercises" / pristine.FILE).read_text())["files"]
    prefix = f"{TOPIC}/{folder}/"
    return {key[len(prefix):]: entry["sha256"] for key, entry in record.items() if key.startswith(prefix)}


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_reset_after_makemigrations_returns_exactly_the_starter_and_restore_brings_it_back(models):
    topic = models.topic
    models_py = topic / "authors" / "models.py"
    mine = models_py.read_text().replace("    def __str__", '    class Meta:\n        ordering = ["last_name"]\n\n'
                                                            "    def __str__")
    models_py.write_text(mine)
    made = subprocess.run([sys.executable, "manage.py", "makemigrations", "authors"], cwd=topic, env=child_env(),
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stdout + made.stderr
    [created] = [p for p in (topic / "authors" / "migrations").glob("0003_*.py")]
    created_text = created.read_text()
    (topic / "authors" / "notes.txt").write_text("my notes on 2.3\n")
    junk = topic / "authors" / "migrations" / "__pycache__" / "0003_x.cpython-312.pyc"
    junk.parent.mkdir(exist_ok=True)
    junk.write_bytes(b"\0bytecode")
    elsewhere = topic / "library" / "scratch.py"  # another challenge's folder: not 2.3's to touch
    elsewhere.write_text("x = 1\n")

    proc = models.grader("reset", "2.3", "--yes")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = " ".join(proc.stdout.split())
    assert f"authors/migrations/{created.name}" in out and "authors/notes.txt" in out, proc.stdout

    assert tree(topic / "authors") == starter_of(models, "authors")  # migrations/ included, bytecode gone
    assert not junk.parent.exists()
    assert elsewhere.read_text() == "x = 1\n"

    [backup] = (models.root / ".grader" / "backups").iterdir()
    kept = backup / "files" / TOPIC
    assert (kept / "authors" / "migrations" / created.name).read_text() == created_text
    assert (kept / "authors" / "models.py").read_text() == mine
    assert not list(kept.rglob("*.pyc"))

    back = models.grader("reset", "--restore", backup.name, "--yes")
    assert back.returncode == 0, back.stdout + back.stderr
    assert created.read_text() == created_text
    assert models_py.read_text() == mine
    assert (topic / "authors" / "notes.txt").read_text() == "my notes on 2.3\n"


def test_reset_leaves_files_created_in_a_shared_folder_and_names_them(course):
    """The fake course: count/ is demo.count's alone, config/ holds shared files."""
    assert course.grader("freeze").returncode == 0
    git(course.root, "init", "-q")
    git(course.root, "add", "-A")
    git(course.root, "commit", "-qm", "the kit")
    course.write("count/helpers.py", "def split(text):\n    return text.split()\n")
    course.write("config/local.py", "DEBUG = True\n")
    course.write("hello/extra.py", "x = 1\n")

    proc = course.grader("reset", "demo.count", "--yes")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "count/helpers.py" in proc.stdout
    assert not (course.topic / "count" / "helpers.py").exists()
    assert (course.topic / "config" / "local.py").exists() and (course.topic / "hello" / "extra.py").exists()
    assert "config/local.py" not in proc.stdout  # demo.count has nothing in config/

    nothing = course.grader("reset", "demo.count", "--yes")
    assert "nothing to reset" in nothing.stdout
