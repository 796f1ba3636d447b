"""Keep one broken challenge from taking its topic down with it.

A topic is one Django project, loaded once per process. Left alone, a
SyntaxError in one challenge's ``admin.py`` stops ``django.setup()`` and every
spec of the topic errors. While the child process loads the project, the
:class:`Guard` import hook watches the modules that belong to challenges: a
module whose code raises is recorded as that challenge's load error and
replaced by a *stub* whose every public name is a :class:`Placeholder`, so the
rest of the project still loads and the other challenges are graded.

Once loading is over the guard only records: a challenge module that fails to
import inside a spec raises as usual, and its SyntaxError or ImportError is
also reported as the challenge's load error.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


class SpecTimeout(BaseException):
    """Raised by the alarm in the code that ran too long.

    A BaseException, so that ``except Exception`` in learner code does not
    swallow it."""


class ChallengeNotLoaded(Exception):
    """Raised when code calls into a challenge module that could not be loaded."""


@dataclass
class Failure:
    file: str | None  # relative to the topic, where the error points
    line: int | None
    kind: str
    text: str

    def describe(self) -> str:
        where = f" in {self.file}:{self.line}" if self.file else ""
        return f"{self.kind}{where}: {self.text}" if self.text else f"{self.kind}{where}"

    def reason(self, rel: str) -> str:
        """Why the challenge module ``rel`` is a stub."""
        return f"{rel} could not be loaded: {self.describe()}"


def relative(path: str | os.PathLike[str] | None, root: Path) -> str | None:
    if not path or str(path).startswith("<"):
        return None
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def describe_exception(exc: BaseException, root: Path) -> Failure:
    """Where an exception points inside the topic: a SyntaxError's own
    file and line, else the deepest traceback frame in the topic's code."""
    kind = type(exc).__name__
    if isinstance(exc, SyntaxError) and exc.filename:
        return Failure(relative(exc.filename, root) or exc.filename, exc.lineno, kind, exc.msg or "")
    file = line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        rel = relative(frame.f_code.co_filename, root)
        if rel and not rel.startswith("specs/"):
            file, line = rel, lineno
    text = str(exc)
    if isinstance(exc, SystemExit):
        text = f"the code called sys.exit({exc.code!r})"
    return Failure(file, line, kind, text.splitlines()[0] if text else "")


@contextmanager
def alarm(seconds: float | None) -> Iterator[None]:
    """Raise SpecTimeout in the main thread after ``seconds``, and again every
    half second after that (a bare ``except:`` in a loop does not stop it)."""
    timer = SpecAlarm(seconds)
    with timer.armed(), timer.phase():
        yield


class SpecAlarm:
    """The timer of one spec, armed for the whole spec and raising only inside it.

    Armed for the spec's setup, call and teardown together, it raises
    SpecTimeout in whatever runs when the time is up, and again every half
    second after that (a bare ``except:`` in a loop does not stop it). It never
    raises *between* those phases, while pytest builds a report: an exception
    there would end pytest with an internal error before the timeout was
    recorded. A signal that arrives there is held and raised as the next phase
    starts. ``fired`` tells whether the time ran out at all, even if the code
    under test swallowed every SpecTimeout and went on to finish."""

    REPEAT = 0.5

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.fired = False
        self._inside = False
        self._held = False

    def usable(self) -> bool:
        return bool(self.seconds) and hasattr(signal, "setitimer") and (
            threading.current_thread() is threading.main_thread())

    def _timeout(self) -> SpecTimeout:
        return SpecTimeout(f"still running after {self.seconds:g} s")

    def _on_signal(self, signum, frame) -> None:
        self.fired = True
        if not self._inside:
            self._held = True
            return
        self._held = False
        raise self._timeout()

    @contextmanager
    def armed(self) -> Iterator[None]:
        self.fired = self._inside = self._held = False
        if not self.usable():
            yield
            return
        previous = signal.signal(signal.SIGALRM, self._on_signal)
        signal.setitimer(signal.ITIMER_REAL, self.seconds, self.REPEAT)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            self._inside = False

    @contextmanager
    def phase(self) -> Iterator[None]:
        """Where the alarm may raise: a phase of the spec (its setup, call or teardown)."""
        self._inside = True
        try:
            if self._held:
                self._held = False
                raise self._timeout()
            yield
        finally:
            self._inside = False


class Placeholder:
    """Stands in for a name from a module that could not be loaded.

    Looking up attributes works (``Broken.as_view()`` in a URLconf still
    returns a view), so the project loads; calling the view, command or
    function itself raises ChallengeNotLoaded with the reason."""

    def __init__(self, name: str, reason: str, *, method: bool = False):
        self._name = name
        self._reason = reason
        self._method = method
        # Django names a view by these when it resolves URLs (URLPattern.lookup_str).
        self.__module__, _, self.__qualname__ = name.rpartition(".")
        self.__name__ = self.__qualname__

    def __getattr__(self, name: str) -> Placeholder:
        if name.startswith("__") or name in _PROBED:
            raise AttributeError(name)
        return Placeholder(f"{self._name}.{name}", self._reason, method=True)

    def __call__(self, *args, **kwargs):
        if self._method:
            return Placeholder(f"{self._name}()", self._reason)
        raise ChallengeNotLoaded(f"{self._name} is unavailable: {self._reason}")

    def __repr__(self) -> str:
        return f"<not loaded: {self._name}>"


# Attributes Django probes a view for; present, they would send it down the wrong path
# (a view_class that is a placeholder breaks every reverse() in the project).
_PROBED = {"view_class", "view_initkwargs"}
# Names Django looks up with a default; a placeholder would be taken as a value.
_NOT_PLACEHOLDERS = {"app_name", "default_app_config", "handler400", "handler403", "handler404", "handler500"}


def make_stub(module, reason: str) -> None:
    module.__grader_load_error__ = reason
    module.__dict__.setdefault("urlpatterns", [])

    def __getattr__(name: str):
        if name.startswith("_") or name in _NOT_PLACEHOLDERS:
            raise AttributeError(name)
        return Placeholder(f"{module.__name__}.{name}", reason)

    module.__getattr__ = __getattr__


def is_stub(module) -> bool:
    return hasattr(module, "__dict__") and "__grader_load_error__" in module.__dict__


LoadErrorCallback = Callable[[str, Failure, bool], None]


class Guard(importlib.abc.MetaPathFinder):
    """An import hook for the topic's challenge modules (see the module doc)."""

    def __init__(self, root: Path, guarded: set[str], on_error: LoadErrorCallback,
                 on_import: Callable[[str, bool], None] | None = None,
                 quarantined: set[str] | None = None, import_timeout: float | None = None):
        self.root = root
        self.guarded = guarded
        # Only the topic's own top-level packages are worth a look.
        self.packages = {rel.split("/", 1)[0].removesuffix(".py") for rel in guarded}
        self.on_error = on_error
        self.on_import = on_import or (lambda rel, started: None)
        self.quarantined = dict.fromkeys(quarantined or (), "")
        self.import_timeout = import_timeout
        self.loading = True  # stub failing modules; False once the project is loaded

    def quarantine(self, rel: str, reason: str) -> None:
        self.quarantined[rel] = reason

    def find_spec(self, fullname, path, target=None):
        if fullname.partition(".")[0] not in self.packages:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or not spec.has_location or spec.loader is None:
            return None
        rel = relative(spec.origin, self.root)
        if rel not in self.guarded:
            return None
        spec.loader = _GuardedLoader(spec.loader, rel, self)
        return spec


class _GuardedLoader(importlib.abc.Loader):
    def __init__(self, inner, rel: str, guard: Guard):
        self._inner = inner
        self._rel = rel
        self._guard = guard

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def create_module(self, spec):
        return self._inner.create_module(spec)

    def exec_module(self, module) -> None:
        guard, rel = self._guard, self._rel
        if rel in guard.quarantined:
            make_stub(module, guard.quarantined[rel] or f"{rel} could not be loaded")
            return
        guard.on_import(rel, True)
        try:
            if guard.loading:
                with alarm(guard.import_timeout):
                    self._inner.exec_module(module)
            else:
                self._inner.exec_module(module)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            failure = describe_exception(exc, guard.root)
            if guard.loading:
                guard.on_error(rel, failure, isinstance(exc, SpecTimeout))
                make_stub(module, failure.reason(rel))
                guard.quarantine(rel, failure.reason(rel))
                return
            if isinstance(exc, (SyntaxError, ImportError)):
                guard.on_error(rel, failure, False)
            raise
        finally:
            guard.on_import(rel, False)
