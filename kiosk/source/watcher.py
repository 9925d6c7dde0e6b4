"""Watches the content folder; validates a changed show off the UI thread and hands it over."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.content import check_process
from kiosk.content.loaded import LoadedShow
from kiosk.content.stamp import Stamp, arriving, folder_stamp
from kiosk.tasks import Tasks

if TYPE_CHECKING:
    from kiosk.content.signing import Keys
    from kiosk.content.store import ShowStore

log = logging.getLogger(__name__)

POLL_MS = 2000  # how often the folder is looked at; two equal looks: copying has finished
# A sync tool's temporary file that has not changed for this long belongs to a transfer that
# stopped (Syncthing keeps those for a day): the folder is checked without it, and staff told.
STALLED_ARRIVAL_S = 600.0
CHECK_RETRY_S = 30.0  # after a checking process that could not run, the next try


class ContentWatcher(QObject):
    """Emits a new show once its files have settled and it validates; reports otherwise.

    Nothing here touches the file system on the GUI thread: every look at the folder (a walk
    that stats up to 5,000 files) runs on the watcher's worker thread, one at a time, and its
    result comes back on the GUI thread. A folder whose listing hangs (a slow stick, a dead
    network mount) holds up only that worker: the show animates on, later looks wait their
    turn, and the log says once that the folder does not answer.
    """

    show_ready = Signal(object)  # LoadedShow, valid
    show_rejected = Signal(object)  # LoadedShow, with errors
    folder_missing = Signal()
    arrival_stalled = Signal()  # a sync tool's temporary file stopped changing
    arrival_changed = Signal()  # a sync tool began or finished bringing files (`arriving`)

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
        self._slow_reported = False
        self._busy = False
        self._arriving_since: float | None = None  # when the unchanged arrival was first seen
        self.arriving = False  # a sync tool's temporary files are in the folder now
        self._stall_reported = False
        self._retry_at = 0.0  # after a failed checking process, not before this
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._look)
        self.tasks = Tasks("content-watch", self)

    def start(self) -> None:
        self._look()
        self._poll.start()

    def stop(self) -> None:
        """No more looks; one under way is not waited for (its folder may never answer)."""
        self._poll.stop()
        self.tasks.close(wait=False)

    def _look(self) -> None:
        if self._busy:
            return  # a changed show is being checked: the next look follows its result
        folder = self.folder
        looking = self.tasks.run(
            "content-scan", lambda: folder_stamp(folder), self._on_scanned, True
        )
        if not looking and not self._slow_reported and self.tasks.busy("content-scan"):
            self._slow_reported = True
            log.warning("content folder %s does not answer; still waiting", self.folder)

    def _on_scanned(self, stamp: Stamp | Exception) -> None:
        """Two looks in a row that agree mean the organiser has finished copying."""
        if isinstance(stamp, Exception):
            stamp = None  # logged; a bug in a look must not stop the watching
        self._slow_reported = False
        now_arriving = stamp is not None and arriving(stamp)
        if now_arriving != self.arriving:
            self.arriving = now_arriving
            self.arrival_changed.emit()
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
        if stamp == self._checked or self._busy or time.monotonic() < self._retry_at:
            return
        self._busy = True
        self.tasks.run(
            "content-check", self._read, lambda loaded: self._on_validated(stamp, loaded)
        )

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

    def _read(self) -> LoadedShow:
        """On the worker: the changed show, read into a checked copy."""
        if self.store is not None:
            return check_process.take(
                self.store, self.folder, self.trusted_keys, decode_pictures=True
            )
        return check_process.load_show(
            self.folder, decode_pictures=True, trusted_keys=self.trusted_keys
        )

    def _on_validated(self, stamp: Stamp, loaded: LoadedShow | Exception) -> None:
        self._busy = False
        if isinstance(loaded, check_process.CheckFailedError):
            # The checking process could not run or answer (no memory for it, say): this
            # version is checked again after a while, not given up.
            self._retry_at = time.monotonic() + CHECK_RETRY_S
            return
        self._checked = stamp
        if isinstance(loaded, Exception):
            return  # logged; a bug in a check must not stop the watching
        if loaded.report.ok:
            log.info("content changed: %s validates (%s)", self.folder, loaded.report.summary())
            self.show_ready.emit(loaded)
        else:
            # A warning, not an error: an organiser's edit in progress is routine, the show
            # plays on, and staff status names the findings (not among its recent errors).
            log.warning(
                "content changed but is invalid; the last good show keeps playing\n%s",
                loaded.report.format_text(),
            )
            self.show_rejected.emit(loaded)
