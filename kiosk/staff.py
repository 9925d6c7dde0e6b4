"""Staff mode's rules, without widgets: the PIN with its lockout, and where content folders are."""

from __future__ import annotations

import hmac
import time
from dataclasses import dataclass
from pathlib import Path

from kiosk.content import SHOW_FILE, LoadedShow, load_show
from kiosk.playback import Clock

MAX_ATTEMPTS = 5
LOCKOUT_S = 60.0
HOLD_S = 3.0  # press and hold in the staff corner this long
MAX_FOLDERS = 40


class PinGate:
    """Checks PINs; five wrong ones in a row lock it for a minute."""

    def __init__(self, pin: str | None, clock: Clock = time.monotonic):
        self._pin = pin
        self._clock = clock
        self.failures = 0
        self._locked_until = 0.0

    @property
    def configured(self) -> bool:
        return self._pin is not None

    def locked_for(self) -> int:
        """Whole seconds the pad stays locked; 0 when it is open."""
        left = self._locked_until - self._clock()
        return max(0, int(left + 0.999))

    def attempts_left(self) -> int:
        return MAX_ATTEMPTS - self.failures

    def check(self, entered: str) -> bool:
        if self._pin is None or self.locked_for():
            return False
        # A constant-time comparison: the time taken says nothing about the digits.
        if hmac.compare_digest(entered.encode(), self._pin.encode()):
            self.failures = 0
            return True
        self.failures += 1
        if self.failures >= MAX_ATTEMPTS:
            self.failures = 0
            self._locked_until = self._clock() + LOCKOUT_S
        return False


@dataclass(frozen=True)
class FolderChoice:
    path: Path
    summary: str  # "0 errors, 1 warning"
    ok: bool


def find_content_folders(roots: tuple[Path, ...], current: Path) -> list[Path]:
    """Folders holding a show.yaml: the current one, then any up to three levels under the roots."""
    found: list[Path] = [current]
    for root in roots:
        if not root.is_dir():
            continue
        level = [root]
        for _ in range(3):
            deeper: list[Path] = []
            for folder in level:
                try:
                    children = sorted(p for p in folder.iterdir() if p.is_dir())
                except OSError:
                    continue
                for child in children:
                    if (child / SHOW_FILE).is_file() and child.resolve() != current.resolve():
                        found.append(child)
                    deeper.append(child)
            level = deeper[:500]
            if len(found) >= MAX_FOLDERS:
                return found
    return found


def check_folder(path: Path) -> tuple[FolderChoice, LoadedShow]:
    loaded = load_show(path)
    return FolderChoice(path, loaded.report.summary(), loaded.report.ok), loaded
