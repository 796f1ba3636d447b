"""No spoilers through shared files: diff and solution show a challenge only its own parts
of a file several challenges edit (grader.hunks), and name the others."""

from __future__ import annotations

import difflib
import subprocess
import sys

import pytest

from grader import hunks
from grader.course import load_course
from grader.runner import child_env
from tests.conftest import KIT

COURSE = load_course(KIT)
ONLY_16 = "Outermost first"  # in 1.6's answer to config/settings.py, nowhere else in it
ANSWER_11 = "django.contrib.messages.middleware.MessageMiddleware"


def lines(path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True) if path.is_file() else []


def three(topic: str, rel: str):
    starter = lines(COURSE.exercises / topic / rel)
    ref = lines(COURSE.solutions / topic / rel) or starter
    return starter, ref


def changes(a: list[str], b: list[str]) -> list[str]:
    return [x for x in difflib.unified_diff(a, b, n=0) if x[:1] in "+-" and x[:3] not in ("+++", "---")]


def grader(*args: str) -> str:
    proc = subprocess.run([sys.executable, "-m", "grader", "--color", "never", *args], cwd=KIT, env=child_env(),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    return proc.stdout


# the real course, through the commands


@pytest.mark.parametrize("command", ["diff", "solution"])
def test_diff_and_solution_of_1_1_hide_1_6s_answer_and_name_1_6(command):
    out = grader(command, "1.1", "--yes")
    assert ANSWER_11 in out, out
    assert ONLY_16 not in out, out
    assert "1 other change belongs to: 1.6" in out, out


def test_diff_of_1_6_shows_its_answer_and_names_1_1():
    out = grader("diff", "1.6", "--yes")
    assert ONLY_16 in out, out
    assert ANSWER_11 not in out, out
    assert "other changes belong to: 1.1" in out, out


# the rule, on every shared file of the real course


SHARED = [(t.name, rel) for t in COURSE.topics for rel in t.shared_files]


@pytest.mark.parametrize(("topic", "rel"), SHARED, ids=[f"{t}/{r}" for t, r in SHARED])
def test_every_change_of_a_shared_file_is_claimed_by_one_of_its_topics_challenges(topic, rel):
    starter, ref = three(topic, rel)
    slugs = {c.slug for c in COURSE.topic(topic).challenges}
    assert hunks.owners(starter) <= slugs, f"tags naming no challenge: {hunks.owners(starter) - slugs}"
    parts = hunks.split(starter, starter, ref)
    unclaimed = [p.reference for p in parts if p.owner is None and p.starter != p.reference]
    assert not unclaimed, f"changes no TODO: [slug] claims: {unclaimed}"
    for slug in hunks.owners(starter):
        view = hunks.view(parts, slug, "starter")
        assert not any("TODO: [" + slug in line for line in view.lines), f"{slug}'s TODO left in its own view"
        for other in hunks.owners(starter) - {slug}:
            shown = [line for line in view.lines if f"TODO: [{other}]" in line]
            assert len(shown) == sum(f"TODO: [{other}]" in line for line in starter), f"{other}'s TODO lost"


def owner_of(parts, text: str) -> str | None:
    [owner] = {p.owner for p in parts if any(text in line for line in p.reference)}
    return owner


def test_a_block_two_todos_replace_is_split_by_what_each_names():
    """05's INSTALLED_APPS: two adjacent TODOs become three lines, one of customizing, two of apidocs."""
    starter, ref = three("05_drf", "config/settings.py")
    parts = hunks.split(starter, starter, ref)
    assert owner_of(parts, '"corsheaders",') == "customizing"
    assert owner_of(parts, '"drf_spectacular",') == "apidocs"
    assert owner_of(parts, "the Swagger UI page is drf_spectacular") == "apidocs"
    assert owner_of(parts, '"DEFAULT_THROTTLE_RATES"') == "throttling"
    assert owner_of(parts, '"DEFAULT_SCHEMA_CLASS"') == "apidocs"
    assert owner_of(parts, "CORS_ALLOWED_ORIGINS = ") == "customizing"
    assert owner_of(parts, '"TITLE": "Tasks API"') == "apidocs"


def test_a_moved_line_belongs_to_the_region_its_todo_opens():
    """01's MIDDLEWARE: the reference moves MaintenanceModeMiddleware below RequestIDMiddleware."""
    starter, ref = three("01_fundamentals", "config/settings.py")
    parts = hunks.split(starter, starter, ref)
    tour = hunks.view(parts, "tour", "starter")
    assert not any(ONLY_16 in line for line in tour.lines)
    assert [line.strip() for line in changes(starter, tour.lines) if "Maintenance" in line] == []
    assert tour.others == {"middleware": 1}
    middleware = hunks.view(parts, "middleware", "starter")
    assert any(ONLY_16 in line for line in middleware.lines) and middleware.others == {"tour": 3}


def test_the_learners_own_answer_to_another_challenge_is_neither_shown_nor_counted():
    starter, ref = three("01_fundamentals", "config/settings.py")
    solved_16 = hunks.view(hunks.split(starter, starter, ref), "middleware", "starter").lines
    view = hunks.view(hunks.split(starter, solved_16, ref), "tour", "mine")
    assert not any("RequestID" in line or "Maintenance" in line for line in changes(solved_16, view.lines))
    assert any(ANSWER_11 in line for line in changes(solved_16, view.lines))
    assert view.others == {}
    mine = [line.replace("Outermost first", "My own words") for line in solved_16]  # 1.6, other words
    view = hunks.view(hunks.split(starter, mine, ref), "tour", "mine")
    assert view.others == {"middleware": 1}
    assert not any(ONLY_16 in line or "My own words" in line for line in changes(mine, view.lines))


def test_a_change_outside_every_region_is_shown_and_counted_as_unclaimed():
    starter = ["A = 1\n", "\n", "ITEMS = [\n", "    # TODO: [one] add two\n", "    1,\n", "]\n", "B = 2\n"]
    ref = ["A = 10\n", "\n", "ITEMS = [\n", "    2,\n", "    1,\n", "]\n", "B = 2\n"]
    view = hunks.view(hunks.split(starter, starter, ref), "one", "starter")
    assert view.lines == ref and view.unclaimed == 1
    other = hunks.view(hunks.split(starter, starter, ref), "two", "starter")
    assert other.lines == ["A = 10\n", *starter[1:]] and other.others == {"one": 1}


def test_an_insertion_goes_to_the_region_above_or_below_by_its_words():
    starter = ["X = [\n", "    # TODO: [alpha] add the alpha app\n", "    # TODO: [beta] add the beta app\n", "]\n"]
    ref = ["X = [\n", '    "alpha",\n', '    "beta",\n', "]\n"]
    parts = hunks.split(starter, starter, ref)
    assert owner_of(parts, '"alpha"') == "alpha" and owner_of(parts, '"beta"') == "beta"
    mine = ["X = [\n", "    # TODO: [alpha] add the alpha app\n", '    "beta",\n',
            "    # TODO: [beta] add the beta app\n", "]\n"]  # the learner wrote beta's line above its TODO
    parts = hunks.split(starter, mine, ref)
    assert [p.owner for p in parts if any('"beta"' in line for line in p.mine)] == ["beta"]


# the edge cases, on the fake course

SETTINGS = ('SECRET_KEY = "fake-course"\nDEBUG = True\n\n# TODO: [hello] greet in French.\n\n'
            '# TODO: [count] count words, not characters.\n')
ANSWERS = 'SECRET_KEY = "fake-course"\nDEBUG = True\n\nGREETING = "bonjour"\n\nCOUNT_BY = "words"\n'


@pytest.fixture
def tagged(course):
    from tests.test_workflow import git

    course.write("config/settings.py", course.topic.joinpath("config/settings.py").read_text() + "\n" + SETTINGS)
    ref = course.root / "solutions" / "01_demo" / "config" / "settings.py"
    ref.parent.mkdir(parents=True)
    ref.write_text(course.topic.joinpath("config/settings.py").read_text().replace(SETTINGS, ANSWERS))
    assert course.grader("freeze").returncode == 0
    git(course.root, "init", "-q")
    git(course.root, "add", "-A")
    git(course.root, "commit", "-qm", "the kit")
    return course


def test_a_deleted_shared_file_shows_only_the_challenges_own_lines(tagged):
    (tagged.topic / "config" / "settings.py").unlink()
    out = tagged.grader("diff", "demo.count", "--yes").stdout
    assert "missing: config/settings.py" in out and '+COUNT_BY = "words"' in out, out
    assert "bonjour" not in out and "1 other change belongs to: 1.1" in out, out


def test_without_the_kits_starter_a_shared_file_is_not_shown(tagged):
    import shutil

    shutil.rmtree(tagged.root / ".git")
    (tagged.topic / "config" / "settings.py").write_text("# mine\n" + SETTINGS)  # the record no longer matches
    for command in ("diff", "solution"):
        proc = tagged.grader(command, "demo.count", "--yes")
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
        assert "cannot tell which parts are this challenge's" in proc.stdout, proc.stdout
        assert "bonjour" not in proc.stdout and "COUNT_BY" not in proc.stdout, proc.stdout
