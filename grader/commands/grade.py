from __future__ import annotations

from pathlib import Path

from grader import exporters, report, results, state, ui
from grader.grading import grade
from grader.runner import MEMORY_MB

HELP = "run the specs of every topic (or the given ones) and tally the challenges done"
EXAMPLE = """examples:
  grader grade                          grade your exercises, every topic
  grader grade 01 fundamentals          only these topics
  grader grade --target solutions       grade the reference solutions
  grader grade --json results.json      also write the results document
  grader grade --junit junit.xml --gradescope results.json
                                        the same results for CI or Gradescope
  grader grade --pristine               with the kit's own specs, even if yours were edited"""


def add_arguments(parser) -> None:
    parser.add_argument("topics", nargs="*", metavar="TOPIC", help="topic number, slug or folder (default: all)")
    parser.add_argument("--target", default="exercises",
                        help="exercises (default), solutions, or a folder holding topic folders")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write the results document here")
    parser.add_argument("--junit", type=Path, metavar="FILE",
                        help="write JUnit XML here (a testcase per spec, a testsuite per challenge)")
    parser.add_argument("--gradescope", type=Path, metavar="FILE",
                        help="write a Gradescope results.json here (a test per challenge, partial credit)")
    parser.add_argument("--jobs", type=int, metavar="N", help="topics graded at once (default: cores, at least 2)")
    parser.add_argument("--timeout", type=float, metavar="S", help="seconds per spec (default: the topic's, 10)")
    parser.add_argument("--memory", type=int, metavar="MB",
                        help=f"memory a topic's process may use before a spec fails (default: {MEMORY_MB})")
    parser.add_argument("--pristine", action="store_true",
                        help="run the kit's own spec files over the code, ignoring edits to the specs")


def run(course, args) -> int:
    topics = [course.topic(q) for q in args.topics] or course.topics
    topics = _unique(topics)
    total = len(topics)
    done = 0
    # A live progress line on a terminal only: logs and CI get the table alone.
    live = ui.err.status(f"grading {total} topic{'s' if total > 1 else ''}…") if ui.err.is_terminal else None

    def progress(topic, run_) -> None:
        nonlocal done
        done += 1
        if live:
            live.update(f"graded {done} of {total} topics (last: {topic.name})…")

    if live:
        live.start()
    try:
        doc = grade(course, topics, args.target, jobs=args.jobs, timeout=args.timeout, progress=progress,
                    pristine=args.pristine, memory_mb=args.memory, keep_partial=True)
    finally:
        if live:
            live.stop()
    mine = args.target == "exercises"
    hints = None
    if mine:
        progress_state = state.load(course)
        hints = {c.id: state.hints_shown(progress_state, c.id) for c in course.challenges}
    ui.out.print(report.grade_table(doc, hints, pristine_command=ui.command(course, "grade", "--pristine")))
    for path, write in ((args.json, results.write), (args.junit, exporters.write_junit),
                        (args.gradescope, exporters.write_gradescope)):
        if path:
            write(doc, path)
            ui.out.print(f"Results written to {path}")
    if doc["partial"]:
        ui.err.print(f"grader: interrupted: graded {len(doc['topics'])} of {total} topics; "
                     "the results above and in any file written are partial")
        return 130
    nxt = report.next_unsolved(doc)
    if nxt and mine:
        ui.out.print(f"Next: {nxt['number']} {nxt['title']}: `{ui.command(course, 'watch', nxt['id'])}` reruns its "
                     f"specs as you save (`{ui.command(course, 'check', nxt['id'])}` runs them once)")
    return 0


def _unique(items):
    seen = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
