"""`grader verify --answers`: the known answers of each challenge, graded with the kit's specs."""

from __future__ import annotations

from grader import answers
from grader.course import load_course

MANIFEST = "tests/answers/01_demo/count/answers.toml"


def test_known_answers_behave_as_expected(course):
    proc = course.grader("verify", "--answers")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "answers: 7/7 as expected" in proc.stdout
    assert "split-on-one-space" in proc.stdout


def test_a_weakened_spec_is_caught_by_the_wrong_answer_it_lets_pass(course):
    spec = course.topic / "specs" / "test_02_count.py"
    text = spec.read_text()
    weakened = text.replace('    assert count_words("a b  c") == 3, "expected 3"\n', '    count_words("a b  c")\n')
    assert weakened != text
    spec.write_text(weakened)
    proc = course.grader("verify", "--answers", "demo.count")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert ("1.2 split-on-one-space (wrong): passes, yet it splits on a single space, so a run of spaces "
            "counts an empty word") in proc.stdout


def test_a_message_that_stops_naming_the_mistake_is_caught(course):
    spec = course.topic / "specs" / "test_02_count.py"
    spec.write_text(spec.read_text().replace('"expected 3"', '"wrong"'))
    proc = course.grader("verify", "--answers", "1.2")
    assert proc.returncode == 1
    assert "1.2 split-on-one-space (wrong): its message does not say 'expected 3'" in proc.stdout


def test_a_wrong_answer_that_breaks_another_challenge_is_named(course):
    manifest = course.root / MANIFEST
    manifest.write_text(manifest.read_text() + '''
[[answer]]
name = "drops-a-route"
expect = "wrong"
mistake = "rewrites the project's URLs and loses the panel's"
message = ["expected 2"]

[[answer.edit]]
file = "config/urls.py"
old = 'path("panel/", include("panel.urls")),'
new = ""

[[answer.edit]]
file = "count/logic.py"
old = "    return len(text.split())"
new = "    return 0"
''')
    proc = course.grader("verify", "--answers", "1.2")
    assert proc.returncode == 1
    assert "1.2 drops-a-route (wrong): broke 1.3 demo.panel" in proc.stdout
    assert "regex-words (right)" not in proc.stdout  # packed beside it, but not blamed


def test_an_answer_that_no_longer_applies_is_a_clear_error(course):
    manifest = course.root / MANIFEST
    manifest.write_text(manifest.read_text().replace('old = "    return len(text.split())"\nnew = "    return len(text)"',
                                                     'old = "not in the file"\nnew = "x"'))
    proc = course.grader("verify", "--answers", "1.2")
    assert proc.returncode == 2
    assert "answer 1.2 characters: the text to replace in count/logic.py is found 0 times" in proc.stderr


def test_an_answer_may_change_only_its_challenges_files(course):
    manifest = course.root / MANIFEST
    manifest.write_text(manifest.read_text().replace('file = "count/logic.py"\nold = "    return len(text.split())"\n'
                                                     'new = "    return len(text)"',
                                                     'file = "hello/views.py"\nold = "Hello"\nnew = "Bye"'))
    proc = course.grader("verify", "--answers")
    assert proc.returncode == 2
    assert "changes hello/views.py, which is neither a file of demo.count nor a shared file" in proc.stderr


def test_rounds_pack_one_answer_per_challenge_and_never_two_on_one_file(course):
    course_ = load_course(course.root)
    known = answers.load(course_, course_.challenge("1.2"))
    packed = answers.rounds(known)
    assert len(packed) == len(known)  # one challenge: one answer a run
    assert sorted(a.name for run in packed for a in run) == sorted(a.name for a in known)
