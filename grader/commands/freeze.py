from __future__ import annotations

from grader import pristine, specset, ui
from grader.course import CourseError

HELP = "maintainer: record the starters' checksums and each topic's spec set (exercises/pristine.json)"
EXAMPLE = """examples:
  grader freeze                         after changing any file under exercises/, then commit the record
  grader freeze --check                 only say whether the record is current"""


def add_arguments(parser) -> None:
    parser.add_argument("--check", action="store_true", help="only say whether the record is current")


def run(course, args) -> int:
    problems = pristine.stale(course)
    if args.check:
        problems += specset.stale(course)
        for problem in problems:
            ui.out.print(f"  - {problem}")
        ui.out.print(f"exercises/{pristine.FILE}: " + ("current" if not problems else f"stale ({len(problems)})"))
        return 1 if problems else 0
    new = pristine.load(course) is None
    collected = specset.collect_course(course)
    failed = [str(ids) for ids in collected.values() if isinstance(ids, CourseError)]
    if failed:
        raise CourseError("nothing recorded: " + "\n".join(failed))
    before = specset.recorded(course)
    changed_sets = sum(before.get(name) != ids for name, ids in collected.items())
    target = pristine.freeze(course, specs=collected)
    changes = len(problems) + changed_sets
    change = "a new record" if new else f"{changes} change(s)" if changes else "no change"
    specs = sum(len(ids) for ids in collected.values())
    ui.out.print(f"Recorded {len(pristine.scan(course))} files and {specs} specs in "
                 f"{target.relative_to(course.root)} ({change}).")
    return 0
