"""The kit's recorded spec set: the node ids pytest collects from each pristine starter.

``grader freeze`` keeps them in ``exercises/pristine.json`` under ``specs``
(``{"01_fundamentals": ["specs/test_01_tour.py::test_home", …]}``), beside the
checksums. A grade of a whole topic on the kit's spec files must hear from
exactly these specs (see :func:`grader.tampering.spec_set`); ``grader verify``
and ``grader freeze --check`` say when the record no longer matches the specs.
A record written before the spec set was kept reads as "no spec set recorded".
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from grader import pristine, tampering
from grader.course import Course, CourseError, Topic
from grader.events import clip
from grader.runner import child_env

KEY = "specs"
COLLECT_LIMIT = 300.0  # seconds to collect one topic


def collect(folder: Path) -> list[str]:
    """The node ids of the specs in the topic project ``folder``, as the grader's child
    collects them (same pytest options, plugins and environment); CourseError if pytest
    cannot collect them."""
    cmd = [sys.executable, "-m", "pytest", "-c", str(folder / "pytest.ini"), "--rootdir", str(folder),
           "--disable-plugin-autoload", "-p", "pytest_django.plugin", "-p", "no:cacheprovider",
           "--collect-only", "-q", "--color=no", "specs"]
    try:
        done = subprocess.run(cmd, cwd=folder, env=child_env(), capture_output=True, text=True,
                              timeout=COLLECT_LIMIT, check=False)
    except subprocess.TimeoutExpired:
        raise CourseError(f"{folder.name}: collecting its specs took more than {COLLECT_LIMIT:g} s") from None
    if done.returncode != 0:
        raise CourseError(f"{folder.name}: pytest could not collect its specs (exit {done.returncode}):\n"
                          + clip(done.stdout + done.stderr, 1500))
    # -q lists one node id per line, then a blank line and the summary.
    return sorted(line for line in done.stdout.splitlines() if "::" in line and not line.startswith(" "))


def collect_course(course: Course, topics: list[Topic] | None = None) -> dict[str, list[str] | CourseError]:
    """``collect`` for each topic's starter (all, or ``topics``), several at a time; a topic
    that cannot be collected maps to its error."""
    def one(name: str) -> list[str] | CourseError:
        try:
            return collect(course.exercises / name)
        except CourseError as exc:
            return exc

    names = [t.name for t in topics or course.topics]
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(names, pool.map(one, names), strict=True))


def recorded(course: Course) -> dict[str, list[str]]:
    """The recorded spec set of each topic; empty for a record that keeps none."""
    try:
        data = json.loads(pristine.path(course).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    specs = data.get(KEY) if isinstance(data, dict) else None
    if not isinstance(specs, dict):
        return {}
    return {name: [str(n) for n in ids] for name, ids in specs.items() if isinstance(ids, list)}


def stale(course: Course, topics: list[Topic] | None = None) -> list[str]:
    """How the recorded spec sets differ from what the starters collect now, one line each."""
    record = recorded(course)
    problems = []
    for name, ids in collect_course(course, topics).items():
        if isinstance(ids, CourseError):
            problems.append(str(ids))
        elif name not in record:
            problems.append(f"{name}: its spec set is not recorded")
        elif differs := tampering.difference(record[name], ids):
            problems.append(f"{name}: the recorded spec set is out of date: {differs}")
    return problems
