"""The pytest plugin the grader loads into a topic's child process.

One method per pytest hook, writing events (see :mod:`grader.events`): which
specs exist, when each starts, and how it ended, with a message for the
learner. It also arms the per-spec alarm and runs only the specs asked for.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from grader.events import SKIPPED_AFTER_TIMEOUT, EventWriter, clip
from grader.isolation import SpecAlarm, SpecTimeout, describe_exception

# Worst outcome of a spec's phases wins.
_RANK = {"pass": 0, "skip": 1, "fail": 2, "error": 3, "timeout": 4}


def spec_message(excinfo, root: Path) -> str:
    exc = excinfo.value
    if isinstance(exc, AssertionError):
        return clip(readable(str(exc)) or "an assertion failed (it has no message)")
    if isinstance(exc, pytest.fail.Exception):
        return clip(readable(str(exc)))
    failure = describe_exception(exc, root)
    text = f"{failure.kind}: {exc}" if str(exc) else failure.kind
    if failure.file:
        text += f"\n  (raised at {failure.file}:{failure.line})"
    return clip(_ADDRESS.sub("", text))


# What pytest adds to an assertion that the learner cannot act on: "+  where 3 = f()" lines
# (the spec's own calls and objects), advice to rerun with -v (the grader has none), and
# memory addresses, which differ on every run.
_WHERE = re.compile(r"^ \+(?:  )+(?:where|and) ")
_VERBOSE = re.compile(r",? use '?-v+'? to (?:show|get more diff)$", re.IGNORECASE)
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def readable(text: str) -> str:
    """An assertion's message as the learner reads it: the spec's words, then pytest's
    comparison (``assert 3 == 4`` and its diff), without pytest's introspection and advice.
    A "Full diff:" after a line that already says what differs (pytest adds one on CI) goes."""
    kept: list[str] = []
    explaining = compared = False  # after the "assert …" line; a line there says what differs
    for raw in text.splitlines():
        line = _VERBOSE.sub("", _ADDRESS.sub("", raw.rstrip()))
        if _WHERE.match(line) or line.strip().lower() == "use -v to get more diff":
            continue
        if line.strip().startswith("Full diff:") and compared:
            break  # the rest of the explanation is that diff and its truncation footer
        if line.startswith("assert "):
            explaining = True
        elif explaining and line.strip():
            compared = True
        if not line.strip() and (not kept or not kept[-1].strip() or kept[-1].startswith("assert ")):
            continue
        kept.append(line)
    return "\n".join(kept).strip()


class Reporter:
    def __init__(self, events: EventWriter, root: Path, timeout: float | None,
                 only: set[str] | None = None, memory_mb: int | None = None, sentinel=None):
        self.events = events
        self.sentinel = sentinel
        self.memory_mb = memory_mb
        self.root = root
        self.timeout = timeout
        self.only = only
        self.alarm = SpecAlarm(timeout)
        self._worst: dict[str, str] | None = None  # the worst outcome of the spec's phases so far
        self._reported: set[str] = set()  # the spec's phases whose report was made
        self._called = False  # pytest called the spec's function
        self._timed_out: set[str] = set()  # spec files with a spec that timed out
        self._uncalled = 0  # specs whose function pytest never called

    def pytest_collectreport(self, report):
        if report.failed:
            path = Path(str(report.fspath))
            try:
                rel = path.resolve().relative_to(self.root).as_posix()
            except ValueError:
                rel = str(path)
            self.events.emit("collect_error", file=rel, message=clip(str(report.longrepr)))

    def pytest_collection_modifyitems(self, session, config, items):
        specs = []
        # In file order: pytest-django reorders items by database use.
        for item in sorted(items, key=lambda i: (i.location[0], i.location[1] or 0)):
            task = item.get_closest_marker("task")
            starter = item.get_closest_marker("passes_on_starter")
            specs.append({
                "nodeid": item.nodeid,
                "file": item.nodeid.split("::", 1)[0],
                "name": item.name,
                "task": task.args[0] if task and task.args else None,
                "passes_on_starter": (starter.kwargs.get("reason") or (starter.args or [""])[0] or "")
                if starter else None,
            })
        self.events.emit("collected", specs=specs)
        if self.only is not None:
            keep = [i for i in items if i.nodeid in self.only]
            dropped = [i for i in items if i.nodeid not in self.only]
            if dropped:
                config.hook.pytest_deselected(items=dropped)
            items[:] = keep

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        self._worst, self._reported, self._called = None, set(), False
        os.chdir(self.root)  # what an earlier spec's code did to the working directory does not carry over
        self.events.emit("start", nodeid=item.nodeid)
        started = time.perf_counter()
        with self.alarm.armed():
            yield
        if self.sentinel:
            self.sentinel.check(self.events.emit, f"while {item.nodeid} ran")
        self.events.emit("end", nodeid=item.nodeid, duration=round(time.perf_counter() - started, 6),
                         **self._verdict(item))

    def _verdict(self, item) -> dict[str, str]:
        """The spec's status: a pass only when every phase reported and passed, in time."""
        worst = self._worst or {"status": "pass", "message": ""}
        if self.alarm.fired and worst["status"] != "timeout":
            self._timed_out.add(item.nodeid.split("::", 1)[0])
            return {"status": "timeout", "message": f"this spec was stopped: still running after "
                                                    f"{self.timeout:g} s (an infinite loop?)"}
        if worst["status"] == "pass":
            if not {"setup", "call", "teardown"} <= self._reported:
                missing = ", ".join(p for p in ("setup", "call", "teardown") if p not in self._reported)
                return {"status": "error", "message": f"this spec did not run to its end (no report of its {missing})"}
            if not self._called and _calls_pyfunc(item):
                if not self._uncalled:  # one line says it; the specs' own statuses say where
                    self.events.emit("tampering", reason=f"{item.nodeid}: the spec's function was never called, "
                                                         "yet pytest reported a pass (its runner was replaced)")
                self._uncalled += 1
                return {"status": "error", "message": "this spec's function never ran (the test runner was changed)"}
        return worst

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item):
        with self.alarm.phase():
            # One infinite loop is enough: the challenge's other specs would only loop too.
            if item.nodeid.split("::", 1)[0] in self._timed_out:
                self._worst = {"status": "timeout", "message": SKIPPED_AFTER_TIMEOUT}
                pytest.skip(SKIPPED_AFTER_TIMEOUT)
            return (yield)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item):
        with self.alarm.phase():
            return (yield)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item, nextitem):
        with self.alarm.phase():
            return (yield)

    @pytest.hookimpl(tryfirst=True)
    def pytest_pyfunc_call(self, pyfuncitem):
        self._called = True

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        self._reported.add(call.when)
        # The phase's own exception decides, not the report built from it.
        if call.excinfo is None and report.passed:
            return
        if call.excinfo is not None and call.excinfo.errisinstance(pytest.skip.Exception) or (
                call.excinfo is None and report.skipped):
            status = "skip"
            message = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else "skipped"
        elif call.excinfo is not None and call.excinfo.errisinstance(SpecTimeout):
            status = "timeout"
            self._timed_out.add(item.nodeid.split("::", 1)[0])
            message = f"this spec was stopped: {call.excinfo.value} (an infinite loop?)"
            if (failure := describe_exception(call.excinfo.value, self.root)).file:
                message += f"\n  (it was running {failure.file}:{failure.line})"
        elif call.excinfo is not None and call.excinfo.errisinstance(MemoryError) and self.memory_mb:
            status = "error"
            message = f"this spec used more than {self.memory_mb} MB of memory (MemoryError)"
        else:
            status = "fail" if call.when == "call" else "error"
            message = spec_message(call.excinfo, self.root) if call.excinfo else str(report.longrepr)
            if call.when != "call":
                message = f"during {call.when}: {message}"
        if self._worst is None or _RANK[status] > _RANK[self._worst["status"]]:
            self._worst = {"status": status, "message": message}


def _calls_pyfunc(item) -> bool:
    """Whether pytest runs this spec through ``pytest_pyfunc_call`` (unittest-style specs do not)."""
    from _pytest.python import Function
    from _pytest.unittest import TestCaseFunction

    return isinstance(item, Function) and not isinstance(item, TestCaseFunction)
