"""A folder's stamp: what changed in it, told from every file's name, size and time."""

from __future__ import annotations

import os
from pathlib import Path

MAX_FILES = 5000
MAX_DEPTH = 16  # folders inside folders that are looked into; a show is never deeper
# A file being written by a sync tool, renamed into place when whole: Syncthing's
# ".syncthing.NAME.tmp" (and "~syncthing~NAME.tmp" on Windows), rsync's ".NAME.XXXXXX".
IN_PROGRESS = "~in-progress~"

Stamp = tuple[tuple[str, int, int], ...] | None


def hidden(name: str) -> bool:
    """Not part of a show: hidden files and folders, and files a sync tool is still writing."""
    return name.startswith((".", "~syncthing~"))


def _being_written(name: str) -> bool:
    return name.startswith((".syncthing.", "~syncthing~")) and name.endswith(".tmp")


def arriving(stamp: Stamp) -> bool:
    """True while a sync tool is still writing a file into the folder."""
    return bool(stamp) and any(entry[0] == IN_PROGRESS for entry in stamp or ())


def folder_stamp(folder: Path) -> Stamp:
    """Every file's name, size and modification time; None when the folder is gone.

    A file a sync tool is still writing shows as an IN_PROGRESS entry with its size.
    """
    if not folder.is_dir():
        return None
    entries: list[tuple[str, int, int]] = []
    try:
        for root, dirs, files in os.walk(folder):
            depth = len(Path(root).relative_to(folder).parts)
            # Never deeper: a folder nested thousands deep must not exhaust the stack.
            dirs[:] = [] if depth + 1 >= MAX_DEPTH else sorted(d for d in dirs if not hidden(d))
            for name in sorted(files):
                if _being_written(name):
                    # Its size changes as it arrives: the stamp keeps changing until it is
                    # renamed into place, and the folder counts as still arriving.
                    try:
                        size = os.stat(os.path.join(root, name)).st_size
                    except OSError:
                        continue  # renamed into place meanwhile: the next look sees it
                    entries.append((IN_PROGRESS, size, 0))
                    continue
                if hidden(name):
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
