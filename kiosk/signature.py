"""A folder's signature: what changed in it, told from every file's name, size and time."""

from __future__ import annotations

import os
from pathlib import Path

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
