"""Terminal output: colour where it helps, plain text where it would not.

Every command prints through ``ui.out`` (stdout) and ``ui.err`` (stderr),
two rich consoles set up once from ``--color auto|always|never``. ``auto``
colours a terminal only, and honours ``NO_COLOR`` and ``FORCE_COLOR``;
``always`` colours even a pipe (and overrides ``NO_COLOR``); ``never`` never
does. Markup is off: learner messages print exactly as written, brackets
and all, and long lines are never re-wrapped, so logs stay greppable.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

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


def command(course, *words: str) -> str:
    """``grader WORDS`` as the learner can type it, in a fresh shell, at the kit's root.

    Every command the grader prints is built here. ``grader`` alone when the running
    grader's own script is what the shell finds on PATH (an activated venv); else the
    script's path from the kit's root (``.venv/bin/grader``), absolute when it lies
    outside; ``--course`` when the grader would not find this course from its root."""
    return " ".join((*_program(course.root), *words))


def _program(root: Path) -> tuple[str, ...]:
    from grader.course import CourseError, find_root

    scripts = Path(sys.executable).parent
    script = shutil.which("grader", path=str(scripts))
    found = shutil.which("grader")
    if script and found and Path(found).resolve() == Path(script).resolve():
        words = ["grader"]
    elif script:
        words = [_from_root(root, Path(script))]
    else:  # no console script next to this Python: run the package as a module
        words = [_from_root(root, Path(sys.executable)), "-m", "grader"]
    try:
        same = find_root(root).resolve() == root.resolve()
    except CourseError:
        same = False
    if not same:
        words += ["--course", shlex.quote(str(root))]
    return tuple(words)


def _from_root(root: Path, path: Path) -> str:
    """``path`` from the kit's root (``.venv/bin/grader``); absolute outside it. Quoted for a shell."""
    try:
        rel = path.parent.resolve().relative_to(root.resolve()) / path.name
    except ValueError:
        return shlex.quote(str(path))
    return shlex.quote(rel.as_posix())
