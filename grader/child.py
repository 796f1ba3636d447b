"""A topic's child process: load the project with the guard, run its specs.

Run by the grader, never by hand: ``python -m grader.child --topic DIR
--events FILE [--timeout S] [--token T] [--tmp DIR] [--memory-mb N] [--only FILE]
[--quarantine REL …] [SPEC …]``.
"""

from __future__ import annotations

import argparse
import configparser
import json
import os
import sys
import tempfile
from importlib import import_module
from pathlib import Path

from grader import processes
from grader.course import load_topic
from grader.events import EventWriter
from grader.isolation import Failure, Guard, describe_exception, is_stub, make_stub
from grader.sentinel import Sentinel

SETUP_ATTEMPTS = 6


def settings_module(root: Path) -> str:
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(root / "pytest.ini", encoding="utf-8")
    value = ini.get("pytest", "DJANGO_SETTINGS_MODULE", fallback="").strip()
    return value or "config.settings"


def module_name(rel: str) -> str:
    parts = rel[: -len(".py")].split("/")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


class Loader:
    """Loads the topic's Django project, turning challenge faults into events."""

    def __init__(self, root: Path, events: EventWriter, quarantine: list[str], timeout: float):
        self.root = root
        self.events = events
        topic = load_topic(root)
        self.shared = set(topic.shared_files)
        self.guarded = {f for c in topic.challenges for f in c.files if f.endswith(".py")} - self.shared
        self.guard = Guard(root, self.guarded, self._load_error, self._import,
                           quarantined=set(quarantine), import_timeout=timeout)

    def _load_error(self, rel: str, failure: Failure, timed_out: bool) -> None:
        self.events.emit("load_error", file=rel, where=failure.file, line=failure.line,
                         kind=failure.kind, message=failure.describe(), timeout=timed_out)

    def _import(self, rel: str, started: bool) -> None:
        self.events.emit("import_start" if started else "import_end", file=rel)

    def compile_check(self) -> None:
        """A SyntaxError anywhere in a challenge file, found without running it."""
        for rel in sorted(self.guarded | self.shared):
            path = self.root / rel
            if not path.is_file() or not rel.endswith(".py"):
                continue
            try:
                compile(path.read_bytes(), str(path), "exec", dont_inherit=True)
            except (SyntaxError, ValueError) as exc:
                failure = describe_exception(exc, self.root)
                if rel in self.shared:
                    raise
                self._load_error(rel, failure, False)
                self.guard.quarantine(rel, failure.reason(rel))

    def load(self) -> None:
        sys.path.insert(0, str(self.root))
        sys.meta_path.insert(0, self.guard)
        os.environ["DJANGO_SETTINGS_MODULE"] = settings_module(self.root)
        self.compile_check()

        import django
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - imports the settings module
        for attempt in range(SETUP_ATTEMPTS):
            self._drop_broken_app_configs(settings)
            try:
                django.setup()
                break
            except Exception as exc:
                failure = describe_exception(exc, self.root)
                if failure.file not in self.guarded or attempt == SETUP_ATTEMPTS - 1:
                    raise
                self._load_error(failure.file, failure, False)
                self._replace_with_stub(failure.file, failure)
                _reset_app_registry()

        import_module(settings.ROOT_URLCONF)
        settings.MIDDLEWARE = [path for path in settings.MIDDLEWARE if not self._broken(path)]
        self._load_templates(settings)
        self.guard.loading = False

    def _load_templates(self, settings) -> None:
        """Django imports context processors and template tag libraries at the first render,
        after loading: import them now, while a broken one is still stubbed, and drop a
        broken context processor (it would fail every page rendered with a request)."""
        for engine in settings.TEMPLATES:
            options = engine.get("OPTIONS", {})
            if "context_processors" in options:
                options["context_processors"] = [p for p in options["context_processors"] if not self._broken(p)]
        from django.template import engines

        engines.all()  # each DjangoTemplates engine imports every app's templatetags modules

    def _broken(self, dotted: str) -> bool:
        module = sys.modules.get(dotted.rpartition(".")[0]) or import_module(dotted.rpartition(".")[0])
        return is_stub(module)

    def _drop_broken_app_configs(self, settings) -> None:
        """``tags.apps.TagsConfig`` whose module is a stub becomes plain ``tags``."""
        apps = []
        for entry in settings.INSTALLED_APPS:
            package, _, name = entry.rpartition(".")
            rel = package.replace(".", "/") + ".py"
            if rel in self.guarded and name[:1].isupper() and self._broken(entry):
                entry = package.rpartition(".")[0] or package
            apps.append(entry)
        settings.INSTALLED_APPS = apps

    def _replace_with_stub(self, rel: str, failure: Failure) -> None:
        import importlib.util
        import types

        name = module_name(rel)
        reason = failure.reason(rel)
        stub = types.ModuleType(name)
        stub.__file__ = str(self.root / rel)
        stub.__spec__ = importlib.util.spec_from_loader(name, loader=None, origin=stub.__file__)
        make_stub(stub, reason)
        sys.modules[name] = stub
        self.guard.quarantine(rel, reason)


def _reset_app_registry() -> None:
    from django.apps import apps

    apps.app_configs = {}
    apps.apps_ready = apps.models_ready = apps.ready = False
    apps.loading = False
    apps.clear_cache()


def preload() -> None:
    """What every topic run imports before it touches the topic's code or settings (the fork
    server imports it once for all its children)."""
    # Not pytest-django's entry point: pytest rewrites the asserts of a plugin it loads itself,
    # and warns (an error under filterwarnings = error) when the plugin was imported before.
    import django.test  # noqa: F401 - Django's ORM, forms, templates, test client
    import pytest  # noqa: F401
    import pytest_django.plugin  # noqa: F401

    import grader.plugin  # noqa: F401


def wait_warm() -> list[str]:
    """``--warm``: import the heavy modules now, then wait for the real arguments on stdin."""
    preload()

    line = sys.stdin.readline()
    if not line:
        os._exit(0)  # the grader went away without using this child
    return json.loads(line)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["--warm"]:
        argv = wait_warm()
    parser = argparse.ArgumentParser(prog="grader.child")
    parser.add_argument("--topic", required=True, type=Path)
    parser.add_argument("--events", required=True)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--only")
    parser.add_argument("--quarantine", action="append", default=[])
    parser.add_argument("--token", help="marks every process this run starts (see grader.processes)")
    parser.add_argument("--tmp", help="the folder for this run's temporary files")
    parser.add_argument("--memory-mb", type=int, help="the most memory (data segment) this process may use")
    parser.add_argument("specs", nargs="*")
    args = parser.parse_args(argv)

    root = args.topic.resolve()
    events = EventWriter(args.events)
    events.emit("started", pid=os.getpid())
    confine(args)
    preload()  # before the topic folder goes on sys.path: its own `pytest.py` cannot stand in
    sentinel = Sentinel()
    os.chdir(root)
    loader = Loader(root, events, args.quarantine, args.timeout)
    try:
        loader.load()
    except BaseException as exc:  # the project itself does not load
        failure = describe_exception(exc, root)
        events.emit("topic_error", file=failure.file, line=failure.line, kind=failure.kind,
                    message=failure.describe())
        events.emit("finished", exitstatus=-1)
        return 0

    import pytest

    from grader.plugin import Reporter

    only = None
    if args.only:
        only = set(Path(args.only).read_text(encoding="utf-8").split("\n")) - {""}
    os.chdir(root)  # paths below are absolute all the same: loading may have moved elsewhere
    sentinel.check(events.emit, "while the topic loaded")
    reporter = Reporter(events, root, args.timeout, only, memory_mb=args.memory_mb, sentinel=sentinel)
    # --capture=no: what the code prints goes to the grader's pipe, which keeps only its tail,
    # instead of a temporary file per spec that a print loop could grow to gigabytes.
    pytest_args = ["-c", str(root / "pytest.ini"), "--rootdir", str(root), "-p", "no:cacheprovider",
                   "-q", "--color=no", "--capture=no", "--continue-on-collection-errors",
                   *[str(root / spec) for spec in args.specs or ["specs"]]]
    # pytest-django goes in as an object, with the entry-point scan off: pytest would otherwise
    # re-import it to rewrite its asserts (and warn when the fork server imported it first).
    import pytest_django.plugin

    code = pytest.main(["--disable-plugin-autoload", *pytest_args], plugins=[reporter, pytest_django.plugin])
    sentinel.check(events.emit, "while the specs ran")
    events.emit("finished", exitstatus=int(code))
    return 0


def confine(args) -> None:
    """Before any code of the topic runs: what it starts carries the run's token and is
    adopted by this process when orphaned; its temporary files go in the run's folder; its
    memory is capped (a MemoryError past the cap)."""
    processes.become_subreaper()
    if args.token:
        os.environ[processes.TOKEN_VARIABLE] = args.token
    if args.tmp:
        os.environ["TMPDIR"] = args.tmp
        tempfile.tempdir = None  # a forked child inherits the server's cached choice
    if args.memory_mb:
        import resource

        limit = args.memory_mb * 1024 * 1024
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if hard == resource.RLIM_INFINITY or hard > limit:
            resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


if __name__ == "__main__":
    code = main()
    processes.kill_descendants(os.getpid())
    sys.stdout.flush()
    sys.stderr.flush()
    # Skip interpreter shutdown: learner threads or atexit hooks cannot hang the grade.
    os._exit(code)
