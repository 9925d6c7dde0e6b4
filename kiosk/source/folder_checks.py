"""Content folders staff can switch to: found and checked on a worker thread, reported by signal.

A slow USB stick or a hung mount must never freeze the show, so both the search under the
mount points and each folder's check run off the UI thread. Every round has a number; results
of an older round (staff opened the list again, or switched meanwhile) are dropped.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.content import LoadedShow, load_show
from kiosk.content.folders import find_content_folders
from kiosk.content.signing import Keys
from kiosk.content.store import ShowStore

log = logging.getLogger(__name__)


class FolderChecks(QObject):
    """Finds the folders holding a show and checks each; one round at a time counts."""

    found = Signal(list)  # the folders, the current one first
    checked = Signal(object, object)  # (Path, LoadedShow)
    failed = Signal(str)  # the search or a check broke: what to tell staff
    _found = Signal(int, list)
    _checked = Signal(int, object, object)
    _failed = Signal(int, str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.round = 0
        self.results: dict[Path, LoadedShow] = {}
        self._found.connect(self._on_found)
        self._checked.connect(self._on_checked)
        self._failed.connect(self._on_failed)

    def start(
        self,
        roots: tuple[Path, ...],
        current: Path,
        trusted_keys: Keys = (),
        store: ShowStore | None = None,
    ) -> None:
        """A new round: earlier rounds' results no longer arrive.

        With a store, each folder is read into a copy there, so that the show staff switch to
        is exactly the one checked; copies not chosen go at the next prune."""
        self.round += 1
        self.results = {}
        number = self.round

        def work() -> None:
            try:
                folders = find_content_folders(roots, current)
                self._found.emit(number, folders)
                for path in folders:
                    if number != self.round:
                        return  # a newer round has started: this one's work is wasted
                    if store is not None:
                        loaded = store.take(path, trusted_keys, decode_pictures=True)
                    else:
                        loaded = load_show(path, decode_pictures=True, trusted_keys=trusted_keys)
                    self._checked.emit(number, path, loaded)
            except Exception as error:  # a bug in a check must not leave staff waiting
                log.exception("checking content folders failed")
                self._failed.emit(number, f"checking folders failed: {error}")

        threading.Thread(target=work, name="folder-checks", daemon=True).start()

    def cancel(self) -> None:
        """Whatever is still under way is of no interest any more."""
        self.round += 1

    def _on_found(self, number: int, folders: list[Path]) -> None:
        if number == self.round:
            self.found.emit(folders)

    def _on_checked(self, number: int, path: Path, loaded: LoadedShow) -> None:
        if number == self.round:
            self.results[path] = loaded
            self.checked.emit(path, loaded)

    def _on_failed(self, number: int, message: str) -> None:
        if number == self.round:
            self.failed.emit(message)
