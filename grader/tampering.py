"""Evidence that learner code interfered with its grading, for a human to judge.

Learner code runs in the process that runs the specs, so it can reach the test
runner and the grader's result channel. Grading cannot prevent that; it can
show it. Each check here returns lines such as ``count/logic.py:3 imports
_pytest (the test runner)``; grades never change because of them.

* :func:`scan` reads the learner's files (every file of a topic folder that is
  not a spec file) without running them, for code that reaches the runner,
  the grader or the result channel.
* :func:`spec_set` compares the specs a run reported with the kit's record.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterable
from pathlib import Path

from grader.events import clip
from grader.pristine import is_spec_file

# What learner code has no honest reason to reach, and how an instructor would call it.
MODULES = {
    "_pytest": "the test runner",
    "pytest": "the test runner",
    "pluggy": "the test runner's plugin system",
    "grader": "the grader",
}
ARGV = "the grader's command line, which names the result channel"
# The process's open files and command line: the result channel is an open file named in it.
CHANNEL = re.compile(r"/proc/[^/\s'\"]*/(?:fd|cmdline)|/proc/self\b|^/proc(?:/|$)|/dev/fd\b")
CHANNEL_WHY = "the process's open files or command line: the way to the grader's result channel"
SKIP_DIRS = {"__pycache__", ".git", "node_modules"}
COMPILED = (".so", ".pyd")  # extension modules Python imports but the scan cannot read
# "pytest.ini" names a file, not a module.
FILE_SUFFIXES = {"py", "pyc", "ini", "toml", "cfg", "txt", "json", "md", "rst", "html", "yaml", "yml", "log"}
LIMIT = 20  # lines per topic; the rest is counted


def _module(name: str) -> str | None:
    """The runner or grader module ``name`` belongs to, if any."""
    top = name.split(".", 1)[0]
    return top if top in MODULES else None


class _Finder(ast.NodeVisitor):
    def __init__(self, rel: str):
        self.rel = rel
        self.found: list[str] = []
        self.sys_names: set[str] = set()  # names bound to the sys module in this file
        self.django_cli = False  # execute_from_command_line comes from django.core.management

    def flag(self, node: ast.AST, what: str) -> None:
        line = f"{self.rel}:{getattr(node, 'lineno', 0)} {what}"
        if line not in self.found:
            self.found.append(line)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if _module(alias.name):
                self.flag(node, f"imports {alias.name} ({MODULES[_module(alias.name)]})")
            if alias.name == "sys":
                self.sys_names.add(alias.asname or "sys")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if node.level == 0 and _module(module):
            names = ", ".join(module if a.name == "*" else f"{module}.{a.name}" for a in node.names)
            self.flag(node, f"imports {names} ({MODULES[_module(module)]})")
        if node.level == 0 and module == "sys":
            for alias in node.names:
                if alias.name in ("argv", "orig_argv", "*"):
                    self.flag(node, f"imports sys.{alias.name} ({ARGV})")
        if node.level == 0 and module == "django.core.management":
            self.django_cli = self.django_cli or any(
                a.name == "execute_from_command_line" and not a.asname for a in node.names)
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr in ("argv", "orig_argv") and self._is_sys(node.value):
            self.flag(node, f"reads sys.{node.attr} ({ARGV})")
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name == "execute_from_command_line" and self.django_cli and len(node.args) == 1 \
                and self._is_argv(node.args[0]):
            # manage.py's idiom: Django's command line gets the command line.
            for arg in node.keywords:
                self.visit(arg)
            self.visit(func)
            return
        first = node.args[0] if node.args else None
        if name in ("__import__", "import_module") and isinstance(first, ast.Constant) \
                and isinstance(first.value, str) and _module(first.value):
            self.flag(node, f"imports {first.value} ({MODULES[_module(first.value)]})")
            for child in (func, *node.args[1:], *node.keywords):
                self.visit(child)
            return
        if name == "getattr" and len(node.args) >= 2 and self._is_sys(node.args[0]) \
                and isinstance(node.args[1], ast.Constant) and node.args[1].value in ("argv", "orig_argv"):
            self.flag(node, f"reads sys.{node.args[1].value} ({ARGV})")
        self.generic_visit(node)

    def visit_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            return  # a docstring or a bare string does nothing
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if not isinstance(node.value, str):
            return
        self._string(node, node.value)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        text = "".join(v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else "{}"
                       for v in node.values)
        self._string(node, text)
        for value in node.values:  # the expressions; the text parts were read as one above
            if isinstance(value, ast.FormattedValue):
                self.visit(value)

    def _string(self, node: ast.AST, text: str) -> None:
        if len(text) < 200 and _module(text) and re.fullmatch(r"[\w.]+", text) \
                and text.rsplit(".", 1)[-1] not in FILE_SUFFIXES:
            self.flag(node, f"reaches {text} ({MODULES[_module(text)]}) by its name in a string")
        match = CHANNEL.search(text)
        if match:
            self.flag(node, f"names {match.group(0)!r} ({CHANNEL_WHY})")

    def _is_sys(self, node: ast.AST) -> bool:
        return isinstance(node, ast.Name) and node.id in self.sys_names

    def _is_argv(self, node: ast.AST) -> bool:
        return isinstance(node, ast.Attribute) and node.attr == "argv" and self._is_sys(node.value)


def scan_source(source: bytes | str, rel: str) -> list[str]:
    """The flags of one learner file; none for a file that does not parse (the grade reports it)."""
    try:
        tree = ast.parse(source, filename=rel)
    except (SyntaxError, ValueError):
        return []
    finder = _Finder(rel)
    # Imports first: whether a name is sys, or Django's command line, does not depend on the order.
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            finder.visit(node)
    finder.found.clear()
    finder.visit(tree)
    return finder.found


def _outside(path: str, folder: str) -> bool:
    target = os.path.realpath(path)
    return target != folder and not target.startswith(folder + os.sep)


def scan(folder: Path) -> list[str]:
    """Flags for every learner file of the topic folder, ``path:line what it does`` each.

    Spec files are the kit's business (``specs_modified``); links are never followed:
    one that leaves the folder is flagged, since the scan cannot vouch for its target.
    """
    root = os.path.realpath(folder)
    found: list[str] = []
    for current, dirs, files in os.walk(folder, followlinks=False):
        base = Path(current).relative_to(folder).as_posix()
        prefix = "" if base == "." else base + "/"
        # Not the learner's code: caches, version control, installed libraries.
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS
                         and not os.path.isfile(os.path.join(current, d, "pyvenv.cfg")))
        for name in dirs:
            if os.path.islink(os.path.join(current, name)) and _outside(os.path.join(current, name), root):
                found.append(f"{prefix}{name} is a link to a folder outside the topic (not scanned)")
        for name in sorted(files):
            rel = prefix + name
            path = os.path.join(current, name)
            if is_spec_file(rel):
                continue
            if name.endswith(COMPILED) or name.endswith(".pyc"):
                found.append(f"{rel} is compiled code the scan cannot read")
                continue
            if not name.endswith(".py"):
                continue
            if os.path.islink(path):
                if _outside(path, root):
                    found.append(f"{rel} is a link to a file outside the topic (not scanned)")
                continue  # a link inside the folder: its target is scanned as itself
            try:
                with open(path, "rb") as handle:
                    source = handle.read()
            except OSError:
                continue
            found += scan_source(source, rel)
    return limit(found)


def spec_set(recorded: Iterable[str], reported: Iterable[str]) -> str | None:
    """A line when the specs a run reported differ from the kit's recorded set, else None."""
    differs = difference(recorded, reported)
    return clip(f"specs reported differ from the kit's: {differs}", 600) if differs else None


def difference(expected: Iterable[str], found: Iterable[str]) -> str | None:
    """``missing …; unexpected …`` (three node ids of each at most), or None if the sets are equal."""
    expected, found = set(expected), set(found)
    parts = []
    for what, nodeids in (("missing", expected - found), ("unexpected", found - expected)):
        if nodeids:
            shown = sorted(nodeids)
            more = f" and {len(shown) - 3} more" if len(shown) > 3 else ""
            parts.append(f"{what} {', '.join(shown[:3])}{more}")
    return "; ".join(parts) or None


def limit(lines: list[str]) -> list[str]:
    """At most LIMIT lines, the rest counted on the last."""
    if len(lines) <= LIMIT:
        return lines
    return [*lines[: LIMIT - 1], f"… and {len(lines) - LIMIT + 1} more"]
