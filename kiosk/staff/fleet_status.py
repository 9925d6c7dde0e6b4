"""This kiosk's status for the organiser: written to kiosk.toml's `status_folder` at every
change of what plays or was refused, and as a heartbeat (kiosk.fleet says what it holds)."""

from __future__ import annotations

import datetime
import logging
import math
import platform
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from kiosk import __version__, fleet
from kiosk.content import LoadedShow
from kiosk.counts import Counts
from kiosk.playback.state import ShowState
from kiosk.source.content_source import ContentSource
from kiosk.tasks import Tasks

log = logging.getLogger(__name__)
MIN_INTERVAL_S = 30  # between two writes of the status for a change
REASON_CHARS = 160  # of one finding, in each language


def _now() -> datetime.datetime:
    return datetime.datetime.now().astimezone()


class FleetStatus(QObject):
    """Keeps this kiosk's status file up to date; a folder that cannot be written is said
    once in the log, and tried again at the next change or heartbeat.

    The status is read on the GUI thread and written on a worker (a folder on a stick or a
    network share may be slow to answer), at most once every MIN_INTERVAL_S: a sync tool's
    files coming and going cannot make the kiosk write its card every few seconds."""

    def __init__(
        self,
        folder: Path,
        kiosk_id: str,
        name: str,
        state: ShowState,
        source: ContentSource,
        counts: Counts,
        now: Callable[[], datetime.datetime] = _now,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.folder, self.kiosk_id, self.name = folder, kiosk_id, name
        self.state, self.source, self.counts = state, source, counts
        self.now = now
        self._since = now()
        self._failing = False
        version = state.playing.version
        self._since_fingerprint = version.fingerprint if version is not None else ""
        self._refused_seen: LoadedShow | None = None
        self._refused_at = self._since
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(fleet.HEARTBEAT_S * 1000)
        self._heartbeat.timeout.connect(self.write)
        self._heartbeat.start()
        self._later = QTimer(self)  # a change within MIN_INTERVAL_S of the last write
        self._later.setSingleShot(True)
        self._later.timeout.connect(self.write)
        self._last_write = -math.inf
        self.tasks = Tasks("fleet-status", self)
        state.show_replaced.connect(self._on_show_replaced)
        source.status_changed.connect(self._on_changed)

    def _on_show_replaced(self, _index: int) -> None:
        version = self.state.playing.version
        fingerprint = version.fingerprint if version is not None else ""
        if fingerprint != self._since_fingerprint:  # another version, not the same one again
            self._since, self._since_fingerprint = self.now(), fingerprint
        self._changed()

    def _on_changed(self) -> None:
        self._changed()

    def _changed(self) -> None:
        wait = self._last_write + MIN_INTERVAL_S - time.monotonic()
        if wait <= 0:
            self.write()
        elif not self._later.isActive():
            self._later.start(int(wait * 1000) + 1)

    def status(self) -> fleet.KioskStatus:
        """What this kiosk says about itself now."""
        state, source = self.state, self.source
        playing = state.playing
        shown: fleet.Playing | None = None
        if not playing.standby:
            show = playing.full_show
            settings = show.settings
            title = (
                settings.title.get(settings.default_language, settings.default_language)
                if settings.title
                else playing.folder.name
            )
            version = playing.version
            shown = fleet.Playing(
                title=title,
                folder=str(playing.folder),
                fingerprint=version.fingerprint if version is not None else "",
                signed_by=version.signed_by or None if version is not None else None,
                comment=version.comment if version is not None else "",
                since=self._since.isoformat(timespec="seconds"),
            )
        if source.refused is not self._refused_seen:
            self._refused_seen, self._refused_at = source.refused, self.now()
        refused = _refused(source.refused, self._refused_at)
        ignored = source.refused.ignored if source.refused is not None else playing.ignored
        binding = _binding()
        return fleet.KioskStatus(
            kiosk_id=self.kiosk_id,
            name=self.name,
            version=__version__,
            platform=f"{platform.system()} {platform.release()} {platform.machine()}, "
            f"Python {platform.python_version()}, {binding}",
            written=self.now().isoformat(timespec="seconds"),
            playing=shown,
            refused=refused,
            waiting_for_sync=source.arriving or source.stalled,
            conflicts=[name for name, kind in ignored if kind == "conflict"][: fleet.MAX_CONFLICTS],
            unsigned_allowed=not source.trust.required,
            denied=bool(source.trust.refusal),
            today=self.counts.day_totals(),
        )

    def write(self) -> None:
        """Writes the status as it is now, on the worker (one write at a time)."""
        self._later.stop()
        self._last_write = time.monotonic()
        status, folder = self.status(), self.folder
        self.tasks.run("fleet-status", lambda: _write(folder, status), self._written)

    def _written(self, result: object) -> None:
        if isinstance(result, OSError):
            if not self._failing:
                log.warning("cannot write this kiosk's status to %s: %s", self.folder, result)
            self._failing = True
            return
        if self._failing:
            log.info("this kiosk's status is written to %s again", self.folder)
        self._failing = False

    def stop(self) -> None:
        self._heartbeat.stop()
        self._later.stop()
        self.tasks.close()


def _write(folder: Path, status: fleet.KioskStatus) -> OSError | None:
    """On the worker: the file written, or why not (said in the log once, not as a crash)."""
    try:
        fleet.write_status(folder, status)
    except OSError as error:
        return error
    return None


def _refused(loaded: LoadedShow | None, at: datetime.datetime) -> fleet.Refused | None:
    if loaded is None:
        return None
    from kiosk.i18n.catalogs import LANGUAGES

    errors = loaded.report.errors[: fleet.MAX_REASONS]
    return fleet.Refused(
        folder=str(loaded.folder),
        fingerprint=loaded.fingerprint or "",
        at=at.isoformat(timespec="seconds"),
        reasons=[_short(d.format()) for d in errors],
        reasons_in={lang: [_short(d.format(lang)) for d in errors] for lang in LANGUAGES},
    )


def _short(reason: str) -> str:
    """A finding as the organiser's table has room for, on one line: the status file stays
    one block, and a tab or line break quoted from a show (which the organiser's reader
    refuses in any text) makes no kiosk's file unreadable."""
    reason = "".join(
        " " if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") else c for c in reason
    )
    return reason if len(reason) <= REASON_CHARS else reason[: REASON_CHARS - 1] + "…"


def _binding() -> str:
    import PySide6

    return f"PySide6 {PySide6.__version__}"
