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


def said(template: str, **values: object) -> Said:
    """kiosk.i18n.said.said, imported only when kiosk.toml has a problem: the start reads
    kiosk.toml before its first picture, which needs none of the catalogs."""
    from kiosk.i18n.said import said as say

    return say(template, **values)


if TYPE_CHECKING:
    from kiosk.content.signing import PublicKey, Trust
    from kiosk.i18n.said import Said

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


def kiosk_id() -> str:
    """This kiosk's own id, made at its first start and kept in its data folder: it tells
    kiosks apart whatever they are called. "" when the data folder cannot be written."""
    path = data_dir() / "kiosk-id"
    try:
        text = path.read_text(encoding="ascii").strip()
        if len(text) == 32 and all(c in "0123456789abcdef" for c in text):
            return text
    except (OSError, UnicodeDecodeError):
        pass
    import secrets

    from kiosk.durable import write_atomically

    new = secrets.token_hex(16)
    try:
        write_atomically(path, new + "\n")
    except OSError as error:
        log.error("cannot keep this kiosk's id in %s: %s", path, error)
        return ""
    return new


KNOWN_KEYS = (
    "staff_pin",
    "content_roots",
    "rotate",
    "staff_language",
    "trusted_keys",
    "revoked_keys",
    "name",
    "status_folder",
    "screen_inches",
    "allow_sound",
)
SCREEN_INCHES = (3.0, 120.0)  # the diagonals kiosk.toml may give: a Pi's small HAT to a wall


@dataclass(frozen=True)
class LocalSettings:
    """Read from kiosk.toml in the configuration folder; the environment wins over the file.

    Fail closed: a kiosk.toml that cannot be read, parsed or typed (an unknown key included: a
    misspelt `trusted_key` must not switch signing off) leaves `denied` set, and then no new
    show plays (kiosk.content.signing.Trust); a staff PIN that is set but malformed, or a
    kiosk.toml that cannot be read, keeps the staff menu shut. A UTF-8 byte order mark, as
    Windows editors write it, is tolerated.
    """

    staff_pin: str | None = None
    content_roots: tuple[Path, ...] = tuple(Path(p) for p in DEFAULT_ROOTS)
    problems: tuple[Said, ...] = ()
    rotate: int = 0  # degrees clockwise the panel is turned: 0, 90, 180 or 270
    staff_language: str | None = None  # staff screens' language; else the kiosk's
    # Public keys whose signature a show needs to play (kiosk.content.signing); none: any show.
    trusted_keys: tuple[PublicKey, ...] = ()
    name: str = ""  # this kiosk's name in its counts; the host name when not set
    revoked_keys: tuple[str, ...] = ()  # ids of keys whose shows never play, trusted or not
    denied: str = ""  # why no new show may play (kiosk.toml or a key unreadable); "" normally
    pin_refused: bool = False  # a PIN was meant to be set and cannot be used: menu shut
    # Where this kiosk writes its status for the organiser's `kiosk fleet` (kiosk.fleet).
    status_folder: Path | None = None
    # The screen's diagonal in inches, when staff know it: the manifesto's code is then 5 cm on
    # its glass (kiosk.ui.style). None: only a built-in panel's own report is believed.
    screen_inches: float | None = None
    # Visitors may turn on the sound of a clip whose slide says `sound: true` (headphones at a
    # quiet stand); off by default: every clip plays muted.
    allow_sound: bool = False

    @property
    def trust(self) -> Trust:
        """What a show must satisfy to play here (kiosk.content.signing)."""
        from kiosk.content.signing import Trust

        return Trust(self.trusted_keys, self.denied, self.revoked_keys)

    @classmethod
    def load(cls, quiet: bool = False) -> LocalSettings:
        """kiosk.toml as it is now; its problems are logged unless `quiet` (then the caller
        logs them with `log_problems` once logging is set up)."""
        path = config_dir() / "kiosk.toml"
        data: dict[str, Any] = {}
        problems: list[Said] = []
        unreadable = False
        if path.exists() or path.is_symlink():
            try:
                data = _parse(path)
            except ValueError as error:
                problems.append(
                    said("{path}: cannot read settings: {error}", path=path, error=error)
                )
                unreadable = True
        for key in data:
            if key not in KNOWN_KEYS:
                import difflib  # here: only for a key that is not known

                close = difflib.get_close_matches(key, KNOWN_KEYS, n=1)
                problems.append(
                    said("{path}: unknown setting '{key}'", path=path, key=key)
                    if not close
                    else said(
                        "{path}: unknown setting '{key}' (did you mean '{close}'?)",
                        path=path,
                        key=key,
                        close=close[0],
                    )
                )
        pin_text = os.environ.get(PIN_ENV) or data.get("staff_pin")
        pin: str | None = None
        pin_refused = unreadable
        if pin_text is not None:
            if isinstance(pin_text, str) and 4 <= len(pin_text.strip()) <= 12:
                pin = pin_text.strip() if pin_text.strip().isdigit() else None
            if pin is None:
                problems.append(
                    said(
                        "the staff PIN must be 4 to 12 digits, written in quotes in kiosk.toml "
                        '(staff_pin = "0123"); the staff menu stays shut until it is'
                    )
                )
                pin_refused = True
        roots = data.get("content_roots", list(DEFAULT_ROOTS))
        if not isinstance(roots, list) or not all(isinstance(r, str) for r in roots):
            problems.append(said("{path}: content_roots must be a list of folder paths", path=path))
            roots = list(DEFAULT_ROOTS)
        rotate = data.get("rotate", 0)
        if rotate not in ROTATIONS or isinstance(rotate, bool):
            problems.append(
                said("{path}: rotate must be one of 0, 90, 180, 270 (degrees clockwise)", path=path)
            )
            rotate = 0
        trusted_keys, keys_refused = _trusted_keys(data.get("trusted_keys", []), path, problems)
        revoked, revoked_refused = _revoked_keys(data.get("revoked_keys", []), path, problems)
        keys_refused = keys_refused or revoked_refused
        name = data.get("name")
        if name is not None and (not isinstance(name, str) or not name.strip()):
            problems.append(said("{path}: name must be a text naming this kiosk", path=path))
            name = None
        staff_language = data.get("staff_language")
        if staff_language is not None and staff_language not in ("de", "en", "be", "ru"):
            problems.append(said("{path}: staff_language must be one of de, en, be, ru", path=path))
            staff_language = None
        status_folder = data.get("status_folder")
        if status_folder is not None and (
            not isinstance(status_folder, str) or not status_folder.strip()
        ):
            problems.append(said("{path}: status_folder must be the path of a folder", path=path))
            status_folder = None
        screen_inches = data.get("screen_inches")
        if screen_inches is not None and (
            not isinstance(screen_inches, int | float)
            or isinstance(screen_inches, bool)
            or not SCREEN_INCHES[0] <= screen_inches <= SCREEN_INCHES[1]
        ):
            problems.append(
                said(
                    "{path}: screen_inches must be the screen's diagonal in inches, a number "
                    "from 3 to 120 (screen_inches = 15.6)",
                    path=path,
                )
            )
            screen_inches = None
        allow_sound = data.get("allow_sound", False)
        if not isinstance(allow_sound, bool):
            problems.append(
                said("{path}: allow_sound must be true or false (allow_sound = true)", path=path)
            )
            allow_sound = False
        settings_problems = [p for p in problems if str(p).startswith(str(path))]
        denied = ""
        if settings_problems or keys_refused:
            denied = f"{path} cannot be used as it is, so no new show may play"
            problems.append(
                said(
                    "{path} cannot be used as it is, so no new show may play: fix it and "
                    "restart (the last good signed show plays meanwhile)",
                    path=path,
                )
            )
        settings = cls(
            pin,
            tuple(Path(r).expanduser() for r in roots),
            tuple(problems),
            int(rotate),
            staff_language,
            trusted_keys,
            (name or socket.gethostname()).strip(),
            revoked,
            denied,
            pin_refused,
            _folder_of(status_folder, path) if status_folder else None,
            float(screen_inches) if screen_inches is not None else None,
            allow_sound,
        )
        if not quiet:
            settings.log_problems()
        return settings

    def log_problems(self) -> None:
        for problem in self.problems:
            log.error("%s", problem)


def _folder_of(text: str, settings_file: Path) -> Path:
    """A folder named in kiosk.toml: relative to kiosk.toml's own folder, whatever the
    working directory."""
    folder = Path(text).expanduser()
    return folder if folder.is_absolute() else settings_file.parent / folder


def _parse(path: Path) -> dict[str, Any]:
    """kiosk.toml as a table; ValueError saying why it cannot be."""
    import tomllib  # here: most starts have no kiosk.toml to read

    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ValueError(error.strerror or str(error)) from None
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # what Notepad writes first
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError("it is not UTF-8 text (save it as UTF-8)") from None
    except tomllib.TOMLDecodeError as error:
        raise ValueError(str(error)) from None


def _revoked_keys(value: Any, path: Path, problems: list[Said]) -> tuple[tuple[str, ...], bool]:
    """Each entry a key id (16 hex digits, as minisign prints it), a key line or a .pub file."""
    if value == []:
        return (), False
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(
            said("{path}: revoked_keys must be a list of key ids or public keys", path=path)
        )
        return (), True
    ids = []
    refused = False
    for entry in value:
        text = entry.strip()
        if len(text) == 16 and all(c in "0123456789ABCDEFabcdef" for c in text):
            ids.append(text.upper())
            continue
        keys, bad = _trusted_keys([entry], path, problems)
        refused = refused or bad
        ids.extend(key.id_text for key in keys)
    return tuple(ids), refused


def _trusted_keys(
    value: Any, path: Path, problems: list[Said]
) -> tuple[tuple[PublicKey, ...], bool]:
    """Each entry a public key line as minisign prints it, or the path of a .pub file.

    The keys, and whether any entry could not be used (then no new show may play).
    """
    if value == []:
        return (), False
    from kiosk.content.signing import PublicKey, SigningError

    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(said("{path}: trusted_keys must be a list of public keys", path=path))
        return (), True
    keys = []
    refused = False
    for entry in value:
        text = entry
        if not entry.startswith("RW"):
            # A key file named relative to kiosk.toml's folder, whatever the working directory;
            # read without blocking (a named pipe there must not hang the start).
            from kiosk.content.snapshot import read_regular

            try:
                key_file = path.parent / Path(entry).expanduser()
                text = read_regular(key_file, 4096).decode("utf-8")
            except (OSError, ValueError) as error:
                problems.append(
                    said(
                        "{path}: trusted key {entry}: {error}", path=path, entry=entry, error=error
                    )
                )
                refused = True
                continue
        try:
            keys.append(PublicKey.parse(text))
        except SigningError as error:
            problems.append(
                said(
                    "{path}: trusted key {entry}…: {error}",
                    path=path,
                    entry=entry[:20],
                    error=error,
                )
            )
            refused = True
    return tuple(keys), refused
