"""`grader grade` on the fake course, clean and with each kind of fault.

Each scenario breaks one challenge and checks that it alone is reported,
with a reason, and that the others are graded as usual."""

from __future__ import annotations

import hashlib
import re

from tests.conftest import challenges

# A loop that catches the alarm's exception and goes on: only a kill stops it.
SWALLOWING_LOOP = ("def count_words(text):\n    while True:\n        try:\n"
                   "            while True:\n                pass\n        except BaseException:\n            pass\n")

CLEAN = {"demo.hello": "pass", "demo.count": "fail", "demo.panel": "pass"}


def statuses(doc) -> dict[str, str]:
    return {cid: c["status"] for cid, c in challenges(doc).items()}


def test_grade_clean_course(course):
    doc = course.grade()
    assert statuses(doc) == CLEAN
    assert doc["totals"]["challenges_passed"] == 2
    assert doc["totals"]["specs"] == 6
    assert doc["totals"]["points"] == 40
    count = challenges(doc)["demo.count"]
    assert "count_words('a b') returned 0; expected 2" in count["message"]
    assert "2 of 3 challenges done" in doc["_stdout"]


def test_grade_solutions_overlays_without_touching_either_tree(course):
    before = tree_digest(course.root)
    doc = course.grade("--target", "solutions")
    assert statuses(doc) == {"demo.hello": "pass", "demo.count": "pass", "demo.panel": "pass"}
    assert tree_digest(course.root) == before | {"results.json": tree_digest(course.root)["results.json"]}


def test_grade_writes_nothing_into_exercises(course):
    before = tree_digest(course.topic)
    course.grade()
    assert tree_digest(course.topic) == before


def test_syntax_error_is_that_challenges_error_with_file_and_line(course):
    course.write("count/logic.py", "def count_words(text)\n    return 0\n")
    doc = course.grade()
    count = challenges(doc)["demo.count"]
    assert count["status"] == "error"
    assert "SyntaxError in count/logic.py:1" in count["message"]
    assert statuses(doc) == CLEAN | {"demo.count": "error"}


def test_syntax_error_in_a_module_django_loads_at_startup(course):
    course.write("panel/signals.py", "READY = = True\n")
    doc = course.grade()
    assert statuses(doc) == CLEAN | {"demo.panel": "error"}
    assert "panel/signals.py:1" in challenges(doc)["demo.panel"]["message"]


def test_error_in_app_config_module_keeps_the_project_loading(course):
    course.write("panel/apps.py", "import does_not_exist\n")
    doc = course.grade()
    assert statuses(doc) == CLEAN | {"demo.panel": "error"}
    assert "ModuleNotFoundError in panel/apps.py:1" in challenges(doc)["demo.panel"]["message"]


def test_import_error_in_a_module_the_urlconf_imports(course):
    course.write("hello/views.py", "from django.http import HttpResponze\n\ndef hello(request):\n    pass\n")
    doc = course.grade()
    assert statuses(doc) == CLEAN | {"demo.hello": "error"}
    assert "ImportError in hello/views.py:1" in challenges(doc)["demo.hello"]["message"]


def test_error_raised_in_ready_is_blamed_on_the_app(course):
    course.write("panel/apps.py", "from django.apps import AppConfig\n\n\nclass PanelConfig(AppConfig):\n"
                 "    name = 'panel'\n\n    def ready(self):\n        raise RuntimeError('boom')\n")
    doc = course.grade()
    assert statuses(doc) == CLEAN | {"demo.panel": "error"}
    assert "RuntimeError in panel/apps.py:8: boom" in challenges(doc)["demo.panel"]["message"]


def test_broken_shared_settings_is_a_topic_error(course):
    course.write("config/settings.py", "SECRET_KEY = 'x'\nINSTALLED_APPS = [\n")
    doc = course.grade()
    topic = doc["topics"][0]
    assert topic["status"] == "error"
    assert "config/settings.py:2" in topic["message"]
    assert set(statuses(doc).values()) == {"error"}


def test_infinite_loop_is_stopped_by_the_spec_timeout(course):
    course.write("count/logic.py", "def count_words(text):\n    while True:\n        pass\n")
    doc = course.grade()
    count = challenges(doc)["demo.count"]
    assert count["status"] == "timeout"
    assert "it was running count/logic.py:2" in count["message"]
    assert [s["status"] for s in count["specs"]] == ["timeout"] * 3
    assert count["specs"][1]["message"] == "not run: an earlier spec of this challenge timed out"
    assert statuses(doc) == CLEAN | {"demo.count": "timeout"}


def test_loop_that_swallows_the_alarm_is_killed_and_the_rest_still_runs(course):
    course.write("count/logic.py", SWALLOWING_LOOP)
    doc = course.grade("--timeout", "0.5")
    count = challenges(doc)["demo.count"]
    assert count["status"] == "timeout"
    assert "process was stopped" in count["message"]
    assert statuses(doc) == CLEAN | {"demo.count": "timeout"}


def test_os_exit_in_learner_code_cannot_end_the_grade_or_fake_a_pass(course):
    course.write("count/logic.py", "import os\n\ndef count_words(text):\n    os._exit(0)\n")
    doc = course.grade()
    count = challenges(doc)["demo.count"]
    assert count["status"] == "error"
    assert "os._exit()" in count["message"]
    assert all(s["status"] == "error" for s in count["specs"])
    assert statuses(doc) == CLEAN | {"demo.count": "error"}


def test_sys_exit_in_learner_code_is_a_failure(course):
    course.write("count/logic.py", "import sys\n\ndef count_words(text):\n    sys.exit(0)\n")
    doc = course.grade()
    assert statuses(doc) == CLEAN
    assert "SystemExit" in challenges(doc)["demo.count"]["message"]


def test_os_exit_at_import_time_blames_the_module(course):
    course.write("panel/signals.py", "import os\nos._exit(3)\n")
    doc = course.grade()
    assert statuses(doc) == CLEAN | {"demo.panel": "error"}
    assert "while loading panel/signals.py" in challenges(doc)["demo.panel"]["message"]


def test_infinite_loop_at_import_time(course):
    course.write("panel/signals.py", "while True:\n    pass\n")
    doc = course.grade()
    assert statuses(doc) == CLEAN | {"demo.panel": "timeout"}


def test_hard_crash_is_an_error(course):
    course.write("count/logic.py", "import ctypes\n\ndef count_words(text):\n    ctypes.string_at(0)\n")
    doc = course.grade()
    count = challenges(doc)["demo.count"]
    assert count["status"] == "error"
    assert "killed by signal" in count["message"]
    assert statuses(doc) == CLEAN | {"demo.count": "error"}


def test_environment_cannot_leak_into_the_topic(course):
    env = {"DJANGO_SETTINGS_MODULE": "no.such.settings", "PYTHONPATH": str(course.root),
           "PYTEST_ADDOPTS": "-x --no-such-option"}
    doc = course.grade(env=env)
    assert statuses(doc) == CLEAN


def test_huge_output_is_cut(course):
    course.write("count/logic.py", "def count_words(text):\n    raise ValueError('x' * 1_000_000)\n")
    doc = course.grade()
    assert len(challenges(doc)["demo.count"]["message"]) < 5000


def tree_digest(root):
    """Every file of the course but the grader's own under .grader/ (the only place it may write)."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".grader" not in p.relative_to(root).parts}


def test_topic_out_of_time_is_killed_and_keeps_the_results_so_far(course):
    from grader.runner import run_topic

    course.write("count/logic.py", SWALLOWING_LOOP)
    run = run_topic(course.topic, timeout=0.5, topic_limit=3)
    status = {spec.name: (spec.status, spec.message) for spec in run.specs.values()}
    assert status["test_hello_says_hello"] == ("pass", "")
    assert status["test_counts_two_words"][0] == "timeout"
    assert status["test_panel_page"] == ("timeout", "not run: the topic ran out of time")
    assert run.duration < 10


def test_a_warm_child_gives_the_same_results_as_a_cold_one(course):
    from grader.runner import WarmChild, run_topic

    course.write("panel/signals.py", "raise RuntimeError('boom at import')\n")

    def outcome(run):
        return ({n: (s.status, re.sub(r"0x[0-9a-f]+", "0x…", s.message)) for n, s in run.specs.items()},
                [e["message"] for e in run.load_errors])

    cold = run_topic(course.topic, timeout=2)
    warm = WarmChild(course.topic)
    try:
        assert outcome(run_topic(course.topic, timeout=2, warm=warm)) == outcome(cold)
        assert warm.proc.poll() is not None, "the warm child should have run the specs"
    finally:
        warm.close()
    elsewhere = WarmChild(course.root)
    try:
        assert outcome(run_topic(course.topic, timeout=2, warm=elsewhere)) == outcome(cold)
        assert elsewhere.proc.poll() is None, "a child warmed for another folder must not be used"
    finally:
        elsewhere.close()


def test_endless_output_is_drained_not_stored(course):
    course.write("count/logic.py", "def count_words(text):\n    while True:\n        print('x' * 100_000)\n")
    doc = course.grade()
    count = challenges(doc)["demo.count"]
    assert count["status"] == "timeout", count
    assert statuses(doc)["demo.hello"] == "pass"
    assert not any(course.root.rglob("*.log"))


def test_forked_children_and_spawned_ones_give_identical_results(course):
    """Two topics (the fork server serves two or more), each with faults that end or hang
    a child: the results document is the same with and without the fork server."""
    import shutil

    second = course.root / "exercises" / "02_again"
    shutil.copytree(course.topic, second)
    shutil.copytree(course.root / "solutions" / "01_demo", course.root / "solutions" / "02_again")
    course.write("count/logic.py", "import os\n\ndef count_words(text):\n    os._exit(0)\n")
    course.write("panel/signals.py", "import os\nos._exit(3)\n")
    (second / "count" / "logic.py").write_text("import ctypes\n\ndef count_words(text):\n    ctypes.string_at(0)\n")
    (second / "hello" / "views.py").write_text("def hello(request):\n    while True:\n        pass\n")

    def outcome(doc):
        return [(t["id"], t["status"], [(c["id"], c["status"], c["message"],
                                         [(s["name"], s["status"], re.sub(r"0x[0-9a-f]+", "0x…", s["message"]))
                                          for s in c["specs"]]) for c in t["challenges"]]) for t in doc["topics"]]

    forked = course.grade()
    spawned = course.grade(env={"GRADER_NO_FORK": "1"})
    assert outcome(forked) == outcome(spawned)
    assert statuses(forked) == {"demo.hello": "pass", "demo.count": "error", "demo.panel": "error",
                                "again.hello": "timeout", "again.count": "error", "again.panel": "pass"}


def test_a_dead_fork_server_falls_back_to_spawning(course):
    from grader.forkserver import ForkServer
    from grader.runner import child_env, run_topic

    server = ForkServer(child_env())
    server.proc.kill()
    server.proc.wait()
    try:
        run = run_topic(course.topic, timeout=2, server=server)
    finally:
        server.close()
    assert {s.name: s.status for s in run.specs.values()}["test_hello_says_hello"] == "pass"
    assert not run.topic_error


def test_run_jobs_starts_the_longest_topic_first(monkeypatch):
    from pathlib import Path

    from grader import grading
    from grader.course import Topic

    started = []

    def fake_run_topic(folder, **kwargs):
        started.append(folder.name)
        return object()

    topics = [Topic(name=n, number=i, slug=n[3:], title=n, project="", shared_files=(), timeout=1.0)
              for i, n in enumerate(["01_a", "02_b", "03_c", "04_new"], start=1)]
    jobs = [grading.Job(None, t, Path(t.name)) for t in topics]
    monkeypatch.setattr(grading, "run_topic", fake_run_topic)
    monkeypatch.setenv("GRADER_NO_FORK", "1")
    grading.run_jobs(jobs, workers=1, durations={"01_a": 1.0, "02_b": 3.0, "03_c": 2.0})
    assert started == ["04_new", "02_b", "03_c", "01_a"], "never timed counts as longest, then longest first"
