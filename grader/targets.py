"""What to grade: the learner's exercises, the reference solutions, or a folder.

Exercises are graded in place (the child writes no bytecode and no cache).
Solutions are an overlay: each topic is copied to a temporary folder and the
solution files are laid over it, so the reference is never graded in place
and ``solutions/`` is never written to. With ``pristine``, every target is
graded on a temporary copy whose spec files are the kit's own.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from grader import pristine as kit_record
from grader.course import Course, CourseError, Topic

# Never copied: caches, local databases, and what a checkout carries besides the code.
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "db.sqlite3", ".git", ".venv",
                                "node_modules")
NOTES = "NOTES.md"


@dataclass(frozen=True)
class TopicFolder:
    run: Path  # where the specs run
    source: Path  # whose spec files are checked against the kit's record


def overlay(topic_dir: Path, solution_dir: Path, into: Path) -> Path:
    """Copy a topic and lay its solution over it; return the copy."""
    copy = into / topic_dir.name
    shutil.copytree(topic_dir, copy, ignore=IGNORE)
    if solution_dir.is_dir():
        shutil.copytree(solution_dir, copy, ignore=shutil.ignore_patterns(NOTES, "__pycache__", "*.pyc"),
                        dirs_exist_ok=True)
    return copy


def pristine_copy(course: Course, topic_name: str, folder: Path, into: Path) -> Path:
    """A copy of ``folder`` that runs the kit's own spec files."""
    copy = into / topic_name
    shutil.copytree(folder, copy, ignore=IGNORE, symlinks=True)
    kit_record.restore_specs(course, topic_name, copy)
    return copy


def checkout_topics(folder: Path, topics: list[Topic]) -> dict[str, Path]:
    """The topic folders inside ``folder``: a checkout of the kit or its exercises/ folder."""
    if (folder / "exercises").is_dir():
        folder = folder / "exercises"
    return {t.name: folder / t.name for t in topics if (folder / t.name).is_dir()}


@contextmanager
def topic_folders(course: Course, target: str, topics: list[Topic],
                  pristine: bool = False) -> Iterator[dict[str, TopicFolder]]:
    """Map each topic's name to the folders to grade for ``target``."""
    with tempfile.TemporaryDirectory(prefix="grader-") as tmp:
        if target == "exercises":
            found = {t.name: TopicFolder(course.exercises / t.name, course.exercises / t.name) for t in topics}
        elif target == "solutions":
            solved = Path(tmp) / "solutions"
            solved.mkdir()
            found = {t.name: TopicFolder(overlay(course.exercises / t.name, course.solutions / t.name, solved),
                                         course.exercises / t.name) for t in topics}
        else:
            folder = Path(target).expanduser()
            if not folder.is_dir():
                raise CourseError(f"--target {target}: not 'exercises', 'solutions' or a folder")
            found = {name: TopicFolder(path, path) for name, path in checkout_topics(folder, topics).items()}
            if not found:
                raise CourseError(f"--target {target}: holds none of the topic folders ({topics[0].name}, …)")
        if pristine:
            clean = Path(tmp) / "pristine"
            clean.mkdir()
            found = {name: TopicFolder(pristine_copy(course, name, f.run, clean), f.source)
                     for name, f in found.items()}
        yield found
