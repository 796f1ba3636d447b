"""Every command the grader prints works as printed, from the kit's root, in a fresh shell."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader import ui
from grader.course import load_course
from tests.conftest import KIT

SCRIPTS = Path(sys.executable).parent
# How each printed command should end: check fails on the unsolved demo.count; watch quits on q.
EXIT = {"check": 1, "watch": 0, "hint": 0, "diff": 0, "solution": 0, "grade": 0}


def path_without_the_venv() -> str:
    """PATH as a fresh shell has it: no folder that holds a `grader` script."""
    return os.pathsep.join(d for d in os.environ.get("PATH", "").split(os.pathsep)
                           if d and not shutil.which("grader", path=d))


def printed(text: str) -> list[str]:
    return [c for c in re.findall(r"`([^`\n]+)`", text) if re.search(r"(^|/)grader\b", c.split()[0])]


def run_as_printed(command: str, root: Path, path: str) -> subprocess.CompletedProcess:
    env = {"PATH": path, "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8"}
    return subprocess.run(command, shell=True, cwd=root, env=env, input="q\n", capture_output=True,
                          text=True, timeout=120)


def test_commands_printed_by_grade_and_check_run_from_the_course_root(course):
    path = path_without_the_venv()
    grade = course.grader("grade", env={"PATH": path})
    check = course.grader("check", "demo.count", env={"PATH": path})
    commands = printed(grade.stdout) + printed(check.stdout)
    subcommands = [re.search(r" (check|watch|hint|diff|solution|grade)\b", c)[1] for c in commands]
    assert {"watch", "check", "hint"} <= set(subcommands), grade.stdout + check.stdout
    for command, sub in zip(commands, subcommands, strict=True):
        assert not command.startswith("grader "), f"`{command}`: grader is not on this PATH"
        proc = run_as_printed(command, course.root, path)
        assert proc.returncode == EXIT[sub], f"`{command}` -> {proc.returncode}\n{proc.stdout}{proc.stderr}"
        assert "demo.count" in proc.stdout, f"`{command}` ran on another course:\n{proc.stdout}"


def test_a_grader_on_path_is_printed_bare_and_runs(course):
    path = os.pathsep.join([str(SCRIPTS), path_without_the_venv()])
    check = course.grader("check", "demo.count", env={"PATH": path})
    hint = next(c for c in printed(check.stdout) if " hint " in c)
    assert hint.startswith("grader --course "), hint
    proc = run_as_printed(hint, course.root, path)
    assert proc.returncode == 0 and "Hint 1 of 2" in proc.stdout, proc.stdout + proc.stderr


@pytest.mark.skipif(not (KIT / ".venv").is_dir() or KIT / ".venv" not in SCRIPTS.parents,
                    reason="runs with the kit's own .venv only")
def test_the_kit_prints_its_venv_script_or_grader_when_on_path(monkeypatch):
    kit = load_course(KIT)
    monkeypatch.setenv("PATH", path_without_the_venv())
    assert ui.command(kit, "check", "1.1") == ".venv/bin/grader check 1.1"
    monkeypatch.setenv("PATH", os.pathsep.join([str(SCRIPTS), path_without_the_venv()]))
    assert ui.command(kit, "watch", "fundamentals.tour") == "grader watch fundamentals.tour"
