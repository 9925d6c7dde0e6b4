"""Logging: a rotating file in the platform's log folder, and stderr for whoever watches."""

from __future__ import annotations

import atexit
import collections
import logging
import logging.handlers
import os
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from kiosk.i18n.said import LoggedLine
from kiosk.paths import APP_NAME

LOG_FILE_BYTES = 2_000_000
LOG_FILE_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
REPEAT_S = 60.0  # the same record is written at most once in this time


def log_dir() -> Path:
    override = os.environ.get("KIOSK_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, False))


def first_line(record: logging.LogRecord) -> str:
    """The record's message in one line; an empty message names its exception or its place."""
    lines = record.getMessage().strip().splitlines()
    if lines:
        return lines[0]
    if record.exc_info and record.exc_info[0] is not None:
        return record.exc_info[0].__name__
    return f"(no message) at {record.module}:{record.lineno}"


class RecentErrors(logging.Handler):
    """Keeps the last errors for the staff status screen, to be said in the staff's language
    (the log file keeps them in English)."""

    def __init__(self, size: int = 10):
        super().__init__(logging.ERROR)
        self.records: collections.deque[LoggedLine] = collections.deque(maxlen=size)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.records.append(LoggedLine.of(record, first_line(record)))
        except Exception:
            self.handleError(record)

    def lines(self, language: str = "en") -> list[str]:
        """Each kept error in one line with its time, in `language` (English where the
        catalogs have no words for it)."""
        return [
            f"{time.strftime('%H:%M', time.localtime(line.created))} {line.in_language(language)}"
            for line in self.records
        ]


# `log.info(..., extra={ALWAYS: True})`: a record the repeat limit never holds back.
ALWAYS = "never_held_back"


class RepeatLimit(logging.Filter):
    """Lets the same record through at most once a minute, and says how often it came.

    "The same" is the same place in the code with the same message (its values filled in),
    or for an exception the same type raised at the same line: an error repeating in the
    paint path would otherwise write sixty tracebacks a second and rotate the first, useful
    one out of the log. The first
    occurrence always passes; the next one after a minute carries the count of those held back,
    and `report_held_back` logs the counts still open when the kiosk stops.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        super().__init__()
        self.clock = clock
        self._last: dict[tuple[object, ...], float] = {}  # when each kind last passed
        self._held: dict[tuple[object, ...], tuple[int, str]] = {}  # count, message

    @staticmethod
    def kind(record: logging.LogRecord) -> tuple[object, ...]:
        key: tuple[object, ...] = (record.name, record.levelno, record.pathname, record.lineno)
        if record.exc_info and record.exc_info[0] is not None:
            trace = traceback.extract_tb(record.exc_info[2])
            where = (trace[-1].filename, trace[-1].lineno) if trace else ()
            return (*key, record.exc_info[0].__qualname__, *where)
        return (*key, record.getMessage())

    def filter(self, record: logging.LogRecord) -> bool:
        decided = getattr(record, "repeat_passed", None)
        if decided is not None:  # another handler has asked about this very record
            return bool(decided)
        if getattr(record, ALWAYS, False):
            return True  # a record that must never be held back (which show now plays)
        kind = self.kind(record)
        now = self.clock()
        last = self._last.get(kind)
        passed = last is None or now - last >= REPEAT_S
        if passed:
            self._last[kind] = now
            held, _ = self._held.pop(kind, (0, ""))
            if held and last is not None:
                record.msg = f"{record.msg} [{held} more like this in the last {now - last:.0f} s]"
        else:
            count, _ = self._held.get(kind, (0, ""))
            self._held[kind] = (count + 1, first_line(record))
        record.repeat_passed = passed
        return passed

    def report_held_back(self) -> None:
        """Logs how many records of each kind were held back since they last passed."""
        held, self._held = self._held, {}
        for count, message in held.values():
            logging.getLogger(__name__).warning(
                "%d more like this were not logged: %s", count, message
            )


RECENT_ERRORS = RecentErrors()
REPEAT_LIMIT = RepeatLimit()


class _NotFileOnly(logging.Filter):
    """Keeps records meant for the file alone (e.g. a report already printed) off stderr."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(record, "file_only", False)


@dataclass
class _Setup:
    done: bool = False
    file: Path | None = None


_setup = _Setup()


def configure_logging(level: int = logging.INFO, to_file: bool = True) -> Path | None:
    """Sets up both outputs once; returns the log file, or None if it could not be opened."""
    root = logging.getLogger()
    root.setLevel(level)
    if _setup.done:
        return _setup.file
    RECENT_ERRORS.addFilter(REPEAT_LIMIT)
    root.addHandler(RECENT_ERRORS)
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setFormatter(logging.Formatter(FORMAT))
    stderr.addFilter(REPEAT_LIMIT)
    stderr.addFilter(_NotFileOnly())
    root.addHandler(stderr)
    atexit.register(REPEAT_LIMIT.report_held_back)
    path: Path | None = None
    if to_file:
        try:
            folder = log_dir()
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "kiosk.log"
            handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILE_COUNT, encoding="utf-8"
            )
            handler.setFormatter(logging.Formatter(FORMAT))
            handler.addFilter(REPEAT_LIMIT)
            root.addHandler(handler)
        except OSError as error:
            # A read-only or full disk must not stop the show; stderr still has everything.
            logging.getLogger(__name__).warning("cannot write a log file: %s", error)
            path = None
    _setup.done, _setup.file = True, path
    return path
