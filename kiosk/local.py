"""This kiosk's own settings and memory, kept apart from the swappable content folder.

Settings (the staff PIN, where USB sticks appear) come from a file an administrator writes,
or from environment variables. The kiosk's memory (stories staff have hidden) is written by
the kiosk itself. Neither is ever read from a content folder.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.logs import APP_NAME

log = logging.getLogger(__name__)

PIN_ENV = "KIOSK_STAFF_PIN"
CONFIG_ENV = "KIOSK_CONFIG_DIR"
DATA_ENV = "KIOSK_DATA_DIR"
DEFAULT_ROOTS = ("/media", "/run/media", "/mnt")


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, False))


def data_dir() -> Path:
    override = os.environ.get(DATA_ENV)
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))


@dataclass(frozen=True)
class LocalSettings:
    """Read from kiosk.toml in the configuration folder; the environment wins over the file."""

    staff_pin: str | None = None
    content_roots: tuple[Path, ...] = tuple(Path(p) for p in DEFAULT_ROOTS)
    problems: tuple[str, ...] = ()

    @classmethod
    def load(cls) -> LocalSettings:
        path = config_dir() / "kiosk.toml"
        data: dict[str, Any] = {}
        problems: list[str] = []
        if path.exists():
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
                problems.append(f"{path}: cannot read settings: {error}")
        pin = os.environ.get(PIN_ENV) or data.get("staff_pin")
        if pin is not None:
            pin = str(pin).strip()
            if not (4 <= len(pin) <= 12 and pin.isdigit()):
                problems.append(
                    "the staff PIN must be 4 to 12 digits; staff mode needs the keyboard"
                )
                pin = None
        roots = data.get("content_roots", list(DEFAULT_ROOTS))
        if not isinstance(roots, list) or not all(isinstance(r, str) for r in roots):
            problems.append(f"{path}: content_roots must be a list of folder paths")
            roots = list(DEFAULT_ROOTS)
        for problem in problems:
            log.warning("%s", problem)
        return cls(pin, tuple(Path(r).expanduser() for r in roots), tuple(problems))


def write_atomically(path: Path, text: str) -> None:
    """Replaces a file so that a crash at any moment leaves either the old or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError:
        pass


@dataclass
class KioskState:
    """What staff decided and the kiosk must remember across restarts."""

    hidden_stories: set[str] = field(default_factory=set)
    path: Path | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> KioskState:
        path = path or data_dir() / "state.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            hidden = {str(s) for s in data.get("hidden_stories", [])}
        except FileNotFoundError:
            hidden = set()
        except (OSError, ValueError, AttributeError) as error:
            log.error("cannot read %s (%s); starting with no hidden stories", path, error)
            hidden = set()
        return cls(hidden, path)

    def save(self) -> bool:
        if self.path is None:
            return True  # kept in memory only
        try:
            text = json.dumps({"hidden_stories": sorted(self.hidden_stories)}, indent=2)
            write_atomically(self.path, text + "\n")
            return True
        except OSError as error:
            log.error("cannot save %s: %s", self.path, error)
            return False

    def set_hidden(self, slide_id: str, hidden: bool) -> bool:
        if hidden:
            self.hidden_stories.add(slide_id)
        else:
            self.hidden_stories.discard(slide_id)
        return self.save()
