"""A show's files read once, safely: every regular file hashed as it is copied or read.

What reaches the screen is exactly what was checked: the kiosk reads each file of a show folder
once, into a folder of its own (a snapshot), and checks, signs and draws only that copy. The
live folder may change a moment later; the snapshot does not.

Reading never blocks and never follows a name out of the folder: a FIFO, a device, a socket, a
link that leads outside the folder, nowhere or round in a loop, and a name holding a line break
or another control character are each refused, naming the file.
"""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.stamp import MAX_DEPTH, hidden

if TYPE_CHECKING:
    from kiosk.i18n.said import Said

MANIFEST = "show.manifest"
SIGNATURE = "show.manifest.minisig"
MAX_FILES = 5000  # entries of every kind: files, folders, hidden ones, litter
# The signature files are small; larger ones are refused before they are held in memory.
MAX_SIGNED_FILE_BYTES = {"show.manifest": 2_000_000, "show.manifest.minisig": 4096}
IGNORED = "ignored: "  # how walk marks a file that is no part of a show
MAX_FILE_BYTES = 2 << 30  # larger than any picture or clip a show should hold
_BLOCK = 1 << 16
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # not on Windows, where FIFOs do not arise
_O_BINARY = getattr(os, "O_BINARY", 0)


def said(template: str, **values: object) -> Said:
    """kiosk.i18n.said.said, imported only when a file is refused: the start looks at the
    content folder before its first picture, which needs none of the catalogs."""
    from kiosk.i18n.said import said as say

    return say(template, **values)


def reason(error: ValueError) -> str:
    """What a refused file's ValueError says, as said (in the staff's language on screen)."""
    return error.args[0] if error.args and isinstance(error.args[0], str) else str(error)


@dataclass(frozen=True)
class Entry:
    """One file of a show: its path inside the folder (with /), size and SHA-256."""

    path: str
    size: int
    sha256: str


@dataclass
class Collected:
    """What reading a folder found: its files, and every file it refused with the reason."""

    entries: list[Entry] = field(default_factory=list)
    # (file, what is wrong: a Said, shown to staff in their language)
    problems: list[tuple[str, str]] = field(default_factory=list)
    signed_files: dict[str, bytes] = field(default_factory=dict)  # the manifest and signature
    ignored: list[tuple[str, str]] = field(default_factory=list)  # (file, LITTER_KINDS key)


# Files an operating system or a sync tool leaves in any folder: never part of a show, never
# a reason to refuse one, but named to staff so that nobody wonders.
# Each kind of such file is named by a word that staff screens translate (kiosk.i18n).
LITTER_KINDS = {
    "thumbnails": "Windows' thumbnail cache",
    "folder-settings": "Windows' folder settings",
    "conflict": "a sync tool's conflict copy: the folder was edited in two places",
}
_LITTER = {"thumbs.db": "thumbnails", "ehthumbs.db": "thumbnails", "desktop.ini": "folder-settings"}
_CONFLICT_MARKS = (".sync-conflict-", "conflicted copy", "(conflict")


def litter(name: str) -> str | None:
    """Which kind of file that is no part of a show this is (LITTER_KINDS), or None."""
    if name.lower() in _LITTER:
        return _LITTER[name.lower()]
    if any(mark in name.lower() for mark in _CONFLICT_MARKS):
        return "conflict"
    return None


def unsafe_name(name: str) -> str | None:
    """Why a file name cannot be part of a show, or None: a line break (CR, LF, U+2028 …) or
    another control or format character would make the manifest ambiguous."""
    for char in name:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            return said("its name holds the control character {code}", code=f"U+{ord(char):04X}")
    return None


def open_regular(path: Path) -> int:
    """A descriptor of a regular file, opened without blocking; OSError or ValueError otherwise.

    The check is on the open file (fstat), so a name swapped for a FIFO between a look and the
    open cannot hang the reader.
    """
    descriptor = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_BINARY | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(said("it is not a regular file ({kind})", kind=_kind(info.st_mode)))
        if info.st_size > MAX_FILE_BYTES:
            raise ValueError(said("it is larger than {size} GB", size=MAX_FILE_BYTES >> 30))
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def read_regular(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file (see open_regular), at most limit of them."""
    descriptor = open_regular(path)
    with os.fdopen(descriptor, "rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ValueError(said("it is larger than {size} bytes", size=limit))
    return data


def _check_inside(descriptor: int, inside: Path) -> None:
    """ValueError when the file opened is not inside the folder (given resolved).

    Asked of the open file itself (where the system can say, as Linux does in /proc), so a link
    swapped for another between the look and the open cannot bring in a file from outside.
    """
    try:
        opened = Path(os.readlink(f"/proc/self/fd/{descriptor}"))
    except OSError:
        return  # no /proc here: the look at the link before opening is what there is
    if not opened.is_relative_to(inside):
        raise ValueError(said("it is a link to a file outside the content folder"))


def _kind(mode: int) -> Said:
    if stat.S_ISFIFO(mode):
        return said("a named pipe")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return said("a device")
    if stat.S_ISSOCK(mode):
        return said("a socket")
    if stat.S_ISDIR(mode):
        return said("a folder")
    return said("a special file")


def _link_problem(path: Path, folder: Path) -> str | None:
    """Why a link cannot stand in a show, or None when it leads to a file inside the folder."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:
        return said("it is a link that leads round in a loop")
    except OSError as error:
        if error.errno == errno.ELOOP:  # Python 3.13 and newer
            return said("it is a link that leads round in a loop")
        return said("it is a link to a file that does not exist")
    if not target.is_relative_to(folder.resolve()):
        return said("it is a link to a file outside the content folder")
    return None


def walk(folder: Path) -> Iterator[tuple[str, Path, str | None]]:
    """Every candidate file of the show: (path with /, full path, why it is refused or None).

    Hidden files and folders, and the files a sync tool is still writing, are not part of a
    show and are passed over.
    """
    count = 0
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        count += len(dirs) + len(files)
        if count > MAX_FILES:
            relative = here.relative_to(folder).as_posix().removeprefix(".")
            yield (
                relative,
                here,
                said("the folder holds more than {count} files and folders", count=MAX_FILES),
            )
            return
        depth = len(here.relative_to(folder).parts)
        kept = []
        for name in sorted(dirs):
            if hidden(name):
                continue
            relative = (here / name).relative_to(folder).as_posix()
            if depth + 1 >= MAX_DEPTH:
                # Never walked: a folder nested thousands deep must not exhaust the stack.
                yield (
                    relative,
                    here / name,
                    said("folders are nested more than {depth} deep", depth=MAX_DEPTH),
                )
            elif (here / name).is_symlink():
                yield relative, here / name, said("it is a link to a folder; copy the folder in")
            elif (problem := unsafe_name(name)) is not None:
                yield relative, here / name, problem
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if hidden(name):
                continue
            path = here / name
            relative = path.relative_to(folder).as_posix()
            problem = unsafe_name(name)  # first: a name with a control character is refused,
            # even one that looks like a sync tool's litter (it would be named to staff)
            if problem is None and (what := litter(name)) is not None:
                yield relative, path, f"{IGNORED}{what}"
                continue
            if problem is None and path.is_symlink():
                problem = _link_problem(path, folder)
            yield relative, path, problem


def collect(folder: Path, into: Path | None = None) -> Collected:
    """Reads every file of the show once: hashed, and copied into `into` when given.

    The manifest and its signature are kept in memory as read (they are small), so that the
    signature is checked over exactly the bytes that were hashed.
    """
    found = Collected()
    made: set[str] = set()  # folders made in `into` already
    inside = folder.resolve()
    for relative, path, problem in walk(folder):
        if problem is not None and problem.startswith(IGNORED):
            found.ignored.append((relative, problem.removeprefix(IGNORED)))
            continue
        if problem is not None:
            found.problems.append((relative, problem))
            continue
        target = None
        if into is not None:
            parent = relative.rpartition("/")[0]
            if parent not in made:
                (into / parent).mkdir(parents=True, exist_ok=True)
                made.add(parent)
            target = into / relative
        try:
            entry, data = _read_one(path, relative, target, inside)
        except ValueError as error:
            found.problems.append((relative, reason(error)))
            continue
        except OSError as error:
            found.problems.append(
                (relative, said("cannot read file: {error}", error=error.strerror or error))
            )
            continue
        if relative in (MANIFEST, SIGNATURE):
            found.signed_files[relative] = data
        else:
            found.entries.append(entry)
    return found


def _read_one(path: Path, relative: str, target: Path | None, inside: Path) -> tuple[Entry, bytes]:
    """Hashes one file as it is read, copying it to target; its bytes if it is a signed file."""
    descriptor = open_regular(path)
    try:
        _check_inside(descriptor, inside)
        limit = MAX_SIGNED_FILE_BYTES.get(relative)
        if limit is not None and os.fstat(descriptor).st_size > limit:
            raise ValueError(
                said("it is larger than a signature file can be ({size} bytes)", size=limit)
            )
    except BaseException:
        os.close(descriptor)
        raise
    import hashlib  # OpenSSL's library: only where a show is read

    sha = hashlib.sha256()
    size = 0
    keep = relative in (MANIFEST, SIGNATURE)
    kept = bytearray()
    out = -1
    try:
        if target is not None:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY
            out = os.open(target, flags, 0o644)
        while block := os.read(descriptor, _BLOCK):
            sha.update(block)
            size += len(block)
            if size > MAX_FILE_BYTES:
                raise ValueError(said("it is larger than {size} GB", size=MAX_FILE_BYTES >> 30))
            if out >= 0:
                view = memoryview(block)
                while view:
                    view = view[os.write(out, view) :]
            if keep:
                kept += block
    finally:
        os.close(descriptor)
        if out >= 0:
            os.close(out)
    return Entry(relative, size, sha.hexdigest()), bytes(kept)


def manifest_text(entries: list[Entry]) -> str:
    """The manifest: one line per file, `SHA-256  size  path`, sorted by path."""
    lines = [f"{e.sha256}  {e.size}  {e.path}" for e in sorted(entries, key=lambda e: e.path)]
    return "\n".join(lines) + "\n"


class ManifestError(ValueError):
    """A manifest that does not read one way only."""


def parse_manifest(data: bytes) -> dict[str, Entry]:
    """A signed manifest's entries by path; ManifestError for anything that is not exactly one
    well-formed line per file."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise ManifestError(said("it is not UTF-8 text")) from None
    if not text.endswith("\n"):
        raise ManifestError(said("it does not end with a line break"))
    entries: dict[str, Entry] = {}
    for number, line in enumerate(text[:-1].split("\n"), start=1):
        parts = line.split("  ", 2)
        if len(parts) != 3:
            raise ManifestError(said("line {number} is not 'SHA-256  size  path'", number=number))
        digest, size, path = parts
        if (
            len(digest) != 64
            or any(c not in "0123456789abcdef" for c in digest)
            or not size.isascii()
            or not size.isdigit()
        ):
            raise ManifestError(said("line {number} is not 'SHA-256  size  path'", number=number))
        if not path or unsafe_name(path) is not None:
            raise ManifestError(
                said("line {number} names a file with a control character", number=number)
            )
        if path in entries:
            raise ManifestError(
                said("line {number} names {path} a second time", number=number, path=path)
            )
        entries[path] = Entry(path, int(size), digest)
    return entries


_SNAPSHOTS: list[Path] = []


def process_snapshot() -> Path:
    """A folder for one snapshot, removed when this process ends (commands, tests)."""
    import atexit
    import shutil
    import tempfile

    def remove_all() -> None:
        for path in _SNAPSHOTS:
            shutil.rmtree(path, ignore_errors=True)

    if not _SNAPSHOTS:
        atexit.register(remove_all)
    path = Path(tempfile.mkdtemp(prefix="kiosk-show-"))
    _SNAPSHOTS.append(path)
    return path
