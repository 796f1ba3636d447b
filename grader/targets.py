"""What to grade: the learner's exercises, the reference solutions, or a folder.

Exercises are graded in place (the child writes no bytecode and no cache).
Solutions are an overlay: each topic is copied to a temporary folder and the
solution files are laid over it, so the reference is never graded in place
and ``solutions/`` is never written to. With ``pristine``, every target is
graded on a temporary copy whose spec files are the kit's own.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from grader import pristine as kit_record
from grader import ui
from grader.course import Course, CourseError, Topic

# Never copied: caches, local databases, and what a checkout carries besides the code.
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "db.sqlite3", ".git", ".venv",
                                "node_modules")
NOTES = "NOTES.md"


@dataclass(frozen=True)
class TopicFolder:
    run: Path  # where the specs run
    source: Path  # whose spec files are checked against the kit's record


def copy_tree(source: Path, into: Path) -> list[str]:
    """Copy a folder of code without following links: a link whose target stays inside the
    copy is copied as a link, one that leaves it is dropped; anything but a regular file
    (a pipe, a device) is dropped too. Returns one line per entry dropped."""
    dropped: list[str] = []

    def regular_only(src: str, dst: str) -> None:
        if not stat.S_ISREG(os.lstat(src).st_mode):
            dropped.append(f"{Path(src).relative_to(source).as_posix()}: not a regular file, not copied")
            return
        shutil.copy2(src, dst, follow_symlinks=False)

    shutil.copytree(source, into, ignore=IGNORE, symlinks=True, copy_function=regular_only)
    root = os.path.realpath(into)
    for current, dirs, files in os.walk(into, followlinks=False):
        for name in [*dirs, *files]:
            path = os.path.join(current, name)
            if os.path.islink(path) and os.path.commonpath([root, os.path.realpath(path)]) != root:
                os.unlink(path)
                dropped.append(f"{Path(path).relative_to(into).as_posix()}: a link to a path outside the "
                               "checkout, not copied")
    return sorted(dropped)


def overlay(topic_dir: Path, solution_dir: Path, into: Path) -> Path:
    """Copy a topic and lay its solution over it; return the copy."""
    copy = into / topic_dir.name
    copy_tree(topic_dir, copy)
    if solution_dir.is_dir():
        for path in sorted(solution_dir.rglob("*")):
            rel = path.relative_to(solution_dir)
            if path.is_file() and not path.is_symlink() and path.name != NOTES and not _compiled(rel):
                kit_record.put(copy, rel.as_posix(), path.read_bytes())
    return copy


def _compiled(rel: Path) -> bool:
    return "__pycache__" in rel.parts or rel.suffix == ".pyc"


def pristine_copy(course: Course, topic_name: str, folder: Path, into: Path) -> tuple[Path, list[str]]:
    """A copy of ``folder`` that runs the kit's own spec files, and what was left out of it
    (``copy_tree``), one line each."""
    copy = into / topic_name
    dropped = copy_tree(folder, copy)
    kit_record.restore_specs(course, topic_name, copy)
    return copy, dropped


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
            copies = {}
            for name, f in found.items():
                copy, dropped = pristine_copy(course, name, f.run, clean)
                for line in dropped:
                    ui.err.print(f"{name}/{line}")
                copies[name] = TopicFolder(copy, f.source)
            found = copies
        yield found
