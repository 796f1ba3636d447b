"""Grading: run topics in parallel, one child process each, into a results document."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader import forkserver, results, state
from grader import pristine as kit_record
from grader.course import Challenge, Course, Topic
from grader.forkserver import ForkServer
from grader.runner import TopicRun, WarmChild, child_env, run_topic
from grader.targets import topic_folders

Progress = Callable[[Topic, TopicRun], None]


def default_jobs() -> int:
    return max(2, os.cpu_count() or 2)


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of the runs
class Job:
    """One topic folder to run: ``key`` tells apart the targets of a batch."""

    key: Hashable
    topic: Topic
    folder: Path
    specs: list[str] | None = None


def run_jobs(jobs: list[Job], *, workers: int | None = None, timeout: float | None = None,
             progress: Progress | None = None, warm: WarmChild | None = None,
             durations: dict[str, float] | None = None) -> dict[Job, TopicRun]:
    """Run every job, ``workers`` at a time (default: one per core, at least 2), the
    longest first by the topics' last ``durations`` (a topic never timed counts as longest)."""
    runs: dict[Job, TopicRun] = {}
    if durations:
        jobs = sorted(jobs, key=lambda job: -durations.get(job.topic.name, float("inf")))
    # One job gains nothing from a server: it would pay the imports once all the same.
    server = ForkServer(child_env()) if len(jobs) > 1 and forkserver.available() else None

    def one(job: Job) -> None:
        run = run_topic(job.folder, timeout=timeout or job.topic.timeout, specs=job.specs, warm=warm,
                        server=server)
        runs[job] = run
        if progress:
            progress(job.topic, run)

    try:
        with ThreadPoolExecutor(max_workers=workers or default_jobs()) as pool:
            list(pool.map(one, jobs))
    finally:
        if server:
            server.close()
    return runs


def grade(course: Course, topics: list[Topic], target: str = "exercises", *,
          jobs: int | None = None, timeout: float | None = None,
          only: list[Challenge] | None = None, progress: Progress | None = None,
          record: bool = True, warm: WarmChild | None = None, pristine: bool = False) -> dict[str, Any]:
    """Grade ``topics`` of ``target``; with ``only``, just those challenges' specs;
    ``warm``, a child already started for one of the folders, runs that folder;
    ``pristine``, with the kit's own spec files whatever the target's are."""
    started_at = dt.datetime.now(dt.timezone.utc)
    clock = time.perf_counter()
    with topic_folders(course, target, topics, pristine=pristine) as folders:
        graded = [t for t in topics if t.name in folders]
        todo = [Job(None, t, folders[t.name].run,
                    [c.spec for c in only if c.topic.name == t.name] if only else None) for t in graded]
        runs = {job.topic.name: run for job, run in
                run_jobs(todo, workers=jobs, timeout=timeout, progress=progress, warm=warm,
                         durations=state.durations(course)).items()}
        modified = {t.name: kit_record.specs_modified(course, t.name, folders[t.name].source) for t in graded}
    docs = []
    for topic in graded:
        chosen = [c for c in topic.challenges if c in only] if only else None
        docs.append(results.topic_doc(topic, runs[topic.name], chosen, specs_modified=modified[topic.name]))
    doc = results.document(target_label(target), docs, started_at, time.perf_counter() - clock,
                           pristine=pristine)
    verdicts = record and target == "exercises"
    if verdicts or not only:
        state.record(course, doc, verdicts=verdicts, durations=not only)
    return doc


def target_label(target: str) -> str:
    return target if target in ("exercises", "solutions") else str(Path(target).resolve())
