"""Grading: run topics in parallel, one child process each, into a results document."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from grader import results, state
from grader.course import Challenge, Course, Topic
from grader.runner import TopicRun, WarmChild, run_topic
from grader.targets import topic_folders

Progress = Callable[[Topic, TopicRun], None]


def default_jobs() -> int:
    return max(2, os.cpu_count() or 2)


def grade(course: Course, topics: list[Topic], target: str = "exercises", *,
          jobs: int | None = None, timeout: float | None = None,
          only: list[Challenge] | None = None, progress: Progress | None = None,
          record: bool = True, warm: WarmChild | None = None) -> dict[str, Any]:
    """Grade ``topics`` of ``target``; with ``only``, just those challenges' specs;
    ``warm``, a child already started for one of the folders, runs that folder."""
    started_at = dt.datetime.now(dt.timezone.utc)
    clock = time.perf_counter()
    runs: dict[str, TopicRun] = {}
    with topic_folders(course, target, topics) as folders:
        graded = [t for t in topics if t.name in folders]

        def one(topic: Topic) -> None:
            specs = [c.spec for c in only if c.topic.name == topic.name] if only else None
            run = run_topic(folders[topic.name], timeout=timeout or topic.timeout, specs=specs, warm=warm)
            runs[topic.name] = run
            if progress:
                progress(topic, run)

        with ThreadPoolExecutor(max_workers=jobs or default_jobs()) as pool:
            list(pool.map(one, graded))
    docs = []
    for topic in graded:
        chosen = [c for c in topic.challenges if c in only] if only else None
        docs.append(results.topic_doc(topic, runs[topic.name], chosen))
    doc = results.document(target_label(target), docs, started_at, time.perf_counter() - clock)
    if record and target == "exercises":
        state.record(course, doc)
    return doc


def target_label(target: str) -> str:
    return target if target in ("exercises", "solutions") else str(Path(target).resolve())
