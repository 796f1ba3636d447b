"""``batch --sandbox``: one candidate's grading inside bubblewrap (``bwrap``).

The sandboxed process is the grader itself, ``grade --target COPY --json FILE``,
so the candidate's code and the grader that watches it share the sandbox: the
whole filesystem read-only except the candidate's temporary folder and a
private ``/tmp``, no network, no capabilities (as root, a process with
CAP_SYS_ADMIN could remount ``/`` writable), its own process namespace where
bwrap allows it, and nothing outlives the batch (``--die-with-parent``).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

from grader.course import CourseError

INSTALL = ("batch --sandbox needs bubblewrap (`bwrap`), which is not installed: install it "
           "(Debian/Ubuntu: `sudo apt-get install bubblewrap`; Fedora: `sudo dnf install bubblewrap`; "
           "Arch: `sudo pacman -S bubblewrap`), or grade without --sandbox")


def _options(pid: bool) -> list[str]:
    options = ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp",
               "--unshare-net", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
               "--setenv", "TMPDIR", "/tmp"]
    if Path("/run").is_dir() and not Path("/run").is_symlink():
        options += ["--tmpfs", "/run"]  # the host's sockets (a container engine's, D-Bus) stay out of reach
    return options + (["--unshare-pid"] if pid else [])


@functools.cache
def prefix() -> tuple[str, ...]:
    """bwrap and the options that work here; CourseError, saying why, when none do."""
    bwrap = shutil.which("bwrap")
    if not bwrap:
        raise CourseError(INSTALL)
    first = ""
    for pid in (True, False):
        cmd = [bwrap, *_options(pid)]
        try:
            done = subprocess.run([*cmd, "true"], capture_output=True, text=True, timeout=30, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise CourseError(f"batch --sandbox: bwrap could not run: {exc}") from None
        if done.returncode == 0:
            return tuple(cmd)
        first = first or done.stderr.strip() or f"exit code {done.returncode}"
    raise CourseError(f"batch --sandbox: bwrap is installed but cannot make a sandbox here: {first} "
                      "(in a container, user namespaces may be disabled)")


def command(writable: Path, readable: list[Path], argv: list[str]) -> list[str]:
    """``argv`` run in the sandbox, with ``writable`` its only writable folder; ``readable``
    folders (the kit, the grader, its Python) stay visible even under the private /tmp."""
    options: list[str] = []
    for folder in dict.fromkeys(os.path.realpath(p) for p in readable):
        options += ["--ro-bind", folder, folder]
    folder = os.path.realpath(writable)
    return [*prefix(), *options, "--bind", folder, folder, *argv]
