"""Terminal views of a results document: lines of rich Text, coloured by ``ui``."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from grader import ui

MARK = {"pass": "✓", "fail": "✗", "error": "!", "timeout": "⏱", "not run": "·"}
TAMPERING_SHOWN = 5  # lines per topic in the table


def first_line(text: str, width: int = 100) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"


def mark(status: str) -> Text:
    return ui.status(MARK.get(status, "?"), status)


def grade_table(doc: dict[str, Any], hints: dict[str, int] | None = None, *,
                pristine_command: str = "grader grade --pristine") -> Text:
    """The table ``grade`` prints; ``hints`` (challenge id → hints shown) adds that column;
    ``pristine_command`` is how to rerun with the kit's own specs (see ``ui.command``)."""
    out = Text()
    for topic in doc["topics"]:
        t = topic["totals"]
        out.append_text(ui.line((f"{topic['number']:02d} {topic['title']:<34}", "bold"),
                                f" {t['challenges_passed']}/{t['challenges']} challenges done · "
                                f"{t['specs_passed']}/{t['specs']} specs passed · "
                                f"{t['points']}/{t['max_points']} points\n"))
        if topic.get("specs_modified"):
            how = ("ignored: graded with the kit's own" if doc.get("pristine")
                   else f"`{pristine_command}` runs the kit's own")
            out.append(f"   ! specs modified: {', '.join(topic['specs_modified'])} ({how})\n", style="yellow")
        shown = topic.get("tampering") or []
        for line in shown[:TAMPERING_SHOWN]:
            out.append(f"   ! tampering: {first_line(line, 200)}\n", style="yellow")
        if len(shown) > TAMPERING_SHOWN:
            out.append(f"   ! tampering: … and {len(shown) - TAMPERING_SHOWN} more in the results document "
                       "(`--json`)\n", style="yellow")
        if topic["status"] == "error":
            out.append(f"   ! the topic could not be loaded: {first_line(topic['message'], 200)}\n", style="yellow")
        for c in topic["challenges"]:
            line = ui.line("   ", mark(c["status"]), f" {c['number']:<5} {c['id']:<32} ",
                           ui.status(f"{c['status']:<8}", c["status"]),
                           f" {c['specs_passed']}/{c['specs_total']} specs")
            if hints is not None and hints.get(c["id"]):
                line.append(f" · {hints[c['id']]} hint{'s' if hints[c['id']] > 1 else ''}", style="dim")
            if c["status"] in ("error", "timeout"):
                line.append(f"  {first_line(c['message'], 160)}")
            out.append_text(line)
            out.append("\n")
    t = doc["totals"]
    share = round(100 * t["points"] / t["max_points"]) if t["max_points"] else 0
    out.append("\n")
    out.append(f"Total: {t['challenges_passed']} of {t['challenges']} challenges done", style="bold")
    out.append(f" · {t['specs_passed']} of {t['specs']} specs passed · "
               f"{t['points']}/{t['max_points']} points ({share}%) · {doc['duration']:.1f} s")
    return out


def next_unsolved(doc: dict[str, Any]) -> dict[str, Any] | None:
    for topic in doc["topics"]:
        for c in topic["challenges"]:
            if c["status"] != "pass":
                return c
    return None


def indent(text: str, prefix: str = "      ") -> str:
    return "\n".join(prefix + line for line in text.splitlines())
