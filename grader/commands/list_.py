from __future__ import annotations

from grader import report, state, ui

HELP = "every challenge with its difficulty, its status from the last run and the hints used"
EXAMPLE = """examples:
  grader list
  grader list --topic fundamentals"""

LABEL = {"pass": "done", "fail": "failing", "error": "error", "timeout": "timeout", None: "not run"}


def add_arguments(parser) -> None:
    parser.add_argument("--topic", metavar="TOPIC", help="only this topic")


def run(course, args) -> int:
    topics = [course.topic(args.topic)] if args.topic else course.topics
    progress = state.load(course)
    done = total = hints = 0
    for topic in topics:
        ui.out.print(ui.line((f"{topic.number:02d} {topic.title}", "bold")))
        for c in topic.challenges:
            status = state.status_of(progress, c.id)
            shown = state.hints_shown(progress, c.id)
            done += status == "pass"
            hints += shown
            total += 1
            label = LABEL.get(status, status)
            used = f"{shown}/{len(c.hints)} hints" if shown else ""
            ui.out.print(ui.line("   ", report.mark(status or "not run"), f" {c.number:<5} {c.id:<32} {c.stars:<4} ",
                                 ui.status(f"{label:<8}", status or "not run"), f" {used:<10} {c.title}"))
    ui.out.print(f"\n{done} of {total} challenges done · {hints} hints used.")
    return 0
