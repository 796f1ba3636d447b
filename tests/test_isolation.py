"""Candidates cannot touch each other or anything outside their copy; pristine has no blind spot."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest

from grader import sandbox
from tests.conftest import challenges
from tests.test_workflow import git, kit  # noqa: F401 - kit: the fake course as a git clone with its record

# Loaded by pytest from specs/media/ (the pristine check used to skip folders named media):
# it answers the count challenge in the learner's place.
MEDIA_CHEAT = "import count.logic\n\ncount.logic.count_words = lambda text: len(text.split())\n"


def learner(kit, root: Path, files: dict[str, str] | None = None) -> Path:  # noqa: F811
    shutil.copytree(kit.root, root, ignore=shutil.ignore_patterns(".git", ".grader", "results.json"))
    for rel, text in (files or {}).items():
        (root / "exercises" / "01_demo" / rel).write_text(text)
    return root


def batch(kit, out: Path, *checkouts: Path, options: tuple[str, ...] = (), env=None):  # noqa: F811
    proc = kit.grader("batch", *map(str, checkouts), "--out", str(out), *options, env=env, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    with (out / "results.csv").open(encoding="utf-8", newline="") as handle:
        return {r["learner"]: r for r in csv.DictReader(handle)}


def test_a_conftest_in_a_media_folder_under_specs_is_flagged_and_removed(kit, tmp_path):  # noqa: F811
    (kit.topic / "specs" / "media").mkdir()
    kit.write("specs/media/conftest.py", MEDIA_CHEAT)
    doc = kit.grade()
    assert doc["topics"][0]["specs_modified"] == ["specs/media/conftest.py"]
    assert challenges(doc)["demo.count"]["status"] == "pass", "pytest loads it: the cheat works in place"

    clean = kit.grade("--pristine")
    assert clean["topics"][0]["specs_modified"] == ["specs/media/conftest.py"]
    assert challenges(clean)["demo.count"]["status"] == "fail", "--pristine removed it"
    assert (kit.topic / "specs" / "media" / "conftest.py").read_text() == MEDIA_CHEAT

    rows = batch(kit, tmp_path / "marks", learner(kit, tmp_path / "media", {"specs/media/conftest.py": MEDIA_CHEAT}))
    assert (rows["media"]["total"], rows["media"]["specs_modified"]) == ("40", "01_demo/specs/media/conftest.py")


def test_links_out_of_a_checkout_are_never_written_through_nor_read(kit, tmp_path):  # noqa: F811
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n")
    folder = tmp_path / "outside_specs"
    folder.mkdir()
    (folder / "test_02_count.py").write_text("precious\n")
    file_link = learner(kit, tmp_path / "cohort" / "file_link")
    spec = file_link / "exercises" / "01_demo" / "specs" / "test_02_count.py"
    spec.unlink()
    spec.symlink_to(outside)
    hello = spec.with_name("test_01_hello.py")
    hello.unlink()
    hello.symlink_to("/dev/zero")  # read through, it would never end
    folder_link = learner(kit, tmp_path / "cohort" / "folder_link")
    specs = folder_link / "exercises" / "01_demo" / "specs"
    shutil.rmtree(specs)
    specs.symlink_to(folder, target_is_directory=True)

    for checkout in (file_link, folder_link):
        proc = kit.grader("grade", "--pristine", "--target", str(checkout), "--json", str(tmp_path / "doc.json"))
        assert proc.returncode == 0, proc.stdout + proc.stderr
        doc = json.loads((tmp_path / "doc.json").read_text())
        assert doc["totals"]["points"] == 40, "graded on the kit's specs"
        assert "a link to a path outside the checkout, not copied" in proc.stderr
    assert json.loads((tmp_path / "doc.json").read_text())["topics"][0]["specs_modified"] == [
        "specs", "specs/test_01_hello.py", "specs/test_02_count.py", "specs/test_03_panel.py"]

    topic_link = tmp_path / "cohort" / "topic_link" / "exercises"
    topic_link.mkdir(parents=True)
    (topic_link / "01_demo").symlink_to(kit.topic, target_is_directory=True)

    rows = batch(kit, tmp_path / "marks", file_link, folder_link, topic_link.parent)
    assert rows["topic_link"]["errors"] == "01_demo: the topic folder is a link, not followed"
    assert rows["file_link"]["total"] == rows["folder_link"]["total"] == "40"
    assert rows["file_link"]["specs_modified"] == "01_demo/specs/test_01_hello.py; 01_demo/specs/test_02_count.py"
    assert "01_demo/specs/test_02_count.py: a link to a path outside the checkout" in rows["file_link"]["errors"]
    assert "01_demo/specs: a link to a path outside the checkout" in rows["folder_link"]["errors"]

    assert outside.read_text() == "precious\n"
    assert [p.name for p in folder.iterdir()] == ["test_02_count.py"]
    assert (folder / "test_02_count.py").read_text() == "precious\n"
    assert spec.is_symlink() and specs.is_symlink(), "the checkouts are untouched"


def test_restoring_a_spec_replaces_a_linked_folder_on_its_way(kit, tmp_path):  # noqa: F811
    from grader import pristine

    folder = tmp_path / "outside"
    folder.mkdir()
    copy = tmp_path / "copy"
    shutil.copytree(kit.topic, copy)
    shutil.rmtree(copy / "specs")
    (copy / "specs").symlink_to(folder, target_is_directory=True)
    pristine.put(copy, "specs/test_02_count.py", b"kit\n")
    assert not (copy / "specs").is_symlink() and (copy / "specs" / "test_02_count.py").read_bytes() == b"kit\n"
    (copy / "specs" / "test_01_hello.py").symlink_to(folder / "target")
    pristine.put(copy, "specs/test_01_hello.py", b"kit\n")
    assert list(folder.iterdir()) == []


# Learner code that, when Django loads the topic, rewrites every other grading copy it can
# find in the batch's temporary folder ({tmp}) and kills the fork server that started it.
SABOTEUR = '''
import os, pathlib, signal
_mine = pathlib.Path(__file__).resolve().parents[2]  # this candidate's copies
for _py in pathlib.Path({tmp!r}).glob("grader-*/**/*.py"):
    if _mine not in _py.resolve().parents:
        _py.write_text("raise SystemExit('sabotaged: grade 0')\\n")
try:
    with open(f"/proc/{{os.getppid()}}/cmdline", "rb") as _cmd:
        if b"forkserver" in _cmd.read():
            os.kill(os.getppid(), signal.SIGKILL)
except OSError:
    pass
'''


@pytest.fixture
def two_topics(course):
    """The fake course with a second topic (so a batch of one checkout runs a fork server), as a
    git clone with its record."""
    for part in ("exercises", "solutions"):
        shutil.copytree(course.root / part / "01_demo", course.root / part / "02_extra")
    assert course.grader("freeze").returncode == 0
    git(course.root, "init", "-q")
    git(course.root, "add", "-A")
    git(course.root, "commit", "-qm", "the kit")
    return course


def test_a_saboteur_cannot_change_another_candidates_grade(two_topics, tmp_path):
    solution = (two_topics.root / "solutions" / "01_demo" / "count" / "logic.py").read_text()

    def checkout(name: str, files: dict[str, str]) -> Path:
        root = tmp_path / name
        shutil.copytree(two_topics.root, root, ignore=shutil.ignore_patterns(".git", ".grader"))
        for rel, text in files.items():
            (root / "exercises" / rel).write_text(text)
        return root

    solved = {"01_demo/count/logic.py": solution, "02_extra/count/logic.py": solution}
    private = tmp_path / "tmp"  # the batch's temporary folder: the saboteur's reach is this test's copies
    private.mkdir()
    settings = (two_topics.topic / "config" / "settings.py").read_text() + SABOTEUR.format(tmp=str(private))
    cohort = [checkout("ada", solved), checkout("saboteur", {"01_demo/config/settings.py": settings}),
              checkout("bea", solved)]
    rows = batch(two_topics, tmp_path / "marks", *cohort, env={"TMPDIR": str(private)})
    for name in ("ada", "bea"):
        assert (rows[name]["total"], rows[name]["max_points"], rows[name]["errors"]) == ("120", "120", ""), rows[name]
    assert "sabotaged" not in (tmp_path / "marks" / "bea.json").read_text()
    assert rows["saboteur"]["errors"], "killing its fork server cost the saboteur its own marks"


def test_sandbox_without_bwrap_fails_at_once_saying_how_to_install_it(kit, tmp_path):  # noqa: F811
    empty = tmp_path / "bin"
    empty.mkdir()
    proc = kit.grader("batch", str(kit.root), "--sandbox", "--out", str(tmp_path / "marks"),
                      env={"PATH": str(empty)})
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "needs bubblewrap" in proc.stderr and "apt-get install bubblewrap" in proc.stderr
    assert not (tmp_path / "marks" / "results.csv").exists()


def _bwrap_problem() -> str | None:
    try:
        sandbox.prefix()
    except Exception as exc:  # noqa: BLE001 - any reason is the skip's reason
        return str(exc)
    return None


# The candidate's code tries to write outside its copy and to reach the network.
ESCAPE = '''
import pathlib, socket
for _target in {targets!r}:
    try:
        pathlib.Path(_target).write_text("owned")
    except OSError:
        pass
try:
    socket.create_connection(("1.1.1.1", 53), timeout=1).close()
    pathlib.Path(__file__).with_name("network.txt").write_text("reached")
except OSError:
    pass


def count_words(text):
    reached = pathlib.Path(__file__).with_name("network.txt").exists()
    return -1 if reached else len(text.split())
'''


def test_sandbox_keeps_a_candidate_to_its_own_copy(kit, tmp_path):  # noqa: F811
    if problem := _bwrap_problem():
        pytest.skip(f"bwrap cannot sandbox here: {problem}")
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n")
    honest = learner(kit, tmp_path / "cohort" / "honest")
    victim = honest / "exercises" / "01_demo" / "hello" / "views.py"
    before = victim.read_text()
    escaper = learner(kit, tmp_path / "cohort" / "escaper",
                      {"count/logic.py": ESCAPE.format(targets=[str(outside), str(victim)])})
    rows = batch(kit, tmp_path / "marks", escaper, honest, options=("--sandbox",))
    assert outside.read_text() == "precious\n"
    assert victim.read_text() == before, "another candidate's checkout is read-only in the sandbox"
    assert (rows["escaper"]["total"], rows["escaper"]["errors"]) == ("60", ""), "no network: count passes"
    assert (rows["honest"]["total"], rows["honest"]["errors"]) == ("40", "")
    doc = json.loads((tmp_path / "marks" / "escaper.json").read_text())
    assert doc["pristine"] is True and doc["target"] == str(escaper.resolve())


def test_a_results_document_read_back_from_a_sandbox_is_never_a_link_or_a_pipe(tmp_path):
    from grader.commands.batch import _read_back
    from grader.results import SCHEMA_VERSION

    doc = tmp_path / "results.json"
    doc.symlink_to("/dev/zero")  # read through, it would never end
    assert _read_back(doc) is None
    doc.unlink()
    os.mkfifo(doc)  # opened for reading, it would wait for a writer
    assert _read_back(doc) is None
    doc.unlink()
    written = {"schema_version": SCHEMA_VERSION, "topics": []}
    doc.write_text(json.dumps(written))
    assert _read_back(doc) == written
