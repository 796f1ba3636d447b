"""``grader watch``: rerun a challenge's specs on every save, move on when it passes.

Three threads feed one queue: a file watcher (watchfiles) on ``exercises/``,
a key reader on the terminal (single keys in cbreak mode; whole lines when
``--manual`` or when stdin is not a terminal), and the main loop, which
grades and prints. Grading happens in the main thread, so saves made while a
run is going on are coalesced into one rerun after it.
"""

from __future__ import annotations

import contextlib
import os
import queue
import re
import sys
import threading
from pathlib import Path

from grader import reference, report, state, ui
from grader.grading import grade
from grader.runner import WarmChild

HELP = "rerun a challenge's specs on every save; move to the next one when it passes"
EXAMPLE = """examples:
  grader watch                          start at the first challenge not done yet
  grader watch models.orm               start at this challenge
  grader watch --manual                 rerun on Enter (for file systems that send no events)

keys: h next hint · n next challenge · p previous · r rerun · q quit
(in --manual mode, or when stdin is not a terminal, type the key and Enter; Enter alone reruns)"""

KEYS = "h hint · n next · p previous · r rerun · q quit"
MANUAL_KEYS = "Enter rerun · h, n, p, q then Enter: hint, next, previous, quit"
# Editors' temporary files, on top of watchfiles' defaults (swap files, backups, .#locks).
IGNORED = (r"^4913$", r"\.sqlite3(-journal)?$", r"\.tmp$", r"^#.*#$", r"\.kate-swp$")


def add_arguments(parser) -> None:
    parser.add_argument("challenge", nargs="?", metavar="CHALLENGE",
                        help="where to start (default: the first challenge not done yet)")
    parser.add_argument("--manual", action="store_true",
                        help="rerun when you press Enter instead of on file events")
    parser.add_argument("--timeout", type=float, metavar="S", help="seconds per spec (default: the topic's)")


def _file_events(root: Path, events: queue.Queue, stop: threading.Event) -> None:
    import watchfiles

    class Filter(watchfiles.DefaultFilter):
        ignore_entity_patterns = watchfiles.DefaultFilter.ignore_entity_patterns + IGNORED

    try:
        for changes in watchfiles.watch(root, watch_filter=Filter(), debounce=1000, step=30,
                                        stop_event=stop, rust_timeout=500, raise_interrupt=False):
            events.put(("change", {Path(p) for _, p in changes}))
    except Exception as exc:  # a watcher that cannot start: say so, the keys still work
        events.put(("watch_error", str(exc)))


def _key_events(events: queue.Queue, single_keys: bool) -> None:
    fd = sys.stdin.fileno()
    if single_keys:
        while True:
            data = os.read(fd, 1)
            if not data:
                return
            key = data.decode("utf-8", "replace")
            events.put(("key", key if key in "\r\n" else key.lower()))
    for raw in sys.stdin:
        events.put(("key", raw.strip().lower()[:1] or "r"))
    events.put(("eof", None))


@contextlib.contextmanager
def _cbreak(active: bool):
    """Single keypresses without Enter, restoring the terminal whatever happens."""
    if not active:
        yield
        return
    import termios
    import tty

    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


class Watch:
    def __init__(self, course, challenge, *, manual: bool, timeout: float | None):
        self.course = course
        self.challenges = course.challenges
        self.index = self.challenges.index(challenge)
        self.manual = manual
        self.timeout = timeout
        self.events: queue.Queue = queue.Queue()
        self.warm: WarmChild | None = None  # the next run's child, started while the learner edits

    @property
    def current(self):
        return self.challenges[self.index]

    def next_unsolved(self):
        progress = state.load(self.course)
        n = len(self.challenges)
        for step in range(1, n):
            candidate = self.challenges[(self.index + step) % n]
            if state.status_of(progress, candidate.id) != "pass":
                return candidate
        return None

    def show_header(self, clear: bool = True) -> None:
        c = self.current
        if clear and ui.out.is_terminal:
            ui.out.clear()
        elif not clear:
            ui.out.print()
        ui.out.print(ui.line((f"{c.number} {c.id} — {c.title} {c.stars}", "bold")))
        ui.out.print(f"Instructions: exercises/{c.topic.name}/README.md, section {c.position}; "
                     f"files: {', '.join(reference.names(self.course, c))}")

    def check(self) -> str:
        """Run the current challenge's specs and print the verdict; return its status."""
        c = self.current
        ui.out.print(ui.line(("running the specs…", "dim")))
        doc = grade(self.course, [c.topic], "exercises", jobs=1, timeout=self.timeout, only=[c], warm=self.warm)
        self.rewarm()
        result = doc["topics"][0]["challenges"][0]
        status = result["status"]
        counts = f"{result['specs_passed']} of {result['specs_total']} specs pass"
        if status == "pass":
            ui.out.print(ui.line(("✓ ", "green"), (f"{c.number} {c.id} passes", "bold green"), f": {counts}."))
            return status
        failing = [s for s in result["specs"] if s["status"] != "pass"]
        if failing and status != "error":
            counts += f" · {len(failing)} failing"
        ui.out.print(ui.line((f"✗ {c.number} {c.id}: {status}", ui.STATUS_STYLE[status]), f" · {counts}"))
        if status == "error" or not failing:  # the challenge could not load: one reason for all
            ui.out.print(_indent(result["message"]))
        else:  # every failing spec in one line, the first one in full
            for n, spec in enumerate(failing):
                task = f" (task {spec['task']})" if spec["task"] is not None else ""
                message = spec["message"] or spec["status"]
                line = ui.line("  ", report.mark(spec["status"]), (f" {spec['name']}{task}", "bold" if n == 0 else ""))
                if n:
                    line.append(f": {report.first_line(message)}")
                ui.out.print(line)
                if n == 0:
                    ui.out.print(_indent(message, "      "))
        self.prompt()
        return status

    def rewarm(self) -> None:
        if self.warm:
            self.warm.close()
        self.warm = WarmChild(self.course.exercises / self.current.topic.name)

    def prompt(self) -> None:
        ui.out.print(ui.line(("watching for saves · " if not self.manual else "", "dim"),
                             (MANUAL_KEYS if self.manual else KEYS, "dim")))

    def move(self, index: int) -> None:
        """``n``/``p``: show that challenge's verdict; a passing one stays on screen."""
        self.index = index % len(self.challenges)
        self.show_header()
        if self.check() == "pass":
            self.prompt()

    def settle(self, status: str) -> None:
        """After a pass, move on to the next unsolved challenge, saying which."""
        while status == "pass":
            nxt = self.next_unsolved()
            if nxt is None:
                ui.out.print(ui.line(("Every challenge passes. Well done!", "bold green"),
                                     f" `{ui.command(self.course, 'grade')}` shows the tally."))
                raise _AllDone
            ui.out.print(ui.line(("Next: ", "bold"), f"{nxt.number} {nxt.id} — {nxt.title}"))
            self.index = self.challenges.index(nxt)
            self.show_header(clear=False)  # keep the "passes" line on screen
            status = self.check()

    def hint(self) -> None:
        c = self.current
        if not c.hints:
            ui.out.print("This challenge has no hints.")
            return
        shown = state.reveal_hint(self.course, c.id, len(c.hints))
        ui.out.print(ui.line((f"Hint {shown} of {len(c.hints)}: ", "bold cyan"), c.hints[shown - 1]))

    def relevant(self, paths: set[Path]) -> bool:
        folder = (self.course.exercises / self.current.topic.name).resolve()
        return any(folder in p.resolve().parents for p in paths)

    def drain_changes(self) -> None:
        """Saves already queued are covered by the run about to start."""
        kept = []
        while True:
            try:
                event = self.events.get_nowait()
            except queue.Empty:
                break
            if event[0] != "change":
                kept.append(event)
        for event in kept:
            self.events.put(event)

    def loop(self) -> int:
        single_keys = ui.interactive() and not self.manual
        stop = threading.Event()
        if not self.manual:
            threading.Thread(target=_file_events, args=(self.course.exercises, self.events, stop),
                             daemon=True).start()
        if sys.stdin is not None and (self.manual or single_keys or not sys.stdin.isatty()):
            threading.Thread(target=_key_events, args=(self.events, single_keys), daemon=True).start()
        try:
            with _cbreak(single_keys):
                self.show_header()
                self.settle(self.check())
                while True:
                    try:
                        kind, value = self.events.get(timeout=0.5)
                    except queue.Empty:
                        continue
                    if kind == "change" and self.relevant(value):
                        self.drain_changes()
                        self.show_header()
                        self.settle(self.check())
                    elif kind == "watch_error":
                        ui.err.print(f"grader: cannot watch for saves ({value}); "
                                     f"use `{ui.command(self.course, 'watch', '--manual')}`.")
                    elif kind == "eof" and self.manual:
                        break
                    elif kind == "key":
                        if value == "q":
                            break
                        if value == "h":
                            self.hint()
                        elif value in ("r", "\n", "\r"):  # Enter reruns too
                            self.show_header()
                            self.settle(self.check())
                        elif value in ("n", "p"):
                            self.move(self.index + (1 if value == "n" else -1))
        except _AllDone:
            return 0
        finally:
            stop.set()
            if self.warm:
                self.warm.close()
        ui.out.print("Stopped watching.")
        return 0


class _AllDone(Exception):
    pass


def _indent(text: str, prefix: str = "    ") -> str:
    return re.sub(r"(?m)^", prefix, text.rstrip())


def first_unsolved(course):
    progress = state.load(course)
    return next((c for c in course.challenges if state.status_of(progress, c.id) != "pass"),
                course.challenges[0])


def run(course, args) -> int:
    challenge = course.challenge(args.challenge) if args.challenge else first_unsolved(course)
    try:
        return Watch(course, challenge, manual=args.manual, timeout=args.timeout).loop()
    except KeyboardInterrupt:
        ui.out.print("\nStopped watching.")
        return 0
