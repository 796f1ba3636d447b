"""The event stream between a topic's child process and the grader.

The child appends one JSON object per line and flushes each, so a child that
is killed or calls ``os._exit`` still leaves everything it reported so far.
"""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

MESSAGE_LIMIT = 4000
SKIPPED_AFTER_TIMEOUT = "not run: an earlier spec of this challenge timed out"


def clip(text: str, limit: int = MESSAGE_LIMIT) -> str:
    text = text.strip()
    if len(text) <= limit:
        return text
    return text[: limit - 40].rstrip() + f"\n… ({len(text) - limit + 40} more characters cut)"


_write = os.write  # as it was before any code under test could replace it


def _emit(fd: int, event: str, **data: Any) -> None:
    line = json.dumps({"event": event, **data}, default=str) + "\n"
    _write(fd, line.encode("utf-8", "replace"))


class EventWriter:
    def __init__(self, path: str | os.PathLike[str]):
        # Unbuffered, append-only, opened before any learner code runs; ``emit`` is bound
        # now too, so replacing the class's method later does not reach this writer.
        self._fd = os.open(os.fspath(path), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self.emit = functools.partial(_emit, self._fd)

    def emit(self, event: str, **data: Any) -> None:  # replaced per instance in __init__
        _emit(self._fd, event, **data)


class EventReader:
    """Reads the events a child has written so far, a whole line at a time."""

    def __init__(self, path: Path):
        self.path = path
        self._offset = 0
        self._partial = b""

    def read_new(self) -> list[dict[str, Any]]:
        try:
            with open(self.path, "rb") as fh:
                fh.seek(self._offset)
                chunk = fh.read()
        except FileNotFoundError:
            return []
        self._offset += len(chunk)
        data = self._partial + chunk
        *lines, self._partial = data.split(b"\n")
        events = []
        for line in lines:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if isinstance(event, dict):
                events.append(event)
        return events
