"""Watches the content folder; validates a changed show off the UI thread and hands it over."""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.content import LoadedShow, load_show

log = logging.getLogger(__name__)

SETTLE_MS = 1500  # no change for this long: the organiser has finished copying
POLL_MS = 2000  # notifications miss some changes (a stick pulled and put back): look anyway
MAX_FILES = 5000

Signature = tuple[tuple[str, int, int], ...] | None


def folder_signature(folder: Path) -> Signature:
    """Every file's name, size and modification time; None when the folder is gone."""
    if not folder.is_dir():
        return None
    entries: list[tuple[str, int, int]] = []
    try:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = os.path.join(root, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                entries.append((os.path.relpath(path, folder), info.st_size, info.st_mtime_ns))
                if len(entries) >= MAX_FILES:
                    return tuple(entries)
    except OSError:
        return None
    return tuple(entries)


class ContentWatcher(QObject):
    """Emits a new show once its files have settled and it validates; reports otherwise."""

    show_ready = Signal(object)  # LoadedShow, valid
    show_rejected = Signal(object)  # LoadedShow, with errors
    folder_missing = Signal()
    _validated = Signal(object, object)  # signature, LoadedShow: from the worker thread

    def __init__(self, folder: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.folder = folder
        self._signature = folder_signature(folder)
        self._checked = self._signature
        self._missing_reported = False
        self._busy = False
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_change)
        self._watcher.fileChanged.connect(self._on_change)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._on_settled)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._on_poll)
        self._validated.connect(self._on_validated)
        self._watch_paths()

    def start(self) -> None:
        self._poll.start()

    def stop(self) -> None:
        self._poll.stop()
        self._settle.stop()

    def _watch_paths(self) -> None:
        old = self._watcher.files() + self._watcher.directories()
        if old:
            self._watcher.removePaths(old)
        if not self.folder.is_dir():
            return
        paths = [str(self.folder)]
        for root, dirs, files in os.walk(self.folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            paths += [os.path.join(root, d) for d in dirs]
            paths += [os.path.join(root, f) for f in files if not f.startswith(".")]
            if len(paths) > 500:
                break
        self._watcher.addPaths(paths)

    def _on_change(self, _path: str = "") -> None:
        self._settle.start()  # restarts: writes still going on push the check back

    def _on_poll(self) -> None:
        signature = folder_signature(self.folder)
        if signature != self._signature:
            # Note what was seen, so the next poll only restarts the wait on a further change.
            self._signature = signature
            self._on_change()

    def _on_settled(self) -> None:
        signature = folder_signature(self.folder)
        if signature != self._signature:
            # Still changing since the last look: wait for it to settle.
            self._signature = signature
            self._settle.start()
            return
        if signature is None:
            if not self._missing_reported:
                self._missing_reported = True
                log.warning("content folder %s is gone; playing on from memory", self.folder)
                self.folder_missing.emit()
            return
        self._missing_reported = False
        if signature == self._checked or self._busy:
            return
        self._busy = True
        self._watch_paths()
        worker = threading.Thread(
            target=self._validate, args=(signature,), name="content-check", daemon=True
        )
        worker.start()

    def _validate(self, signature: Signature) -> None:
        try:
            loaded = load_show(self.folder, decode_pictures=True)
        except Exception:  # a bug in a check must not kill the watcher
            log.exception("checking %s failed", self.folder)
            loaded = None
        self._validated.emit(signature, loaded)

    def _on_validated(self, signature: Signature, loaded: LoadedShow | None) -> None:
        self._busy = False
        self._checked = signature
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
        if folder_signature(self.folder) != signature:
            self._on_change()  # it changed again while being checked
