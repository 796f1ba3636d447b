from __future__ import annotations

from grader import state, ui

HELP = "show the next hint of a challenge (each hint gives away a little more)"
EXAMPLE = """examples:
  grader hint fundamentals.tour         the next hint
  grader hint 1.1 --all                 every hint shown so far, again"""


def add_arguments(parser) -> None:
    parser.add_argument("challenge", metavar="CHALLENGE", help="id (fundamentals.tour), number (1.1) or prefix")
    parser.add_argument("--all", action="store_true", help="repeat every hint shown so far (reveals no new one)")


def run(course, args) -> int:
    challenge = course.challenge(args.challenge)
    total = len(challenge.hints)
    if not total:
        ui.out.print(f"{challenge.id} has no hints.")
        return 0
    if args.all:
        shown = state.hints_shown(state.load(course), challenge.id)
        if not shown:
            ui.out.print(f"No hints shown yet for {challenge.id}: `{ui.command(course, 'hint', challenge.id)}` "
                         "shows the first.")
            return 0
    else:
        shown = state.reveal_hint(course, challenge.id, total)
    for number in range(1 if args.all else shown, shown + 1):
        ui.out.print(ui.line((f"Hint {number} of {total}", "bold cyan"), f" · {challenge.number} {challenge.title}"))
        ui.out.print(challenge.hints[number - 1])
    if shown < total:
        ui.out.print(ui.line((f"`{ui.command(course, 'hint', challenge.id)}` again for the next one.", "dim")))
    else:
        reference = ui.command(course, "solution", challenge.id)
        ui.out.print(ui.line((f"That is the last hint. `{reference}` shows the reference.", "dim")))
    return 0
