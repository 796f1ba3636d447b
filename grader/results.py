"""The results document: what a grade found, per topic, challenge and spec.

Versioned JSON; its JSON Schema is ``grader/results.schema.json``. Every
report (the table, ``check``, ``list``, exporters) reads this document.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from grader import __version__, tampering
from grader.course import Challenge, Topic
from grader.files import write_atomic
from grader.runner import SpecRun, TopicRun

# 2: every topic has ``tampering``, the document ``partial``.
SCHEMA_VERSION = 2
SCHEMA_PATH = Path(__file__).with_name("results.schema.json")
STATUSES = ("pass", "fail", "error", "timeout")


def _spec_doc(spec: SpecRun) -> dict[str, Any]:
    return {
        "name": spec.name,
        "nodeid": spec.nodeid,
        "task": spec.task,
        "status": spec.status,
        "message": spec.message,
        "duration": spec.duration,
        "passes_on_starter": spec.passes_on_starter,
    }


def challenge_doc(challenge: Challenge, run: TopicRun) -> dict[str, Any]:
    specs = [s for s in run.specs.values() if s.file == challenge.spec]
    load_errors = [e for e in run.load_errors if e["file"] in challenge.files]
    collect_errors = [e for e in run.collect_errors if e["file"] == challenge.spec]
    passed = sum(s.status == "pass" for s in specs)
    if run.topic_error:
        status, message = "error", f"the topic could not be loaded: {run.topic_error}"
    elif load_errors:
        timed_out = all(e.get("timeout") for e in load_errors)
        status = "timeout" if timed_out else "error"
        message = "could not be loaded: " + "; ".join(e["message"] for e in load_errors)
    elif collect_errors:
        status = "error"
        message = f"the spec file {challenge.spec} could not be collected:\n{collect_errors[0]['message']}"
    elif not specs:
        status, message = "error", f"no specs found in {challenge.spec}"
    else:
        worst = next((s for s in specs if s.status == "timeout"), None) or next(
            (s for s in specs if s.status == "error"), None) or next(
            (s for s in specs if s.status != "pass"), None)
        if worst is None:
            status, message = "pass", ""
        else:
            status = {"timeout": "timeout", "error": "error"}.get(worst.status, "fail")
            message = f"{worst.name}: {worst.message}" if worst.message else worst.name
    return {
        "id": challenge.id,
        "number": challenge.number,
        "title": challenge.title,
        "difficulty": challenge.difficulty,
        "status": status,
        "message": message,
        "points": challenge.points if status == "pass" else 0,
        "max_points": challenge.points,
        "specs_passed": passed,
        "specs_total": len(specs),
        "specs": [_spec_doc(s) for s in specs],
    }


def totals(challenges: list[dict[str, Any]]) -> dict[str, Any]:
    """The counts of a list of challenge documents (a topic's, or every topic's)."""
    return {
        "challenges": len(challenges),
        "challenges_passed": sum(c["status"] == "pass" for c in challenges),
        "specs": sum(c["specs_total"] for c in challenges),
        "specs_passed": sum(c["specs_passed"] for c in challenges),
        "points": sum(c["points"] for c in challenges),
        "max_points": sum(c["max_points"] for c in challenges),
        "by_status": {s: sum(c["status"] == s for c in challenges) for s in STATUSES},
    }


def topic_doc(topic: Topic, run: TopicRun, challenges: list[Challenge] | None = None,
              specs_modified: list[str] | None = None) -> dict[str, Any]:
    docs = [challenge_doc(c, run) for c in (challenges or topic.challenges)]
    return {
        "id": topic.name,
        "number": topic.number,
        "slug": topic.slug,
        "title": topic.title,
        "status": "error" if run.topic_error else "ok",
        "message": run.topic_error or "",
        "duration": run.duration,
        "specs_modified": list(specs_modified or []),
        "tampering": tampering.limit(list(dict.fromkeys(run.tampering))),
        "challenges": docs,
        "totals": totals(docs),
    }


def document(target: str, topics: list[dict[str, Any]], started: dt.datetime, duration: float,
             pristine: bool = False, partial: bool = False) -> dict[str, Any]:
    """``partial``: the grade was interrupted; ``topics`` holds what was finished."""
    every = [c for t in topics for c in t["challenges"]]
    return {
        "schema_version": SCHEMA_VERSION,
        "grader_version": __version__,
        "target": target,
        "pristine": pristine,
        "partial": partial,
        "started_at": started.isoformat(timespec="seconds"),
        "duration": round(duration, 3),
        "topics": topics,
        "totals": totals(every),
    }


def write(doc: dict[str, Any], path: Path) -> None:
    write_atomic(path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def read(path: Path) -> dict[str, Any] | None:
    """A saved document, or None if it is missing, corrupt or of another version."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("schema_version") != SCHEMA_VERSION:
        return None
    return doc
