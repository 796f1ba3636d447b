from __future__ import annotations

from grader import pristine, ui

HELP = "maintainer: record the checksums of the starters and specs (exercises/pristine.json)"
EXAMPLE = """examples:
  grader freeze                         after changing any file under exercises/, then commit the record"""


def add_arguments(parser) -> None:
    parser.add_argument("--check", action="store_true", help="only say whether the record is current")


def run(course, args) -> int:
    problems = pristine.stale(course)
    if args.check:
        for problem in problems:
            ui.out.print(f"  - {problem}")
        ui.out.print(f"exercises/{pristine.FILE}: " + ("current" if not problems else f"stale ({len(problems)})"))
        return 1 if problems else 0
    new = pristine.load(course) is None
    target = pristine.freeze(course)
    change = "a new record" if new else f"{len(problems)} change(s)" if problems else "no change"
    ui.out.print(f"Recorded {len(pristine.scan(course))} files in {target.relative_to(course.root)} ({change}).")
    return 0
