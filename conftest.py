"""Refuse a pytest run that mixes topics.

Each topic under exercises/ is its own Django project with its own settings,
and pytest-django configures settings once per process: specs of two topics
cannot run in one pytest process. Run one topic at a time, or the grader.
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
COURSE_DIRS = ("exercises", "solutions")


def _topic_of(path: Path) -> str | None:
    """The topic folder a path lies in; '' for exercises/ itself; None outside the course."""
    try:
        rel = path.resolve().relative_to(ROOT)
    except ValueError:
        return None
    parts = rel.parts
    if not parts or parts[0] not in COURSE_DIRS:
        return None
    return "/".join(parts[:2]) if len(parts) > 1 else ""


def pytest_configure(config):
    paths = [Path(arg.split("::", 1)[0]) for arg in config.args]
    topics = {_topic_of(p) for p in paths}
    if topics != {None} and (len(topics) > 1 or "" in topics):
        raise pytest.UsageError(
            "The kit's topics are separate Django projects: run one topic at a time, e.g.\n"
            "    pytest exercises/01_fundamentals\n"
            "or grade them all with the grader:\n"
            "    make grade        (or: grader grade)"
        )
