from __future__ import annotations

from grader import state

HELP = "every challenge with its difficulty and its status from the last run"
EXAMPLE = """examples:
  grader list
  grader list --topic fundamentals"""

LABEL = {"pass": "done", "fail": "failing", "error": "error", "timeout": "timeout", None: "not run"}


def add_arguments(parser) -> None:
    parser.add_argument("--topic", metavar="TOPIC", help="only this topic")


def run(course, args) -> int:
    topics = [course.topic(args.topic)] if args.topic else course.topics
    progress = state.load(course)
    done = total = 0
    for topic in topics:
        print(f"{topic.number:02d} {topic.title}")
        for c in topic.challenges:
            status = state.status_of(progress, c.id)
            done += status == "pass"
            total += 1
            print(f"   {c.number:<5} {c.id:<32} {c.stars:<4} {LABEL.get(status, status):<8} {c.title}")
    print(f"\n{done} of {total} challenges done.")
    return 0
