"""``grader batch``: grade many learners' checkouts with the kit's own specs, into one CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grader import pristine, results, sandbox, state, ui
from grader.course import CourseError
from grader.files import write_atomic
from grader.grading import Job, note_tampering, run_jobs
from grader.targets import checkout_topics, pristine_copy

HELP = "grade many learners' checkouts with the kit's pristine specs; one CSV row per learner"
EXAMPLE = """examples:
  grader batch cohort/*/ --out marks/          one folder per learner: a clone of the kit
  grader batch --from checkouts.txt --out marks/
                                               one path per line (# comments; relative to the file)

writes marks/results.csv (one row per learner) and marks/<learner>.json (the results document).
A checkout that cannot be graded gets a row with its error; the batch always finishes.
Each checkout is graded in turn, on a temporary copy of its own with the kit's spec files put
back; with --sandbox, inside bubblewrap (only that copy writable, no network)."""

FIXED = ["learner", "path"]
TOPIC_LIMIT = 900.0  # seconds: the runner's limit for one topic run
MAX_DOCUMENT = 64 * 1024 * 1024  # bytes: a results document read back from a sandbox
TAIL = ["total", "max_points", "percent", "challenges_done", "challenges", "specs_modified", "tampering",
        "errors"]


def add_arguments(parser) -> None:
    parser.add_argument("checkouts", nargs="*", type=Path, metavar="DIR", help="a learner's checkout of the kit")
    parser.add_argument("--from", dest="listing", type=Path, metavar="FILE",
                        help="a file listing checkouts, one per line")
    parser.add_argument("--out", type=Path, default=Path("batch-results"), metavar="DIR",
                        help="where results.csv and one results document per learner go (default: batch-results)")
    parser.add_argument("--jobs", type=int, metavar="N", help="topic runs at once (default: cores, at least 2)")
    parser.add_argument("--timeout", type=float, metavar="S", help="seconds per spec (default: the topic's)")
    parser.add_argument("--sandbox", action="store_true",
                        help="grade each checkout inside bubblewrap (bwrap): only its own copy writable, no network")


def checkouts(args) -> list[Path]:
    found = list(args.checkouts)
    if args.listing:
        try:
            lines = args.listing.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise CourseError(f"--from {args.listing}: {exc.strerror or exc}") from None
        for line in lines:
            line = line.strip()
            if line and not line.startswith("#"):
                path = Path(line).expanduser()
                found.append(path if path.is_absolute() else args.listing.parent / path)
    if not found:
        raise CourseError("batch needs checkouts: DIR… or --from FILE")
    return found


def learner_names(paths: list[Path]) -> list[str]:
    """A file-safe, unique name per checkout, from its folder name."""
    names: list[str] = []
    for path in paths:
        base = re.sub(r"[^A-Za-z0-9._-]+", "_", path.resolve().name).strip("._") or "learner"
        name, n = base, 2
        while name in names:
            name, n = f"{base}-{n}", n + 1
        names.append(name)
    return names


def run(course, args) -> int:
    paths = checkouts(args)
    names = learner_names(paths)
    if pristine.load(course) is None:
        raise CourseError(f"exercises/{pristine.FILE} is missing: batch grading needs the kit's record of its "
                          f"specs (run `{ui.command(course, 'freeze')}` in the kit)")
    if args.sandbox:
        sandbox.prefix()  # fails now, with how to install bwrap, rather than once per checkout
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    ui.err.print(f"grading {len(paths)} checkout(s), one at a time"
                 + (" (each in a bubblewrap sandbox)…" if args.sandbox else "…"))
    rows = []
    for name, path in zip(names, paths, strict=True):
        started_at = dt.datetime.now(dt.timezone.utc)
        clock = time.perf_counter()
        topics, problems = grade_checkout(course, path, args)
        doc = results.document(str(path.resolve()), topics, started_at, time.perf_counter() - clock, pristine=True)
        if topics:
            results.write(doc, out / f"{name}.json")
        rows.append(row(course, name, path, doc, problems))
    write_csv(course, rows, out / "results.csv")
    graded = sum(1 for r in rows if not r["errors"].startswith("could not grade"))
    ui.out.print(f"Graded {graded} of {len(rows)} checkout(s) with the kit's specs; "
                 f"results in {out / 'results.csv'}")
    return 0


def grade_checkout(course, path: Path, args) -> tuple[list[dict], list[str]]:
    """One checkout's topic documents, and its problems (one line each).

    The checkout is copied into a temporary folder of its own, made just before its
    topics run and removed right after: while its code runs, no other checkout's copy
    exists and no other checkout's process runs (each ``run_jobs`` has its own fork
    server, and kills what its runs started)."""
    if not path.is_dir():
        return [], [f"could not grade: {path} is not a folder"]
    found = checkout_topics(path, course.topics)
    if not found:
        return [], ["could not grade: no topic folders (exercises/NN_topic) in the checkout"]
    problems: list[str] = []
    modified: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="grader-batch-", ignore_cleanup_errors=True) as tmp:
        copies = Path(tmp) / "exercises"
        jobs: list[Job] = []
        for topic in course.topics:
            if topic.name not in found:
                problems.append(f"{topic.name}: folder missing")
                continue
            if found[topic.name].is_symlink() or (path / "exercises").is_symlink():
                problems.append(f"{topic.name}: the topic folder is a link, not followed")
                continue
            try:
                # Read from the checkout before any of its code runs, links never followed.
                modified[topic.name] = pristine.specs_modified(course, topic.name, found[topic.name])
                copy, dropped = pristine_copy(course, topic.name, found[topic.name], copies)
            except (OSError, CourseError, shutil.Error) as exc:
                problems.append(f"{topic.name}: could not copy the checkout: {_reason(exc)}")
                continue
            problems += [f"{topic.name}/{line}" for line in dropped]
            jobs.append(Job(None, topic, copy))
        if not jobs:
            return [], problems
        if args.sandbox:
            docs, trouble = _run_sandboxed(course, jobs, Path(tmp), args)
            problems += trouble
        else:
            runs = run_jobs(jobs, workers=args.jobs, timeout=args.timeout, durations=state.durations(course))
            note_tampering(course, runs)
            docs = {job.topic.name: results.topic_doc(job.topic, runs[job]) for job in jobs}
    topics = []
    for job in jobs:
        if job.topic.name in docs:
            docs[job.topic.name]["specs_modified"] = modified[job.topic.name]
            topics.append(docs[job.topic.name])
    return topics, problems


def _reason(exc: Exception) -> str:
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list):
        return "; ".join(str(why) for _src, _dst, why in exc.args[0][:3])
    return str(exc)


def _run_sandboxed(course, jobs: list[Job], tmp: Path, args) -> tuple[dict[str, dict], list[str]]:
    """Grade the copies in ``tmp`` with the grader itself run inside bubblewrap; its results
    document is read back. That document was written inside the sandbox, by a process that
    ran beside the candidate's code: it is checked for shape and its points recomputed, but
    a candidate that broke out of the grading there could have shaped it."""
    doc_path = tmp / "results.json"
    argv = [sys.executable, "-m", "grader", "--course", str(course.root.resolve()), "grade",
            "--target", str(tmp / "exercises"), "--json", str(doc_path), *(job.topic.name for job in jobs)]
    if args.jobs:
        argv += ["--jobs", str(args.jobs)]
    if args.timeout:
        argv += ["--timeout", str(args.timeout)]
    # Beyond every topic's own limit: the grader inside did not manage to stop.
    limit = 120 + TOPIC_LIMIT * len(jobs)
    # The grader is run from the folder that holds it, so the sandbox imports this very grader.
    home = Path(__file__).resolve().parent.parent.parent
    with tempfile.TemporaryFile() as errors:
        try:
            readable = [course.root, home, Path(sys.prefix), Path(sys.base_prefix)]
            done = subprocess.run(sandbox.command(tmp, readable, argv), cwd=home, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=errors, timeout=limit, check=False)
            code = done.returncode
        except subprocess.TimeoutExpired:
            code = None
        errors.seek(max(0, errors.seek(0, os.SEEK_END) - 1500))
        tail = errors.read().decode("utf-8", "replace").strip()
    doc = _read_back(doc_path)
    topics = _checked_topics(course, doc, [job.topic.name for job in jobs]) if doc else None
    if code == 0 and topics is not None:
        return topics, []
    what = (f"did not finish within {limit} s" if code is None
            else f"exited with code {code}" if code else "wrote no readable results document")
    last = tail.splitlines()[-1] if tail else ""
    return {}, [f"could not grade: the sandboxed grader {what}" + (f": {last}" if last else "")]


def _read_back(path: Path) -> dict | None:
    """The results document at ``path``, in a folder the candidate's code could write: read only
    as a regular file (not a link, not a pipe) of a sane size."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_DOCUMENT:
            return None
        try:
            doc = json.loads(handle.read())
        except ValueError:
            return None
    return doc if isinstance(doc, dict) and doc.get("schema_version") == results.SCHEMA_VERSION else None


def _checked_topics(course, doc: dict, expected: list[str]) -> dict[str, dict] | None:
    """The topic documents of ``doc`` if each is a topic of the course with its challenges in
    order and well-formed counts; points recomputed from the statuses. Else None."""
    try:
        topics = {t["id"]: t for t in doc["topics"]}
        if sorted(topics) != sorted(expected):
            return None
        for name, topic_doc in topics.items():
            known = course.topic(name).challenges
            if (not isinstance(topic_doc["status"], str) or not isinstance(topic_doc["message"], str)
                    or [c["id"] for c in topic_doc["challenges"]] != [c.id for c in known]):
                return None
            for challenge, entry in zip(known, topic_doc["challenges"], strict=True):
                if entry["status"] not in results.STATUSES or not all(
                        isinstance(entry[k], int) and entry[k] >= 0 for k in ("specs_passed", "specs_total")):
                    return None
                entry["max_points"] = challenge.points
                entry["points"] = challenge.points if entry["status"] == "pass" else 0
            topic_doc["totals"] = results.totals(topic_doc["challenges"])
    except (KeyError, TypeError, AttributeError, CourseError):
        return None
    return topics


def row(course, name: str, path: Path, doc: dict, problems: list[str]) -> dict[str, str]:
    by_topic = {t["id"]: t for t in doc["topics"]}
    values = {"learner": name, "path": str(path)}
    for topic in course.topics:
        t = by_topic.get(topic.name)
        values[topic.name] = str(t["totals"]["points"]) if t else ""
    max_points = sum(c.points for c in course.challenges)
    total = doc["totals"]["points"]
    errors = list(problems)
    for t in doc["topics"]:
        if t["status"] == "error":
            errors.append(f"{t['id']}: {t['message'].splitlines()[0] if t['message'] else 'error'}")
            continue
        errors += [f"{c['id']}: {c['status']}" for c in t["challenges"] if c["status"] in ("error", "timeout")]
    values.update(
        total=str(total), max_points=str(max_points),
        percent=f"{100 * total / max_points:.1f}" if max_points else "0.0",
        challenges_done=str(doc["totals"]["challenges_passed"]), challenges=str(len(course.challenges)),
        specs_modified="; ".join(f"{t['id']}/{rel}" for t in doc["topics"] for rel in t["specs_modified"]),
        tampering="; ".join(f"{t['id']}: {line}" for t in doc["topics"] for line in t.get("tampering", [])),
        errors="; ".join(errors),
    )
    return values


def write_csv(course, rows: list[dict[str, str]], path: Path) -> None:
    columns = FIXED + [t.name for t in course.topics] + TAIL
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_atomic(path, text.getvalue())
