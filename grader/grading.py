"""Grading: run topics in parallel, one child process each, into a results document."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Collection, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader import forkserver, processes, results, runner, specset, state, tampering
from grader import pristine as kit_record
from grader.course import Challenge, Course, Topic
from grader.forkserver import ForkServer
from grader.runner import TopicRun, WarmChild, child_env, run_topic
from grader.targets import topic_folders

Progress = Callable[[Topic, TopicRun], None]


class Interrupted(KeyboardInterrupt):
    """Ctrl-C stopped a grade: ``runs`` holds the topics that had finished."""

    def __init__(self, runs: dict):
        super().__init__("interrupted")
        self.runs = runs


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
             durations: dict[str, float] | None = None, memory_mb: int | None = None) -> dict[Job, TopicRun]:
    """Run every job, ``workers`` at a time (default: one per core, at least 2), the
    longest first by the topics' last ``durations`` (a topic never timed counts as longest).
    Ctrl-C stops every child at once and raises Interrupted with the topics that finished.
    Afterwards no process started by a topic's code is left running."""
    runs: dict[Job, TopicRun] = {}
    processes.become_subreaper()
    if durations:
        jobs = sorted(jobs, key=lambda job: -durations.get(job.topic.name, float("inf")))
    # One job gains nothing from a server: it would pay the imports once all the same.
    server = ForkServer(child_env()) if len(jobs) > 1 and forkserver.available() else None

    def one(job: Job) -> None:
        run = run_topic(job.folder, timeout=timeout or job.topic.timeout, specs=job.specs, warm=warm,
                        server=server, memory_mb=memory_mb)
        if runner.CANCEL.is_set():
            return
        runs[job] = run
        if progress:
            progress(job.topic, run)

    pool = ThreadPoolExecutor(max_workers=workers or default_jobs())
    try:
        for future in [pool.submit(one, job) for job in jobs]:
            future.result()
    except KeyboardInterrupt:
        runner.CANCEL.set()
        raise Interrupted(dict(runs)) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        runner.CANCEL.clear()
        if server:
            server.close()
        # Orphans the topics' code left behind that escaped the other nets (their environment
        # cleared, their parent gone): adopted by this process, they are its children now.
        processes.kill_strays()
    return runs


def note_tampering(course: Course, runs: dict[Job, TopicRun], kit_specs: Collection[Job] | None = None) -> None:
    """Add to each run's ``tampering`` what the grader finds itself, while the folders that ran
    still exist: the static scan of the learner's files and, for a whole topic run on the kit's
    spec files (the jobs in ``kit_specs``; None: every job), whether the specs that reported
    are the kit's recorded spec set."""
    recorded = specset.recorded(course)
    for job, run in runs.items():
        found = tampering.scan(job.folder)
        expected = recorded.get(job.topic.name)
        if (job.specs is None and (kit_specs is None or job in kit_specs) and expected is not None
                and not run.topic_error):
            # A spec file that could not be collected is its challenge's error, not a missing spec.
            broken = {e.get("file") for e in run.collect_errors}
            reported = [n for n, s in run.specs.items() if s.status != "not_run"]
            differs = tampering.spec_set([n for n in expected if n.split("::", 1)[0] not in broken],
                                         [n for n in reported if n.split("::", 1)[0] not in broken])
            found += [differs] if differs else []
        # First: a file and line, or the spec set, say more than the child's per-spec lines.
        run.tampering[:0] = [line for line in dict.fromkeys(found) if line not in run.tampering]


def grade(course: Course, topics: list[Topic], target: str = "exercises", *,
          jobs: int | None = None, timeout: float | None = None,
          only: list[Challenge] | None = None, progress: Progress | None = None,
          record: bool = True, warm: WarmChild | None = None, pristine: bool = False,
          memory_mb: int | None = None, keep_partial: bool = False) -> dict[str, Any]:
    """Grade ``topics`` of ``target``; with ``only``, just those challenges' specs;
    ``warm``, a child already started for one of the folders, runs that folder;
    ``pristine``, with the kit's own spec files whatever the target's are.
    Interrupted by Ctrl-C, it raises Interrupted, or with ``keep_partial`` returns a document of
    the topics that finished, marked ``partial``."""
    started_at = dt.datetime.now(dt.timezone.utc)
    clock = time.perf_counter()
    with topic_folders(course, target, topics, pristine=pristine) as folders:
        graded = [t for t in topics if t.name in folders]
        todo = [Job(None, t, folders[t.name].run,
                    [c.spec for c in only if c.topic.name == t.name] if only else None) for t in graded]
        # Before the run as well as after: code under test cannot put an edited spec back unseen.
        before = {t.name: kit_record.specs_modified(course, t.name, folders[t.name].source) for t in graded}
        partial = False
        try:
            done = run_jobs(todo, workers=jobs, timeout=timeout, progress=progress, warm=warm,
                            durations=state.durations(course), memory_mb=memory_mb)
        except Interrupted as stop:
            if not keep_partial:
                raise
            done, partial = stop.runs, True
        runs = {job.topic.name: run for job, run in done.items()}
        graded = [t for t in graded if t.name in runs]
        modified = {t.name: sorted(set(before[t.name]) | set(kit_record.specs_modified(
            course, t.name, folders[t.name].source))) for t in graded}
        note_tampering(course, done, kit_specs={j for j in done if pristine or not modified[j.topic.name]})
    docs = []
    for topic in graded:
        chosen = [c for c in topic.challenges if c in only] if only else None
        docs.append(results.topic_doc(topic, runs[topic.name], chosen, specs_modified=modified[topic.name]))
    doc = results.document(target_label(target), docs, started_at, time.perf_counter() - clock,
                           pristine=pristine, partial=partial)
    verdicts = record and target == "exercises"
    if verdicts or not only:
        state.record(course, doc, verdicts=verdicts, durations=not only)
    return doc


def target_label(target: str) -> str:
    return target if target in ("exercises", "solutions") else str(Path(target).resolve())
