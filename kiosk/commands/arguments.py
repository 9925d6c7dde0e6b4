"""What the commands' arguments have in common: the content folder, a size, a moment."""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from kiosk.paths import DEFAULT_CONTENT

if TYPE_CHECKING:
    # argparse names no public type for what add_subparsers returns.
    Commands: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]


def content_dir(value: str | None) -> Path:
    return Path(value) if value else DEFAULT_CONTENT


def size(value: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in value.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a size like 1920x1080") from None
    if not (320 <= width <= 8192 and 320 <= height <= 8192):
        raise argparse.ArgumentTypeError(f"size {value} is out of range (320 to 8192 a side)")
    return width, height


def moment(value: str) -> datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a date and time like 2026-05-21T19:30"
        ) from None
