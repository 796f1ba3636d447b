"""Runs a topic's specs in a child process and gathers what it reports.

The child may die (``os._exit``, a crash), hang (a loop the alarm cannot
break) or never finish loading. The runner keeps every result reported so
far, records the fault against the spec or module that was running, and
starts a new child for the specs that have not run yet.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader import processes
from grader.events import SKIPPED_AFTER_TIMEOUT, EventReader, clip
from grader.forkserver import BOOT, ForkServer

# Variables of the learner's shell that would change what the child runs.
LEAKY_ENV = ("DJANGO_SETTINGS_MODULE", "PYTHONPATH", "PYTHONSTARTUP", "PYTHONHOME",
             "PYTEST_ADDOPTS", "PYTEST_PLUGINS", "PYTHONINSPECT", "PYTHONBREAKPOINT")
KILL_GRACE = 5.0  # seconds past the spec timeout before the process is killed
STARTUP_LIMIT = 10.0  # seconds to load a project and collect its specs, at least; 4 × the spec timeout
POLL = 0.02
# Not `-m`: that would put the working directory first on sys.path, where a topic's own
# `grader/` folder would stand in for the real grader.
CHILD = [sys.executable, "-c", BOOT % "grader.child"]
# Exit statuses of a child that ended as it should: pytest's all passed, some failed, none
# collected; and -1, the project did not load and the child said why.
NORMAL_EXITS = (0, 1, 5, -1)
MEMORY_MB = 2048  # a child's data segment, at most (GRADER_MEMORY_MB or --memory overrides it)
# Set by Ctrl-C: every running topic stops its child and returns what it has.
CANCEL = threading.Event()


def memory_limit() -> int:
    try:
        return max(64, int(os.environ.get("GRADER_MEMORY_MB", "")))
    except ValueError:
        return MEMORY_MB


def startup_limit(timeout: float) -> float:
    return max(STARTUP_LIMIT, 4 * timeout)


@dataclass
class SpecRun:
    nodeid: str
    file: str
    name: str
    task: Any = None
    passes_on_starter: str | None = None
    status: str = "not_run"
    message: str = ""
    duration: float = 0.0


@dataclass
class TopicRun:
    directory: Path
    specs: dict[str, SpecRun] = field(default_factory=dict)
    load_errors: list[dict[str, Any]] = field(default_factory=list)
    collect_errors: list[dict[str, Any]] = field(default_factory=list)
    topic_error: str | None = None
    duration: float = 0.0
    # Signs that code under test interfered with the grading (see grader.tampering): one line each.
    tampering: list[str] = field(default_factory=list)


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LEAKY_ENV and k != processes.TOKEN_VARIABLE}
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # never write into the learner's tree
    env["PYTHONUNBUFFERED"] = "1"
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def _kill(proc: subprocess.Popen) -> None:
    processes.kill_descendants(proc.pid)  # before the child: its orphans would leave its tree
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


class OutputTail:
    """Drains a child's output pipe on a thread and keeps only the last bytes: a child
    that prints gigabytes costs neither disk nor memory."""

    def __init__(self, proc: subprocess.Popen, limit: int = 1500):
        self.limit = limit
        self.data = bytearray()
        self.thread = threading.Thread(target=self._drain, args=(proc.stdout,), daemon=True)
        self.thread.start()

    def _drain(self, pipe) -> None:
        with contextlib.suppress(OSError, ValueError):
            while chunk := os.read(pipe.fileno(), 65536):
                self.data += chunk
                if len(self.data) > 4 * self.limit:
                    del self.data[: -self.limit]
        with contextlib.suppress(OSError):
            pipe.close()

    def text(self) -> str:
        self.thread.join(timeout=1.0)
        return bytes(self.data[-self.limit:]).decode("utf-8", "replace").strip()


def _spawn(cmd: list[str], directory: Path, stdin) -> tuple[subprocess.Popen, OutputTail]:
    proc = subprocess.Popen(cmd, cwd=directory, env=child_env(), stdin=stdin, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    processes.OURS.add(proc.pid)
    return proc, OutputTail(proc)


class WarmChild:
    """A child started ahead of time: Django and pytest imported, waiting on stdin for
    its arguments. ``watch`` keeps one ready so a save costs only the specs' own time."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.proc, self.output = _spawn([*CHILD, "--warm"], directory, subprocess.PIPE)

    def take(self, directory: Path, args: list[str]) -> tuple[subprocess.Popen, OutputTail] | None:
        """Hand the child its arguments; None if it is for another folder or has died."""
        if directory != self.directory or self.proc.poll() is not None:
            return None
        try:
            self.proc.stdin.write((json.dumps(args) + "\n").encode())
            self.proc.stdin.close()
        except OSError:
            return None
        return self.proc, self.output

    def close(self) -> None:
        if self.proc.poll() is None:
            _kill(self.proc)
        processes.OURS.discard(self.proc.pid)
        if self.proc.stdin and not self.proc.stdin.closed:
            with contextlib.suppress(OSError):
                self.proc.stdin.close()


def run_topic(directory: Path, *, timeout: float, specs: list[str] | None = None,
              topic_limit: float = 900.0, warm: WarmChild | None = None,
              server: ForkServer | None = None, memory_mb: int | None = None) -> TopicRun:
    """Run the specs of the topic project in ``directory`` (all, or the given
    spec files) and return what happened to each. A ``warm`` child, if it
    suits, runs the first attempt; with a fork ``server``, children are its forks.
    Each child's temporary files go in a folder removed at the end, and no process
    it started survives it."""
    run = TopicRun(directory=directory)
    started = time.perf_counter()
    quarantine: list[str] = []
    only: list[str] | None = None
    collected = False
    with tempfile.TemporaryDirectory(prefix="grader-") as scratch:
        scratch_dir = Path(scratch)
        for attempt in range(1000):
            if CANCEL.is_set():
                break
            events_file = scratch_dir / f"events-{attempt}.jsonl"
            child_tmp = scratch_dir / f"tmp-{attempt}"
            child_tmp.mkdir()
            token = secrets.token_hex(8)
            args = ["--topic", str(directory), "--events", str(events_file), "--timeout", str(timeout),
                    "--token", token, "--tmp", str(child_tmp), "--memory-mb", str(memory_mb or memory_limit())]
            if only is not None:
                only_file = scratch_dir / f"only-{attempt}.txt"
                only_file.write_text("\n".join(only), encoding="utf-8")
                args += ["--only", str(only_file)]
            for rel in quarantine:
                args += ["--quarantine", rel]
            args += ["--", *(specs or [])]
            started_child = warm.take(directory, args) if warm and attempt == 0 else None
            if started_child is None and server is not None:
                started_child = server.spawn(args, directory)
            try:
                outcome = _run_child([*CHILD, *args], directory, events_file, run, timeout,
                                     deadline=started + topic_limit, collected=collected,
                                     started_child=started_child)
            finally:
                processes.kill_marked(token)
            collected = collected or bool(run.specs)
            if outcome.finished or run.topic_error or outcome.out_of_time or not outcome.progress:
                break  # without progress _run_child has reported a topic error
            if outcome.culprit:
                quarantine.append(outcome.culprit)
            if collected:
                only = [n for n, s in run.specs.items() if s.status == "not_run"]
                if not only:
                    break
    if not CANCEL.is_set():
        for spec in run.specs.values():
            if spec.status == "not_run":  # never a silent gap: the child ended without reporting it
                spec.status = "error"
                spec.message = ("not run: the topic's process ended before this spec reported "
                                "(see the other specs of the topic for what went wrong)")
    run.duration = round(time.perf_counter() - started, 3)
    return run


@dataclass
class _Outcome:
    finished: bool = False  # pytest ran to its end and said so
    exitstatus: int | None = None  # pytest's, when it ended abnormally
    progress: bool = False  # a spec ended or a module was blamed
    culprit: str | None = None  # a module to stub on the next start
    out_of_time: bool = False
    slow_start: bool = False  # killed for not loading within the startup limit


def _run_child(cmd, directory: Path, events_file: Path, run: TopicRun, timeout: float, deadline: float,
               collected: bool, started_child: tuple[subprocess.Popen, OutputTail] | None = None) -> _Outcome:
    outcome = _Outcome()
    reader = EventReader(events_file)
    opened: list[str] = []  # challenge modules being imported, innermost last
    current: tuple[str, float] | None = None
    ended_child = False  # the child said "finished": nothing may follow
    child_started = time.perf_counter()
    proc, output = started_child or _spawn(cmd, directory, subprocess.DEVNULL)

    def suspect(reason: str) -> None:
        if reason not in run.tampering:
            run.tampering.append(reason)

    def handle(event: dict[str, Any]) -> None:
        nonlocal current, collected, ended_child
        kind = event.get("event")
        if ended_child:
            suspect(f"the result channel received a {kind!r} event after the run had finished")
            return
        if kind == "import_start":
            opened.append(event["file"])
        elif kind == "import_end":
            if event["file"] in opened:
                opened.remove(event["file"])
        elif kind == "load_error":
            if not any(e["file"] == event["file"] for e in run.load_errors):
                run.load_errors.append(event)
            outcome.progress = True
        elif kind == "topic_error":
            run.topic_error = event.get("message") or "the topic could not be loaded"
        elif kind == "collect_error":
            run.collect_errors.append(event)
        elif kind == "collected":
            collected = True
            for spec in event.get("specs", []):
                run.specs.setdefault(spec["nodeid"], SpecRun(**spec))
        elif kind == "start":
            if current:
                suspect(f"{event.get('nodeid')} started while {current[0]} had not ended")
            current = (event.get("nodeid"), time.perf_counter())
        elif kind == "end":
            _end(event)
        elif kind == "tampering":
            reason = str(event.get("reason") or "the child reported tampering")
            if reason not in run.tampering:
                run.tampering.append(reason)
        elif kind == "finished":
            ended_child = True
            # INTERNALERROR (3), an interruption (2) or a usage error (4) is no normal end:
            # the specs that did not report are run again by a new child.
            outcome.finished = event.get("exitstatus") in NORMAL_EXITS
            if not outcome.finished:
                outcome.exitstatus = event.get("exitstatus")

    def _end(event: dict[str, Any]) -> None:
        """A spec's result counts only when it ends the spec that started last, once."""
        nonlocal current
        nodeid = event.get("nodeid")
        spec = run.specs.get(nodeid)
        if spec is None:
            suspect(f"a result for {nodeid}, which is not a collected spec")
            return
        if current is None or current[0] != nodeid:
            suspect(f"a result for {nodeid}, which was not running")
            return
        current = None
        try:
            duration = float(event.get("duration"))
        except (TypeError, ValueError):
            duration = -1.0
        status = event.get("status")
        if spec.status != "not_run":
            suspect(f"{nodeid} reported twice")
            status = "error"
        if duration <= 0 or status not in ("pass", "fail", "error", "timeout", "skip"):
            suspect(f"{nodeid} reported an impossible record (status {status!r}, duration {event.get('duration')!r})")
            status = "error"
        spec.status = status
        spec.message = str(event.get("message", "")) if status == event.get("status") else (
            "the grader could not trust this spec's record (see the topic's tampering list)")
        spec.duration = max(duration, 0.0)
        outcome.progress = True

    try:
        while proc.poll() is None:
            for event in reader.read_new():
                handle(event)
            now = time.perf_counter()
            if current and now - current[1] > timeout + KILL_GRACE:
                _kill(proc)
                _blame_spec(run, current[0], "timeout",
                            f"this spec was still running after {timeout + KILL_GRACE:g} s and its "
                            "process was stopped (an infinite loop that catches every exception?)")
                current = None
                outcome.progress = True
                break
            if not collected and now - child_started > startup_limit(timeout):
                _kill(proc)
                outcome.slow_start = True
                break
            if CANCEL.is_set():
                _kill(proc)
                break
            if now > deadline:
                _kill(proc)
                outcome.out_of_time = True
                if current:
                    _blame_spec(run, current[0], "timeout", "the topic ran out of time while this spec ran")
                    current = None
                for spec in run.specs.values():
                    if spec.status == "not_run":
                        spec.status, spec.message = "timeout", "not run: the topic ran out of time"
                break
            time.sleep(POLL)
    finally:
        if proc.poll() is None:
            _kill(proc)
    processes.OURS.discard(proc.pid)
    for event in reader.read_new():
        handle(event)
    if outcome.finished or CANCEL.is_set():
        return outcome
    code = proc.returncode
    how = f"was killed by signal {-code}" if code and code < 0 else f"exited with code {code}"
    if outcome.exitstatus is not None:
        how = f"ended pytest abnormally (exit status {outcome.exitstatus}: an internal error or an interruption)"
    if current:
        _blame_spec(run, current[0], "error",
                    f"the process {how} while this spec ran: your code ended it "
                    "(os._exit(), sys.exit() outside a spec, or a hard crash)")
        outcome.progress = True
    elif not collected and opened:
        culprit = opened[-1]
        slow = time.perf_counter() - child_started > startup_limit(timeout)
        reason = (f"loading {culprit} did not finish within {startup_limit(timeout):g} s" if slow
                  else f"the process {how} while loading {culprit}")
        run.load_errors.append({"event": "load_error", "file": culprit, "where": culprit, "line": None,
                                "kind": "Timeout" if slow else "ProcessExit",
                                "message": reason, "timeout": slow})
        outcome.culprit = culprit
        outcome.progress = True
    elif not outcome.out_of_time and not run.topic_error and not outcome.progress:
        tail = output.text()
        what = (f"loading the project did not finish within {startup_limit(timeout):g} s (a loop at import "
                "time in a shared file?)" if outcome.slow_start else f"the topic's process {how} before its specs ran")
        run.topic_error = what + (
            f"; its last output:\n{clip(tail, 1500)}" if tail else "")
    return outcome


def _blame_spec(run: TopicRun, nodeid: str, status: str, message: str) -> None:
    spec = run.specs.get(nodeid)
    if spec is None:
        return
    spec.status, spec.message = status, message
    if status == "timeout":  # the challenge's other specs would only hang too
        for other in run.specs.values():
            if other.file == spec.file and other.status == "not_run":
                other.status, other.message = "timeout", SKIPPED_AFTER_TIMEOUT
