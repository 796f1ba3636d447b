"""The learner's loop on the fake course: watch, hint, diff, solution, reset, list, colours."""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from grader.cli import COMMANDS
from tests.conftest import KIT
from tests.watch_session import ANSI, Session

FIX = "def count_words(text):\n    return len(text.split())\n"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=kit", "-c", "user.email=kit@example.com", "-C", str(root), *args],
                   check=True, capture_output=True)


@pytest.fixture
def kit(course):
    """The fake course as a learner gets it: a git clone with the kit's record of its starters."""
    assert course.grader("freeze").returncode == 0
    git(course.root, "init", "-q")
    git(course.root, "add", "-A")
    git(course.root, "commit", "-qm", "the kit")
    return course


def digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# watch


def test_watch_manual_mode_reruns_on_enter_and_advances_when_fixed(kit):
    session = Session(kit.root, "demo.count", "--manual")
    session.start_reader(session.proc.stdout)
    session.expect(r"✗ 1\.2 demo\.count: fail · 1 of 3 specs pass · 2 failing")
    # Every failing spec, the first in full, the others in one line each.
    assert session.lines_until(r"Enter rerun") == [
        "  ✗ test_counts_two_words (task 1)",
        "      count_words('a b') returned 0; expected 2",
        "      assert 0 == 2",
        "  ✗ test_counts_three_words (task 2): expected 3",
        "Enter rerun · h, n, p, q then Enter: hint, next, previous, quit",
    ]
    kit.write("count/logic.py", FIX)
    session.send("\n")
    session.expect(r"✓ 1\.2 demo\.count passes")
    session.expect(r"Next: 1\.3 demo\.panel")
    session.send("q\n")
    assert session.close() == 0
    assert json.loads((kit.root / ".grader" / "state.json").read_text())["challenges"]["demo.count"]["status"] == "pass"


def test_watch_reruns_when_a_file_is_saved_and_names_the_next_challenge(kit):
    session = Session(kit.root, "demo.count")
    session.start_reader(session.proc.stdout)
    session.expect(r"watching for saves")
    (kit.topic / "count" / ".logic.py.swp").write_text("editor swap file")  # ignored
    kit.write("count/logic.py", FIX)
    session.expect(r"✓ 1\.2 demo\.count passes")
    session.expect(r"Next: 1\.3 demo\.panel — Panel app")
    session.expect(r"1\.3 demo\.panel")
    session.send("q\n")
    assert session.close() == 0


def test_watch_keys_work_one_press_at_a_time_in_a_terminal(kit):
    import pty

    primary, secondary = pty.openpty()
    session = Session(kit.root, "demo.count", stdin=secondary, stdout=secondary)
    os.close(secondary)
    session.start_reader(primary)
    session.expect(r"h hint · n next")
    os.write(primary, b"h")  # no Enter: single keys in a terminal
    session.expect(r"Hint 1 of 2: Split on whitespace\.")
    os.write(primary, b"n")
    session.expect(r"1\.3 demo\.panel — Panel app")
    os.write(primary, b"q")
    session.expect(r"Stopped watching")
    assert session.close() == 0
    os.close(primary)


def test_watch_starts_at_the_first_unsolved_even_with_a_corrupt_state_file(kit):
    (kit.root / ".grader").mkdir()
    (kit.root / ".grader" / "state.json").write_text("{not json")
    session = Session(kit.root, "--manual")
    session.start_reader(session.proc.stdout)
    session.expect(r"✓ 1\.1 demo\.hello passes")
    session.expect(r"Next: 1\.2 demo\.count")
    session.send("q\n")
    assert session.close() == 0
    assert "Traceback" not in "\n".join(session.seen)


# hint, list


def test_hints_are_progressive_remembered_and_counted(kit):
    first = kit.grader("hint", "demo.count")
    assert "Hint 1 of 2" in first.stdout and "Split on whitespace." in first.stdout
    assert "len(text.split())" not in first.stdout
    second = kit.grader("hint", "1.2")
    assert "Hint 2 of 2" in second.stdout and "That is the last hint" in second.stdout
    again = kit.grader("hint", "demo.count", "--all")
    assert "Split on whitespace." in again.stdout and "len(text.split())" in again.stdout
    listing = kit.grader("list")
    assert re.search(r"demo\.count .* 2/2 hints", listing.stdout), listing.stdout
    assert "2 hints used" in listing.stdout
    assert re.search(r"demo\.count .* · 2 hints", kit.grade()["_stdout"])


def test_check_shows_the_next_unread_hint_without_using_it(kit):
    kit.grader("hint", "demo.count")
    proc = kit.grader("check", "demo.count")
    assert "Hint 2 of 2: len(text.split())" in proc.stdout
    assert "1/2 hints" in kit.grader("list").stdout


def test_grade_and_list_survive_a_corrupt_state_file(kit):
    (kit.root / ".grader").mkdir()
    (kit.root / ".grader" / "state.json").write_text('{"version": 1, "challenges": {"demo.count": [1]}}')
    assert kit.grader("list").returncode == 0
    kit.grade()
    assert kit.grader("hint", "demo.count").returncode == 0
    data = json.loads((kit.root / ".grader" / "state.json").read_text())
    assert data["challenges"]["demo.count"] == {"status": "fail", "at": data["challenges"]["demo.count"]["at"],
                                               "hints": 1}


# diff, solution


def test_diff_on_the_untouched_starter_shows_the_whole_reference_change(kit):
    proc = kit.grader("diff", "demo.count", "--yes")
    starter = (kit.topic / "count" / "logic.py").read_text().splitlines(keepends=True)
    answer = (kit.root / "solutions" / "01_demo" / "count" / "logic.py").read_text().splitlines(keepends=True)
    expected = [line.rstrip("\n") for line in difflib.unified_diff(starter, answer, "yours/count/logic.py",
                                                                   "reference/count/logic.py")]
    assert expected and all(line in proc.stdout.splitlines() for line in expected), proc.stdout


def test_diff_on_a_solved_challenge_shows_only_the_learners_differences(kit):
    answer = (kit.root / "solutions" / "01_demo" / "count" / "logic.py").read_text()
    kit.write("count/logic.py", "# my own note\n" + answer)
    assert kit.grader("check", "demo.count").returncode == 0
    proc = kit.grader("diff", "demo.count")  # passing: no question asked
    changed = [line for line in proc.stdout.splitlines() if line.startswith(("+", "-")) and not line.startswith(("---", "+++"))]
    assert changed == ["-# my own note"], proc.stdout
    kit.write("count/logic.py", answer)
    assert "same: count/logic.py" in kit.grader("diff", "demo.count").stdout


def test_diff_shows_missing_and_added_files(kit):
    (kit.topic / "count" / "logic.py").unlink()
    (kit.topic / "count" / "helpers.py").write_text("x = 1\n")
    proc = kit.grader("diff", "demo.count", "--yes")
    assert "missing: count/logic.py" in proc.stdout
    assert "+    return len(text.split())" in proc.stdout
    assert "added: count/helpers.py" in proc.stdout


@pytest.mark.parametrize("command", ["diff", "solution"])
def test_seeing_an_unsolved_answer_needs_a_yes(kit, command):
    proc = kit.grader(command, "demo.count")
    assert proc.returncode == 1
    assert "not passing yet" in proc.stderr and "--yes" in proc.stderr
    assert "len(text.split())" not in proc.stdout


def test_solution_prints_the_reference_and_its_notes_section(kit):
    proc = kit.grader("solution", "demo.count", "--yes")
    assert proc.returncode == 0
    assert "── count/logic.py" in proc.stdout and "return len(text.split())" in proc.stdout
    assert "## Count words\n- split" in proc.stdout
    assert "## Panel app" not in proc.stdout


# reset


def test_reset_backs_up_byte_for_byte_and_restores_only_that_challenge(kit):
    mine = b"def count_words(text):\r\n    return 42  # \xc3\xa9 mine\r\n"
    (kit.topic / "count" / "logic.py").write_bytes(mine)
    git(kit.root, "commit", "-qam", "my work")  # the kit's version is no longer HEAD
    (kit.topic / "hello" / "views.py").write_text("# someone else's work in progress\n")
    others = {k: v for k, v in digests(kit.topic).items() if k != "count/logic.py"}
    starter = (kit.root / "exercises" / "pristine.json").read_text()

    proc = kit.grader("reset", "demo.count", "--yes")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    backups = list((kit.root / ".grader" / "backups").iterdir())
    assert len(backups) == 1 and backups[0].name in proc.stdout
    assert (backups[0] / "files" / "01_demo" / "count" / "logic.py").read_bytes() == mine
    restored = (kit.topic / "count" / "logic.py").read_bytes()
    assert hashlib.sha256(restored).hexdigest() == json.loads(starter)["files"]["01_demo/count/logic.py"]["sha256"]
    assert {k: v for k, v in digests(kit.topic).items() if k != "count/logic.py"} == others

    assert backups[0].name in kit.grader("reset", "--list-backups").stdout
    back = kit.grader("reset", "--restore", backups[0].name, "--yes")
    assert back.returncode == 0, back.stderr
    assert (kit.topic / "count" / "logic.py").read_bytes() == mine
    assert len(list((kit.root / ".grader" / "backups").iterdir())) == 2  # the starter, backed up too


def test_reset_asks_first_and_changes_nothing_without_a_yes(kit):
    kit.write("count/logic.py", "mine\n")
    proc = kit.grader("reset", "demo.count")
    assert proc.returncode == 1 and "--yes" in proc.stderr
    assert (kit.topic / "count" / "logic.py").read_text() == "mine\n"
    assert not (kit.root / ".grader" / "backups").exists()


def test_reset_without_the_git_history_is_a_clear_error(kit):
    import shutil

    shutil.rmtree(kit.root / ".git")
    kit.write("count/logic.py", "mine\n")
    proc = kit.grader("reset", "demo.count", "--yes")
    assert proc.returncode == 2
    assert "needs a git clone of the kit" in proc.stderr
    assert (kit.topic / "count" / "logic.py").read_text() == "mine\n"


def test_freeze_check_notices_an_edited_starter(kit):
    assert kit.grader("freeze", "--check").returncode == 0
    kit.write("specs/test_02_count.py", "def test_nothing():\n    pass\n")
    proc = kit.grader("freeze", "--check")
    assert proc.returncode == 1 and "01_demo/specs/test_02_count.py: changed" in proc.stdout


# every command


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(command):
    proc = subprocess.run([sys.executable, "-m", "grader", command, "--help"], capture_output=True, text=True,
                          cwd=KIT)
    assert proc.returncode == 0 and "examples:" in proc.stdout


@pytest.mark.parametrize("command", ["check", "watch", "hint", "diff", "solution", "reset"])
def test_a_bad_challenge_id_suggests_the_closest(course, command):
    proc = course.grader(command, "demo.cont")
    assert proc.returncode == 2
    assert proc.stderr.strip() == "grader: no challenge 'demo.cont'; did you mean 'demo.count'?"


def test_colours_follow_the_flag_and_no_color(course):
    course.grade()  # statuses to colour
    assert not ANSI.search(course.grader("list").stdout), "piped output must be plain"
    assert ANSI.search(course.grader("--color", "always", "list").stdout)
    assert ANSI.search(course.grader("list", "--color", "always").stdout)
    assert ANSI.search(course.grader("--color", "always", "list", env={"NO_COLOR": "1"}).stdout)
    assert not ANSI.search(course.grader("--color", "never", "list", env={"FORCE_COLOR": "1"}).stdout)
    assert "\x1b[31m" in course.grader("list", env={"FORCE_COLOR": "1"}).stdout  # red: failing
    assert "\x1b[31m" not in course.grader("list", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


def test_verify_flags_a_stale_starter_record(kit):
    assert "starter record" not in kit.grader("verify").stdout
    kit.write("count/logic.py", "def count_words(text):\n    return -1  # TODO\n")
    proc = kit.grader("verify")
    assert proc.returncode == 1
    assert re.search(r"starter record: 01_demo/count/logic\.py: changed \(run `\S*grader .*freeze`", proc.stdout)


def test_reset_removes_a_file_the_starter_does_not_have_after_backing_it_up(course):
    manifest = course.topic / "topic.toml"
    manifest.write_text(manifest.read_text().replace('files = ["count/logic.py"]',
                                                     'files = ["count/logic.py", "count/helpers.py"]'))
    assert course.grader("freeze").returncode == 0
    course.write("count/helpers.py", "def split(text):\n    return text.split()\n")
    proc = course.grader("reset", "demo.count", "--yes")
    assert proc.returncode == 0, proc.stderr
    assert not (course.topic / "count" / "helpers.py").exists()
    [backup] = (course.root / ".grader" / "backups").iterdir()
    assert (backup / "files" / "01_demo" / "count" / "helpers.py").read_text().startswith("def split")


def test_grade_remembers_topic_durations_and_survives_a_corrupt_entry(course):
    (course.root / ".grader").mkdir()
    state_file = course.root / ".grader" / "state.json"
    state_file.write_text('{"version": 1, "challenges": {}, "topics": [1]}')
    course.grade()
    recorded = json.loads(state_file.read_text())["topics"]
    assert list(recorded) == ["01_demo"] and recorded["01_demo"]["duration"] > 0
    assert course.grader("check", "demo.count").returncode == 1
    assert json.loads(state_file.read_text())["topics"] == recorded, "a one-challenge run is not a topic's time"
