from __future__ import annotations

from grader import pristine, specset, ui, validate
from grader.grading import grade

HELP = "maintainer check: manifests valid, every solution passes, every starter fails"
EXAMPLE = """examples:
  grader verify
  grader verify 01                      only topic 01"""


def add_arguments(parser) -> None:
    parser.add_argument("topics", nargs="*", metavar="TOPIC", help="topic number, slug or folder (default: all)")
    parser.add_argument("--jobs", type=int, metavar="N", help="topics graded at once")


def solution_problems(doc) -> list[str]:
    problems = []
    for topic in doc["topics"]:
        for c in topic["challenges"]:
            if c["status"] != "pass":
                problems.append(f"solution of {c['id']} does not pass: {c['status']}: {c['message']}")
    return problems


def starter_problems(doc) -> list[str]:
    problems = []
    for topic in doc["topics"]:
        for c in topic["challenges"]:
            if c["status"] == "pass":
                problems.append(f"starter of {c['id']} already passes all its specs")
            if c["status"] in ("error", "timeout"):
                problems.append(f"starter of {c['id']} does not run cleanly: {c['status']}: {c['message']}")
            for spec in c["specs"]:
                if spec["status"] == "pass" and not spec["passes_on_starter"]:
                    problems.append(
                        f"starter of {c['id']}: spec {spec['name']} passes on the untouched starter; make it "
                        "fail, or mark it @pytest.mark.passes_on_starter(reason=...)")
    return problems


def tampering_problems(doc, what: str) -> list[str]:
    """Honest code is never flagged: a flag on the kit's own code is a defect of the scan or the record."""
    return [f"{what} of {topic['id']} flagged as tampering: {line}"
            for topic in doc["topics"] for line in topic["tampering"]]


def run(course, args) -> int:
    topics = [course.topic(q) for q in args.topics] or course.topics
    problems = []
    for topic in topics:
        problems += validate.topic_problems(course, topic)
    problems += [f"starter record: {p} (run `grader freeze`, then commit exercises/{pristine.FILE})"
                 for p in pristine.stale(course, topics) + specset.stale(course, topics)]
    ui.out.print(f"manifests: {'ok' if not problems else f'{len(problems)} problem(s)'}")
    solved = grade(course, topics, "solutions", jobs=args.jobs)
    found = solution_problems(solved) + tampering_problems(solved, "solution")
    t = solved["totals"]
    ui.out.print(f"solutions: {t['challenges_passed']}/{t['challenges']} challenges pass "
          f"({t['specs_passed']}/{t['specs']} specs)")
    problems += found
    starters = grade(course, topics, "exercises", jobs=args.jobs, record=False)
    found = starter_problems(starters) + tampering_problems(starters, "starter")
    t = starters["totals"]
    ui.out.print(f"starters:  {t['challenges'] - t['challenges_passed']}/{t['challenges']} challenges fail "
          f"({t['specs'] - t['specs_passed']}/{t['specs']} specs fail)")
    problems += found
    for problem in problems:
        ui.out.print(f"  - {problem}")
    ui.out.print("verify: ok" if not problems else f"verify: {len(problems)} problem(s)")
    return 0 if not problems else 1
