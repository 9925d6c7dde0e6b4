"""This kiosk's own settings and folders, kept apart from the swappable content folder.

Settings (the staff PIN, where USB sticks appear) come from kiosk.toml, which an administrator
writes, or from environment variables; never from a content folder.
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from kiosk.paths import APP_NAME

if TYPE_CHECKING:
    from kiosk.signing import PublicKey

log = logging.getLogger(__name__)

PIN_ENV = "KIOSK_STAFF_PIN"
CONFIG_ENV = "KIOSK_CONFIG_DIR"
DATA_ENV = "KIOSK_DATA_DIR"
DEFAULT_ROOTS = ("/media", "/run/media", "/mnt")
ROTATIONS = (0, 90, 180, 270)


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
    rotate: int = 0  # degrees clockwise the panel is turned: 0, 90, 180 or 270
    staff_language: str | None = None  # staff screens' language; else the kiosk's
    # Public keys whose signature a show needs to play (kiosk.signing); none: any show.
    trusted_keys: tuple[PublicKey, ...] = ()
    name: str = ""  # this kiosk's name in its counts; the host name when not set

    @classmethod
    def load(cls) -> LocalSettings:
        path = config_dir() / "kiosk.toml"
        data: dict[str, Any] = {}
        problems: list[str] = []
        if path.exists():
            try:
                import tomllib  # here: most starts have no kiosk.toml to read

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
        rotate = data.get("rotate", 0)
        if rotate not in ROTATIONS or isinstance(rotate, bool):
            problems.append(f"{path}: rotate must be one of 0, 90, 180, 270 (degrees clockwise)")
            rotate = 0
        trusted_keys = _trusted_keys(data.get("trusted_keys", []), path, problems)
        name = data.get("name")
        if name is not None and (not isinstance(name, str) or not name.strip()):
            problems.append(f"{path}: name must be a text naming this kiosk")
            name = None
        staff_language = data.get("staff_language")
        if staff_language is not None and staff_language not in ("de", "en", "be", "ru"):
            problems.append(f"{path}: staff_language must be one of de, en, be, ru")
            staff_language = None
        for problem in problems:
            log.warning("%s", problem)
        return cls(
            pin,
            tuple(Path(r).expanduser() for r in roots),
            tuple(problems),
            int(rotate),
            staff_language,
            trusted_keys,
            (name or socket.gethostname()).strip(),
        )


def _trusted_keys(value: Any, path: Path, problems: list[str]) -> tuple[PublicKey, ...]:
    """Each entry a public key line as minisign prints it, or the path of a .pub file."""
    if value == []:
        return ()
    from kiosk.signing import PublicKey, SigningError

    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{path}: trusted_keys must be a list of public keys")
        return ()
    keys = []
    for entry in value:
        text = entry
        if not entry.startswith("RW"):
            try:
                text = Path(entry).expanduser().read_text(encoding="utf-8")
            except OSError as error:
                problems.append(f"{path}: trusted key {entry}: {error}")
                continue
        try:
            keys.append(PublicKey.parse(text))
        except SigningError as error:
            problems.append(f"{path}: trusted key {entry[:20]}…: {error}")
    if value and not keys:
        # Keys were meant to be trusted and none could be read: play nothing rather than
        # anything. A key that cannot be used stands for no show.
        problems.append(f"{path}: no trusted key could be read; no show will play")
        keys = [PublicKey(bytes(8), bytes(32))]
    return tuple(keys)
