"""Logging: a rotating file in the platform's log folder, and stderr for whoever watches."""

from __future__ import annotations

import collections
import logging
import logging.handlers
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "release-now-kiosk"
LOG_FILE_BYTES = 2_000_000
LOG_FILE_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_dir() -> Path:
    override = os.environ.get("KIOSK_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME, False))


class RecentErrors(logging.Handler):
    """Keeps the last errors for the staff status screen."""

    def __init__(self, size: int = 10):
        super().__init__(logging.ERROR)
        self.records: collections.deque[str] = collections.deque(maxlen=size)

    def emit(self, record: logging.LogRecord) -> None:
        stamp = time.strftime("%H:%M", time.localtime(record.created))
        self.records.append(f"{stamp} {record.getMessage().splitlines()[0]}")


RECENT_ERRORS = RecentErrors()


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
    root.addHandler(RECENT_ERRORS)
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setFormatter(logging.Formatter(FORMAT))
    stderr.addFilter(_NotFileOnly())
    root.addHandler(stderr)
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
            root.addHandler(handler)
        except OSError as error:
            # A read-only or full disk must not stop the show; stderr still has everything.
            logging.getLogger(__name__).warning("cannot write a log file: %s", error)
            path = None
    _setup.done, _setup.file = True, path
    return path
