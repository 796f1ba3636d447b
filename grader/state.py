"""The learner's progress, kept in ``.grader/state.json`` (ignored by git).

A small document: ``{"version": 1, "challenges": {"fundamentals.tour":
{"status": "pass", "at": "2026-11-27T10:00:00+00:00"}}}``. It is only a
cache of the last verdicts: a missing or corrupt file is rebuilt, never fatal.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from grader.course import Course

VERSION = 1


def path(course: Course) -> Path:
    return course.state_dir / "state.json"


def load(course: Course) -> dict[str, Any]:
    try:
        data = json.loads(path(course).read_text(encoding="utf-8"))
        if data.get("version") == VERSION and isinstance(data.get("challenges"), dict):
            return data
    except (OSError, ValueError, AttributeError):
        pass
    return {"version": VERSION, "challenges": {}}


def record(course: Course, doc: dict[str, Any]) -> None:
    """Remember the status of every challenge graded in ``doc``."""
    data = load(course)
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    for topic in doc["topics"]:
        for challenge in topic["challenges"]:
            entry = data["challenges"].setdefault(challenge["id"], {})
            if isinstance(entry, dict):
                entry.update(status=challenge["status"], at=now)
    try:
        course.state_dir.mkdir(exist_ok=True)
        tmp = path(course).with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        tmp.replace(path(course))
    except OSError:
        pass  # progress is a convenience; grading never fails for it


def status_of(data: dict[str, Any], challenge_id: str) -> str | None:
    entry = data["challenges"].get(challenge_id)
    return entry.get("status") if isinstance(entry, dict) else None
