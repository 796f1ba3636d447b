from __future__ import annotations

from grader import reference, report, state, ui
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
    ui.out.print(ui.line((f"{c['number']} {c['id']} — {c['title']} {challenge.stars}", "bold")))
    ui.out.print(f"Instructions: exercises/{challenge.topic.name}/README.md, section {challenge.position}; "
          f"files: {', '.join(reference.names(course, challenge))}")
    ui.out.print()
    if c["status"] in ("error", "timeout"):
        ui.out.print(ui.line(report.mark(c["status"]), ui.status(f" {c['status']}: ", c["status"]), c["message"]))
        ui.out.print()
    for spec in c["specs"]:
        task = f" (task {spec['task']})" if spec["task"] is not None else ""
        ui.out.print(ui.line(report.mark(spec["status"]), f" {spec['name']}{task}"))
        if spec["status"] != "pass" and spec["message"]:
            ui.out.print(report.indent(spec["message"]))
    ui.out.print()
    if c["status"] == "pass":
        ui.out.print(f"Done: all {c['specs_total']} specs pass. Compare with the reference in "
              f"solutions/{challenge.topic.name}/NOTES.md.")
        return 0
    ui.out.print(f"{c['specs_passed']} of {c['specs_total']} specs pass.")
    # The next hint not yet seen, without counting it as shown: the hint command does that.
    shown = state.hints_shown(state.load(course), challenge.id)
    if shown < len(challenge.hints):
        ui.out.print(ui.line((f"Hint {shown + 1} of {len(challenge.hints)}: ", "bold cyan"), challenge.hints[shown]))
        hint = ui.command(course, "hint", challenge.id)
        ui.out.print(ui.line((f"(`{hint}` marks it read and shows the next one)", "dim")))
    elif challenge.hints:
        ui.out.print(f"All {len(challenge.hints)} hints read (`{ui.command(course, 'hint', challenge.id, '--all')}`); "
                     f"`{ui.command(course, 'diff', challenge.id)}` compares with the reference.")
    return 1
