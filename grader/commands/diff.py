from __future__ import annotations

import difflib

from grader import pristine, reference, state, ui

HELP = "compare your files of a challenge with the reference solution"
EXAMPLE = """examples:
  grader diff fundamentals.tour         your files against the reference, as a unified diff
  grader diff 1.1 --yes                 without asking, even if the challenge is not passing yet"""


def add_arguments(parser) -> None:
    parser.add_argument("challenge", metavar="CHALLENGE", help="id (fundamentals.tour), number (1.1) or prefix")
    parser.add_argument("--yes", "-y", action="store_true", help="do not ask before showing an unsolved answer")


def spoiler_ok(course, challenge, yes: bool) -> bool:
    """Seeing the reference before solving spoils the challenge: ask first."""
    if state.status_of(state.load(course), challenge.id) == "pass":
        return True
    return ui.confirm(f"{challenge.id} is not passing yet (as of your last check); the reference shows the "
                      "answer. Show it anyway?", yes=yes)


def _read(path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)


def _print_diff(lines) -> None:
    for line in lines:
        text = line.rstrip("\n")
        style = ("bold" if line.startswith(("---", "+++")) else "cyan" if line.startswith("@@")
                 else "green" if line.startswith("+") else "red" if line.startswith("-") else "")
        ui.out.print(ui.line((text, style)))


def added_files(course, challenge) -> list[str]:
    """Files you created beside the challenge's files that neither the kit nor the reference has."""
    topic = challenge.topic
    mine = course.exercises / topic.name
    recorded = pristine.load(course) or {}
    if not recorded:
        return []
    folders = {(mine / rel).parent for rel in challenge.files}
    found = []
    for folder in sorted(f for f in folders if f.is_dir()):
        for path in sorted(folder.iterdir()):
            rel = path.relative_to(mine).as_posix()
            if (path.is_file() and not path.name.endswith(pristine.JUNK_SUFFIXES)
                    and f"{topic.name}/{rel}" not in recorded
                    and not (course.solutions / topic.name / rel).exists()):
                found.append(rel)
    return found


def run(course, args) -> int:
    challenge = course.challenge(args.challenge)
    if not spoiler_ok(course, challenge, args.yes):
        return 1
    same = 0
    for f in reference.files(course, challenge):
        note = " (a shared file: other challenges' changes show here too)" if f.shared else ""
        if f.reference.is_file():
            ref_lines, ref_label = _read(f.reference), f"reference/{f.rel}"
        else:
            starter = reference.starter_text(course, challenge, f.rel)
            if starter is None:
                ui.out.print(f"{f.rel}: the reference leaves it as the starter had it{note}")
                continue
            ref_lines, ref_label = starter.splitlines(keepends=True), f"reference/{f.rel} (the starter, unchanged)"
        if not f.mine.is_file():
            ui.out.print(ui.line((f"missing: {f.rel}", "bold red"), f" — you have no such file; the reference has it{note}"))
            _print_diff(difflib.unified_diff([], ref_lines, "/dev/null", ref_label))
            continue
        lines = list(difflib.unified_diff(_read(f.mine), ref_lines, f"yours/{f.rel}", ref_label))
        if not lines:
            same += 1
            ui.out.print(ui.line((f"same: {f.rel}", "green"), f" — identical to the reference{note}"))
            continue
        if note:
            ui.out.print(ui.line((f"{f.rel}{note}", "dim")))
        _print_diff(lines)
    for rel in added_files(course, challenge):
        ui.out.print(ui.line((f"added: {rel}", "bold yellow"), " — yours only: neither the starter nor the reference has it"))
    ui.out.print()
    why = ui.command(course, "solution", challenge.id)
    ui.out.print(f"Lines with - are yours, + the reference's. The why: `{why}` "
                 f"(solutions/{challenge.topic.name}/NOTES.md).")
    return 0
