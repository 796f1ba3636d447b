"""`grader watch` in a subprocess, read line by line: for the tests and the bench."""

from __future__ import annotations

import os
import queue
import re
import subprocess
import sys
import threading
import time

from tests.conftest import KIT

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class Session:
    """`grader watch` in a subprocess, its output read line by line."""

    def __init__(self, root, *args: str, stdin=subprocess.PIPE, stdout=subprocess.PIPE):
        """``root``: the course folder, holding exercises/ and solutions/."""
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("NO_COLOR", None)
        self.proc = subprocess.Popen([sys.executable, "-m", "grader", "--course", str(root), "watch", *args],
                                     stdin=stdin, stdout=stdout, stderr=subprocess.STDOUT, cwd=KIT, env=env)
        self.lines: queue.Queue = queue.Queue()
        self.seen: list[str] = []
        self.matched_at = 0.0  # when the line ``expect`` last returned arrived

    def start_reader(self, stream) -> Session:
        def read():
            buffer = b""
            while True:
                try:
                    chunk = os.read(stream, 4096) if isinstance(stream, int) else stream.read1(4096)
                except OSError:
                    chunk = b""
                if not chunk:
                    break
                buffer += chunk
                *done, buffer = buffer.split(b"\n")
                for line in done:
                    text = ANSI.sub("", line.decode("utf-8", "replace")).replace("\r", "")
                    self.lines.put((time.perf_counter(), text))
            self.lines.put(None)

        threading.Thread(target=read, daemon=True).start()
        return self

    def expect(self, pattern: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=deadline - time.monotonic())
            except queue.Empty:
                break
            if line is None:
                break
            self.matched_at, line = line
            self.seen.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"watch never printed {pattern!r}; it printed:\n" + "\n".join(self.seen))

    def lines_until(self, pattern: str, timeout: float = 30) -> list[str]:
        """The lines printed from now up to and including the first that matches ``pattern``."""
        start = len(self.seen)
        self.expect(pattern, timeout)
        return self.seen[start:]

    def send(self, text: str) -> None:
        self.proc.stdin.write(text.encode())
        self.proc.stdin.flush()

    def close(self) -> int:
        try:
            return self.proc.wait(timeout=20)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            for pipe in (self.proc.stdin, self.proc.stdout):
                if pipe:
                    pipe.close()
