from __future__ import annotations

import sys
from pathlib import Path

from grader import report, results
from grader.grading import grade

HELP = "run the specs of every topic (or the given ones) and tally the challenges done"
EXAMPLE = """examples:
  grader grade                          grade your exercises, every topic
  grader grade 01 fundamentals          only these topics
  grader grade --target solutions       grade the reference solutions
  grader grade --json results.json      also write the results document"""


def add_arguments(parser) -> None:
    parser.add_argument("topics", nargs="*", metavar="TOPIC", help="topic number, slug or folder (default: all)")
    parser.add_argument("--target", default="exercises",
                        help="exercises (default), solutions, or a folder holding topic folders")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the results document here")
    parser.add_argument("--jobs", type=int, metavar="N", help="topics graded at once (default: cores, at least 2)")
    parser.add_argument("--timeout", type=float, metavar="S", help="seconds per spec (default: the topic's, 10)")


def run(course, args) -> int:
    topics = [course.topic(q) for q in args.topics] or course.topics
    topics = _unique(topics)
    total = len(topics)
    done = 0

    def progress(topic, run_) -> None:
        nonlocal done
        done += 1
        if sys.stderr.isatty():
            print(f"\r  graded {done}/{total} topics ({topic.name})…".ljust(60), end="", file=sys.stderr, flush=True)

    doc = grade(course, topics, args.target, jobs=args.jobs, timeout=args.timeout, progress=progress)
    if sys.stderr.isatty():
        print("\r" + " " * 60 + "\r", end="", file=sys.stderr, flush=True)
    print(report.grade_table(doc))
    if args.json:
        results.write(doc, args.json)
        print(f"Results written to {args.json}")
    nxt = report.next_unsolved(doc)
    if nxt and args.target == "exercises":
        print(f"Next: grader check {nxt['id']}   ({nxt['title']})")
    return 0


def _unique(items):
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
