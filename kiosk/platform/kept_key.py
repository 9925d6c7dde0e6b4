"""Which kept first frame belongs to which start, worked out without Qt.

A kept frame's file is named by two keys: the show's (`show_key`: what the show will look like
as it starts now) and the screen's. The start asks, before Qt is even loaded, whether any frame
of its show is kept (`frame_kept_for`): when none is (a new or changed show), nothing will go
up before the show itself, and the show's check is begun at once instead of after the kept
frame.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import __version__
from kiosk.content.stamp import folder_stamp

if TYPE_CHECKING:
    from kiosk.content.minisign_keys import PublicKey

FIRST_FRAMES = "first-frame"  # the folder, in the data folder, of the kept first frames


def sha256_hex(data: bytes) -> str:
    """SHA-256 from Python's own implementation (_sha2 from 3.12, _sha256 before): hashlib
    would load OpenSSL's libcrypto first, 6 ms of the start before the kept frame. Python's
    random module does the same for SHA-512."""
    for name in ("_sha2", "_sha256"):
        try:
            digest: str = importlib.import_module(name).sha256(data).hexdigest()
            return digest
        except ImportError:
            continue
    import hashlib

    return hashlib.sha256(data).hexdigest()


def trust_text(keys: Iterable[PublicKey], revoked: Iterable[str], refusal: str) -> str:
    """What is trusted (a `Trust`'s keys, revoked key ids and refusal, as kiosk.toml gives
    them), as a key's part: a frame kept under other trust (an unsigned show, before keys were
    trusted, a key since revoked) is never put up; only what passed the checks in force now
    reaches the screen. Each part apart from the others, and each key whole (its id is chosen
    by whoever made it, not derived from it): moving a key from trusted to revoked, or putting
    another key under the same id, always makes another text."""
    trusted = tuple(sorted(f"{k.key_id.hex()}:{k.key.hex()}" for k in keys))
    return repr((trusted, tuple(sorted(revoked)), refusal))


def show_key(folder: Path, language: str | None, rotate: int, state_file: Path, trust: str) -> str:
    """The part of a kept frame's name that says which show it is of, as it would start now:
    the kiosk's version, the folder and what is in it, the language, the panel's turn, the
    kiosk's saved state (hidden stories, larger text, contrast) and what is trusted. The
    screen's part follows it."""
    try:
        state = state_file.read_bytes()
    except OSError:
        state = b""
    parts = [
        __version__,
        str(folder.resolve()),
        repr(folder_stamp(folder)),
        language or "",
        str(rotate),
        sha256_hex(state),
        trust,
    ]
    return sha256_hex("\n".join(parts).encode())[:16]


def frame_kept_for(directory: Path, key: str) -> bool:
    """True when some screen has a frame kept of the show `key` names (no Qt needed: the start
    asks before Qt is loaded whether its show has changed since a frame was last kept)."""
    try:
        return next(directory.glob(f"{key}-*.png"), None) is not None
    except OSError:
        return False
