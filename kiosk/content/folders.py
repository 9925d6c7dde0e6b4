"""Where staff can switch to: content folders on USB sticks and mounts, found by their show.yaml."""

from __future__ import annotations

from pathlib import Path

from kiosk.content import SHOW_FILE

MAX_FOLDERS = 40


def find_content_folders(roots: tuple[Path, ...], current: Path) -> list[Path]:
    """Folders holding a show.yaml: the current one, then any up to three levels under the roots."""
    found: list[Path] = [current]
    for root in roots:
        if not root.is_dir():
            continue
        level = [root]
        for _ in range(3):
            deeper: list[Path] = []
            for folder in level:
                try:
                    children = sorted(p for p in folder.iterdir() if p.is_dir())
                except OSError:
                    continue
                for child in children:
                    if (child / SHOW_FILE).is_file() and child.resolve() != current.resolve():
                        found.append(child)
                    deeper.append(child)
            level = deeper[:500]
            if len(found) >= MAX_FOLDERS:
                return found
    return found
