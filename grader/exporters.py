"""Exporters of the results document for CI systems and Gradescope.

Pure functions of the document that ``grader grade --json`` writes (see
``grader/results.py``), plus two helpers that write their output atomically.

* :func:`junit_xml` -- JUnit XML, one ``<testsuite>`` per challenge and one
  ``<testcase>`` per spec, valid against the Jenkins xunit-plugin
  ``junit-10.xsd`` (so ``<testsuites>`` carries no ``skipped`` attribute: that
  schema does not declare one; the per-suite ``skipped`` counts are there).
* :func:`gradescope` -- a Gradescope autograder ``results.json``, one test per
  challenge, with partial credit by the share of specs passed.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from grader.files import write_atomic

SUITES_NAME = "django-interview-kit"
GRADESCOPE_OUTPUT_LIMIT = 4000

# Characters XML 1.0 allows: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
_XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")
_EXCEPTION_PREFIX = re.compile(r"^([A-Za-z_][\w.]*): ")


def clean_text(text: Any) -> str:
    """``text`` without terminal colour codes and the characters XML 1.0 forbids."""
    return _XML_FORBIDDEN.sub("", _ANSI.sub("", str(text)))


def first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _challenge_failed_to_load(challenge: dict[str, Any]) -> bool:
    """True when the challenge itself broke (no specs, or a load/topic error), not one of its specs.

    results.py reports a challenge as error/timeout either because one of its
    specs erred or timed out, or because the challenge (its code, its spec
    file or its topic) could not be loaded; in the second case no spec
    carries that status.
    """
    if not challenge["specs"]:
        return True
    status = challenge["status"]
    return status in ("error", "timeout") and not any(
        s["status"] in ("error", "timeout") for s in challenge["specs"])


def _topic_warnings(topic: dict[str, Any], pristine: bool = False) -> list[str]:
    modified = topic.get("specs_modified") or []
    if not modified:
        return []
    note = " (graded with the kit's own spec files)" if pristine else ""
    return ["spec files modified in this topic: " + ", ".join(str(p) for p in modified) + note]


def _tampering(topic: dict[str, Any]) -> list[str]:
    return [str(line) for line in topic.get("tampering") or []]


TAMPERING_NOTE = "tampering flagged in this topic, for a human to review (the score is not changed by it):"


def _seconds(value: Any) -> str:
    """A duration as JUnit wants it: plain decimal seconds, never negative or exponential."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = 0.0
    if not math.isfinite(seconds) or seconds < 0:
        seconds = 0.0
    return f"{seconds:.3f}"


def _timestamp(started_at: str) -> str:
    """started_at in UTC without offset (the form Ant and Jenkins write); unchanged if unparsable."""
    try:
        when = dt.datetime.fromisoformat(started_at)
    except (TypeError, ValueError):
        return clean_text(started_at)
    if when.tzinfo is not None:
        when = when.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return when.isoformat(timespec="seconds")


def suite_name(topic: dict[str, Any], challenge: dict[str, Any]) -> str:
    return f"{topic['id']} / {challenge_name(challenge)}"


def challenge_name(challenge: dict[str, Any]) -> str:
    return f"{challenge['number']} {challenge['id']} — {challenge['title']}"


# --------------------------------------------------------------------------- JUnit XML


def _outcome(parent: ET.Element, status: str, message: str, *, failure_type: str) -> None:
    """Append the failure/error/skipped child that ``status`` calls for (nothing for pass)."""
    message = clean_text(message)
    summary = first_line(message)
    if status == "fail":
        el = ET.SubElement(parent, "failure", message=summary or "failed", type=failure_type)
    elif status == "timeout":
        el = ET.SubElement(parent, "error", message=summary or "timed out", type="timeout")
    elif status == "error":
        match = _EXCEPTION_PREFIX.match(summary)
        el = ET.SubElement(parent, "error", message=summary or "error",
                           type=match.group(1) if match else "error")
    elif status in ("not_run", "skip"):
        el = ET.SubElement(parent, "skipped", message=summary or status.replace("_", " "))
    else:
        return
    if message:
        el.text = message


def _count(statuses: Iterable[str]) -> dict[str, int]:
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for status in statuses:
        counts["tests"] += 1
        if status == "fail":
            counts["failures"] += 1
        elif status in ("error", "timeout"):
            counts["errors"] += 1
        elif status in ("not_run", "skip"):
            counts["skipped"] += 1
    return counts


def junit_xml(doc: dict[str, Any], *, hostname: str | None = None) -> str:
    """The document as JUnit XML: a testsuite per challenge, a testcase per spec.

    A challenge without specs (it, or its topic, could not be loaded) becomes a
    single testcase named after the challenge that carries the challenge's
    error, so that a CI report never shows it as silently empty.
    """
    root = ET.Element("testsuites", name=SUITES_NAME)
    timestamp = _timestamp(doc.get("started_at", ""))
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for topic in doc["topics"]:
        warnings = _topic_warnings(topic, bool(doc.get("pristine")))
        for challenge in topic["challenges"]:
            classname = clean_text(f"{topic['id']}.{challenge['id']}")
            suite = ET.Element("testsuite", name=clean_text(suite_name(topic, challenge)))
            props = ET.SubElement(suite, "properties")
            for key, value in (("challenge", challenge["id"]), ("topic", topic["id"]),
                               ("status", challenge["status"]),
                               ("points", challenge["points"]),
                               ("max_points", challenge["max_points"]),
                               ("difficulty", challenge["difficulty"])):
                ET.SubElement(props, "property", name=key, value=clean_text(value))
            if topic.get("specs_modified"):
                ET.SubElement(props, "property", name="specs_modified",
                              value=clean_text(", ".join(map(str, topic["specs_modified"]))))
            if _tampering(topic):
                ET.SubElement(props, "property", name="tampering", value=clean_text("; ".join(_tampering(topic))))
            if challenge["specs"]:
                statuses = [s["status"] for s in challenge["specs"]]
                time = sum(max(float(s.get("duration") or 0), 0.0) for s in challenge["specs"])
                for spec in challenge["specs"]:
                    case = ET.SubElement(suite, "testcase", classname=classname,
                                         name=clean_text(spec["name"]),
                                         time=_seconds(spec.get("duration")))
                    _outcome(case, spec["status"], spec.get("message", ""),
                             failure_type="AssertionError")
            else:
                status = challenge["status"]
                if status == "fail":  # not produced by results.py; kept honest anyway
                    status = "error"
                statuses = [status]
                time = 0.0
                case = ET.SubElement(suite, "testcase", classname=classname,
                                     name=clean_text(challenge_name(challenge)), time=_seconds(0))
                _outcome(case, status, challenge["message"] or "no specs were run",
                         failure_type="AssertionError")
            # The challenge's own verdict, for load errors the spec results only hint at.
            notes = [challenge["message"]] if challenge["status"] != "pass" else []
            notes += warnings
            if _tampering(topic):
                notes += [TAMPERING_NOTE, *(f"- {line}" for line in _tampering(topic))]
            if any(notes):
                ET.SubElement(suite, "system-err").text = clean_text("\n".join(n for n in notes if n))
            counts = _count(statuses)
            for key, value in counts.items():
                suite.set(key, str(value))
                totals[key] += value
            suite.set("time", _seconds(time))
            if timestamp:
                suite.set("timestamp", timestamp)
            if hostname:
                suite.set("hostname", clean_text(hostname))
            root.append(suite)
    # The Jenkins schema declares no "skipped" attribute on <testsuites>.
    for key in ("tests", "failures", "errors"):
        root.set(key, str(totals[key]))
    root.set("time", _seconds(doc.get("duration")))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# --------------------------------------------------------------------------- Gradescope


def challenge_score(challenge: dict[str, Any]) -> float:
    """max_points × share of specs passed, to 2 decimals; 0 when the challenge could not be loaded."""
    if _challenge_failed_to_load(challenge) or not challenge["specs_total"]:
        return 0.0
    if challenge["status"] == "pass":
        return float(challenge["max_points"])
    share = challenge["specs_passed"] / challenge["specs_total"]
    return round(challenge["max_points"] * share, 2)


def _clip(text: str, limit: int = GRADESCOPE_OUTPUT_LIMIT) -> str:
    if len(text) <= limit:
        return text
    marker = "\n… (cut)"
    return text[: limit - len(marker)].rstrip() + marker


def _test_output(topic: dict[str, Any], challenge: dict[str, Any], pristine: bool) -> str:
    passed, total = challenge["specs_passed"], challenge["specs_total"]
    lines = [f"{challenge['status']}: {passed}/{total} specs passed"]
    if _tampering(topic):  # before the messages, which the output limit may cut
        lines += [TAMPERING_NOTE[0].upper() + TAMPERING_NOTE[1:], *(f"- {line}" for line in _tampering(topic)), ""]
    if challenge["message"]:
        lines.append(clean_text(challenge["message"]))
    failing = [s for s in challenge["specs"] if s["status"] != "pass"]
    if failing:
        lines += ["", "Specs not passing:"]
        for spec in failing:
            reason = first_line(clean_text(spec.get("message", "")))
            lines.append(f"- {spec['name']} ({spec['status']})" + (f": {reason}" if reason else ""))
    lines += [f"Warning: {w}" for w in _topic_warnings(topic, pristine)]
    return _clip("\n".join(lines))


def gradescope(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as a Gradescope autograder results.json (one test per challenge)."""
    pristine = bool(doc.get("pristine"))
    tests = []
    for topic in doc["topics"]:
        for challenge in topic["challenges"]:
            tests.append({
                "name": clean_text(challenge_name(challenge)),
                "number": challenge["number"],
                "score": challenge_score(challenge),
                "max_score": float(challenge["max_points"]),
                "status": "passed" if challenge["status"] == "pass" else "failed",
                "output": _test_output(topic, challenge, pristine),
                "visibility": "visible",
                "tags": [topic["slug"]],
                "extra_data": {
                    "id": challenge["id"],
                    "topic": topic["id"],
                    "status": challenge["status"],
                    "specs_passed": challenge["specs_passed"],
                    "specs_total": challenge["specs_total"],
                },
            })
    score = float(round(sum(t["score"] for t in tests), 2))
    max_score = float(sum(t["max_score"] for t in tests))
    passed = sum(t["status"] == "passed" for t in tests)
    try:
        duration = max(float(doc.get("duration") or 0), 0.0)
    except (TypeError, ValueError):
        duration = 0.0
    output = (f"{passed}/{len(tests)} challenges passed, "
              f"{score:g}/{max_score:g} points ({doc.get('target', '')}).")
    warnings = [f"{t['id']}: {w}" for t in doc["topics"] for w in _topic_warnings(t, pristine)]
    if warnings:
        output += "\nWarning: " + "\nWarning: ".join(warnings)
    flagged = [f"{t['id']}: {line}" for t in doc["topics"] for line in _tampering(t)]
    if flagged:
        output += "\nTampering flagged, for a human to review (scores are not changed by it):\n- " + "\n- ".join(flagged)
    return {
        "score": score,
        "execution_time": math.ceil(duration),
        "output": clean_text(output),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        # results.json has no documented top-level max_score: it travels in extra_data.
        "extra_data": {
            "max_score": max_score,
            "grader_version": doc.get("grader_version", ""),
            "schema_version": doc.get("schema_version"),
            "target": doc.get("target", ""),
            "pristine": pristine,
            "started_at": doc.get("started_at", ""),
        },
        "tests": tests,
    }


# --------------------------------------------------------------------------- writing


def write_junit(doc: dict[str, Any], path: Path) -> None:
    write_atomic(path, junit_xml(doc))


def write_gradescope(doc: dict[str, Any], path: Path) -> None:
    write_atomic(path, json.dumps(gradescope(doc), indent=2, ensure_ascii=False) + "\n")
