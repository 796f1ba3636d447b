"""The course's own lint: manifests, files, hints and notes agree."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

from grader.course import SLUG, Course, Topic

TODO = re.compile(r"TODO:")


def topic_problems(course: Course, topic: Topic) -> list[str]:
    where = f"exercises/{topic.name}"
    folder = course.exercises / topic.name
    solution = course.solutions / topic.name
    problems: list[str] = []

    def bad(message: str) -> None:
        problems.append(f"{where}: {message}")

    ini = configparser.ConfigParser(interpolation=None)
    ini.read(folder / "pytest.ini", encoding="utf-8")
    if not ini.get("pytest", "DJANGO_SETTINGS_MODULE", fallback=""):
        bad("pytest.ini must set DJANGO_SETTINGS_MODULE")
    if not (folder / "README.md").is_file():
        bad("README.md is missing")
    if not topic.challenges:
        bad("topic.toml lists no challenges")

    slugs = [c.slug for c in topic.challenges]
    for slug in {s for s in slugs if slugs.count(s) > 1}:
        bad(f"challenge slug {slug!r} is used twice")
    specs_listed = [c.spec for c in topic.challenges]
    for spec in {s for s in specs_listed if specs_listed.count(s) > 1}:
        bad(f"spec file {spec} belongs to more than one challenge")
    on_disk = {p.relative_to(folder).as_posix() for p in (folder / "specs").glob("test_*.py")}
    for spec in sorted(on_disk - set(specs_listed)):
        bad(f"spec file {spec} belongs to no challenge")

    owned: dict[str, str] = {}
    notes = _notes_headings(solution / "NOTES.md")
    for c in topic.challenges:
        label = f"challenge {c.id}"
        if not SLUG.match(c.slug):
            bad(f"{label}: slug must be lowercase letters, digits and _")
        if not (folder / c.spec).is_file():
            bad(f"{label}: spec file {c.spec} is missing")
        if not 1 <= c.difficulty <= 3:
            bad(f"{label}: difficulty must be 1, 2 or 3")
        if c.points < 0:
            bad(f"{label}: points must not be negative")
        if len(c.hints) < 2:
            bad(f"{label}: needs at least 2 progressive hints")
        if not c.files:
            bad(f"{label}: lists no files for the learner to edit")
        for rel in c.files:
            if rel in owned:
                bad(f"{label}: {rel} is also listed by {owned[rel]} (list it in shared_files)")
            owned[rel] = c.id
            if not (folder / rel).is_file() and not (solution / rel).is_file():
                bad(f"{label}: listed file {rel} exists neither in the starter nor in the solution")
        starters = [folder / rel for rel in (*c.files, *topic.shared_files) if (folder / rel).is_file()]
        if not any(TODO.search(p.read_text(encoding="utf-8", errors="replace")) for p in starters):
            bad(f"{label}: none of its starter files has a 'TODO:' marking the gap")
        if notes is not None and c.title not in notes:
            problems.append(f"solutions/{topic.name}/NOTES.md: no section '## {c.title}' for {c.id}")
    for rel in topic.shared_files:
        if not (folder / rel).is_file():
            bad(f"shared file {rel} is missing")

    if notes is None:
        problems.append(f"solutions/{topic.name}/NOTES.md is missing")
    if solution.is_dir():
        allowed = set(owned) | set(topic.shared_files)
        for path in sorted(p for p in solution.rglob("*") if p.is_file()):
            rel = path.relative_to(solution).as_posix()
            if rel == "NOTES.md" or "__pycache__" in rel:
                continue
            if rel not in allowed:
                problems.append(f"solutions/{topic.name}/{rel}: not listed in any challenge's files")
    return problems


def _notes_headings(path: Path) -> set[str] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    return {line[3:].strip() for line in text.splitlines() if line.startswith("## ")}


def course_problems(course: Course) -> list[str]:
    problems = []
    for topic in course.topics:
        problems += topic_problems(course, topic)
    for folder in sorted(p for p in course.solutions.iterdir() if p.is_dir()) if course.solutions.is_dir() else []:
        if not (course.exercises / folder.name).is_dir():
            problems.append(f"solutions/{folder.name}: no matching exercises/{folder.name}")
    return problems
