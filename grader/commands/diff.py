"""``grader diff``: the learner's files of a challenge against the reference.

A shared file (one that several challenges edit) is compared only in the parts
that belong to the asked challenge, so it never shows another challenge's
answer; the rule that says which part is whose is in ``grader.hunks``.
"""

from __future__ import annotations

import difflib

from grader import hunks, pristine, reference, state, ui

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


def belong_to(challenge, others: dict[str, int]) -> str:
    """``2 other changes belong to: 1.6, 1.3``, numbers in the topic's order."""
    numbers = {c.slug: c.number for c in challenge.topic.challenges}
    order = {c.slug: c.position for c in challenge.topic.challenges}
    count = sum(others.values())
    names = ", ".join(numbers.get(slug, f"[{slug}]") for slug in sorted(others, key=lambda s: order.get(s, 99)))
    return f"{count} other change{'s' if count != 1 else ''} belong{'s' if count == 1 else ''} to: {names}"


def shared_parts(course, challenge, f, base: list[str] | None):
    """The shared file ``f`` cut into parts (see grader.hunks) and the view of the challenge's
    own, laid over ``base`` (the learner's lines) or, when None, over the starter; None when
    the kit's starter of the file is not at hand, so its parts cannot be told apart."""
    starter = reference.starter_text(course, challenge, f.rel)
    if starter is None:
        return None
    starter_lines = starter.splitlines(keepends=True)
    ref_lines = _read(f.reference) if f.reference.is_file() else starter_lines
    parts = hunks.split(starter_lines, starter_lines if base is None else base, ref_lines)
    return starter_lines, hunks.view(parts, challenge.slug, "starter" if base is None else "mine")


def print_shared_notes(challenge, view) -> None:
    if view.unclaimed:
        ui.out.print(ui.line((f"  {view.unclaimed} change(s) shown above lie in no challenge's TODO region", "yellow"),
                             " (no TODO: [slug] claims them), so they are shown to every challenge."))
    if view.others:
        ui.out.print(ui.line((f"  {belong_to(challenge, view.others)}", "dim"), " (not shown here)."))


def _diff_shared(course, challenge, f) -> bool:
    """Print the challenge's parts of a shared file against yours; True when they match."""
    mine = _read(f.mine) if f.mine.is_file() else []
    found = shared_parts(course, challenge, f, mine)
    if found is None:
        ui.out.print(ui.line((f"{f.rel}", "bold"), " (a shared file): not compared — without the kit's starter "
                             "of it the grader cannot tell which parts are this challenge's."))
        return False
    _, view = found
    only = f" ({challenge.number}'s parts only)"
    lines = list(difflib.unified_diff(mine, view.lines, f"yours/{f.rel}", f"reference/{f.rel}{only}"))
    if not f.mine.is_file():
        ui.out.print(ui.line((f"missing: {f.rel}", "bold red"), " — you have no such file; the reference has it"))
    if not lines:
        ui.out.print(ui.line((f"same: {f.rel}", "green"), f" — a shared file: your parts of it for "
                             f"{challenge.number} match the reference"))
    else:
        if f.mine.is_file():
            ui.out.print(ui.line((f"{f.rel} (a shared file: only {challenge.number}'s parts, the regions its "
                                  f"TODO: [{challenge.slug}] lines open)", "dim")))
        _print_diff(lines)
    print_shared_notes(challenge, view)
    return not lines


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
    for f in reference.files(course, challenge):
        if f.shared:
            _diff_shared(course, challenge, f)
            continue
        if f.reference.is_file():
            ref_lines, ref_label = _read(f.reference), f"reference/{f.rel}"
        else:
            starter = reference.starter_text(course, challenge, f.rel)
            if starter is None:
                ui.out.print(f"{f.rel}: the reference leaves it as the starter had it")
                continue
            ref_lines, ref_label = starter.splitlines(keepends=True), f"reference/{f.rel} (the starter, unchanged)"
        if not f.mine.is_file():
            ui.out.print(ui.line((f"missing: {f.rel}", "bold red"), " — you have no such file; the reference has it"))
            _print_diff(difflib.unified_diff([], ref_lines, "/dev/null", ref_label))
            continue
        lines = list(difflib.unified_diff(_read(f.mine), ref_lines, f"yours/{f.rel}", ref_label))
        if not lines:
            ui.out.print(ui.line((f"same: {f.rel}", "green"), " — identical to the reference"))
            continue
        _print_diff(lines)
    for rel in added_files(course, challenge):
        ui.out.print(ui.line((f"added: {rel}", "bold yellow"), " — yours only: neither the starter nor the reference has it"))
    ui.out.print()
    why = ui.command(course, "solution", challenge.id)
    ui.out.print(f"Lines with - are yours, + the reference's. The why: `{why}` "
                 f"(solutions/{challenge.topic.name}/NOTES.md).")
    return 0
