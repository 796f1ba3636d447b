"""A fork server: one process that has imported Django and pytest forks a child per topic.

Where ``os.fork`` exists, ``grade`` and ``batch`` start one server; each topic
run is a fork of it, so no run pays for the interpreter and the heavy imports
again. The forked child runs exactly what ``python -m grader.child`` runs, in
its own session (the runner can kill its process group) and with its output
on a pipe the server drains, keeping the tail for the error message.

The server is single-threaded (forking from a threaded process can copy a
held lock): one ``select`` loop over its requests on stdin, the children's
output pipes and a self-pipe woken by SIGCHLD. Protocol, JSON lines:
request ``{"id", "argv", "cwd"}``; replies ``{"id", "pid"}`` when the child
starts and ``{"id", "exit", "tail"}`` when it ends (``exit`` as Popen's
returncode: negative for a signal).
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from grader import child, processes

TAIL = 1500
# How the grader starts a module of its own as a program: like `python -m`, but without the
# working directory first on sys.path (a topic folder's `grader/` would shadow the real one).
BOOT = "import sys; del sys.path[0]; import runpy; runpy.run_module(%r, run_name='__main__', alter_sys=True)"


def available() -> bool:
    return hasattr(os, "fork") and os.environ.get("GRADER_NO_FORK", "") in ("", "0")


# The grader's side ------------------------------------------------------------------


class ForkedProcess:
    """Enough of ``subprocess.Popen`` for the runner: pid, poll, wait, returncode."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        self.tail = ""
        self.ended = threading.Event()

    def poll(self) -> int | None:
        return self.returncode

    def wait(self, timeout: float | None = None) -> int | None:
        if not self.ended.wait(timeout):
            raise subprocess.TimeoutExpired("forked child", timeout)
        return self.returncode


class ForkedOutput:
    def __init__(self, proc: ForkedProcess):
        self.proc = proc

    def text(self) -> str:
        self.proc.ended.wait(1.0)
        return self.proc.tail.strip()


class ForkServer:
    def __init__(self, env: dict[str, str]):
        self.proc = subprocess.Popen([sys.executable, "-c", BOOT % "grader.forkserver"], env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=tempfile.gettempdir())
        processes.OURS.add(self.proc.pid)
        self.lock = threading.Lock()
        self.next_id = 0
        self.started: dict[int, tuple[threading.Event, list[ForkedProcess]]] = {}
        self.running: dict[int, ForkedProcess] = {}
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        try:
            for line in self.proc.stdout:
                try:
                    message = json.loads(line)
                except ValueError:
                    continue
                with self.lock:
                    if "pid" in message:
                        event, box = self.started.pop(message["id"])
                        child = ForkedProcess(message["pid"])
                        self.running[message["id"]] = child
                        box.append(child)
                        event.set()
                    else:
                        child = self.running.pop(message["id"])
                        child.tail = message.get("tail", "")
                        child.returncode = message["exit"]
                        child.ended.set()
        finally:
            self._gone()

    def _gone(self) -> None:
        with self.lock:  # the server died: nothing more will start or end
            for event, _ in self.started.values():
                event.set()
            for child in self.running.values():  # orphans now: stop them, as the server would have reaped
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(child.pid, signal.SIGKILL)
                child.returncode = -signal.SIGKILL
                child.ended.set()

    def spawn(self, argv: list[str], cwd: Path) -> tuple[ForkedProcess, ForkedOutput] | None:
        """Fork a child running ``grader.child`` with ``argv``; None if the server is gone."""
        event, box = threading.Event(), []
        with self.lock:
            self.next_id += 1
            request_id = self.next_id
            self.started[request_id] = (event, box)
            try:
                self.proc.stdin.write((json.dumps({"id": request_id, "argv": argv, "cwd": str(cwd)}) + "\n").encode())
                self.proc.stdin.flush()
            except (OSError, ValueError):
                self.started.pop(request_id, None)
                return None
        if not event.wait(30) or not box:
            return None
        return box[0], ForkedOutput(box[0])

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        with contextlib.suppress(OSError, ValueError):
            self.proc.stdout.close()
        processes.OURS.discard(self.proc.pid)


# The server's side ------------------------------------------------------------------


def _child(argv: list[str], cwd: str, write_fd: int) -> None:
    """In the forked child: become ``python -m grader.child`` in ``cwd``; never return."""
    code = 70
    try:
        os.setsid()
        os.dup2(write_fd, 1)
        os.dup2(write_fd, 2)
        os.close(write_fd)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.set_wakeup_fd(-1)
        os.chdir(cwd)
        sys.argv = ["grader.child", *argv]
        code = child.main(argv)
        processes.kill_descendants(os.getpid())
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - report, then leave without running the server's code
        with contextlib.suppress(BaseException):
            import traceback

            traceback.print_exc()
    os._exit(code)


def serve() -> None:
    # Ctrl-C is the grader's to handle: it stops the children and then closes the server.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    processes.become_subreaper()  # orphans of the children's code stay ours to stop
    child.preload()
    wake_r, wake_w = os.pipe()
    os.set_blocking(wake_w, False)
    signal.set_wakeup_fd(wake_w)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    requests = sys.stdin.buffer
    out = sys.stdout
    pending = b""
    children: dict[int, tuple[int, int, bytearray]] = {}  # pid -> (request id, read fd, tail)
    by_fd: dict[int, int] = {}
    stdin_open = True

    def reply(message: dict) -> None:
        out.write(json.dumps(message) + "\n")
        out.flush()

    def reap() -> None:
        while children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            if pid not in children:  # an orphan of a child's code, adopted, now reaped
                continue
            request_id, fd, tail = children.pop(pid)
            with contextlib.suppress(OSError):
                while chunk := os.read(fd, 65536):
                    tail += chunk
                    del tail[:-TAIL]
            by_fd.pop(fd, None)
            os.close(fd)
            code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
            reply({"id": request_id, "exit": code, "tail": bytes(tail[-TAIL:]).decode("utf-8", "replace")})

    while stdin_open or children:
        watched = [wake_r, *by_fd] + ([requests.fileno()] if stdin_open else [])
        ready, _, _ = select.select(watched, [], [], 1.0)
        for fd in ready:
            if fd == wake_r:
                with contextlib.suppress(OSError):
                    os.read(wake_r, 512)
            elif fd in by_fd:
                pid = by_fd[fd]
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    chunk = b""
                if chunk:
                    tail = children[pid][2]
                    tail += chunk
                    if len(tail) > 4 * TAIL:
                        del tail[:-TAIL]
                else:
                    by_fd.pop(fd, None)
            else:
                data = os.read(fd, 65536)
                if not data:
                    stdin_open = False
                    continue
                pending += data
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    request = json.loads(line)
                    read_fd, write_fd = os.pipe()
                    pid = os.fork()
                    if pid == 0:
                        os.close(read_fd)
                        os.close(wake_r)
                        _child(request["argv"], request["cwd"], write_fd)
                    os.close(write_fd)
                    os.set_blocking(read_fd, False)
                    children[pid] = (request["id"], read_fd, bytearray())
                    by_fd[read_fd] = pid
                    reply({"id": request["id"], "pid": pid})
        reap()
    processes.kill_descendants(os.getpid())  # adopted orphans that are still running


if __name__ == "__main__":
    serve()
