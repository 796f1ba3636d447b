"""Grading a cohort: edited specs are flagged, --pristine ignores them, batch grades many checkouts."""

from __future__ import annotations

import csv
import json
import shutil

from tests.conftest import challenges
from tests.test_workflow import kit  # noqa: F401 - the fixture: the fake course as a git clone with its record

EDITED_SPEC = "import pytest\n\n\n@pytest.mark.task(1)\ndef test_counts_two_words():\n    pass\n"


def test_an_edited_spec_is_reported_and_pristine_ignores_it(kit):  # noqa: F811
    kit.write("specs/test_02_count.py", EDITED_SPEC)
    (kit.topic / "conftest.py").write_text("")
    doc = kit.grade()
    assert doc["topics"][0]["specs_modified"] == ["conftest.py", "specs/test_02_count.py"]
    assert challenges(doc)["demo.count"]["status"] == "pass", "the edited spec passes anything"
    assert "specs modified: conftest.py, specs/test_02_count.py" in doc["_stdout"]
    assert doc["pristine"] is False

    clean = kit.grade("--pristine")
    assert clean["pristine"] is True
    assert clean["topics"][0]["specs_modified"] == ["conftest.py", "specs/test_02_count.py"]
    count = challenges(clean)["demo.count"]
    assert (count["status"], count["specs_passed"], count["specs_total"]) == ("fail", 1, 3)
    assert (kit.topic / "specs" / "test_02_count.py").read_text() == EDITED_SPEC, "the learner's file is untouched"
    assert (kit.topic / "conftest.py").exists()


def test_an_untouched_checkout_reports_no_modified_specs(kit):  # noqa: F811
    doc = kit.grade()
    assert doc["topics"][0]["specs_modified"] == []
    assert "specs modified" not in doc["_stdout"]


def test_pristine_without_the_kits_record_is_a_clear_error(course):
    proc = course.grader("grade", "--pristine")
    assert proc.returncode == 2
    assert "has no record of 01_demo's specs" in proc.stderr


def test_batch_grades_a_mixed_cohort_and_always_finishes(kit, tmp_path):  # noqa: F811
    cohort = tmp_path / "cohort"

    def learner(name, files=None):
        root = cohort / name
        shutil.copytree(kit.root, root, ignore=shutil.ignore_patterns(".git", ".grader", "results.json"))
        for rel, text in (files or {}).items():
            (root / "exercises" / "01_demo" / rel).write_text(text)

    solution = (kit.root / "solutions" / "01_demo" / "count" / "logic.py").read_text()
    learner("ada", {"count/logic.py": solution})
    learner("bob")
    learner("cheat", {"specs/test_02_count.py": EDITED_SPEC})
    learner("exiter", {"conftest.py": "import os\nos._exit(3)\n"})
    learner("looper", {"config/settings.py": "while True:\n    pass\n"})
    learner("loud", {"count/logic.py": "import sys\n\ndef count_words(text):\n    while True:\n"
                                       "        sys.stdout.write('x' * 1_000_000)\n"})
    (cohort / "empty").mkdir()
    listing = tmp_path / "cohort.txt"
    listing.write_text("# the class of 2026\ncohort/looper\ncohort/loud\n\ncohort/missing\n")
    out = tmp_path / "marks"

    proc = kit.grader("batch", *(str(cohort / n) for n in ("ada", "bob", "cheat", "exiter", "empty")),
                      "--from", str(listing), "--out", str(out), timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with (out / "results.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["learner"]: r for r in csv.DictReader(handle)}
    assert list(rows) == ["ada", "bob", "cheat", "exiter", "empty", "looper", "loud", "missing"]

    def summary(name):
        r = rows[name]
        return r["01_demo"], r["total"], r["challenges_done"], r["specs_modified"], r["errors"]

    assert summary("ada") == ("60", "60", "3", "", "")
    assert summary("bob") == ("40", "40", "2", "", "")
    assert summary("cheat") == ("40", "40", "2", "01_demo/specs/test_02_count.py", ""), "graded on the kit's specs"
    assert summary("exiter") == ("40", "40", "2", "01_demo/conftest.py", "")
    assert summary("empty")[:3] == ("", "0", "0") and "no topic folders" in rows["empty"]["errors"]
    assert summary("looper")[:3] == ("0", "0", "0") and "did not finish within" in rows["looper"]["errors"]
    assert summary("loud")[:3] == ("40", "40", "2") and rows["loud"]["errors"] == "demo.count: timeout"
    assert "is not a folder" in rows["missing"]["errors"]
    assert all(r["max_points"] == "60" for r in rows.values())

    doc = json.loads((out / "ada.json").read_text())
    assert doc["pristine"] is True and doc["totals"]["points"] == 60
    assert not (out / "empty.json").exists()
    assert (cohort / "cheat" / "exercises" / "01_demo" / "specs" / "test_02_count.py").read_text() == EDITED_SPEC
