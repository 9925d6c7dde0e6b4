"""Loads a content folder once into a snapshot and checks it: the entry points of loading."""

from __future__ import annotations

import datetime
import typing
from pathlib import Path

from kiosk.content.checker import ShowChecker
from kiosk.content.diagnostics import Diagnostic, Report, Severity, display_path
from kiosk.content.loaded import SHOW_FILE, LoadedShow
from kiosk.content.snapshot import MANIFEST, Collected, collect, manifest_text, process_snapshot
from kiosk.content.stamp import Stamp, folder_stamp

if typing.TYPE_CHECKING:
    from kiosk.content.signing import Keys


def load_show(
    folder: Path,
    today: datetime.date | None = None,
    decode_pictures: bool = False,
    trusted_keys: Keys = (),
    snapshot_into: Path | None = None,
) -> LoadedShow:
    """Reads a show folder once into a snapshot and checks the snapshot.

    Every file is read once, hashed and copied (into snapshot_into, or a folder of this
    process's that goes when it ends); the signature, when keys are trusted, is checked over
    exactly those bytes before anything is parsed, and everything after reads the copy
    (`LoadedShow.files`). Pictures are checked from their headers; with decode_pictures each is
    also decoded whole (seconds for a large show, so the kiosk does that on a worker thread, and
    `validate` always does it). With trusted keys the show must be signed by one of them,
    every file as it was signed; otherwise it is refused, whatever else it holds.
    """
    folder = Path(folder)
    stamp = folder_stamp(folder)
    if not folder.is_dir():
        loaded = ShowChecker(folder, today or datetime.date.today(), decode_pictures).run()
        loaded.stamp = stamp
        return loaded
    files = snapshot_into if snapshot_into is not None else process_snapshot()
    found = collect(folder, into=files)
    return check_collected(folder, files, found, stamp, today, decode_pictures, trusted_keys)


def check_collected(
    folder: Path,
    files: Path,
    found: Collected,
    stamp: Stamp,
    today: datetime.date | None = None,
    decode_pictures: bool = False,
    trusted_keys: Keys = (),
) -> LoadedShow:
    """Checks a show whose files were read into `files` (see load_show)."""
    from kiosk.content.signing import Trust

    trust = Trust.of(trusted_keys)
    problems = [
        Diagnostic(display_path(folder / relative), None, None, Severity.ERROR, problem)
        for relative, problem in found.problems
    ]
    verdict = None
    if trust.required:
        from kiosk.content.signing import verify_collected

        verdict = verify_collected(found, trust)
        if not found.problems:
            problems += [
                Diagnostic(display_path(folder / MANIFEST), None, None, Severity.ERROR, problem)
                for problem in verdict.problems
            ]
    if any(relative == SHOW_FILE for relative, _ in found.problems):
        loaded = LoadedShow(folder, None, Report(display_path(folder)))
    else:
        checker = ShowChecker(files, today or datetime.date.today(), decode_pictures, shown=folder)
        checker.refused = {relative for relative, _ in found.problems}
        loaded = checker.run()
        loaded.folder = folder
    loaded.snapshot = files
    loaded.entries = tuple(found.entries)
    loaded.fingerprint = fingerprint(found)
    loaded.ignored = tuple(found.ignored)
    loaded.stamp = stamp
    loaded.verdict = verdict
    for diagnostic in problems:
        loaded.report.add(diagnostic)
    if problems:
        loaded.show = None
    return loaded


def fingerprint(found: Collected) -> str:
    """The SHA-256 of the show's manifest and of its signature files as read."""
    import hashlib

    digest = hashlib.sha256(manifest_text(found.entries).encode())
    for name in sorted(found.signed_files):
        digest.update(f"{name}\0".encode() + hashlib.sha256(found.signed_files[name]).digest())
    return digest.hexdigest()
