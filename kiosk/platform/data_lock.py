"""One kiosk per data folder: the counts, the kept shows and staff's choices have one writer.

A second kiosk process on the same folder (a `--windowed` preview beside the autostarted kiosk)
would fold the other's count journal and lose about half the counts. The running kiosk holds an
exclusive lock on `kiosk.lock` in the data folder; the operating system drops it when the
process ends, however it ends, so a crash leaves no stale lock behind.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

LOCK_FILE = "kiosk.lock"


class DataLock:
    """The data folder's lock; `acquire` says whether this process now holds it."""

    def __init__(self, folder: Path):
        self.path = folder / LOCK_FILE
        self._descriptor: int | None = None

    def acquire(self) -> bool:
        """Takes the lock without waiting; False when another process holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(descriptor)
        except OSError:
            os.close(descriptor)
            return False
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"{os.getpid()}\n".encode())
        self._descriptor = descriptor
        return True

    def holder(self) -> str:
        """The process id written by the kiosk holding the lock, or '?'."""
        try:
            return self.path.read_text(encoding="ascii").strip() or "?"
        except (OSError, UnicodeDecodeError):
            return "?"

    def release(self) -> None:
        if self._descriptor is not None:
            with contextlib.suppress(OSError):
                os.close(self._descriptor)
            self._descriptor = None


def _lock(descriptor: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
