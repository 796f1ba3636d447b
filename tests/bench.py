"""`make bench`: the grader's speed against plain pytest, measured in one run.

Prints medians of several runs on this machine:
- full `grade` over every topic vs. plain `pytest` run topic by topic in sequence;
- `check` of one challenge vs. bare `pytest` on its spec file;
- `watch`: the time from saving a file to the verdict on screen (budget: about 1 s);
- `batch` over 20 copies of the kit vs. 20 × one full grade on one core ÷ cores (budget 1.2);
- `verify --answers`: the whole known-answers corpus, once (budget: 180 s for 10 topics,
  so the time here scaled by 10 ÷ the topics landed).

Budgets (issue "Grading a cohort"): full `grade --target solutions` ≤ 0.30 × plain pytest
topic by topic; batch ≤ 1.2 × (20 × one full grade ÷ cores). Each line says ok or OVER.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grader.course import load_course
from grader.runner import child_env
from grader.targets import overlay
from tests.watch_session import Session

KIT = Path(__file__).resolve().parent.parent
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
SAVES = 7
EDIT_PAUSE = 1.5  # seconds between a verdict and the next save: a learner reads, then edits
BATCH = 20
WATCH_BUDGET = 1.0
CORPUS_BUDGET = 180.0  # seconds for the whole corpus of 10 topics


def timed(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env={**child_env(), **(env or {})}, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def median(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    return statistics.median(timed(cmd, cwd, env) for _ in range(REPEAT))


def sequential_pytest(folders: list[Path]) -> float:
    def once() -> float:
        return sum(timed([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], f) for f in folders)

    return statistics.median(once() for _ in range(REPEAT))


def row(label: str, ours: float, theirs: float, baseline: str, budget: float | None = None) -> None:
    verdict = "" if budget is None else f"   budget {budget:.2f} " + ("ok" if ours / theirs <= budget else "OVER")
    print(f"{label:<44} {ours:6.2f} s   {baseline} {theirs:6.2f} s   ratio {ours / theirs:4.2f}{verdict}")


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
            sequential_pytest(folders), "pytest per topic", budget=0.30)
        row("  the same without the fork server",
            median([*grader, "grade", "--target", "solutions"], KIT, {"GRADER_NO_FORK": "1"}),
            sequential_pytest(folders), "pytest per topic")
    first = course.challenges[0]
    topic_dir = course.exercises / first.topic.name
    row(f"check {first.id}", median([*grader, "check", first.id], KIT),
        median([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", first.spec], topic_dir),
        "pytest spec file")
    one_core = median([*grader, "grade", "--jobs", "1"], KIT)
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(BATCH):
            shutil.copytree(course.exercises, Path(tmp) / f"learner{n:02d}" / "exercises",
                            ignore=shutil.ignore_patterns("__pycache__"))
        batch = timed([*grader, "batch", *(str(p) for p in sorted(Path(tmp).iterdir())),
                       "--out", str(Path(tmp) / "marks")], KIT)
    row(f"batch of {BATCH} copies of the kit", batch, BATCH * one_core / cores,
        f"{BATCH} × grade on 1 core ({one_core:.2f} s) ÷ {cores} cores", budget=1.2)
    corpus_time(course)
    watch_median, spread = save_to_verdict(course, first)
    print(f"{'watch: save to verdict (' + first.id + ')':<44} {watch_median:6.2f} s   "
          f"median of {SAVES} saves ({spread})   budget {WATCH_BUDGET:.1f} s "
          + ("ok" if watch_median <= WATCH_BUDGET else "OVER"))
    return 0


def corpus_time(course) -> None:
    from grader import answers

    known = sum(len(answers.load(course, c)) for c in course.challenges)
    seconds = timed([sys.executable, "-m", "grader", "verify", "--answers"], KIT)
    scaled = seconds * 10 / len(course.topics)
    print(f"{'verify --answers (' + str(known) + ' answers)':<44} {seconds:6.2f} s   "
          f"for 10 topics about {scaled:6.1f} s   budget {CORPUS_BUDGET:.0f} s "
          + ("ok" if scaled <= CORPUS_BUDGET else "OVER"))


def save_to_verdict(course, challenge) -> tuple[float, str]:
    """Save one of the challenge's files in a copy of its topic; time until watch prints the verdict."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        topic = challenge.topic.name
        shutil.copytree(course.exercises / topic, root / "exercises" / topic)
        shutil.copytree(course.solutions / topic, root / "solutions" / topic)
        session = Session(root, challenge.id)
        session.start_reader(session.proc.stdout)
        session.expect("watching for saves", timeout=60)
        saved = root / "exercises" / topic / next(f for f in challenge.files if f.endswith(".py"))
        original = saved.read_text(encoding="utf-8")
        times = []
        for n in range(SAVES):
            time.sleep(EDIT_PAUSE)
            saved.write_text(original + f"\n# save {n}\n", encoding="utf-8")
            at = time.perf_counter()
            verdict = session.expect(r"^[✓✗] ", timeout=60)
            assert ": error" not in verdict and ": timeout" not in verdict, verdict
            times.append(session.matched_at - at)
            session.expect("watching for saves|passes", timeout=60)
        session.send("q\n")
        session.close()
    return statistics.median(times), f"{min(times):.2f}-{max(times):.2f} s"


if __name__ == "__main__":
    sys.exit(main())
