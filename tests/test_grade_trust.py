"""A grade can be trusted: a hung spec is never a pass, and what a topic's code does to
its process (the working directory, processes it starts, memory, Ctrl-C) stays contained.

The machine here is not loaded, so the load is made: a spec-side conftest that is
slow to build every failure's report, as pytest is on a busy machine, lands the
alarm's repeat inside pytest's reporting."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import KIT, challenges
from tests.test_grade import CLEAN, statuses

SLOW_REPORTS = """\
import time

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    if call.excinfo is not None:
        time.sleep(1.2)  # a loaded machine: the alarm fires again while the report is built
    yield
"""

HANGS = {
    "loop": "def count_words(text):\n    while True:\n        pass\n",
    "sleep": "import time\n\ndef count_words(text):\n    time.sleep(10**6)\n",
    # The regex engine does not return to Python for hours: only the runner's kill stops it.
    "regex": "import re\n\ndef count_words(text):\n    return len(re.findall(r'(a+)+$', 'a' * 64 + 'b'))\n",
    # Swallows every timeout and then answers right, late: still a timeout, never a pass.
    "swallow": ("import time\n\ndef count_words(text):\n    end = time.monotonic() + 3\n"
                "    while time.monotonic() < end:\n        try:\n            time.sleep(0.05)\n"
                "        except BaseException:\n            pass\n    return len(text.split())\n"),
}


@pytest.mark.parametrize("hang", sorted(HANGS))
def test_a_hung_spec_is_a_timeout_even_when_the_alarm_fires_during_reporting(course, hang):
    course.write("specs/conftest.py", SLOW_REPORTS)
    course.write("count/logic.py", HANGS[hang])
    doc = course.grade()
    count = challenges(doc)["demo.count"]
    assert count["status"] == "timeout", count
    assert count["specs"][0]["status"] == "timeout"
    assert count["specs_passed"] == 0
    assert statuses(doc) == CLEAN | {"demo.count": "timeout"}
    assert not doc["topics"][0]["tampering"]


INTERNAL_ERROR = """\
def pytest_runtest_logreport(report):
    if report.when == "call" and report.nodeid.endswith("test_counts_two_words"):
        raise RuntimeError("pytest broke while reporting")
"""


def test_a_child_that_ends_in_an_internal_error_passes_nothing_it_did_not_finish(course):
    course.write("specs/conftest.py", INTERNAL_ERROR)
    course.write("count/logic.py", "def count_words(text):\n    return len(text.split())\n")
    doc = course.grade()
    count = challenges(doc)["demo.count"]
    by_name = {s["name"]: s for s in count["specs"]}
    assert by_name["test_counts_two_words"]["status"] == "error", by_name
    # The specs after it ran in a new child: nothing is left "not run".
    assert by_name["test_counts_three_words"]["status"] == "pass"
    assert statuses(doc) == {"demo.hello": "pass", "demo.count": "error", "demo.panel": "pass"}


def test_chdir_at_import_time_changes_nothing(course):
    course.write("panel/signals.py", "import os\nos.chdir('/')\nREADY = True\n")
    doc = course.grade()
    assert statuses(doc) == CLEAN


def test_chdir_in_a_spec_does_not_follow_the_next_specs(course):
    course.write("hello/views.py", "import os\nfrom django.http import HttpResponse\n\n"
                 "def hello(request):\n    os.chdir('/')\n    return HttpResponse('Hello')\n")
    doc = course.grade()
    assert statuses(doc) == CLEAN


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _read_pids(path: Path) -> list[int]:
    return [int(p) for p in path.read_text().split()] if path.exists() else []


ORPHANS = """\
import subprocess

def count_words(text):
    with open({marker!r}, "a") as fh:
        for kwargs in ({{}}, {{"start_new_session": True}}):
            fh.write(f"{{subprocess.Popen(['sleep', '600'], **kwargs).pid}}\\n")
        # Orphaned at once, with an empty environment: its parent shell exits.
        subprocess.run(["sh", "-c", "sleep 600 & echo $! >> {marker}"], env={{}}, check=True)
    return len(text.split())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the process nets use /proc")
@pytest.mark.parametrize("fork", ["fork server", "spawned"])
def test_no_process_started_by_a_spec_outlives_the_grade(course, tmp_path, fork):
    import shutil

    marker = tmp_path / "pids.txt"
    course.write("count/logic.py", ORPHANS.format(marker=str(marker)))
    if fork == "fork server":  # the server serves two topics or more
        shutil.copytree(course.topic, course.root / "exercises" / "02_again")
    doc = course.grade(env={"GRADER_NO_FORK": "1"} if fork == "spawned" else None)
    assert challenges(doc)["demo.count"]["status"] == "pass"
    pids = _read_pids(marker)
    assert len(pids) >= 9  # three per call of count_words
    assert [p for p in pids if _alive(p)] == []


def test_a_spec_past_the_memory_cap_is_that_specs_error(course):
    course.write("count/logic.py", "def count_words(text):\n    hoard = bytearray(512 * 1024 ** 2)\n"
                 "    return len(text.split()) + len(hoard) * 0\n")
    doc = course.grade(env={"GRADER_MEMORY_MB": "300"})
    count = challenges(doc)["demo.count"]
    assert count["status"] == "error"
    assert "used more than 300 MB" in count["message"]
    assert statuses(doc) == CLEAN | {"demo.count": "error"}
    # Under the default cap the same code passes (given the time to fill 512 MB).
    assert statuses(course.grade("--timeout", "20")) == {"demo.hello": "pass", "demo.count": "pass",
                                                         "demo.panel": "pass"}


HANGS_WITH_LEFTOVERS = """\
import os
import subprocess
import tempfile
import time

def count_words(text):
    fd, _ = tempfile.mkstemp(suffix="-test.sqlite3")
    with open({marker!r}, "a") as fh:
        fh.write(f"{{subprocess.Popen(['sleep', '600'], start_new_session=True).pid}}\\n")
    while True:
        time.sleep(0.05)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the process nets use /proc")
@pytest.mark.parametrize("how", ["Ctrl-C", "kill"])
def test_ctrl_c_stops_within_two_seconds_and_keeps_what_finished(course, tmp_path, how):
    import shutil

    marker = tmp_path / "pids.txt"
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    shutil.copytree(course.topic, course.root / "exercises" / "02_again")
    (course.root / "exercises" / "02_again" / "count" / "logic.py").write_text(
        HANGS_WITH_LEFTOVERS.format(marker=str(marker)))
    out = course.root / "results.json"
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env["TMPDIR"] = str(scratch)
    # A terminal's Ctrl-C goes to the foreground process group: the grader and its fork server.
    proc = subprocess.Popen([sys.executable, "-m", "grader", "--course", str(course.root), "grade",
                             "--timeout", "60", "--json", str(out)], cwd=KIT, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while not _read_pids(marker) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert _read_pids(marker), "the hanging spec never started"
        time.sleep(0.5)
        if how == "Ctrl-C":
            os.killpg(proc.pid, signal.SIGINT)
        else:
            os.kill(proc.pid, signal.SIGTERM)
        interrupted = time.monotonic()
        proc.wait(timeout=10)
        stopped_in = time.monotonic() - interrupted
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    with proc.stdout:
        output = proc.stdout.read()
    assert proc.returncode == 130, output
    assert stopped_in < 2, f"Ctrl-C took {stopped_in:.1f} s"
    assert "interrupted" in output.lower()
    assert "Traceback" not in output
    doc = json.loads(out.read_text())
    assert doc["partial"] is True
    for topic in doc["topics"]:  # only what finished, in full
        assert topic["id"] != "02_again"
        assert all(s["status"] != "not_run" for c in topic["challenges"] for s in c["specs"])
    assert [p for p in _read_pids(marker) if _alive(p)] == []
    assert list(scratch.iterdir()) == []


FORGED_CHILD = """\
import json, sys

events = sys.argv[sys.argv.index("--events") + 1]
names = ["test_counts_two_words", "test_counts_no_words", "test_counts_three_words"]
with open(events, "a") as fh:
    for name in names:
        nodeid = f"specs/test_02_count.py::{name}"
        fh.write(json.dumps({"event": "start", "nodeid": nodeid}) + "\\n")
        fh.write(json.dumps({"event": "end", "nodeid": nodeid, "status": "pass", "duration": 0.01}) + "\\n")
    fh.write(json.dumps({"event": "finished", "exitstatus": 0}) + "\\n")
"""


@pytest.mark.parametrize("env", [{"GRADER_NO_FORK": "1"}, {}], ids=["spawned", "default"])
def test_a_grader_package_in_the_topic_folder_does_not_shadow_the_grader(course, env):
    (course.topic / "grader").mkdir()
    course.write("grader/__init__.py", "")
    course.write("grader/child.py", FORGED_CHILD)
    course.write("grader/forkserver.py", FORGED_CHILD)
    assert statuses(course.grade(env=env)) == CLEAN
    proc = course.grader("check", "demo.count", env=env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "count_words('a b') returned 0; expected 2" in proc.stdout


def test_a_pytest_module_in_the_topic_folder_does_not_stand_in_for_pytest(course):
    course.write("pytest.py", "def main(*args, **kwargs):\n    return 0\n")
    assert statuses(course.grade()) == CLEAN


def test_a_spec_put_back_by_the_code_under_test_is_still_reported_as_modified(course):
    assert course.grader("freeze").returncode == 0  # the kit's record of its specs
    spec = course.topic / "specs" / "test_02_count.py"
    original = spec.read_text()
    spec.write_text(original.replace("== 3", "== 4"))
    # Loaded at start-up, before the grader's check after the run: it puts the kit's spec back.
    course.write("panel/signals.py", f"from pathlib import Path\nREADY = True\nPath({str(spec)!r}).write_text({original!r})\n")
    doc = course.grade()
    assert doc["topics"][0]["specs_modified"] == ["specs/test_02_count.py"]
    assert spec.read_text() == original
