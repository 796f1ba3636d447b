"""Terminal output: colour where it helps, plain text where it would not.

Every command prints through ``ui.out`` (stdout) and ``ui.err`` (stderr),
two rich consoles set up once from ``--color auto|always|never``. ``auto``
colours a terminal only, and honours ``NO_COLOR`` and ``FORCE_COLOR``;
``always`` colours even a pipe (and overrides ``NO_COLOR``); ``never`` never
does. Markup is off: learner messages print exactly as written, brackets
and all, and long lines are never re-wrapped, so logs stay greppable.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.text import Text

CHOICES = ("auto", "always", "never")
STATUS_STYLE = {"pass": "green", "fail": "red", "error": "yellow", "timeout": "magenta",
                "not run": "dim", "done": "green", "failing": "red"}


def _console(color: str, stderr: bool) -> Console:
    options = {"soft_wrap": True, "highlight": False, "emoji": False, "markup": False, "stderr": stderr}
    if color == "never":
        options.update(no_color=True, color_system=None)
    elif color == "always":
        options.update(force_terminal=True, no_color=False, color_system="standard")
    return Console(**options)


out = _console("auto", stderr=False)
err = _console("auto", stderr=True)


def configure(color: str = "auto") -> None:
    global out, err
    out = _console(color, stderr=False)
    err = _console(color, stderr=True)


def status(text: str, status_name: str | None = None) -> Text:
    """``text`` in the colour of a status (pass, fail, error, timeout, not run)."""
    return Text(text, style=STATUS_STYLE.get(status_name or text, ""))


def line(*parts: str | tuple[str, str] | Text) -> Text:
    """One line from plain strings and (text, style) pairs."""
    return Text.assemble(*parts)


def interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def confirm(question: str, *, yes: bool) -> bool:
    """Ask a y/N question on the terminal; ``yes`` (from ``--yes``) answers it.
    Without a terminal to ask on, the answer is no, and the message says how to say yes."""
    if yes:
        return True
    if not interactive():
        err.print(f"{question} Not asked: no terminal to answer on. Pass --yes to go ahead.")
        return False
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")
