"""No process started by code under test outlives its topic run.

A spec may start processes (a server, ``sleep 600``), also in a session of
their own (``start_new_session=True``) where the runner's ``killpg`` does not
reach them, or double-forked so that their parent is gone. Three nets catch
them, on Linux (elsewhere only the process group is killed):

* every topic child, the grader and the fork server are *child subreapers*:
  an orphan is adopted by the nearest of them instead of by init, so it stays
  in the grader's tree;
* a topic child kills its descendants before it exits, and the runner kills
  a child's descendants before it kills the child;
* every topic run has a token in its environment (``GRADER_RUN_TOKEN``) that
  every program its code starts inherits: after the run, whatever still
  carries it is killed.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from pathlib import Path

TOKEN_VARIABLE = "GRADER_RUN_TOKEN"
# The processes the grader itself started and still uses (topic children it spawned, the fork
# server, a warm child): never strays, whatever else runs beside them.
OURS: set[int] = set()
PR_SET_CHILD_SUBREAPER = 36
PROC = Path("/proc")


def become_subreaper() -> bool:
    """Adopt our descendants' orphans (Linux); False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process we can see."""
    found = {}
    with contextlib.suppress(OSError):
        for entry in os.scandir(PROC):
            if not entry.name.isdigit():
                continue
            try:
                stat = Path(entry.path, "stat").read_bytes()
            except OSError:
                continue
            # "pid (comm) state ppid …": comm may hold spaces and parentheses.
            fields = stat[stat.rfind(b")") + 2:].split()
            if len(fields) > 1:
                found[int(entry.name)] = int(fields[1])
    return found


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for child, parent in _parents().items():
        children.setdefault(parent, []).append(child)
    found, todo = [], list(children.get(pid, ()))
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, ()))
    return found


def _kill(pids: list[int]) -> None:
    me = os.getpid()
    for pid in pids:
        if pid == me:
            continue
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    for pid in pids:  # the ones that are our own children would stay zombies
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, os.WNOHANG)


def kill_descendants(pid: int, spare: set[int] | frozenset[int] = frozenset()) -> int:
    """Kill every descendant of ``pid`` but those in ``spare`` (and their own descendants);
    again while new ones appear (a process that forks as it dies). Returns how many."""
    killed: set[int] = set()
    for _ in range(20):
        spared = set(spare)
        for kept in spare:
            spared.update(descendants(kept))
        found = [p for p in descendants(pid) if p not in spared and p not in killed]
        if not found:
            break
        _kill(found)
        killed.update(found)
    return len(killed)


def marked(token: str) -> list[int]:
    """The processes whose environment carries this run's token."""
    needle = f"{TOKEN_VARIABLE}={token}".encode()
    found = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(PROC):
            if not entry.name.isdigit():
                continue
            try:
                environ = Path(entry.path, "environ").read_bytes()
            except OSError:
                continue
            if needle in environ.split(b"\0"):
                found.append(int(entry.name))
    return found


def kill_strays() -> int:
    """Kill what this process adopted as orphans: descendants it did not start itself
    (a topic's code started them, with the run's token removed, and its parent died)."""
    return kill_descendants(os.getpid(), spare=set(OURS))


def kill_marked(token: str) -> int:
    """Kill every process started by the run with this token, and their descendants."""
    killed = 0
    for _ in range(20):
        found = marked(token)
        if not found:
            break
        for pid in found:
            killed += kill_descendants(pid)
        _kill(found)
        killed += len(found)
    return killed
