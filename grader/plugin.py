"""The pytest plugin the grader loads into a topic's child process.

One method per pytest hook, writing events (see :mod:`grader.events`): which
specs exist, when each starts, and how it ended, with a message for the
learner. It also arms the per-spec alarm and runs only the specs asked for.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from grader.events import SKIPPED_AFTER_TIMEOUT, EventWriter, clip
from grader.isolation import SpecTimeout, alarm, describe_exception

# Worst outcome of a spec's phases wins.
_RANK = {"pass": 0, "skip": 1, "fail": 2, "error": 3, "timeout": 4}


def spec_message(excinfo, root: Path) -> str:
    exc = excinfo.value
    if isinstance(exc, AssertionError):
        return clip(str(exc) or "an assertion failed (it has no message)")
    if isinstance(exc, pytest.fail.Exception):
        return clip(str(exc))
    failure = describe_exception(exc, root)
    text = f"{failure.kind}: {exc}" if str(exc) else failure.kind
    if failure.file:
        text += f"\n  (raised at {failure.file}:{failure.line})"
    return clip(text)


class Reporter:
    def __init__(self, events: EventWriter, root: Path, timeout: float | None,
                 only: set[str] | None = None):
        self.events = events
        self.root = root
        self.timeout = timeout
        self.only = only
        self._outcome: dict[str, str] = {}
        self._timed_out: set[str] = set()  # spec files with a spec that timed out

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
        self._outcome = {"status": "pass", "message": ""}
        self.events.emit("start", nodeid=item.nodeid)
        started = time.perf_counter()
        with alarm(self.timeout):
            yield
        self.events.emit("end", nodeid=item.nodeid, duration=round(time.perf_counter() - started, 4),
                         **self._outcome)

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        # One infinite loop is enough: the challenge's other specs would only loop too.
        if item.nodeid.split("::", 1)[0] in self._timed_out:
            self._outcome = {"status": "timeout", "message": SKIPPED_AFTER_TIMEOUT}
            pytest.skip(SKIPPED_AFTER_TIMEOUT)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        if report.passed:
            return
        if report.skipped:
            status = "skip"
            message = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else "skipped"
        elif call.excinfo is not None and call.excinfo.errisinstance(SpecTimeout):
            status = "timeout"
            self._timed_out.add(item.nodeid.split("::", 1)[0])
            message = f"this spec was stopped: {call.excinfo.value} (an infinite loop?)"
            if (failure := describe_exception(call.excinfo.value, self.root)).file:
                message += f"\n  (it was running {failure.file}:{failure.line})"
        else:
            status = "fail" if call.when == "call" else "error"
            message = spec_message(call.excinfo, self.root) if call.excinfo else str(report.longrepr)
            if call.when != "call":
                message = f"during {call.when}: {message}"
        if _RANK[status] > _RANK[self._outcome["status"]]:
            self._outcome = {"status": status, "message": message}
