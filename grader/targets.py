"""What to grade: the learner's exercises, the reference solutions, or a folder.

Exercises are graded in place (the child writes no bytecode and no cache).
Solutions are an overlay: each topic is copied to a temporary folder and the
solution files are laid over it, so the reference is never graded in place
and ``solutions/`` is never written to.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from grader.course import Course, CourseError, Topic

IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "db.sqlite3")
NOTES = "NOTES.md"


def overlay(topic_dir: Path, solution_dir: Path, into: Path) -> Path:
    """Copy a topic and lay its solution over it; return the copy."""
    copy = into / topic_dir.name
    shutil.copytree(topic_dir, copy, ignore=IGNORE)
    if solution_dir.is_dir():
        shutil.copytree(solution_dir, copy, ignore=shutil.ignore_patterns(NOTES, "__pycache__", "*.pyc"),
                        dirs_exist_ok=True)
    return copy


@contextmanager
def topic_folders(course: Course, target: str, topics: list[Topic]) -> Iterator[dict[str, Path]]:
    """Map each topic's name to the folder to grade for ``target``."""
    if target == "exercises":
        yield {t.name: course.exercises / t.name for t in topics}
        return
    if target == "solutions":
        with tempfile.TemporaryDirectory(prefix="grader-solutions-") as tmp:
            yield {t.name: overlay(course.exercises / t.name, course.solutions / t.name, Path(tmp))
                   for t in topics}
        return
    folder = Path(target).expanduser()
    if not folder.is_dir():
        raise CourseError(f"--target {target}: not 'exercises', 'solutions' or a folder")
    if (folder / "exercises").is_dir():  # a whole checkout of the kit
        folder = folder / "exercises"
    found = {t.name: folder / t.name for t in topics if (folder / t.name).is_dir()}
    if not found:
        raise CourseError(f"--target {target}: holds none of the topic folders ({topics[0].name}, …)")
    yield found
