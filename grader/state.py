"""The learner's progress, kept in ``.grader/state.json`` (ignored by git).

A small document::

    {"version": 1,
     "challenges": {"fundamentals.tour": {"status": "pass",
                                          "at": "2026-11-27T10:00:00+00:00",
                                          "hints": 2}}}

``status`` is the verdict of the last run (pass, fail, error, timeout) and
``at`` when it was given; ``hints`` is how many of the challenge's hints
``grader hint`` has shown. ``topics`` (``{"01_fundamentals": {"duration":
1.8}}``) keeps how long each topic's last full run took, so the next grade
starts the longest first. It is a cache and a courtesy: a missing or corrupt
file (or a corrupt entry) reads as "nothing run, no hints", is rebuilt on
the next write, and never stops a command.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path
from typing import Any

from grader.course import Course
from grader.files import write_atomic

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


def _entry(data: dict[str, Any], challenge_id: str) -> dict[str, Any]:
    entry = data["challenges"].get(challenge_id)
    if not isinstance(entry, dict):
        entry = data["challenges"][challenge_id] = {}
    return entry


def _save(course: Course, data: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):  # progress is a convenience; no command fails for it
        write_atomic(path(course), json.dumps(data, indent=2) + "\n")


def record(course: Course, doc: dict[str, Any], *, verdicts: bool = True, durations: bool = True) -> None:
    """Remember, from ``doc``, the status of every challenge graded (``verdicts``) and how long
    each topic took (``durations``: only for runs of whole topics)."""
    data = load(course)
    if verdicts:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        for topic in doc["topics"]:
            for challenge in topic["challenges"]:
                _entry(data, challenge["id"]).update(status=challenge["status"], at=now)
    if durations:
        if not isinstance(data.get("topics"), dict):
            data["topics"] = {}
        for topic in doc["topics"]:
            data["topics"][topic["id"]] = {"duration": topic["duration"]}
    _save(course, data)


def status_of(data: dict[str, Any], challenge_id: str) -> str | None:
    entry = data["challenges"].get(challenge_id)
    status = entry.get("status") if isinstance(entry, dict) else None
    return status if isinstance(status, str) else None


def durations(course: Course) -> dict[str, float]:
    topics = load(course).get("topics")
    if not isinstance(topics, dict):
        return {}
    return {name: float(entry["duration"]) for name, entry in topics.items()
            if isinstance(entry, dict) and isinstance(entry.get("duration"), (int, float))}


def hints_shown(data: dict[str, Any], challenge_id: str) -> int:
    entry = data["challenges"].get(challenge_id)
    shown = entry.get("hints", 0) if isinstance(entry, dict) else 0
    return shown if isinstance(shown, int) and shown > 0 else 0


def reveal_hint(course: Course, challenge_id: str, available: int) -> int:
    """Count one more hint shown (at most ``available``); return how many are shown now."""
    data = load(course)
    shown = min(hints_shown(data, challenge_id) + 1, available)
    _entry(data, challenge_id)["hints"] = shown
    _save(course, data)
    return shown
