"""Tell when code under test replaced a piece of the machinery that grades it.

The child takes a snapshot of the functions a pass depends on (pytest's
runner and reports, pluggy's hook calls, the grader's own plugin and event
writer, the alarm) before the topic's code is imported, and compares it after
loading and at the end of the session. A replaced function is not proof of
cheating, but honest Django code never does it: each one becomes a line in the
topic's ``tampering`` list, for a person to look at.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

# module -> attribute paths whose objects must stay the same
WATCHED: dict[str, tuple[str, ...]] = {
    "_pytest.python": ("Function.runtest", "pytest_pyfunc_call", "Function.__init__"),
    "_pytest.runner": ("call_and_report", "runtestprotocol", "pytest_runtest_protocol",
                       "pytest_runtest_makereport", "CallInfo.from_call", "check_interactive_exception"),
    "_pytest.reports": ("TestReport.__init__", "TestReport.from_item_and_call", "TestReport.passed",
                        "TestReport.failed", "BaseReport.passed", "BaseReport.failed"),
    "_pytest.main": ("pytest_runtestloop", "Session.perform_collect"),
    "pluggy._callers": ("_multicall",),
    "pluggy._hooks": ("HookCaller.__call__",),
    "pluggy._manager": ("PluginManager._hookexec",),
    "grader.events": ("EventWriter.emit", "EventWriter.__init__"),
    "grader.plugin": ("Reporter._verdict", "Reporter.pytest_runtest_protocol", "Reporter.pytest_runtest_makereport",
                      "Reporter.pytest_runtest_call", "Reporter.pytest_runtest_setup",
                      "Reporter.pytest_runtest_teardown", "Reporter.pytest_pyfunc_call",
                      "Reporter.pytest_collection_modifyitems"),
    "grader.isolation": ("SpecAlarm._on_signal", "SpecAlarm.phase", "SpecAlarm.armed"),
    "os": ("write", "_exit", "chdir"),
    "signal": ("signal", "setitimer"),
}


def _resolve(module: Any, path: str) -> Any:
    obj = module
    for part in path.split("."):
        obj = obj.__dict__.get(part) if hasattr(obj, "__dict__") else getattr(obj, part, None)
        if obj is None:
            return None
    return obj


class Sentinel:
    def __init__(self) -> None:
        self.snapshot: dict[tuple[str, str], Any] = {}
        for name, paths in WATCHED.items():
            module = importlib.import_module(name)
            for path in paths:
                obj = _resolve(module, path)
                if obj is not None:
                    self.snapshot[name, path] = obj
        self.reported: set[tuple[str, str]] = set()

    def replaced(self) -> list[str]:
        """What was replaced since the snapshot and not reported before, one dotted name each."""
        found = []
        for key, original in self.snapshot.items():
            module = sys.modules.get(key[0])
            if key not in self.reported and (module is None or _resolve(module, key[1]) is not original):
                self.reported.add(key)
                found.append(".".join(key))
        return found

    def check(self, emit, when: str) -> None:
        for dotted in self.replaced():
            emit("tampering", reason=f"{dotted} was replaced {when} (code under test changed the test runner)")
