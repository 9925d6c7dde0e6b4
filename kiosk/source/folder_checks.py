"""Content folders staff can switch to: found and checked on a worker thread, reported by signal.

A slow USB stick or a hung mount must never freeze the show, so both the search under the
mount points and each folder's check run off the UI thread. Every round has a number; results
of an older round (staff opened the list again, or switched meanwhile) are dropped.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk.content.check_process import load_show, take
from kiosk.content.folders import find_content_folders
from kiosk.content.loaded import LoadedShow
from kiosk.content.signing import Keys
from kiosk.content.store import ShowStore
from kiosk.tasks import Tasks


class FolderChecks(QObject):
    """Finds the folders holding a show and checks each; one round at a time counts."""

    found = Signal(list)  # the folders, the current one first
    checked = Signal(object, object)  # (Path, LoadedShow)
    failed = Signal(str)  # the search or a check broke: what to tell staff

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.round = 0
        self.results: dict[Path, LoadedShow] = {}
        self.tasks = Tasks("folder-checks", self)

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

        def found(folders: list[Path] | Exception) -> None:
            if number != self.round:
                return
            if isinstance(folders, Exception):
                self.failed.emit(f"checking folders failed: {folders}")
                return
            self.found.emit(folders)
            for path in folders:
                self.tasks.run("folder-check", partial(read, path), partial(checked, path))

        def read(path: Path) -> LoadedShow | None:
            if number != self.round:
                return None  # a newer round has started: this one's work is wasted
            if store is not None:
                return take(store, path, trusted_keys, decode_pictures=True)
            return load_show(path, decode_pictures=True, trusted_keys=trusted_keys)

        def checked(path: Path, loaded: LoadedShow | Exception | None) -> None:
            if number != self.round or loaded is None:
                return
            if isinstance(loaded, Exception):
                self.failed.emit(f"checking folders failed: {loaded}")
                return
            self.results[path] = loaded
            self.checked.emit(path, loaded)

        self.tasks.run("folder-search", lambda: find_content_folders(roots, current), found)

    def cancel(self) -> None:
        """Whatever is still under way is of no interest any more."""
        self.round += 1
