"""What loading a show folder gives: the show when it may play, its report, and its snapshot."""

from __future__ import annotations

import typing
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.content.diagnostics import Diagnostic, Report, Severity, display_path
from kiosk.content.model import Show
from kiosk.content.snapshot import Entry
from kiosk.content.stamp import Stamp
from kiosk.i18n.said import said

if typing.TYPE_CHECKING:
    from kiosk.content.signing import Verdict

SHOW_FILE = "show.yaml"


@dataclass
class LoadedShow:
    """The outcome of loading a folder: a playable show only when there is no error."""

    folder: Path
    show: Show | None
    report: Report
    show_file: str = SHOW_FILE
    # Where each slide starts in show.yaml, for reports made after loading (line, column).
    slide_positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    # The folder's files as they were before reading: a change after that is a new show.
    stamp: Stamp = None
    # When keys are trusted: who signed the show, or why it is refused (kiosk.content.signing).
    verdict: Verdict | None = None
    # Where the show's files were read to, once: everything drawn is read from here, never
    # from the live folder (kiosk.content.snapshot). The folder itself before the show is read.
    snapshot: Path | None = None
    # Every file of the show as read: path, size and SHA-256.
    entries: tuple[Entry, ...] = ()

    @property
    def files(self) -> Path:
        """The folder to read the show's files from: its snapshot."""
        return self.snapshot if self.snapshot is not None else self.folder

    # Names this exact show, signature included: the SHA-256 of every file's path and hash.
    fingerprint: str = ""
    standby: bool = False  # the kiosk's own stand-by screen, playing because no show may
    # Files in the folder that are no part of the show (OS litter, sync conflict copies).
    ignored: tuple[tuple[str, str], ...] = ()
    # The modules of each link's QR code, from the checking process (kiosk.content.qr_codes).
    qr_codes: dict[str, tuple[str, ...]] = field(default_factory=dict)


def unreadable_show(folder: Path, error: BaseException) -> LoadedShow:
    """A folder whose reading failed in a way no check foresaw: refused, with the reason."""
    report = Report(display_path(folder))
    report.add(
        Diagnostic(
            display_path(folder),
            None,
            None,
            Severity.ERROR,
            said("the folder cannot be read: {error}", error=error),
        )
    )
    return LoadedShow(folder, None, report)
