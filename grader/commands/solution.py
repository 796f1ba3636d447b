"""``grader solution``: the reference of a challenge and its NOTES section.

The challenge's own files are printed whole. Of a shared file, only the parts
that belong to the challenge are printed, as changes to the starter with two
lines of context; the other challenges' parts are counted, never shown (the
rule that says which part is whose is in ``grader.hunks``).
"""

from __future__ import annotations

import difflib

from grader import reference, ui
from grader.commands.diff import _print_diff, print_shared_notes, shared_parts, spoiler_ok

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
        ui.out.print()
        if f.shared:
            _print_shared(course, challenge, f)
            continue
        if not f.reference.is_file():
            ui.out.print(ui.line((f"── {f.rel}", "bold cyan"), ": unchanged from the starter"))
            continue
        ui.out.print(ui.line((f"── {f.rel}", "bold cyan")))
        ui.out.print(f.reference.read_text(encoding="utf-8", errors="replace").rstrip("\n"))
    ui.out.print()
    notes = reference.notes_section(course, challenge)
    if notes:
        ui.out.print(ui.line((f"── {where}/NOTES.md", "bold cyan")))
        ui.out.print(notes)
    else:
        ui.out.print(f"(no section '## {challenge.title}' in {where}/NOTES.md)")
    return 0


def _print_shared(course, challenge, f) -> None:
    found = shared_parts(course, challenge, f, None)
    if found is None:
        ui.out.print(ui.line((f"── {f.rel}", "bold cyan"), " (a shared file): not shown — without the kit's starter "
                             "of it the grader cannot tell which parts are this challenge's."))
        return
    starter, view = found
    lines = list(difflib.unified_diff(starter, view.lines, f"starter/{f.rel}",
                                      f"reference/{f.rel} ({challenge.number}'s parts only)", n=2))
    if not lines:
        ui.out.print(ui.line((f"── {f.rel}", "bold cyan"), f" (a shared file): the reference keeps the starter's "
                             f"{challenge.number} parts as they are"))
    else:
        ui.out.print(ui.line((f"── {f.rel}", "bold cyan"), f" (a shared file: only {challenge.number}'s parts, "
                             "as changes to the starter)"))
        _print_diff(lines)
    print_shared_notes(challenge, view)
