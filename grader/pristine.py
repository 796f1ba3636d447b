"""The kit's pristine starters: what every file under ``exercises/`` held as shipped.

``exercises/pristine.json`` records, for every file of every topic folder, its
SHA-256 and its git blob id. Maintainers rewrite it with ``grader freeze``
and ``grader verify`` fails while it is stale. With it, ``reset`` and
``diff`` fetch the kit's version of a file from the git history by blob id,
so they work even after a learner has committed their own changes, and the
grader can tell that a spec file was edited.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

from grader.course import Course, CourseError, Topic
from grader.files import write_atomic

FILE = "pristine.json"
VERSION = 1
JUNK_DIRS = {"__pycache__", ".pytest_cache", "media", "staticfiles"}
JUNK_SUFFIXES = (".pyc", ".sqlite3", ".sqlite3-journal")


def blob_id(data: bytes) -> str:
    """The id git gives a file with these bytes (``git hash-object``)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files(folder: Path) -> list[Path]:
    """The files the record keeps: junk folders and suffixes skipped, except that a spec file
    is kept wherever it is (pytest loads a ``specs/media/conftest.py`` all the same)."""
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and (_is_spec_entry(p.relative_to(folder).as_posix())
                                      or (not JUNK_DIRS.intersection(p.relative_to(folder).parts[:-1])
                                          and not p.name.endswith(JUNK_SUFFIXES))))


def scan(course: Course) -> dict[str, dict[str, str]]:
    """Checksums of the topic folders as they are now, keyed ``01_fundamentals/notes/admin.py``."""
    found = {}
    for topic in course.topics:
        folder = course.exercises / topic.name
        for path in _files(folder):
            data = path.read_bytes()
            found[f"{topic.name}/{path.relative_to(folder).as_posix()}"] = {
                "sha256": digest(data), "blob": blob_id(data)}
    return found


def path(course: Course) -> Path:
    return course.exercises / FILE


def load(course: Course) -> dict[str, dict[str, str]] | None:
    try:
        data = json.loads(path(course).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("files"), dict):
        return None
    return data["files"]


def freeze(course: Course, specs: dict[str, list[str]] | None = None) -> Path:
    """Write the record: every file's checksums, and ``specs``, each topic's spec set
    (see grader.specset), if given."""
    doc: dict[str, Any] = {
        "version": VERSION,
        "about": "The kit's starter files as shipped, and the specs each topic collects; "
                 "maintainers regenerate it with `grader freeze`.",
        "files": scan(course),
    }
    if specs is not None:
        doc["specs"] = specs
    target = path(course)
    write_atomic(target, json.dumps(doc, indent=1, sort_keys=True) + "\n")
    return target


def stale(course: Course, topics: list[Topic] | None = None) -> list[str]:
    """What differs between the topic folders (all, or ``topics``) and the record, one line each."""
    recorded = load(course)
    if recorded is None:
        return [f"exercises/{FILE} is missing or unreadable"]
    names = {t.name for t in topics or course.topics}
    current = {k: v for k, v in scan(course).items() if k.split("/", 1)[0] in names}
    recorded = {k: v for k, v in recorded.items() if k.split("/", 1)[0] in names}
    problems = [f"{rel}: changed" for rel in sorted(current.keys() & recorded.keys())
                if current[rel]["sha256"] != recorded[rel].get("sha256")]
    problems += [f"{rel}: not recorded" for rel in sorted(current.keys() - recorded.keys())]
    problems += [f"{rel}: recorded but missing" for rel in sorted(recorded.keys() - current.keys())]
    return problems


def starter(course: Course, topic_name: str, rel: str) -> bytes:
    """The kit's version of ``exercises/<topic>/<rel>``; CourseError if it cannot be found."""
    key = f"{topic_name}/{rel}"
    entry = (load(course) or {}).get(key)
    if not entry:
        raise CourseError(f"exercises/{key}: the kit has no record of its starter "
                          f"(exercises/{FILE} is missing or does not list it)")
    return _fetch(course, key, entry)


def starter_or_absent(course: Course, topic_name: str, rel: str) -> bytes | None:
    """As ``starter``, but None for a file the kit does not ship (the learner creates it)."""
    recorded = load(course)
    if recorded is None:
        raise CourseError(f"exercises/{FILE} is missing: the kit's starters are unknown")
    entry = recorded.get(f"{topic_name}/{rel}")
    return _fetch(course, f"{topic_name}/{rel}", entry) if entry else None


def _fetch(course: Course, key: str, entry: dict[str, str]) -> bytes:
    current = course.exercises / key
    if current.is_file():
        data = current.read_bytes()
        if digest(data) == entry.get("sha256"):
            return data
    git = shutil.which("git")
    data = None
    if git:
        done = subprocess.run([git, "-C", str(course.root), "cat-file", "blob", str(entry.get("blob"))],
                              capture_output=True, check=False)
        data = done.stdout if done.returncode == 0 else None
    if data is None or digest(data) != entry.get("sha256"):
        raise CourseError(f"exercises/{key}: cannot find the kit's version in the git history "
                          "(this needs a git clone of the kit, not a downloaded archive)")
    return data


def is_spec_file(rel: str) -> bool:
    """The files that decide a grade rather than hold the learner's answer: the specs,
    every conftest.py, the pytest.ini and the manifest."""
    name = rel.rsplit("/", 1)[-1]
    return rel.startswith("specs/") or name == "conftest.py" or rel in ("pytest.ini", "topic.toml")


def _is_spec_entry(rel: str) -> bool:
    """A spec file as far as detection goes: bytecode is never one (the child writes none and
    copies drop it), and anything standing where the ``specs`` folder should be is."""
    parts = rel.split("/")
    if "__pycache__" in parts[:-1] or rel.endswith(".pyc"):
        return False
    return rel == "specs" or is_spec_file(rel)


def _spec_entries(folder: Path) -> dict[str, bool]:
    """Every spec file in ``folder``, whatever folder it sits in, without following a link:
    ``rel -> True`` for a regular file, False for anything else (a link to a file or a folder,
    a pipe, a device), which never stands for a spec file."""
    found: dict[str, bool] = {}
    for current, dirs, files in os.walk(folder, followlinks=False):
        base = Path(current).relative_to(folder).as_posix()
        prefix = "" if base == "." else base + "/"
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        links = [d for d in dirs if os.path.islink(os.path.join(current, d))]
        for name in [*files, *links]:
            rel = prefix + name
            if _is_spec_entry(rel) or (name in links and _may_hold_specs(rel)):
                found[rel] = stat.S_ISREG(os.lstat(os.path.join(current, name)).st_mode)
    return found


def _may_hold_specs(rel: str) -> bool:
    """A linked folder here would show pytest spec files the kit does not have."""
    return rel.startswith("specs/")


def _spec_files_in(folder: Path) -> set[str]:
    return set(_spec_entries(folder))


def _read_regular(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a regular file, never through a link; else None."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        return handle.read()


def _recorded_specs(course: Course, topic_name: str) -> dict[str, dict[str, str]] | None:
    recorded = load(course)
    if recorded is None:
        return None
    prefix = f"{topic_name}/"
    return {k[len(prefix):]: v for k, v in recorded.items() if k.startswith(prefix) and is_spec_file(k[len(prefix):])}


def specs_modified(course: Course, topic_name: str, folder: Path) -> list[str]:
    """Spec files of the topic in ``folder`` that differ from the kit's: edited, added or
    removed, or standing as a link (never read through). Empty when the kit has no record."""
    recorded = _recorded_specs(course, topic_name)
    if not recorded:
        return []
    present = _spec_entries(folder)

    def differs(rel: str) -> bool:
        if rel not in recorded or not present.get(rel):
            return True
        data = _read_regular(folder / rel)
        return data is None or digest(data) != recorded[rel].get("sha256")

    return [rel for rel in sorted(present.keys() | recorded.keys()) if differs(rel)]


def restore_specs(course: Course, topic_name: str, folder: Path) -> None:
    """Make ``folder`` (a copy of a topic) run the kit's own specs: recorded spec files put
    back as shipped, spec files the kit does not have removed. Never writes through a link:
    a link standing for a spec file, or for a folder on its path, is replaced."""
    recorded = _recorded_specs(course, topic_name)
    if not recorded:
        raise CourseError(f"exercises/{FILE} has no record of {topic_name}'s specs: "
                          "cannot grade with the kit's pristine specs")
    for rel, regular in sorted(_spec_entries(folder).items(), reverse=True):
        if rel not in recorded or not regular:
            _remove(folder / rel)
    for rel, entry in recorded.items():
        put(folder, rel, _fetch(course, f"{topic_name}/{rel}", entry))


def _remove(path: Path) -> None:
    """Remove a file, a link (not its target) or a folder."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def put(root: Path, rel: str, data: bytes) -> None:
    """Write ``data`` as the new file ``root/rel``, never through a link: each folder on the
    way is opened without following links (a link or a file in the way is replaced by a
    folder), and whatever stood at ``rel`` is removed before the file is created."""
    parts = rel.split("/")
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for name in parts[:-1]:
            try:
                inner = _open_dir(name, fd)
            except FileNotFoundError:
                os.mkdir(name, dir_fd=fd)
                inner = _open_dir(name, fd)
            except OSError as exc:
                if exc.errno not in (errno.ELOOP, errno.ENOTDIR):
                    raise
                os.unlink(name, dir_fd=fd)
                os.mkdir(name, dir_fd=fd)
                inner = _open_dir(name, fd)
            os.close(fd)
            fd = inner
        name = parts[-1]
        with contextlib.suppress(FileNotFoundError):
            if stat.S_ISDIR(os.lstat(name, dir_fd=fd).st_mode):
                shutil.rmtree(name, dir_fd=fd)
            else:
                os.unlink(name, dir_fd=fd)
        out = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644, dir_fd=fd)
        with os.fdopen(out, "wb") as handle:
            handle.write(data)
    finally:
        os.close(fd)


def _open_dir(name: str, dir_fd: int) -> int:
    return os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=dir_fd)
