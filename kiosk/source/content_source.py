"""The content source: where the show comes from, and the word on why it is what it is.

It watches the folder the show was read from, reads a changed or reloaded show off the GUI
thread into a checked copy, and offers it to the player; staff's reloads, folder switches and
the picture check go through it, one at a time. When the show on screen is not what its folder
holds (refused, gone, half synced), it keeps the note that says why, for staff.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from kiosk import i18n
from kiosk.content.check_process import check_in_place, load_show, take
from kiosk.content.diagnostics import Diagnostic, Severity
from kiosk.content.loaded import LoadedShow
from kiosk.content.signing import Keys, Trust
from kiosk.content.store import ShowStore
from kiosk.playback.player import Player
from kiosk.source.watcher import ContentWatcher
from kiosk.tasks import Tasks

log = logging.getLogger(__name__)


class ContentSource(QObject):
    """Watches, reloads and switches the content folder for one player."""

    status_changed = Signal()  # the note, the check results or the sync state changed
    reloaded = Signal(bool)  # a reload asked for by staff has finished: taken or refused

    def __init__(
        self,
        player: Player,
        trust: Keys = (),
        store: ShowStore | None = None,
        findings: list[Diagnostic] | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.player = player
        self.trust = Trust.of(trust)  # what a show must satisfy to play here (kiosk.toml)
        self.store = store  # the kiosk's kept copies; None in previews and tests
        self.findings: list[Diagnostic] = findings or []  # what the check found, as read
        self.watcher: ContentWatcher | None = None
        self.tasks = Tasks("content-source", self)
        self._reloading = False
        # Why the show on screen is not what the folder holds, if so: an i18n key, its values.
        self._note: tuple[str, dict[str, object]] | None = None
        # The last show refused since one was taken (by the watcher, a reload, or at start).
        self.refused: LoadedShow | None = None
        player.taken_over.connect(self._on_taken_over)
        player.kept_problem.connect(lambda: self.set_note("note_not_kept"))

    # -- watching ---------------------------------------------------------------------------------

    def watch(self, loaded: LoadedShow) -> None:
        """Follows changes in the folder the show was loaded from: valid ones take over at the
        next slide. The folder as it was read is the starting point."""
        self.stop_watching()
        self.watcher = ContentWatcher(loaded.folder, loaded.stamp, self, self.trust, self.store)
        self.watcher.show_ready.connect(self._on_show_ready)
        self.watcher.show_rejected.connect(self._on_show_rejected)
        self.watcher.folder_missing.connect(self._on_folder_missing)
        self.watcher.arrival_stalled.connect(self.status_changed)
        self.watcher.arrival_changed.connect(self.status_changed)
        self.watcher.start()

    @property
    def watched_folder(self) -> Path:
        """The folder whose show should play: the one on screen, or, while the stand-by screen
        plays, the folder the kiosk was given (never the stand-by screen's own)."""
        if self.watcher is not None:
            return self.watcher.folder
        return self.player.state.folder

    def _on_folder_missing(self) -> None:
        # Standing by, no show plays from memory: the stand-by note says what staff need.
        if not self.player.state.playing.standby:
            self.set_note("note_folder_gone")

    def stop_watching(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher.deleteLater()
            self.watcher = None

    @property
    def arriving(self) -> bool:
        """A sync tool is bringing files into the folder now."""
        return self.watcher is not None and self.watcher.arriving

    @property
    def stalled(self) -> bool:
        """A sync tool's transfer into the folder has stopped half way."""
        return self.watcher is not None and self.watcher.stalled

    def _on_show_ready(self, loaded: LoadedShow) -> None:
        self.refused = None
        self._take_report(loaded, None)
        self.player.offer_show(loaded)

    def _on_show_rejected(self, loaded: LoadedShow) -> None:
        self.refused = loaded
        self._take_report(loaded, "note_rejected")

    def _on_taken_over(self, loaded: LoadedShow) -> None:
        if self.store is not None:
            self.store.accept(loaded)

    # -- staff's reload and switch, the picture check --------------------------------------------

    def reload(self) -> None:
        """Staff asked to read the folder again: checked off the GUI thread, taken at once."""
        if self._reloading:
            return  # one at a time: the result of the reload under way answers this one too
        self._reloading = True
        folder, trust, store = self.watched_folder, self.trust, self.store

        def read() -> LoadedShow:
            if store is not None:
                return take(store, folder, trust, decode_pictures=True)
            return load_show(folder, decode_pictures=True, trusted_keys=trust)

        self.tasks.run("staff-reload", read, self._on_reload_done)

    def _on_reload_done(self, loaded: LoadedShow | Exception) -> None:
        self._reloading = False
        if isinstance(loaded, Exception):
            self.set_note("note_reload_failed", error=loaded)
            self.reloaded.emit(False)
            return
        if loaded.folder != self.watched_folder:
            self.reloaded.emit(False)  # staff switched folders meanwhile
            return
        if loaded.report.ok:
            self.refused = None
            self._take_report(loaded, None)
            self.player.offer_show(loaded, at_once=True)
        else:
            self.refused = loaded
            self._take_report(loaded, "note_reload_refused")
            log.warning(
                "reload refused: the folder has errors; the last good show plays on\n%s",
                loaded.report.format_text(),
            )
        self.reloaded.emit(loaded.report.ok)

    def switch_to(self, loaded: LoadedShow) -> None:
        """Staff chose another valid content folder: it plays from its first slide."""
        log.warning("staff switched the content folder to %s", loaded.folder)
        self.refused = None
        self._take_report(loaded, None)
        self.player.switch_to(loaded)
        self.watch(loaded)

    def check_pictures(self) -> None:
        """Decodes every picture of the show on screen, off the GUI thread.

        The kiosk starts on a check of the pictures' headers (decoding all of them would hold
        up the first frame); one that turns out not to decode is reported here, to the log and
        to staff status. The show plays on; that picture's space stays empty.
        """
        state = self.player.state
        folder, files, trust = state.folder, state.files, self.trust
        # The copy on screen is decoded, not the live folder: what is checked is what is drawn.
        self.tasks.run(
            "picture-check",
            lambda: check_in_place(files, folder, trust, decode_pictures=True),
            self._on_pictures_checked,
        )

    def _on_pictures_checked(self, loaded: LoadedShow | Exception) -> None:
        if isinstance(loaded, Exception):
            self.set_note("note_pictures_unchecked", error=loaded)
            return
        if loaded.folder != self.player.state.folder:
            return  # staff switched folders meanwhile: this was about the old one
        new = [
            d
            for d in loaded.report.sorted()
            if d.severity is Severity.ERROR and d not in self.findings
        ]
        if not new:
            return
        for finding in new:
            log.error("%s", finding.format())
        self.findings = self.findings + new
        self.set_note("note_pictures_broken", n=len(new))

    # -- the note for staff -------------------------------------------------------------------

    def note_start_refused(self, refused: LoadedShow, standby: bool = False) -> None:
        """The folder could not play at start; the last good show, or the stand-by screen when
        none was kept, plays in its place."""
        self.refused = refused
        self.set_note("note_standby" if standby else "note_start_refused")

    def _take_report(self, loaded: LoadedShow, note: str | None, **values: object) -> None:
        self.findings = loaded.report.sorted()
        self.set_note(note, **values)

    def set_note(self, note: str | None, **values: object) -> None:
        self._note = (note, values) if note is not None else None
        self.status_changed.emit()

    def note(self, language: str = "en") -> str:
        """Why the show on screen is not what its folder holds, in words; '' when it is."""
        if self._note is None:
            return ""
        key, values = self._note
        if key in i18n.COUNTED:
            return i18n.counted(key, int(str(values["n"])), language)
        return i18n.text(key, language).format(**values)

    def stop(self) -> None:
        """The show ends: no more looks at the folder, no results delivered."""
        self.stop_watching()
        self.tasks.close()
