"""The grader's command line: ``grader <command> …`` or ``python -m grader``."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from pathlib import Path

from grader import __version__, ui
from grader.commands import (
    batch,
    check,
    diff,
    freeze,
    grade,
    hint,
    list_,
    reset,
    solution,
    verify,
    watch,
)
from grader.course import CourseError, find_root, load_course

COMMANDS = {"grade": grade, "check": check, "watch": watch, "hint": hint, "diff": diff,
            "solution": solution, "reset": reset, "list": list_, "batch": batch,
            "verify": verify, "freeze": freeze}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="grader",
        description="Grade the Django interview kit's challenges.",
        epilog="Start with `grader grade`, then `grader check 1.1` on the first challenge.",
    )
    parser.add_argument("--version", action="version", version=f"grader {__version__}")
    parser.add_argument("--course", type=Path, metavar="DIR",
                        help="the kit folder (with exercises/ and solutions/); default: this checkout")
    parser.add_argument("--color", choices=ui.CHOICES, default="auto",
                        help="colour the output: auto (a terminal, unless NO_COLOR is set), always, never")
    # Also accepted after the command (`grader grade --color never`); SUPPRESS keeps the
    # value given before the command when it is not repeated after it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--color", choices=ui.CHOICES, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, module in COMMANDS.items():
        command = sub.add_parser(name, help=module.HELP, description=module.HELP, parents=[common],
                                 epilog=module.EXAMPLE, formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(command)
    return parser


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _stop_signals() -> dict[int, object]:
    """A closed terminal or a `kill` stops a command as Ctrl-C does (children stopped, temporary
    files removed). Returns the handlers it replaced."""
    replaced: dict[int, object] = {}
    if threading.current_thread() is not threading.main_thread():
        return replaced
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            replaced[number] = signal.signal(number, _interrupt)
    return replaced


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ui.configure(args.color)
    replaced = _stop_signals()
    try:
        return _run(args)
    finally:
        for number, handler in replaced.items():
            signal.signal(number, handler)


def _run(args) -> int:
    try:
        course = load_course(args.course.resolve() if args.course else find_root())
        return COMMANDS[args.command].run(course, args)
    except CourseError as exc:
        ui.err.print(f"grader: {exc}")
        return 2
    except BrokenPipeError:  # `grader … | head`: the reader has gone, nothing left to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("grader: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the grader's own bug: one line, no traceback
        if os.environ.get("GRADER_DEBUG"):
            raise
        print(f"grader: internal error: {type(exc).__name__}: {exc} "
              "(set GRADER_DEBUG=1 to see the traceback)", file=sys.stderr)
        return 3
