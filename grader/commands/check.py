from __future__ import annotations

from grader import report
from grader.grading import grade

HELP = "run one challenge's specs and explain each failure"
EXAMPLE = """examples:
  grader check fundamentals.middleware
  grader check 1.6                      the same challenge, by number
  grader check fund.mid                 by prefixes"""


def add_arguments(parser) -> None:
    parser.add_argument("challenge", metavar="CHALLENGE", help="id (fundamentals.tour), number (1.1) or prefix")
    parser.add_argument("--target", default="exercises", help="exercises (default), solutions, or a folder")
    parser.add_argument("--timeout", type=float, metavar="S", help="seconds per spec (default: the topic's)")


def run(course, args) -> int:
    challenge = course.challenge(args.challenge)
    doc = grade(course, [challenge.topic], args.target, jobs=1, timeout=args.timeout, only=[challenge])
    c = doc["topics"][0]["challenges"][0]
    print(f"{c['number']} {c['id']} — {c['title']} {challenge.stars}")
    print(f"Instructions: exercises/{challenge.topic.name}/README.md, section {challenge.position}; "
          f"files: {', '.join(challenge.files)}")
    print()
    if c["status"] in ("error", "timeout"):
        print(f"{report.MARK[c['status']]} {c['status']}: {c['message']}")
        print()
    for spec in c["specs"]:
        task = f" (task {spec['task']})" if spec["task"] is not None else ""
        print(f"{report.MARK.get(spec['status'], '?')} {spec['name']}{task}")
        if spec["status"] != "pass" and spec["message"]:
            print(report.indent(spec["message"]))
    print()
    if c["status"] == "pass":
        print(f"Done: all {c['specs_total']} specs pass. Compare with the reference in "
              f"solutions/{challenge.topic.name}/NOTES.md.")
        return 0
    print(f"{c['specs_passed']} of {c['specs_total']} specs pass.")
    if challenge.hints:
        print(f"Hint 1 of {len(challenge.hints)}: {challenge.hints[0]}")
    return 1
