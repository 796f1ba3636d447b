"""`make bench`: the grader's speed against plain pytest, measured in one run.

Prints medians of several runs on this machine:
- full `grade` over every topic vs. plain `pytest` run topic by topic in sequence;
- `check` of one challenge vs. bare `pytest` on its spec file.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grader.course import load_course
from grader.runner import child_env
from grader.targets import overlay

KIT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))


def timed(cmd: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def median(cmd: list[str], cwd: Path) -> float:
    return statistics.median(timed(cmd, cwd) for _ in range(REPEAT))


def sequential_pytest(folders: list[Path]) -> float:
    def once() -> float:
        return sum(timed([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], f) for f in folders)

    return statistics.median(once() for _ in range(REPEAT))


def row(label: str, ours: float, theirs: float, baseline: str) -> None:
    print(f"{label:<44} {ours:6.2f} s   {baseline} {theirs:6.2f} s   ratio {ours / theirs:4.2f}")


def main() -> int:
    course = load_course(KIT)
    grader = [sys.executable, "-m", "grader"]
    print(f"{len(course.topics)} topic(s), {len(course.challenges)} challenges, "
          f"{os.cpu_count()} cores, median of {REPEAT} runs\n")
    row("grade (exercises, all topics)", median([*grader, "grade"], KIT),
        sequential_pytest([course.exercises / t.name for t in course.topics]), "pytest per topic")
    with tempfile.TemporaryDirectory() as tmp:
        folders = [overlay(course.exercises / t.name, course.solutions / t.name, Path(tmp)) for t in course.topics]
        row("grade --target solutions (all topics)", median([*grader, "grade", "--target", "solutions"], KIT),
            sequential_pytest(folders), "pytest per topic")
    first = course.challenges[0]
    topic_dir = course.exercises / first.topic.name
    row(f"check {first.id}", median([*grader, "check", first.id], KIT),
        median([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", first.spec], topic_dir),
        "pytest spec file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
