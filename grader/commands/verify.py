from __future__ import annotations

from rich.table import Table

from grader import answers, pristine, specset, ui, validate
from grader.course import CourseError
from grader.grading import grade

HELP = "maintainer check: manifests valid, every solution passes, every starter fails"
EXAMPLE = """examples:
  grader verify
  grader verify 01                      only topic 01
  grader verify --answers               the known right and wrong answers of every challenge
  grader verify --answers 02 3.4        those of topic 02 and of challenge 3.4"""


def add_arguments(parser) -> None:
    parser.add_argument("topics", nargs="*", metavar="TOPIC", help="topic number, slug or folder (default: all); "
                        "with --answers, also challenges")
    parser.add_argument("--jobs", type=int, metavar="N", help="topics graded at once")
    parser.add_argument("--answers", action="store_true",
                        help=f"grade the known answers in {answers.FOLDER}/: each right one must pass, "
                             "each wrong one fail with its message")


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
    if args.answers:
        return run_answers(course, args)
    topics = [course.topic(q) for q in args.topics] or course.topics
    problems = []
    for topic in topics:
        problems += validate.topic_problems(course, topic)
    freeze = ui.command(course, "freeze")
    problems += [f"starter record: {p} (run `{freeze}`, then commit exercises/{pristine.FILE})"
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


def _selection(course, queries: list[str]):
    """Topics and challenges named on the command line (a topic stands for all its challenges)."""
    if not queries:
        return course.challenges
    chosen = []
    for query in queries:
        try:
            found = course.topic(query).challenges
        except CourseError:
            found = [course.challenge(query)]
        chosen += [c for c in found if c not in chosen]
    return chosen


def answer_problem(v: answers.Verdict) -> str:
    """Why an answer did not behave as its manifest says."""
    if v.answer.expect == "wrong" and v.got == "pass":
        return f"passes, yet it {v.answer.mistake}"
    if v.answer.expect == "right" and v.got != "pass":
        return f"{v.got}: {v.message.splitlines()[0] if v.message else 'no message'}"
    if v.broke:
        return "broke " + "; ".join(v.broke)
    if v.tampering:
        return "flagged as tampering: " + "; ".join(v.tampering)
    return "its message does not say " + ", ".join(repr(w) for w in v.missing_words)


def run_answers(course, args) -> int:
    challenges = _selection(course, args.topics)
    known = [a for c in challenges for a in answers.load(course, c)]
    if not known:
        raise CourseError(f"no known answers for these challenges (in {answers.FOLDER}/)")
    verdicts, seconds = answers.verify(course, known, jobs=args.jobs)
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column in ("challenge", "answer", "expected", "got", "message ok"):
        table.add_column(column)
    for v in verdicts:
        table.add_row(v.answer.challenge.number, v.answer.name, v.answer.expect,
                      ui.status(v.got, v.got if v.ok else "fail"),
                      "" if v.answer.expect == "right" else ("yes" if not v.missing_words else "no"))
    ui.out.print(table)
    bad = [v for v in verdicts if not v.ok]
    without = [c for c in challenges if not any(a.challenge == c for a in known)]
    ui.out.print(f"answers: {len(verdicts) - len(bad)}/{len(verdicts)} as expected in {seconds:.1f} s"
                 + (f"; {len(without)} challenge(s) have no known answers" if without else ""))
    for v in bad:
        ui.out.print(f"  - {v.answer.label} ({v.answer.expect}): {answer_problem(v)}", soft_wrap=True)
    return 0 if not bad else 1
