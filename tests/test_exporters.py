"""The JUnit XML and Gradescope exporters, checked against the published structures.

JUnit output must validate against the Jenkins xunit-plugin ``junit-10.xsd``
(two stored versions of it, see the comments at the top of the files in
tests/schemas/); Gradescope output against a JSON Schema of the documented
results.json fields.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from grader import exporters
from grader.results import SCHEMA_VERSION, totals
from tests.conftest import validate_results

SCHEMAS = Path(__file__).resolve().parent / "schemas"
XSDS = ("junit-10.xsd", "junit-10-0c37522.xsd")
XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@functools.cache
def _xsd(name: str):
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMAS / name))


@functools.cache
def _gradescope_validator():
    import jsonschema

    schema = json.loads((SCHEMAS / "gradescope-results.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def public(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if not k.startswith("_")}


def challenges_of(doc: dict) -> list[tuple[dict, dict]]:
    return [(t, c) for t in doc["topics"] for c in t["challenges"]]


def junit(doc: dict) -> ET.Element:
    """The JUnit export of doc, validated and checked against the document's counts."""
    before = copy.deepcopy(doc)
    text = exporters.junit_xml(doc)
    assert doc == before, "the exporter changed the document"
    assert not XML_FORBIDDEN.search(text)
    for name in XSDS:
        _xsd(name).validate(text)
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites" and root.get("name") == "django-interview-kit"
    suites = root.findall("testsuite")
    assert len(suites) == len(challenges_of(doc))
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for suite, (topic, challenge) in zip(suites, challenges_of(doc), strict=True):
        assert suite.get("name") == (f"{topic['id']} / {challenge['number']} {challenge['id']}"
                                     f" — {challenge['title']}")
        cases = suite.findall("testcase")
        assert all(c.get("classname") == f"{topic['id']}.{challenge['id']}" for c in cases)
        specs = challenge["specs"]
        if specs:
            statuses = [s["status"] for s in specs]
            assert [c.get("name") for c in cases] == [exporters.clean_text(s["name"]) for s in specs]
        else:  # never silent: one testcase named after the challenge, carrying its error
            statuses = ["error" if challenge["status"] == "fail" else challenge["status"]]
            assert len(cases) == 1
            assert challenge["id"] in cases[0].get("name")
            if challenge["status"] != "pass":
                error = cases[0].find("error")
                assert error is not None
                assert error.text.strip() == exporters.clean_text(challenge["message"]).strip()
        expected = {
            "tests": len(statuses),
            "failures": statuses.count("fail"),
            "errors": statuses.count("error") + statuses.count("timeout"),
            "skipped": statuses.count("not_run") + statuses.count("skip"),
        }
        assert {k: int(suite.get(k)) for k in expected} == expected
        for case, status in zip(cases, statuses, strict=True):
            children = [child.tag for child in case]
            want = {"pass": [], "fail": ["failure"], "error": ["error"], "timeout": ["error"],
                    "not_run": ["skipped"], "skip": ["skipped"]}[status]
            assert children == want, (case.get("name"), status, children)
        started = dt.datetime.fromisoformat(doc["started_at"]).astimezone(dt.timezone.utc)
        assert dt.datetime.fromisoformat(suite.get("timestamp")) == started.replace(tzinfo=None)
        for key in totals:
            totals[key] += expected[key]
    assert {k: int(root.get(k)) for k in totals} == totals
    assert sum(len(s.findall("testcase")) for s in suites) == sum(
        max(len(c["specs"]), 1) for _, c in challenges_of(doc))
    return root


def gradescope(doc: dict) -> dict:
    """The Gradescope export of doc, validated and checked against the document."""
    before = copy.deepcopy(doc)
    results = exporters.gradescope(doc)
    assert doc == before, "the exporter changed the document"
    _gradescope_validator().validate(results)
    json.dumps(results, allow_nan=False)
    pairs = challenges_of(doc)
    assert len(results["tests"]) == len(pairs)
    for test, (topic, challenge) in zip(results["tests"], pairs, strict=True):
        assert test["number"] == challenge["number"]
        assert test["name"] == f"{challenge['number']} {challenge['id']} — {challenge['title']}"
        assert test["max_score"] == challenge["max_points"]
        assert test["status"] == ("passed" if challenge["status"] == "pass" else "failed")
        assert test["tags"] == [topic["slug"]]
        assert test["visibility"] == "visible"
        assert 0 <= test["score"] <= test["max_score"]
        assert len(test["output"]) <= exporters.GRADESCOPE_OUTPUT_LIMIT
        if challenge["status"] == "pass":
            assert test["score"] == challenge["max_points"]
        if not challenge["specs"]:
            assert test["score"] == 0
    assert results["score"] == pytest.approx(sum(t["score"] for t in results["tests"]))
    assert results["extra_data"]["max_score"] == doc["totals"]["max_points"]
    assert results["execution_time"] == math.ceil(doc["duration"])
    assert (results["visibility"], results["stdout_visibility"]) == ("visible", "hidden")
    return results


def scores(results: dict) -> dict[str, float]:
    return {t["number"]: t["score"] for t in results["tests"]}


# --------------------------------------------------------------------------- real grades


def test_clean_grade(course, tmp_path):
    doc = public(course.grade())
    root = junit(doc)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("6", "2", "0")
    count = root.findall("testsuite")[1]
    failure = count.find("testcase[@name='test_counts_two_words']/failure")
    assert failure.get("type") == "AssertionError"
    assert failure.get("message") == "count_words('a b') returned 0; expected 2"
    assert "assert 0 == 2" in failure.text

    results = gradescope(doc)
    # count: 1 of its 3 specs passes -> a third of its 20 points
    assert scores(results) == {"1.1": 10.0, "1.2": 6.67, "1.3": 30.0}
    assert results["score"] == 46.67
    assert [t["status"] for t in results["tests"]] == ["passed", "failed", "passed"]
    assert "test_counts_three_words (fail): expected 3" in results["tests"][1]["output"]

    exporters.write_junit(doc, tmp_path / "out" / "junit.xml")
    exporters.write_gradescope(doc, tmp_path / "out" / "results.json")
    assert (tmp_path / "out" / "junit.xml").read_text(encoding="utf-8") == exporters.junit_xml(doc)
    assert json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8")) == results
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["junit.xml", "results.json"]


def test_challenge_with_a_syntax_error(course):
    course.write("count/logic.py", "def count_words(text):\n    return (\n")
    doc = public(course.grade())
    count = next(c for _, c in challenges_of(doc) if c["id"] == "demo.count")
    assert count["status"] == "error"
    root = junit(doc)
    suite = root.findall("testsuite")[1]
    # the challenge's own verdict travels with its suite
    assert "SyntaxError" in suite.find("system-err").text
    assert suite.find("properties/property[@name='status']").get("value") == "error"

    results = gradescope(doc)
    assert scores(results) == {"1.1": 10.0, "1.2": 0.0, "1.3": 30.0}
    assert results["score"] == 40.0
    assert "SyntaxError" in results["tests"][1]["output"]


def test_topic_that_cannot_load(course):
    course.write("config/settings.py", "raise RuntimeError('x')\n")
    doc = public(course.grade())
    assert doc["topics"][0]["status"] == "error"
    assert all(not c["specs"] for _, c in challenges_of(doc))
    root = junit(doc)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "0", "3")
    for suite in root.findall("testsuite"):
        error = suite.find("testcase/error")
        assert "RuntimeError" in error.get("message")

    results = gradescope(doc)
    assert scores(results) == {"1.1": 0.0, "1.2": 0.0, "1.3": 0.0}
    assert results["score"] == 0.0
    assert all("RuntimeError" in t["output"] for t in results["tests"])


# --------------------------------------------------------------------------- hand-built documents


def spec(name: str, status: str = "pass", message: str = "", duration: float = 0.01) -> dict:
    return {"name": name, "nodeid": f"specs/test_x.py::{name}", "task": 1, "status": status,
            "message": message, "duration": duration, "passes_on_starter": None}


def challenge(slug: str, status: str, specs: list[dict], *, points: int = 10, message: str = "",
              number: str = "1.1") -> dict:
    passed = sum(s["status"] == "pass" for s in specs)
    return {"id": f"demo.{slug}", "number": number, "title": slug.title(), "difficulty": 1,
            "status": status, "message": message, "points": points if status == "pass" else 0,
            "max_points": points, "specs_passed": passed, "specs_total": len(specs),
            "specs": specs}


def document(*challenges: dict, duration: float = 1.2, topic_error: str = "") -> dict:
    topic = {"id": "01_demo", "number": 1, "slug": "demo", "title": "Demo",
             "status": "error" if topic_error else "ok", "message": topic_error,
             "duration": duration, "tampering": [], "challenges": list(challenges), "totals": totals(challenges)}
    doc = {"schema_version": SCHEMA_VERSION, "grader_version": "0.1.0", "target": "exercises", "partial": False,
           "started_at": "2026-01-02T03:04:05+01:00", "duration": duration,
           "topics": [topic], "totals": totals(challenges)}
    validate_results(doc)
    return doc


def test_control_characters_are_stripped():
    nasty = "boom\x00\x01\x08\x0b\x0c\x1b[31m red\x1b[0m\x7f\ufffe\n\tsecond line\r\nthird"
    doc = document(challenge("tour", "fail", [spec("test_\x02nasty", "fail", nasty)],
                             message="test_nasty: " + nasty))
    root = junit(doc)
    failure = root.find("testsuite/testcase/failure")
    assert failure.get("message") == "boom red\x7f"
    assert "\tsecond line" in failure.text and "third" in failure.text
    assert root.find("testsuite/testcase").get("name") == "test_nasty"
    output = gradescope(doc)["tests"][0]["output"]
    assert "\x00" not in output and "\x1b" not in output


def test_zero_specs_and_timeouts():
    doc = document(
        challenge("broken", "error", [], message="the spec file specs/x.py could not be collected:\n"
                                                  "ImportError: nope"),
        challenge("hangs", "timeout", [], message="could not be loaded: it took too long",
                  number="1.2"),
        challenge("slow", "timeout", [spec("test_a"), spec("test_b", "timeout", "still running"),
                                      spec("test_c", "timeout", "not run: skipped after a timeout")],
                  number="1.3", points=30),
    )
    root = junit(doc)
    broken, hangs, slow = root.findall("testsuite")
    assert broken.find("testcase/error").get("message").startswith("the spec file")
    assert hangs.find("testcase/error").get("type") == "timeout"
    assert [e.get("type") for e in slow.iter("error")] == ["timeout", "timeout"]
    assert (root.get("tests"), root.get("errors")) == ("5", "4")

    results = gradescope(doc)
    # a spec that timed out still leaves credit for the specs that passed
    assert scores(results) == {"1.1": 0.0, "1.2": 0.0, "1.3": 10.0}
    assert results["execution_time"] == 2


def test_not_run_and_skipped_specs():
    doc = document(challenge("tour", "fail", [spec("test_a"), spec("test_b", "fail", "no"),
                                              spec("test_c", "not_run", ""),
                                              spec("test_d", "skip", "skipped: later")]))
    root = junit(doc)
    suite = root.find("testsuite")
    assert (suite.get("skipped"), suite.get("failures")) == ("2", "1")
    assert [s.get("message") for s in suite.iter("skipped")] == ["not run", "skipped: later"]
    assert scores(gradescope(doc)) == {"1.1": 2.5}


def test_partial_credit_when_a_spec_errors_but_none_when_the_code_cannot_load():
    erred = challenge("erred", "error", [spec("test_a"), spec("test_b", "error",
                                                              "ValueError: bad\ntraceback")])
    unloaded = challenge("unloaded", "error", [spec("test_a"), spec("test_b", "fail", "x")],
                         message="could not be loaded: SyntaxError in a.py:1", number="1.2")
    doc = document(erred, unloaded)
    root = junit(doc)
    error = root.find("testsuite/testcase/error")
    assert (error.get("type"), error.get("message")) == ("ValueError", "ValueError: bad")
    assert scores(gradescope(doc)) == {"1.1": 5.0, "1.2": 0.0}


def test_rounding_long_output_and_tiny_times():
    specs = [spec(f"test_{i}", "fail" if i % 3 else "pass", "x" * 300 + "\nmore", 1e-05)
             for i in range(40)]
    doc = document(challenge("big", "fail", specs, points=7, message="x" * 5000), duration=0.0)
    root = junit(doc)
    assert {c.get("time") for c in root.iter("testcase")} == {"0.000"}
    results = gradescope(doc)
    assert results["tests"][0]["score"] == round(7 * 14 / 40, 2)
    assert len(results["tests"][0]["output"]) <= exporters.GRADESCOPE_OUTPUT_LIMIT
    assert results["execution_time"] == 0


def test_specs_modified_and_empty_documents():
    doc = document(challenge("tour", "pass", [spec("test_a")]))
    doc["topics"][0]["specs_modified"] = ["specs/test_01_tour.py"]
    root = junit(doc)
    assert root.find("testsuite/properties/property[@name='specs_modified']").get("value") == (
        "specs/test_01_tour.py")
    results = gradescope(doc)
    assert "specs/test_01_tour.py" in results["output"]
    assert "specs/test_01_tour.py" in results["tests"][0]["output"]
    assert results["score"] == 10.0
    doc["pristine"] = True
    validate_results(doc)
    assert "kit's own spec files" in gradescope(doc)["output"]
    assert "kit's own spec files" in junit(doc).find("testsuite/system-err").text

    empty = document()
    assert junit(empty).get("tests") == "0"
    assert gradescope(empty)["tests"] == []


def test_tampering_travels_with_every_suite_and_test_and_changes_no_score():
    doc = document(challenge("tour", "pass", [spec("test_a")]),
                   challenge("walk", "fail", [spec("test_b", "fail", "x" * 5000)], number="1.2"))
    lines = ["tour/views.py:3 imports _pytest.python (the test runner)", "odd \x00\x1b[31mline\x1b[0m"]
    doc["topics"][0]["tampering"] = lines
    validate_results(doc)
    root = junit(doc)
    for suite in root.findall("testsuite"):
        assert suite.find("properties/property[@name='tampering']").get("value") == "; ".join(
            exporters.clean_text(line) for line in lines)
        assert "tour/views.py:3 imports _pytest.python" in suite.find("system-err").text
    results = gradescope(doc)
    assert scores(results) == {"1.1": 10.0, "1.2": 0.0}
    assert all("tour/views.py:3 imports _pytest.python" in t["output"] for t in results["tests"])
    assert "01_demo: tour/views.py:3 imports _pytest.python" in results["output"]
    assert "\x00" not in results["output"]


def test_writers_replace_atomically(tmp_path):
    doc = document(challenge("tour", "pass", [spec("test_a")]))
    target = tmp_path / "deep" / "er" / "junit.xml"
    target.parent.mkdir(parents=True)
    target.write_text("old", encoding="utf-8")
    exporters.write_junit(doc, target)
    exporters.write_gradescope(doc, target.with_name("results.json"))
    assert target.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert json.loads(target.with_name("results.json").read_text(encoding="utf-8"))["score"] == 10
    assert sorted(p.name for p in target.parent.iterdir()) == ["junit.xml", "results.json"]


def test_grade_writes_all_three_files_from_one_document(course, tmp_path):
    out = tmp_path / "ci"
    proc = course.grader("grade", "--json", str(out / "results.json"), "--junit", str(out / "junit.xml"),
                         "--gradescope", str(out / "gradescope.json"))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads((out / "results.json").read_text(encoding="utf-8"))
    validate_results(doc)
    assert (out / "junit.xml").read_text(encoding="utf-8") == exporters.junit_xml(doc)
    assert json.loads((out / "gradescope.json").read_text(encoding="utf-8")) == gradescope(doc)
    junit(doc)
