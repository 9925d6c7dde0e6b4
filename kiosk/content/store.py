"""The kiosk's own copies of its shows: the one playing and the last good one before it.

A show folder is read once into `shows/` in the kiosk's data folder (kiosk.content.snapshot) and
checked there; the kiosk draws only from that copy. The copy playing and the one before it are
kept, so that a restart on a folder that is half-synced, tampered with or gone (a pulled USB
stick) plays the last good show instead of going dark. Each copy is named by its fingerprint
(the SHA-256 of its manifest): the same show read again is not written again, which spares the
SD card. `playing.json` records which copies are current and previous, where they came from and
who signed them.

Before a kept copy plays again it is read again and checked as a new show would be: every file
against its recorded fingerprint, and its signature against the keys trusted now.
"""

from __future__ import annotations

import datetime
import itertools
import json
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.content.diagnostics import Diagnostic, Severity
from kiosk.content.loaded import LoadedShow
from kiosk.content.snapshot import LITTER_KINDS, collect
from kiosk.content.stamp import folder_stamp
from kiosk.durable import write_atomically
from kiosk.i18n.said import said

if TYPE_CHECKING:
    from kiosk.content.signing import Keys

log = logging.getLogger(__name__)

RECORD = "playing.json"
LISTED = 10  # files passed over that the log names one by one
INCOMING = ".incoming-"  # a copy being made; renamed to its fingerprint once checked
VERSIONS = "versions.json"  # per signing key, the newest version this kiosk has played
_counter = itertools.count()


@dataclass(frozen=True)
class Kept:
    """One kept copy: its fingerprint, the folder it was read from, and how it was signed."""

    fingerprint: str
    source: str
    signed_by: str = ""  # the key's id, when a trusted key signed it
    comment: str = ""  # the signature's trusted comment (who signed, when)
    accepted: str = ""  # when this kiosk first played it (local time, ISO 8601)
    key: str = ""  # the signing key's public line: what vouches for it if settings break

    def describe(self) -> str:
        """The version in words, for the log and the staff status."""
        if self.signed_by:
            return said(
                "signed by key {key} ({comment}), fingerprint {fingerprint}",
                key=self.signed_by,
                comment=self.comment,
                fingerprint=self.short,
            )
        return said("unsigned, fingerprint {fingerprint}", fingerprint=self.short)

    @property
    def short(self) -> str:
        return self.fingerprint[:12]


def describe(loaded: LoadedShow) -> str:
    """Which version of a show this is, in words: signing key and comment, or fingerprint."""
    return kept_version(loaded).describe()


def kept_version(loaded: LoadedShow) -> Kept:
    """The version of a show: its fingerprint, where it came from, and who signed it."""
    verdict = loaded.verdict
    signed = verdict is not None and verdict.ok and verdict.key is not None
    return Kept(
        loaded.fingerprint,
        str(loaded.folder),
        verdict.key.id_text if signed and verdict and verdict.key else "",
        verdict.comment if signed and verdict else "",
        datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        verdict.key.line() if signed and verdict and verdict.key else "",
    )


class ShowStore:
    """The copies in one data folder; only this kiosk's process writes there."""

    def __init__(self, root: Path):
        self.root = root

    def take(
        self,
        folder: Path,
        trusted_keys: Keys = (),
        decode_pictures: bool = False,
        spare: Path | None = None,
    ) -> LoadedShow:
        """Reads a folder once into a new copy and checks the copy.

        When no copy can be kept (a full or read-only disk), the show is read into `spare`,
        else into a folder of this process's.

        A refused show leaves no copy behind; a show already kept is not written twice: the
        folder is first only hashed, and when a copy with that fingerprint is kept already, that
        copy is checked (read again, every file against its hash) and played. An SD card sees
        no writes when a kiosk restarts on the show it played.
        """
        from kiosk.content.validate import load_show

        kept = self._already_kept(folder, trusted_keys, decode_pictures)
        if kept is not None:
            return kept
        incoming = self.root / f"{INCOMING}{os.getpid()}-{next(_counter)}"
        try:
            incoming.mkdir(parents=True)
        except OSError as error:
            # A full or read-only disk: the show is checked from a folder of this process's.
            log.error("cannot keep a copy of the show in %s: %s", self.root, error)
            return load_show(
                folder,
                decode_pictures=decode_pictures,
                trusted_keys=trusted_keys,
                snapshot_into=spare,
            )
        try:
            loaded = load_show(
                folder,
                decode_pictures=decode_pictures,
                trusted_keys=trusted_keys,
                snapshot_into=incoming,
            )
        except BaseException:
            shutil.rmtree(incoming, ignore_errors=True)
            raise
        self._refuse_rollback(loaded)
        if loaded.show is None:
            shutil.rmtree(incoming, ignore_errors=True)
            loaded.snapshot = None
            return loaded
        final = self.root / loaded.fingerprint
        if final.exists():
            # A kept copy by that name that did not check out (changed or incomplete, or the
            # folder could not be hashed first): the copy just checked takes its place. Drawing
            # from the old one would put on screen what was not checked.
            stale = self.root / f"{INCOMING}{os.getpid()}-{next(_counter)}-stale"
            try:
                os.replace(final, stale)
            except OSError as error:
                log.error("cannot replace the kept copy %s: %s", final.name, error)
                loaded.snapshot = incoming  # checked, and this process's own
                return loaded
            shutil.rmtree(stale, ignore_errors=True)
        os.replace(incoming, final)
        loaded.snapshot = final
        return loaded

    def remove_leftovers(self) -> None:
        """Removes half-made copies left by checks that a power cut or a killed kiosk ended.

        Only while this kiosk holds the data folder's lock and before it starts a check of its
        own: no other check can be writing there then."""
        try:
            leftovers = [path for path in self.root.glob(f"{INCOMING}*") if path.is_dir()]
        except OSError:
            return
        for path in leftovers:
            log.info("removing a half-made copy of a show: %s", path.name)
            shutil.rmtree(path, ignore_errors=True)

    def _already_kept(
        self, folder: Path, trusted_keys: Keys, decode_pictures: bool
    ) -> LoadedShow | None:
        from kiosk.content.validate import fingerprint

        stamp = folder_stamp(folder)  # before reading: a change after is a new show
        if stamp is None:
            return None
        probe = collect(folder)
        if probe.problems:
            return None  # the full read names them
        files = self.root / fingerprint(probe)
        if not files.is_dir():
            return None
        loaded = check_in_place(files, folder, trusted_keys, decode_pictures)
        loaded.stamp = stamp
        # What the folder holds besides the show (a conflict copy, say) is the folder's, not
        # the kept copy's: staff and the organiser must still hear of it.
        loaded.ignored = tuple(probe.ignored)
        if loaded.fingerprint != files.name:
            return None  # the kept copy was changed: read the folder anew
        self._refuse_rollback(loaded)
        if loaded.show is None:
            loaded.snapshot = None
        return loaded

    def newest_versions(self) -> dict[str, int]:
        """Per signing key (its id), the newest version this kiosk has played."""
        try:
            data = json.loads((self.root / VERSIONS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): v for k, v in data.items() if isinstance(v, int)}

    def _refuse_rollback(self, loaded: LoadedShow) -> None:
        """An older version than the newest this kiosk has played does not play again: a
        withdrawn story stays withdrawn, whoever copies the old show back.

        The newest of every key counts, not only the signing key's: while two keys are trusted
        (a key rotation), an old show signed by the old key must not come back after a newer
        one signed by the new key."""
        verdict = loaded.verdict
        if loaded.show is None or verdict is None or not verdict.ok or verdict.key is None:
            return
        versions = self.newest_versions()
        if not versions:
            return
        key_id, newest = max(versions.items(), key=lambda item: item[1])
        if verdict.version >= newest:
            return
        loaded.report.add(
            Diagnostic(
                str(loaded.folder),
                None,
                None,
                Severity.ERROR,
                said(
                    "an older version of this show, version {version} ({comment}), was not "
                    "played: this kiosk has played version {newest} signed by key {key}",
                    version=verdict.version,
                    comment=verdict.comment,
                    newest=newest,
                    key=key_id,
                ),
            )
        )
        loaded.show = None

    def _remember_version(self, loaded: LoadedShow) -> None:
        verdict = loaded.verdict
        if verdict is None or not verdict.ok or verdict.key is None:
            return
        versions = self.newest_versions()
        if verdict.version <= versions.get(verdict.key.id_text, 0):
            return
        versions[verdict.key.id_text] = verdict.version
        try:
            write_atomically(self.root / VERSIONS, json.dumps(versions, indent=1))
        except OSError as error:
            log.error("cannot remember the version played in %s: %s", self.root, error)

    def accept(self, loaded: LoadedShow) -> None:
        """The show now playing: it becomes current, the one before it previous; older copies
        go. Says which version plays, in the log."""
        if loaded.snapshot is None or loaded.snapshot.parent != self.root:
            return
        self._remember_version(loaded)
        record = self._record()
        current = record.get("current")
        kept = kept_version(loaded)
        if current and current.get("fingerprint") == kept.fingerprint:
            return
        record = {"current": kept.__dict__, "previous": current}
        try:
            write_atomically(self.root / RECORD, json.dumps(record, indent=1))
        except OSError as error:
            log.error("cannot record the show playing in %s: %s", self.root, error)
            return
        log.info("now playing the show from %s: %s", loaded.folder, kept.describe())
        for name, kind in loaded.ignored[:LISTED]:
            log.warning("passed over in %s: %s (%s)", loaded.folder, name, LITTER_KINDS[kind])
        if len(loaded.ignored) > LISTED:
            log.warning("passed over in %s: %d more", loaded.folder, len(loaded.ignored) - LISTED)
        self._prune({kept.fingerprint, (current or {}).get("fingerprint", "")})

    def last_good(self, trusted_keys: Keys = ()) -> LoadedShow | None:
        """The show last played, checked again as a new show would be; else the one before.

        When the kiosk trusts nothing (its settings or keys cannot be read), only a copy that
        was signed when it was accepted plays, checked against the key that signed it then.
        """
        from kiosk.content.signing import PublicKey, SigningError, Trust

        trust = Trust.of(trusted_keys)
        record = self._record()
        for which in ("current", "previous"):
            entry = record.get(which)
            if not isinstance(entry, dict):
                continue
            if trust.refusal:
                try:
                    trust = Trust((PublicKey.parse(str(entry.get("key", ""))),))
                except SigningError:
                    continue  # it was not signed: nothing vouches for it now
            loaded = self.reopen(entry, trust)
            if loaded is not None and loaded.show is not None:
                return loaded
        return None

    def reopen(self, entry: dict[str, Any], trusted_keys: Keys) -> LoadedShow | None:
        fingerprint = str(entry.get("fingerprint", ""))
        if len(fingerprint) != 64 or not all(c in "0123456789abcdef" for c in fingerprint):
            return None
        files = self.root / fingerprint
        if not files.is_dir():
            return None
        loaded = check_in_place(files, Path(str(entry.get("source", files))), trusted_keys)
        if loaded.fingerprint != fingerprint:
            loaded.report.add(
                Diagnostic(
                    str(files),
                    None,
                    None,
                    Severity.ERROR,
                    said("the kiosk's kept copy of this show was changed; it is not played"),
                )
            )
            loaded.show = None
        if loaded.show is None:
            log.error(
                "the kept show %s cannot play:\n%s", fingerprint[:12], loaded.report.format_text()
            )
        return loaded

    def _record(self) -> dict[str, Any]:
        try:
            data = json.loads((self.root / RECORD).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def prune(self) -> None:
        """Removes every copy but the current and the previous one."""
        record = self._record()
        keep = {
            str(entry.get("fingerprint", ""))
            for entry in (record.get("current"), record.get("previous"))
            if isinstance(entry, dict)
        }
        self._prune(keep)

    def _prune(self, keep: set[str]) -> None:
        try:
            children = list(self.root.iterdir())
        except OSError:
            return
        for child in children:
            if child.is_dir() and not child.name.startswith(".") and child.name not in keep:
                shutil.rmtree(child, ignore_errors=True)


def check_in_place(
    files: Path,
    source: Path,
    trusted_keys: Keys = (),
    decode_pictures: bool = False,
) -> LoadedShow:
    """Checks a copy the kiosk made (read again, not copied again); messages name `source`."""
    from kiosk.content.validate import check_collected

    found = collect(files)
    return check_collected(
        source,
        files,
        found,
        folder_stamp(files),
        decode_pictures=decode_pictures,
        trusted_keys=trusted_keys,
    )
