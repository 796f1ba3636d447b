"""The real course: integrity (`grader verify`), plain pytest routing, and
fault isolation on its topics."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from grader.course import load_course
from grader.runner import child_env
from tests.conftest import KIT, challenges, validate_results

COURSE = load_course(KIT)


def run(args, cwd=KIT, timeout=600):
    return subprocess.run(args, cwd=cwd, env=child_env(), capture_output=True, text=True, timeout=timeout)


def grade_folder(folder, *args):
    out = folder / "results.json"
    proc = run([sys.executable, "-m", "grader", "grade", "--target", str(folder), "--json", str(out), *args])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    doc = json.loads(out.read_text())
    validate_results(doc)
    return doc


def test_verify_every_solution_passes_and_every_starter_fails():
    proc = run([sys.executable, "-m", "grader", "verify"])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "verify: ok" in proc.stdout


def test_every_challenge_has_enough_known_answers():
    from grader import answers

    assert answers.shortfalls(COURSE, COURSE.topics) == []


def test_every_known_answer_behaves_as_declared():
    proc = run([sys.executable, "-m", "grader", "verify", "--answers"], timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "as expected in" in proc.stdout


def test_a_challenges_files_include_the_shared_files_tagged_for_it():
    from grader import reference

    tour = COURSE.challenge("1.1")
    assert reference.names(COURSE, tour) == [*tour.files, "config/settings.py", "config/urls.py"]
    assert reference.names(COURSE, COURSE.challenge("1.6")) == ["config/middleware.py", "config/settings.py"]


def test_pytest_over_several_topics_stops_with_a_message():
    proc = run([sys.executable, "-m", "pytest", "exercises"])
    assert proc.returncode != 0
    assert "run one topic at a time" in proc.stdout + proc.stderr


@pytest.mark.parametrize("topic", COURSE.topics, ids=lambda t: t.name)
def test_plain_pytest_runs_a_topic_with_its_settings(topic):
    folder = f"exercises/{topic.name}"
    spec = topic.challenges[0].spec
    for args, cwd in ([[folder], KIT], [[f"{folder}/{spec}"], KIT], [[], KIT / folder]):
        proc = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--co", *args], cwd=cwd)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        summary = proc.stdout.strip().splitlines()[-1]
        assert "collected" in summary and "error" not in summary, proc.stdout


@pytest.fixture(scope="module")
def fundamentals_clean(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clean")
    shutil.copytree(COURSE.exercises / "01_fundamentals", folder / "01_fundamentals")
    return grade_folder(folder, "01")


def test_untouched_fundamentals_grade_zero_of_six(fundamentals_clean):
    topic = fundamentals_clean["topics"][0]
    assert topic["totals"]["challenges"] == 6
    assert topic["totals"]["challenges_passed"] == 0
    assert {c["status"] for c in topic["challenges"]} == {"fail"}


def first_python_file(challenge) -> str | None:
    return next((f for f in challenge.files if f.endswith(".py")), None)


@pytest.mark.parametrize("challenge", COURSE.challenges, ids=lambda c: c.id)
def test_syntax_error_in_one_challenge_leaves_the_others_passing(challenge, tmp_path):
    """On the reference solution, break one challenge's first Python file: that challenge is
    an error naming the file and line, and every other challenge of its topic still passes."""
    from grader.targets import overlay

    name = challenge.topic.name
    topic = overlay(COURSE.exercises / name, COURSE.solutions / name, tmp_path)
    rel = first_python_file(challenge)
    if rel is None:
        pytest.skip("the challenge's files are templates only")
    target = topic / rel
    lines = target.read_text().splitlines()
    target.write_text("\n".join([*lines, "def broken(:", ""]))
    found = challenges(grade_folder(tmp_path, name))
    assert found[challenge.id]["status"] == "error"
    assert f"SyntaxError in {rel}:{len(lines) + 1}" in found[challenge.id]["message"]
    failing = {cid: c["message"] for cid, c in found.items() if cid != challenge.id and c["status"] != "pass"}
    assert not failing, f"breaking {rel} also broke: {failing}"


def test_infinite_loop_in_a_view_is_a_timeout_and_the_rest_is_graded(fundamentals_clean, tmp_path):
    topic = tmp_path / "01_fundamentals"
    shutil.copytree(COURSE.exercises / "01_fundamentals", topic)
    # A learner half-way through mvt: the route is wired, the view loops.
    shutil.copy(COURSE.solutions / "01_fundamentals/notes/urls.py", topic / "notes/urls.py")
    views = topic / "notes/views.py"
    source = views.read_text()
    marker = '"""The active (not archived) notes, newest first."""'
    assert marker in source, "the mvt starter's view changed: update this test"
    views.write_text(source.replace(marker, marker + "\n    while True:\n        pass"))
    doc = grade_folder(tmp_path, "01", "--timeout", "3")
    found = challenges(doc)
    assert found["fundamentals.mvt"]["status"] == "timeout"
    assert "notes/views.py" in found["fundamentals.mvt"]["message"]
    clean = challenges(fundamentals_clean)
    for cid in clean:
        if cid != "fundamentals.mvt":
            assert [(s["name"], s["status"]) for s in found[cid]["specs"]] == [
                (s["name"], s["status"]) for s in clean[cid]["specs"]], f"{cid} changed"


def test_a_broken_context_processor_or_tag_library_fails_only_its_own_challenge(tmp_path):
    """Django imports both at the first render, not at start-up: the grader loads them early."""
    from grader.targets import overlay

    topic = overlay(COURSE.exercises / "04_templates", COURSE.solutions / "04_templates", tmp_path)
    with (topic / "layout/context_processors.py").open("a") as source:
        source.write("\nraise RuntimeError('broken processor')\n")
    tags = topic / "browse/templatetags/browse_tags.py"
    assert "register.simple_tag" in tags.read_text(), "the language solution changed: update this test"
    tags.write_text(tags.read_text().replace("register.simple_tag", "register.simple_tagg", 1))
    found = challenges(grade_folder(tmp_path, "04"))
    assert "broken processor" in found["templates.inheritance"]["message"]
    assert "simple_tagg" in found["templates.language"]["message"]
    assert {cid for cid, c in found.items() if c["status"] != "pass"} == {"templates.inheritance",
                                                                          "templates.language"}
