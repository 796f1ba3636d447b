"""Plain-text views of a results document, for the terminal."""

from __future__ import annotations

from typing import Any

MARK = {"pass": "✓", "fail": "✗", "error": "!", "timeout": "⏱", "not run": "·"}


def _first_line(text: str, width: int = 100) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"


def grade_table(doc: dict[str, Any]) -> str:
    out = []
    for topic in doc["topics"]:
        t = topic["totals"]
        out.append(f"{topic['number']:02d} {topic['title']:<34} {t['challenges_passed']}/{t['challenges']} "
                   f"challenges done · {t['specs_passed']}/{t['specs']} specs passed · "
                   f"{t['points']}/{t['max_points']} points")
        if topic["status"] == "error":
            out.append(f"   ! the topic could not be loaded: {_first_line(topic['message'], 200)}")
        for c in topic["challenges"]:
            line = (f"   {MARK[c['status']]} {c['number']:<5} {c['id']:<32} {c['status']:<8} "
                    f"{c['specs_passed']}/{c['specs_total']} specs")
            if c["status"] in ("error", "timeout"):
                line += f"  {_first_line(c['message'], 160)}"
            out.append(line)
    t = doc["totals"]
    share = round(100 * t["points"] / t["max_points"]) if t["max_points"] else 0
    out.append("")
    out.append(f"Total: {t['challenges_passed']} of {t['challenges']} challenges done · "
               f"{t['specs_passed']} of {t['specs']} specs passed · "
               f"{t['points']}/{t['max_points']} points ({share}%) · {doc['duration']:.1f} s")
    return "\n".join(out)


def next_unsolved(doc: dict[str, Any]) -> dict[str, Any] | None:
    for topic in doc["topics"]:
        for c in topic["challenges"]:
            if c["status"] != "pass":
                return c
    return None


def indent(text: str, prefix: str = "      ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())
