"""``grader batch``: grade many learners' checkouts with the kit's own specs, into one CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
import time
from pathlib import Path

from grader import pristine, results, state, ui
from grader.course import CourseError
from grader.files import write_atomic
from grader.grading import Job, run_jobs
from grader.targets import checkout_topics, pristine_copy

HELP = "grade many learners' checkouts with the kit's pristine specs; one CSV row per learner"
EXAMPLE = """examples:
  grader batch cohort/*/ --out marks/          one folder per learner: a clone of the kit
  grader batch --from checkouts.txt --out marks/
                                               one path per line (# comments; relative to the file)

writes marks/results.csv (one row per learner) and marks/<learner>.json (the results document).
A checkout that cannot be graded gets a row with its error; the batch always finishes.
Each checkout is graded on a temporary copy, with the kit's spec files put back."""

FIXED = ["learner", "path"]
TAIL = ["total", "max_points", "percent", "challenges_done", "challenges", "specs_modified", "errors"]


def add_arguments(parser) -> None:
    parser.add_argument("checkouts", nargs="*", type=Path, metavar="DIR", help="a learner's checkout of the kit")
    parser.add_argument("--from", dest="listing", type=Path, metavar="FILE",
                        help="a file listing checkouts, one per line")
    parser.add_argument("--out", type=Path, default=Path("batch-results"), metavar="DIR",
                        help="where results.csv and one results document per learner go (default: batch-results)")
    parser.add_argument("--jobs", type=int, metavar="N", help="topic runs at once (default: cores, at least 2)")
    parser.add_argument("--timeout", type=float, metavar="S", help="seconds per spec (default: the topic's)")


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
                          "specs (run `grader freeze` in the kit)")
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    started_at = dt.datetime.now(dt.timezone.utc)
    clock = time.perf_counter()
    problems: dict[str, list[str]] = {name: [] for name in names}
    modified: dict[str, dict[str, list[str]]] = {name: {} for name in names}
    jobs: list[Job] = []
    with tempfile.TemporaryDirectory(prefix="grader-batch-") as tmp:
        for name, path in zip(names, paths, strict=True):
            if not path.is_dir():
                problems[name].append(f"could not grade: {path} is not a folder")
                continue
            found = checkout_topics(path, course.topics)
            if not found:
                problems[name].append("could not grade: no topic folders (exercises/NN_topic) in the checkout")
                continue
            for topic in course.topics:
                if topic.name not in found:
                    problems[name].append(f"{topic.name}: folder missing")
                    continue
                try:
                    modified[name][topic.name] = pristine.specs_modified(course, topic.name, found[topic.name])
                    copy = pristine_copy(course, topic.name, found[topic.name], Path(tmp) / name)
                except (OSError, CourseError) as exc:
                    problems[name].append(f"{topic.name}: could not copy the checkout: {exc}")
                    continue
                jobs.append(Job(name, topic, copy))
        ui.err.print(f"grading {len(paths)} checkout(s): {len(jobs)} topic runs…")
        runs = run_jobs(jobs, workers=args.jobs, timeout=args.timeout, durations=state.durations(course))
    rows = []
    for name, path in zip(names, paths, strict=True):
        mine = [job for job in jobs if job.key == name]
        docs = [results.topic_doc(job.topic, runs[job], specs_modified=modified[name].get(job.topic.name))
                for job in mine]
        doc = results.document(str(path.resolve()), docs, started_at, time.perf_counter() - clock, pristine=True)
        if mine:
            results.write(doc, out / f"{name}.json")
        rows.append(row(course, name, path, doc, problems[name]))
    write_csv(course, rows, out / "results.csv")
    graded = sum(1 for r in rows if not r["errors"].startswith("could not grade"))
    ui.out.print(f"Graded {graded} of {len(rows)} checkout(s) with the kit's specs; "
                 f"results in {out / 'results.csv'}")
    return 0


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
