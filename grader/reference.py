"""A challenge's files three ways: the learner's, the kit's starter, the reference."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from grader import pristine
from grader.course import Challenge, Course, CourseError


@dataclass(frozen=True)
class ChallengeFile:
    rel: str  # relative to the topic folder
    shared: bool  # a shared file: other challenges' changes live in it too
    mine: Path  # the learner's copy, under exercises/
    reference: Path  # the solution's copy (may not exist: the reference keeps the starter)


def starter_text(course: Course, challenge: Challenge, rel: str) -> str | None:
    """The kit's starter of ``rel``; None when neither the record nor git has it."""
    try:
        return pristine.starter(course, challenge.topic.name, rel).decode("utf-8", "replace")
    except CourseError:
        return None


def files(course: Course, challenge: Challenge) -> list[ChallengeFile]:
    """The challenge's own files, then the shared files whose starter has a ``TODO: [slug]``."""
    topic = challenge.topic
    mine = course.exercises / topic.name
    ref = course.solutions / topic.name
    found = [ChallengeFile(rel, False, mine / rel, ref / rel) for rel in challenge.files]
    marker = f"TODO: [{challenge.slug}]"
    for rel in topic.shared_files:
        text = starter_text(course, challenge, rel)
        if text is None and (mine / rel).is_file():
            text = (mine / rel).read_text(encoding="utf-8", errors="replace")
        if text and marker in text:
            found.append(ChallengeFile(rel, True, mine / rel, ref / rel))
    return found


def names(course: Course, challenge: Challenge) -> list[str]:
    """The files a challenge's tasks edit, as check and watch list them: its own, then the
    shared files that carry a ``TODO: [slug]`` for it (1.1 edits config/settings.py too)."""
    return [f.rel for f in files(course, challenge)]


def notes_section(course: Course, challenge: Challenge) -> str | None:
    """The ``## <title>`` section of the topic's NOTES.md, heading included."""
    try:
        text = (course.solutions / challenge.topic.name / "NOTES.md").read_text(encoding="utf-8")
    except OSError:
        return None
    lines, taking = [], False
    for line in text.splitlines():
        if line.startswith("## "):
            taking = line[3:].strip() == challenge.title
        if taking:
            lines.append(line)
    return "\n".join(lines).strip() or None
