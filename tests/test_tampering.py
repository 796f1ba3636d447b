"""Cheating is evident: learner code that reaches the test runner, the grader or the result
channel is flagged as ``tampering`` in the results, the table, JUnit, Gradescope and the batch
CSV; a run whose specs differ from the kit's recorded spec set is flagged too. Honest code,
the kit's starters and reference solutions above all, is never flagged."""

from __future__ import annotations

import csv
import json
import shutil
import time

from grader import exporters, tampering
from grader.targets import overlay
from tests.conftest import challenges, validate_results
from tests.test_course import COURSE
from tests.test_exporters import gradescope as checked_gradescope
from tests.test_exporters import junit as checked_junit
from tests.test_exporters import public
from tests.test_workflow import kit  # noqa: F401 - the fixture: the fake course as a git clone with its record

# A. a package's __init__.py makes every spec pass by running nothing.
RUNTEST = "import _pytest.python\n\n_pytest.python.Function.runtest = lambda self: None\n"
# B. learner code turns failures into passes where they are written down, or where pytest builds them.
EMIT = """\
from grader import events

_emit = events.EventWriter.emit


def emit(self, event, **data):
    if event == "end":
        data.update(status="pass", message="")
    _emit(self, event, **data)


events.EventWriter.emit = emit
"""
REPORT = """\
from _pytest import reports

_init = reports.TestReport.__init__


def __init__(self, *args, **kwargs):
    _init(self, *args, **kwargs)
    self.outcome, self.longrepr = "passed", None


reports.TestReport.__init__ = __init__
"""
# C. forged "end … pass" lines appended to the result channel, named in sys.argv; then exit.
FORGE = """\
import json
import os
import sys

NAMES = {"specs/test_01_hello.py": ["test_hello_says_hello"],
         "specs/test_02_count.py": ["test_counts_two_words", "test_counts_no_words", "test_counts_three_words"]}


def count_words(text):
    with open(sys.argv[sys.argv.index("--events") + 1], "a") as channel:
        for spec, names in NAMES.items():
            for name in names:
                channel.write(json.dumps({"event": "end", "nodeid": f"{spec}::{name}", "duration": 0.01,
                                          "status": "pass", "message": ""}) + "\\n")
        channel.write(json.dumps({"event": "finished", "exitstatus": 0}) + "\\n")
    os._exit(0)
"""
# The spec set: collection patched through an import the static scan cannot read, dropping a spec.
HIDE = """\
_python = __import__("_py" + "test.python", fromlist=["Module"])
_collect = _python.Module.collect


def collect(self):
    return [item for item in _collect(self) if "three" not in item.name]


_python.Module.collect = collect
"""

FLAGS = {
    "A": "count/__init__.py:1 imports _pytest.python (the test runner)",
    "B-emit": "hello/__init__.py:1 imports grader.events (the grader)",
    "B-report": "panel/__init__.py:1 imports _pytest.reports (the test runner)",
    "C": "count/logic.py:10 reads sys.argv (the grader's command line, which names the result channel)",
}
CHEATS = {"A": ("count/__init__.py", RUNTEST), "B-emit": ("hello/__init__.py", EMIT),
          "B-report": ("panel/__init__.py", REPORT), "C": ("count/logic.py", FORGE)}


# --------------------------------------------------------------------------- the static scan


def test_the_scan_names_the_file_line_and_what_the_code_reaches():
    source = """\
import sys as system, os
import importlib
import pluggy
from sys import argv
from _pytest import runner as r
m = importlib.import_module("grader.events")
hook = system.modules["_pytest.python"]
where = system.argv[2]
fds = os.listdir(f"/proc/{os.getpid()}/fd")
line = open("/proc/self/cmdline").read()
"""
    assert tampering.scan_source(source, "app/x.py") == [
        "app/x.py:3 imports pluggy (the test runner's plugin system)",
        "app/x.py:4 imports sys.argv (the grader's command line, which names the result channel)",
        "app/x.py:5 imports _pytest.runner (the test runner)",
        "app/x.py:6 imports grader.events (the grader)",
        "app/x.py:7 reaches _pytest.python (the test runner) by its name in a string",
        "app/x.py:8 reads sys.argv (the grader's command line, which names the result channel)",
        "app/x.py:9 names '/proc/{}/fd' (the process's open files or command line: "
        "the way to the grader's result channel)",
        "app/x.py:10 names '/proc/self/cmdline' (the process's open files or command line: "
        "the way to the grader's result channel)",
    ]


def test_the_scan_leaves_honest_code_alone():
    source = '''\
"""pytest runs these; the grader replaces a broken module with a stub."""
import sys
from django.core.management import execute_from_command_line
from . import grader
from .pytest import helpers

FILES = {"grader.py": "a file name", "pytest.ini": "its settings"}


def main():
    """grader.events, in a docstring, does nothing."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    execute_from_command_line(sys.argv)
    return sys.path, "/process/self"
'''
    assert tampering.scan_source(source, "manage.py") == []
    assert tampering.scan_source("def broken(:\n    import _pytest\n", "app/broken.py") == []


def test_the_scan_reads_only_learner_files_and_never_follows_a_link(tmp_path):
    topic = tmp_path / "01_demo"
    outside = tmp_path / "elsewhere"
    for folder in (topic / "specs", topic / "app" / "__pycache__", topic / "app" / "sub", outside):
        folder.mkdir(parents=True)
    (topic / "specs" / "test_x.py").write_text("import pytest\n")
    (topic / "app" / "conftest.py").write_text("import _pytest\n")
    (topic / "app" / "__pycache__" / "x.py").write_text("import grader\n")
    (topic / "app" / "sub" / "deep.py").write_text("\n\nimport grader.runner\n")
    (topic / "app" / "notes.txt").write_text("import grader\n")
    (outside / "evil.py").write_text("import _pytest\n")
    (topic / "app" / "linked.py").symlink_to(outside / "evil.py")
    (topic / "app" / "alias.py").symlink_to(topic / "app" / "sub" / "deep.py")
    (topic / "lib").symlink_to(outside, target_is_directory=True)
    assert sorted(tampering.scan(topic)) == [
        "app/linked.py is a link to a file outside the topic (not scanned)",
        "app/sub/deep.py:3 imports grader.runner (the grader)",
        "lib is a link to a folder outside the topic (not scanned)",
    ]


def test_no_flag_on_any_real_starter_or_reference_solution(tmp_path):
    started = time.perf_counter()
    for topic in COURSE.topics:
        assert tampering.scan(COURSE.exercises / topic.name) == [], f"starter of {topic.name}"
        solved = overlay(COURSE.exercises / topic.name, COURSE.solutions / topic.name, tmp_path / "solutions")
        assert tampering.scan(solved) == [], f"reference solution of {topic.name}"
    assert time.perf_counter() - started < 10  # copies included; the scans alone take well under a second


# --------------------------------------------------------------------------- through every output


def test_cheats_are_flagged_in_the_results_the_table_junit_and_gradescope(kit, tmp_path):  # noqa: F811
    for rel, text in CHEATS.values():
        kit.write(rel, text)
    out = tmp_path / "out"
    doc = kit.grade("--pristine", "--junit", str(out / "junit.xml"), "--gradescope", str(out / "gradescope.json"))
    flags = doc["topics"][0]["tampering"]
    for cheat, line in FLAGS.items():
        assert line in flags, (cheat, flags)
    assert f"   ! tampering: {flags[0]}\n" in doc["_stdout"]

    junit = checked_junit(public(doc))  # valid against the JUnit schemas, counts as the document's
    assert (out / "junit.xml").read_text(encoding="utf-8") == exporters.junit_xml(public(doc))
    for suite in junit.iter("testsuite"):
        value = suite.find("properties/property[@name='tampering']").get("value")
        assert all(line in value for line in FLAGS.values())
        assert all(line in suite.find("system-err").text for line in FLAGS.values())

    gradescope = json.loads((out / "gradescope.json").read_text(encoding="utf-8"))
    assert gradescope == checked_gradescope(public(doc))
    assert all(f"01_demo: {line}" in gradescope["output"] for line in FLAGS.values())
    for test in gradescope["tests"]:
        assert all(line in test["output"] for line in FLAGS.values()), test["name"]


def test_a_cohort_cheat_is_flagged_in_the_batch_csv(kit, tmp_path):  # noqa: F811
    cohort = tmp_path / "cohort"
    groups = {"honest": [], "runtest": ["A"], "writer": ["B-emit", "B-report"], "forger": ["C"]}
    for name, cheats in groups.items():
        shutil.copytree(kit.root, cohort / name, ignore=shutil.ignore_patterns(".git", ".grader"))
        for cheat in cheats:
            rel, text = CHEATS[cheat]
            (cohort / name / "exercises" / "01_demo" / rel).write_text(text)
    out = tmp_path / "marks"
    proc = kit.grader("batch", *(str(cohort / name) for name in groups), "--out", str(out), timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with (out / "results.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["learner"]: r for r in csv.DictReader(handle)}
    for name, cheats in groups.items():
        assert all(f"01_demo: {FLAGS[cheat]}" in rows[name]["tampering"] for cheat in cheats), rows[name]
        doc = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        validate_results(doc)
        assert all(FLAGS[cheat] in doc["topics"][0]["tampering"] for cheat in cheats)
    assert rows["honest"]["tampering"] == ""


def test_a_spec_that_disappears_is_flagged_even_when_the_scan_cannot_see_why(kit):  # noqa: F811
    kit.write("count/__init__.py", HIDE)
    assert tampering.scan(kit.topic) == []
    doc = kit.grade("--pristine")
    assert ("specs reported differ from the kit's: missing specs/test_02_count.py::test_counts_three_words"
            in doc["topics"][0]["tampering"])
    assert "demo.count" in challenges(doc)


def test_no_flag_on_the_untouched_fake_course_graded_every_way(kit):  # noqa: F811
    for args in ((), ("--pristine",), ("--target", "solutions")):
        doc = kit.grade(*args)
        assert [t["tampering"] for t in doc["topics"]] == [[]], args
        assert doc["partial"] is False
        assert "tampering" not in doc["_stdout"]
    assert kit.grader("check", "demo.count").returncode == 1  # one challenge: the spec set is not compared
