"""The other commands on the fake course: check, list, verify, and bad input."""

from __future__ import annotations

import json

import pytest

from grader.course import CourseError, load_course
from tests.conftest import FAKE


@pytest.fixture(scope="module")
def fake():
    return load_course(FAKE)


@pytest.mark.parametrize("query", ["demo.count", "1.2", "dem.cou", "count", "01.count", "DEMO.COUNT"])
def test_challenge_ids_accept_numbers_and_prefixes(fake, query):
    assert fake.challenge(query).id == "demo.count"


def test_unknown_challenge_suggests_the_closest(fake):
    with pytest.raises(CourseError, match=r"no challenge 'demo.cont'; did you mean 'demo.count'\?"):
        fake.challenge("demo.cont")


def test_check_shows_each_failing_message_and_a_hint(course):
    proc = course.grader("check", "1.2")
    assert proc.returncode == 1
    assert "✗ test_counts_two_words (task 1)" in proc.stdout
    assert "count_words('a b') returned 0; expected 2" in proc.stdout
    assert "✓ test_counts_no_words" in proc.stdout
    assert "Hint 1 of 2: Split on whitespace." in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


PYTEST_INTERNALS_SPEC = """import io


def test_counts_printed():
    from count.logic import count_words

    out = io.StringIO()
    out.write(f"{count_words('a b')} words\\n")
    assert out.getvalue() == "2 words\\n", "count_words('a b') printed the wrong count"


def test_counts_many():
    from count.logic import count_words

    assert [count_words("a " * n) for n in range(40)] == list(range(40)), "counts of 0 to 39 words"
"""


def test_check_messages_keep_the_specs_words_and_diff_without_pytest_internals(course):
    course.write("specs/test_02_count.py", PYTEST_INTERNALS_SPEC)
    proc = course.grader("check", "demo.count")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "count_words('a b') printed the wrong count" in proc.stdout
    assert "assert '0 words\\n' == '2 words\\n'" in proc.stdout
    assert "- 2 words" in proc.stdout and "+ 0 words" in proc.stdout
    assert "counts of 0 to 39 words" in proc.stdout and "At index 1 diff: 0 != 1" in proc.stdout
    for leak in ("where", "0x", "-v", "StringIO", "built-in method"):
        assert leak not in proc.stdout, f"{leak!r} in:\n{proc.stdout}"


def test_a_full_diff_that_repeats_the_difference_is_dropped():
    from grader.plugin import readable

    on_ci = ("expected the ids in order\nassert [1, 3] == [1, 2]\n  \n  At index 1 diff: 3 != 2\n  \n"
             "  Full diff: (-: missing in left side, +: extra in left side)\n    [\n        1,\n  -     2,\n"
             "  +     3,\n    ]")
    assert readable(on_ci) == "expected the ids in order\nassert [1, 3] == [1, 2]\n  At index 1 diff: 3 != 2"


def test_check_lists_the_shared_files_whose_todo_names_the_challenge(course):
    settings = course.topic / "config" / "settings.py"
    settings.write_text(settings.read_text() + "# TODO: [count] a setting the count challenge needs\n")
    (course.topic / "config" / "urls.py").write_text("urlpatterns = []  # [count] is not a TODO\n")
    assert "files: count/logic.py, config/settings.py\n" in course.grader("check", "demo.count").stdout
    assert "files: hello/views.py\n" in course.grader("check", "demo.hello").stdout


def test_check_passing_challenge_exits_zero(course):
    proc = course.grader("check", "demo.hello")
    assert proc.returncode == 0, proc.stdout
    assert "all 1 specs pass" in proc.stdout


def test_check_runs_only_that_challenges_specs(course):
    course.write("panel/signals.py", "while True:\n    pass\n")  # would cost a timeout if loaded by specs
    proc = course.grader("check", "demo.count")
    assert "test_signals_loaded" not in proc.stdout


def test_check_error_names_file_and_line(course):
    course.write("count/logic.py", "def count_words(text):\n    return (\n")
    proc = course.grader("check", "count")
    assert proc.returncode == 1
    assert "SyntaxError in count/logic.py:2" in proc.stdout


def test_bad_challenge_id_is_a_clear_error(course):
    proc = course.grader("check", "xyz")
    assert proc.returncode == 2
    assert proc.stderr.startswith("grader: no challenge 'xyz'")
    assert "Traceback" not in proc.stderr


def test_bad_target_is_a_clear_error(course, tmp_path):
    proc = course.grader("grade", "--target", str(tmp_path / "nowhere"))
    assert proc.returncode == 2
    assert "not 'exercises', 'solutions' or a folder" in proc.stderr


def test_broken_manifest_is_a_clear_error(course):
    course.write("topic.toml", "[topic\n")
    proc = course.grader("list")
    assert proc.returncode == 2
    assert "topic.toml: not valid TOML" in proc.stderr


def test_list_shows_status_from_the_last_run(course):
    assert "not run" in course.grader("list").stdout
    course.grade()
    out = course.grader("list").stdout
    assert "demo.hello" in out and "done" in out and "failing" in out
    assert "2 of 3 challenges done" in out


def test_list_survives_a_corrupt_state_file(course):
    (course.root / ".grader").mkdir()
    (course.root / ".grader" / "state.json").write_text("{not json")
    proc = course.grader("list")
    assert proc.returncode == 0 and "not run" in proc.stdout
    course.grade()
    assert json.loads((course.root / ".grader" / "state.json").read_text())["version"] == 1


def test_verify_flags_a_starter_that_already_passes(course):
    proc = course.grader("verify")
    assert proc.returncode == 1
    assert "starter of demo.hello already passes all its specs" in proc.stdout
    assert "solutions: 3/3 challenges pass" in proc.stdout


def test_verify_passes_when_starters_fail_and_solutions_pass(course):
    course.write("hello/views.py", "from django.http import HttpResponse\n\n\ndef hello(request):\n"
                 "    # TODO: say hello\n    return HttpResponse('')\n")
    course.write("panel/signals.py", "# TODO: set READY\nREADY = False\n")
    (course.root / "solutions/01_demo/hello").mkdir()
    (course.root / "solutions/01_demo/hello/views.py").write_text(
        "from django.http import HttpResponse\n\n\ndef hello(request):\n    return HttpResponse('Hello')\n")
    (course.root / "solutions/01_demo/panel").mkdir()
    (course.root / "solutions/01_demo/panel/signals.py").write_text("READY = True\n")
    course.write("specs/test_03_panel.py", (course.topic / "specs/test_03_panel.py").read_text().replace(
        "def test_panel_page", "@pytest.mark.passes_on_starter(reason='guards the URLconf')\ndef test_panel_page"))
    course.write("specs/test_02_count.py", (course.topic / "specs/test_02_count.py").read_text().replace(
        "def test_counts_no_words", "@pytest.mark.passes_on_starter(reason='edge case')\ndef test_counts_no_words"))
    assert course.grader("freeze").returncode == 0  # the maintainer records the changed starters
    proc = course.grader("verify")
    assert proc.returncode == 0, proc.stdout
    assert "verify: ok" in proc.stdout


def test_verify_flags_manifest_problems(course):
    course.write("topic.toml", (course.topic / "topic.toml").read_text().replace(
        'files = ["count/logic.py"]', 'files = ["count/logic.py", "hello/views.py"]'))
    (course.root / "solutions/01_demo/stray.py").write_text("")
    proc = course.grader("verify")
    assert "hello/views.py is also listed by demo.hello" in proc.stdout
    assert "solutions/01_demo/stray.py: not listed" in proc.stdout
    assert proc.returncode == 1


def test_help_of_every_command_has_an_example(course):
    for command in ("grade", "check", "list", "verify"):
        proc = course.grader(command, "--help")
        assert proc.returncode == 0
        assert "example" in proc.stdout


def test_the_github_workflow_runs_a_valid_grade_command():
    import shlex

    import yaml

    from grader.cli import build_parser
    from tests.conftest import KIT

    workflow = yaml.safe_load((KIT / ".github/workflows/grade.yml").read_text())
    steps = workflow["jobs"]["grade"]["steps"]
    commands = [line for step in steps for line in str(step.get("run", "")).splitlines()
                if line.strip().startswith("grader ")]
    assert commands, "the workflow runs no grader command"
    for line in commands:
        args = build_parser().parse_args(shlex.split(line.split("|")[0])[1:])
        assert args.command == "grade" and args.junit and args.gradescope and args.pristine
    assert any("requirements.lock" in str(step.get("run", "")) for step in steps), "install the pinned set"
