from __future__ import annotations

from grader import reference, ui
from grader.commands.diff import spoiler_ok

HELP = "show the reference solution of a challenge and its talking points"
EXAMPLE = """examples:
  grader solution fundamentals.tour     the reference files and the NOTES section
  grader solution 1.1 --yes             without asking, even if the challenge is not passing yet"""


def add_arguments(parser) -> None:
    parser.add_argument("challenge", metavar="CHALLENGE", help="id (fundamentals.tour), number (1.1) or prefix")
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask before showing an unsolved answer")


def run(course, args) -> int:
    challenge = course.challenge(args.challenge)
    if not spoiler_ok(course, challenge, args.yes):
        return 1
    where = f"solutions/{challenge.topic.name}"
    ui.out.print(ui.line((f"{challenge.number} {challenge.title}", "bold"), f" — the reference, from {where}/"))
    for f in reference.files(course, challenge):
        shared = " (shared file: it carries other challenges' answers too)" if f.shared else ""
        ui.out.print()
        if not f.reference.is_file():
            ui.out.print(ui.line((f"── {f.rel}", "bold cyan"), f": unchanged from the starter{shared}"))
            continue
        ui.out.print(ui.line((f"── {f.rel}", "bold cyan"), shared))
        ui.out.print(f.reference.read_text(encoding="utf-8", errors="replace").rstrip("\n"))
    ui.out.print()
    notes = reference.notes_section(course, challenge)
    if notes:
        ui.out.print(ui.line((f"── {where}/NOTES.md", "bold cyan")))
        ui.out.print(notes)
    else:
        ui.out.print(f"(no section '## {challenge.title}' in {where}/NOTES.md)")
    return 0
