"""Watches the content folder; validates a changed show off the UI thread and hands it over."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.content import LoadedShow, load_show
from kiosk.content.stamp import Stamp, arriving, folder_stamp

if TYPE_CHECKING:
    from kiosk.content.signing import Keys
    from kiosk.content.store import ShowStore

log = logging.getLogger(__name__)

POLL_MS = 2000  # how often the folder is looked at; two equal looks: copying has finished
# A sync tool's temporary file that has not changed for this long belongs to a transfer that
# stopped (Syncthing keeps those for a day): the folder is checked without it, and staff told.
STALLED_ARRIVAL_S = 600.0


class ContentWatcher(QObject):
    """Emits a new show once its files have settled and it validates; reports otherwise.

    Nothing here touches the file system on the GUI thread: every look at the folder (a walk
    that stats up to 5,000 files) runs on a worker thread, one at a time, and its result comes
    back as a signal. A folder whose listing hangs (a slow stick, a dead network mount) holds up
    only that worker: the show animates on, later looks wait their turn, and the log says once
    that the folder does not answer.
    """

    show_ready = Signal(object)  # LoadedShow, valid
    show_rejected = Signal(object)  # LoadedShow, with errors
    folder_missing = Signal()
    arrival_stalled = Signal()  # a sync tool's temporary file stopped changing
    _scanned = Signal(object)  # Stamp, from the scanning thread
    _validated = Signal(object, object)  # stamp, LoadedShow: from the checking thread

    def __init__(
        self,
        folder: Path,
        loaded: Stamp,
        parent: QObject | None = None,
        trusted_keys: Keys = (),
        store: ShowStore | None = None,
    ):
        """loaded: the folder's stamp when the show on screen was read from it."""
        super().__init__(parent)
        self.folder = folder
        self.store = store  # where a new show is read to; else a folder of this process's
        self.trusted_keys = trusted_keys  # a change plays only when signed by one
        self._stamp = loaded  # what the last look saw
        self._checked = loaded  # what was last validated
        self._missing_reported = False
        self._scanning = False
        self._slow_reported = False
        self._busy = False
        self._arriving_since: float | None = None  # when the unchanged arrival was first seen
        self._stall_reported = False
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._look)
        self._scanned.connect(self._on_scanned)
        self._validated.connect(self._on_validated)

    def start(self) -> None:
        self._look()
        self._poll.start()

    def stop(self) -> None:
        self._poll.stop()

    def _look(self) -> None:
        if self._scanning:
            if not self._slow_reported:
                self._slow_reported = True
                log.warning("content folder %s does not answer; still waiting", self.folder)
            return
        self._scanning = True
        threading.Thread(target=self._scan, name="content-scan", daemon=True).start()

    def _scan(self) -> None:
        try:
            stamp = folder_stamp(self.folder)
        except Exception:  # a bug in a look must not stop the watching
            log.exception("looking at %s failed", self.folder)
            stamp = None
        with contextlib.suppress(RuntimeError):  # the watcher was dropped meanwhile (a switch)
            self._scanned.emit(stamp)

    def _on_scanned(self, stamp: Stamp) -> None:
        """Two looks in a row that agree mean the organiser has finished copying."""
        self._scanning = False
        self._slow_reported = False
        if stamp != self._stamp:
            self._stamp = stamp  # still changing: wait for the next look
            self._arriving_since = None
            self._stall_reported = False
            return
        if arriving(stamp) and not self._stalled():
            return
        if stamp is None:
            if not self._missing_reported:
                self._missing_reported = True
                log.warning("content folder %s is gone; playing on from memory", self.folder)
                self.folder_missing.emit()
            return
        self._missing_reported = False
        if stamp == self._checked or self._busy:
            return
        self._busy = True
        worker = threading.Thread(
            target=self._validate, args=(stamp,), name="content-check", daemon=True
        )
        worker.start()

    @property
    def stalled(self) -> bool:
        """A sync tool's temporary file has stood unchanged too long (and still stands)."""
        return self._stall_reported

    def _stalled(self) -> bool:
        """True once a sync tool's temporary file has stood unchanged for STALLED_ARRIVAL_S."""
        now = time.monotonic()
        if self._arriving_since is None:
            self._arriving_since = now
            return False
        if now - self._arriving_since < STALLED_ARRIVAL_S:
            return False
        if not self._stall_reported:
            self._stall_reported = True
            log.warning(
                "a sync tool's temporary file in %s has not changed for %d minutes; "
                "checking the folder without it",
                self.folder,
                STALLED_ARRIVAL_S // 60,
            )
            self.arrival_stalled.emit()
        return True

    def _validate(self, stamp: Stamp) -> None:
        try:
            if self.store is not None:
                loaded = self.store.take(self.folder, self.trusted_keys, decode_pictures=True)
            else:
                loaded = load_show(
                    self.folder, decode_pictures=True, trusted_keys=self.trusted_keys
                )
        except Exception:  # a bug in a check must not kill the watcher
            log.exception("checking %s failed", self.folder)
            loaded = None
        with contextlib.suppress(RuntimeError):  # the watcher was dropped meanwhile (a switch)
            self._validated.emit(stamp, loaded)

    def _on_validated(self, stamp: Stamp, loaded: LoadedShow | None) -> None:
        self._busy = False
        self._checked = stamp
        if loaded is None:
            return
        if loaded.report.ok:
            log.info("content changed: %s validates (%s)", self.folder, loaded.report.summary())
            self.show_ready.emit(loaded)
        else:
            log.error(
                "content changed but is invalid; the last good show keeps playing\n%s",
                loaded.report.format_text(),
            )
            self.show_rejected.emit(loaded)
