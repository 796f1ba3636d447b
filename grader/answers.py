"""Known answers: the corpus that proves a challenge's specs are strong enough.

Each challenge keeps answers a learner could write, in
``tests/answers/<topic>/<challenge slug>/answers.toml``::

    [[answer]]
    name = "python-loop"                 # unique in the challenge
    expect = "wrong"                     # "right": must pass; "wrong": must fail
    mistake = "reads, adds and saves in Python: concurrent orders lose updates"
    message = ["lost"]                   # words the failure message must contain

    [[answer.edit]]                      # a change to the reference, applied in order
    file = "shop/stock.py"
    old = "...text of the reference file, found exactly once..."
    new = "...what this answer writes instead..."

Whole files may be laid over too: a folder named after the answer, beside the
manifest, holding files at their paths in the topic.

``grader verify --answers`` grades each answer on a copy of its topic with
the reference laid over and then the answer, with the kit's own specs. One
topic run carries at most one answer per challenge (their files disjoint), so
a topic needs as many runs as its challenge with the most answers; the other
challenges of every run must still pass (a wrong answer breaks only its own
challenge). A run where one does not is re-run an answer at a time, to name
the answer that broke it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader import results
from grader.course import Challenge, Course, CourseError, Topic
from grader.grading import Job, run_jobs
from grader.targets import overlay

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

FOLDER = Path("tests") / "answers"
MANIFEST = "answers.toml"
EXPECTATIONS = ("right", "wrong")
MIN_RIGHT, MIN_WRONG = 2, 5


@dataclass(frozen=True)
class Edit:
    file: str
    old: str
    new: str


@dataclass(frozen=True)
class Answer:
    challenge: Challenge = field(repr=False)
    name: str
    expect: str
    mistake: str
    message: tuple[str, ...]
    edits: tuple[Edit, ...]
    folder: Path | None  # whole files laid over, at their paths in the topic

    @property
    def label(self) -> str:
        return f"{self.challenge.number} {self.name}"

    def files(self) -> set[str]:
        found = {e.file for e in self.edits}
        if self.folder:
            found |= {p.relative_to(self.folder).as_posix() for p in self.folder.rglob("*") if p.is_file()}
        return found

    def apply(self, copy: Path) -> None:
        """Lay this answer over ``copy`` (a topic with its reference); CourseError if it no longer applies."""
        if self.folder:
            shutil.copytree(self.folder, copy, dirs_exist_ok=True)
        for edit in self.edits:
            target = copy / edit.file
            try:
                text = target.read_text(encoding="utf-8")
            except OSError:
                raise CourseError(f"answer {self.label}: {edit.file} is not in the topic") from None
            found = text.count(edit.old)
            if found != 1:
                raise CourseError(f"answer {self.label}: the text to replace in {edit.file} is found {found} "
                                  "times in the reference (exactly once expected): update the answer")
            target.write_text(text.replace(edit.old, edit.new), encoding="utf-8")


def folder(course: Course) -> Path:
    return course.root / FOLDER


def load(course: Course, challenge: Challenge) -> list[Answer]:
    """The known answers of ``challenge`` (none when it has no manifest); CourseError on a bad one."""
    home = folder(course) / challenge.topic.name / challenge.slug
    manifest = home / MANIFEST
    if not manifest.is_file():
        return []
    try:
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CourseError(f"{manifest}: not valid TOML: {exc}") from None
    answers = []
    for i, entry in enumerate(data.get("answer", ()), start=1):
        where = f"{manifest}: answer {i}"
        try:
            name = str(entry["name"])
            expect = str(entry["expect"])
            mistake = str(entry.get("mistake", ""))
            message = tuple(str(w) for w in entry.get("message", ()))
            edits = tuple(Edit(str(e["file"]), str(e["old"]), str(e["new"])) for e in entry.get("edit", ()))
        except (KeyError, TypeError) as exc:
            raise CourseError(f"{where}: missing or bad key {exc}") from None
        if expect not in EXPECTATIONS:
            raise CourseError(f"{where} ({name}): expect is 'right' or 'wrong', not {expect!r}")
        if expect == "wrong" and not (mistake and message):
            raise CourseError(f"{where} ({name}): a wrong answer names its mistake and the words its message "
                              "must contain")
        files = home / name
        answer = Answer(challenge, name, expect, mistake, message, edits, files if files.is_dir() else None)
        if not answer.files():
            raise CourseError(f"{where} ({name}): changes nothing (no edit, no folder {files.name}/)")
        outside = answer.files() - set(challenge.files) - set(challenge.topic.shared_files)
        if outside:
            raise CourseError(f"{where} ({name}): changes {', '.join(sorted(outside))}, which is neither "
                              f"a file of {challenge.id} nor a shared file")
        answers.append(answer)
    names = [a.name for a in answers]
    if len(set(names)) != len(names):
        raise CourseError(f"{manifest}: answer names repeat")
    return answers


def shortfalls(course: Course, topics: list[Topic]) -> list[str]:
    """Challenges with fewer known answers than the kit asks for."""
    found = []
    for challenge in (c for t in topics for c in t.challenges):
        answers = load(course, challenge)
        right = sum(a.expect == "right" for a in answers)
        wrong = len(answers) - right
        if right < MIN_RIGHT or wrong < MIN_WRONG:
            found.append(f"{challenge.number} {challenge.id}: {right} right and {wrong} wrong answers "
                         f"(at least {MIN_RIGHT} and {MIN_WRONG})")
    return found


def rounds(answers: list[Answer]) -> list[list[Answer]]:
    """Pack answers into topic runs: at most one per challenge in a run, no two touching one file."""
    todo = list(answers)
    packed: list[list[Answer]] = []
    while todo:
        run: list[Answer] = []
        used: set[str] = set()
        for answer in list(todo):
            if any(a.challenge == answer.challenge for a in run) or used & answer.files():
                continue
            run.append(answer)
            used |= answer.files()
            todo.remove(answer)
        packed.append(run)
    return packed


@dataclass
class Verdict:
    answer: Answer
    got: str  # the challenge's status
    message: str
    missing_words: list[str]
    broke: list[str] = field(default_factory=list)  # other challenges that stopped passing
    tampering: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        wanted = (self.got == "pass") if self.answer.expect == "right" else (self.got != "pass")
        return wanted and not self.missing_words and not self.broke and not self.tampering


def _failure_text(challenge_doc: dict[str, Any]) -> str:
    """Every message the challenge's failure shows: its own and each failing spec's."""
    parts = [challenge_doc["message"]]
    parts += [s["message"] for s in challenge_doc["specs"] if s["status"] != "pass"]
    return "\n".join(parts)


def _judge(topic_doc: dict[str, Any], chosen: list[Answer]) -> list[Verdict]:
    by_id = {c["id"]: c for c in topic_doc["challenges"]}
    mine = {a.challenge.id for a in chosen}
    others_failing = [f"{c['number']} {cid} ({c['status']}: {c['message'].splitlines()[0] if c['message'] else ''})"
                      for cid, c in by_id.items() if cid not in mine and c["status"] != "pass"]
    verdicts = []
    for answer in chosen:
        doc = by_id[answer.challenge.id]
        text = _failure_text(doc).lower() if doc["status"] != "pass" else ""
        missing = [w for w in answer.message if w.lower() not in text] if answer.expect == "wrong" else []
        verdicts.append(Verdict(answer, doc["status"], doc["message"], missing, list(others_failing),
                                list(topic_doc["tampering"]) if answer.expect == "right" else []))
    return verdicts


def verify(course: Course, answers: list[Answer], *, jobs: int | None = None,
           timeout: float | None = None) -> tuple[list[Verdict], float]:
    """Grade every answer; the verdicts in the answers' order, and the seconds it took."""
    started = time.perf_counter()
    by_topic: dict[str, list[Answer]] = {}
    for answer in answers:
        by_topic.setdefault(answer.challenge.topic.name, []).append(answer)
    planned = [(course.topic(name), run) for name, group in by_topic.items() for run in rounds(group)]
    verdicts = _grade(course, planned, jobs=jobs, timeout=timeout)
    suspects = [v for v in verdicts if v.broke]
    if suspects:  # who broke the others: each alone
        alone = _grade(course, [(v.answer.challenge.topic, [v.answer]) for v in suspects], jobs=jobs,
                       timeout=timeout)
        fixed = {v.answer: v for v in alone}
        verdicts = [fixed.get(v.answer, v) for v in verdicts]
    order = {a: i for i, a in enumerate(answers)}
    return sorted(verdicts, key=lambda v: order[v.answer]), time.perf_counter() - started


def _grade(course: Course, planned: list[tuple[Topic, list[Answer]]], *, jobs: int | None,
           timeout: float | None) -> list[Verdict]:
    with tempfile.TemporaryDirectory(prefix="grader-answers-") as tmp:
        todo = []
        for i, (topic, chosen) in enumerate(planned):
            into = Path(tmp) / f"run-{i}"
            into.mkdir()
            copy = overlay(course.exercises / topic.name, course.solutions / topic.name, into)
            for answer in chosen:
                answer.apply(copy)
            todo.append(Job((i, tuple(chosen)), topic, copy))
        runs = run_jobs(todo, workers=jobs, timeout=timeout)
    verdicts = []
    for job in todo:
        _, chosen = job.key
        verdicts += _judge(results.topic_doc(job.topic, runs[job]), list(chosen))
    return verdicts
