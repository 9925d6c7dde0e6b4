"""Signed shows: only a show signed by a trusted key reaches the screen, when keys are trusted.

A signed show folder holds two extra files:

- `show.manifest`: one line per file of the show, `SHA-256  size  path`, sorted by path;
- `show.manifest.minisig`: an Ed25519 signature of the manifest in minisign's format, so the
  independent `minisign` tool verifies it too (`minisign -Vm show.manifest -P <public key>`).

Keys are minisign keys (kiosk.content.minisign_keys). Ed25519 is libsodium's, through PyNaCl,
so a signature is checked by libsodium's rules: small-order keys and points and non-canonical
signatures are refused. BLAKE2b comes from hashlib.

The manifest is compared as data, never re-read from text the kiosk wrote: a file whose name
holds a line break or another control character is refused (kiosk.content.snapshot), and a signed
manifest that does not read exactly one way is refused whole.

Hidden files and folders (a name starting with a dot: Syncthing's `.stfolder` and its
`.syncthing.*.tmp` files, editors' backups) are not part of a show: the kiosk never reads them.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Union

from kiosk.content.minisign_keys import ED25519, PublicKey, SecretKey, SigningError
from kiosk.content.snapshot import (
    MANIFEST,
    SIGNATURE,
    Collected,
    Entry,
    ManifestError,
    collect,
    manifest_text,
    parse_manifest,
    walk,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

_ED_HASHED = b"ED"  # a signature of the BLAKE2b-512 hash of the file (minisign's default)


# -- the manifest ---------------------------------------------------------------------------


def show_files(folder: Path) -> list[Path]:
    """Every file of the show (relative paths), without hidden ones and the signature files."""
    return [
        Path(relative)
        for relative, _, problem in walk(folder)
        if problem is None and relative not in (MANIFEST, SIGNATURE)
    ]


# -- signing and verifying ----------------------------------------------------------------------


def sign_message(message: bytes, key: SecretKey, trusted_comment: str) -> str:
    private = key.private()
    import hashlib

    signature = private.sign(hashlib.blake2b(message, digest_size=64).digest()).signature
    global_signature = private.sign(signature + trusted_comment.encode()).signature
    return (
        f"untrusted comment: signature of a Release N:OW show by key {key.public().id_text}\n"
        + base64.b64encode(_ED_HASHED + key.key_id + signature).decode()
        + f"\ntrusted comment: {trusted_comment}\n"
        + base64.b64encode(global_signature).decode()
        + "\n"
    )


def sign_folder(folder: Path, key: SecretKey, trusted_comment: str) -> str:
    """Writes the manifest of every file and its signature into the folder; the manifest.

    SigningError when a file cannot be part of a show (named with the reason)."""
    found = collect(folder)
    if found.problems:
        raise SigningError(
            "; ".join(f"{relative}: {problem}" for relative, problem in found.problems)
        )
    manifest = manifest_text(found.entries)
    (folder / MANIFEST).write_text(manifest, encoding="utf-8")
    (folder / SIGNATURE).write_text(
        sign_message(manifest.encode(), key, trusted_comment), encoding="utf-8"
    )
    return manifest


@dataclass(frozen=True)
class Trust:
    """What a show must satisfy to play: a signature by one of `keys`, or nothing at all.

    `refusal` set means the kiosk's settings or keys could not be read: it then trusts no key
    and no new show plays (there is no stand-in key object that a forged signature could
    match). No keys and no refusal: any valid show plays, unverified.
    """

    keys: tuple[PublicKey, ...] = ()
    refusal: str = ""
    revoked: tuple[str, ...] = ()  # key ids (as minisign prints them) whose shows never play

    @property
    def required(self) -> bool:
        return bool(self.keys) or bool(self.refusal)

    @classmethod
    def of(cls, keys: Keys) -> Trust:
        return keys if isinstance(keys, Trust) else cls(tuple(keys))


Keys = Union["Sequence[PublicKey]", Trust]


@dataclass
class Verdict:
    """What a show folder's signature says, and every reason it does not hold."""

    signed: bool = False
    key: PublicKey | None = None  # the trusted key that signed it, when it holds
    key_id: str = ""  # the id the signature names
    comment: str = ""  # the trusted comment: signed with the manifest
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.signed and self.key is not None and not self.problems

    @property
    def version(self) -> int:
        """The show's version as signed (`kiosk sign` counts up); 0 for one without."""
        return comment_version(self.comment)


# The trusted comment `kiosk sign` writes: "version 12; Release N:OW show NAME; signed TIME".
# The version leads, so no folder name can be mistaken for it.
_VERSION = re.compile(r"^version (\d{1,18});")


def comment_version(comment: str) -> int:
    found = _VERSION.match(comment)
    return int(found.group(1)) if found else 0


def signing_comment(version: int, name: str, moment: str) -> str:
    return f"version {version}; Release N:OW show {name}; signed {moment}"


def next_version(folder: Path, key_file: Path) -> int:
    """One above the newest version signed before: in this folder's own signature, or with
    this key (counted in a file beside the secret key), whichever is higher."""
    newest = 0
    try:
        lines = (folder / SIGNATURE).read_text(encoding="utf-8").splitlines()
        if len(lines) >= 3 and lines[2].startswith("trusted comment: "):
            newest = comment_version(lines[2].removeprefix("trusted comment: "))
    except (OSError, UnicodeDecodeError):
        pass
    try:
        counted = int(version_file(key_file).read_text(encoding="utf-8").strip() or 0)
    except (OSError, ValueError):
        counted = 0
    return max(newest, counted) + 1


def version_file(key_file: Path) -> Path:
    """Where `kiosk sign` counts the versions signed with a key: beside the secret key."""
    return key_file.with_name(key_file.name + ".version")


def _verify_message(message: bytes, signature_text: str, keys: list[PublicKey]) -> Verdict:
    from nacl.exceptions import BadSignatureError
    from nacl.exceptions import ValueError as NaclValueError
    from nacl.signing import VerifyKey

    from kiosk.i18n.said import said  # here: a kiosk reads its keys before its first picture

    verdict = Verdict(signed=True)
    lines = signature_text.splitlines()
    if (
        len(lines) != 4
        or not lines[0].startswith("untrusted comment:")
        or not lines[2].startswith("trusted comment: ")
        or any(len(line) > 1024 for line in lines)
    ):
        verdict.problems.append(said("{file} is not a minisign signature", file=SIGNATURE))
        return verdict
    try:
        raw = base64.b64decode(lines[1], validate=True)
        global_signature = base64.b64decode(lines[3], validate=True)
    except binascii.Error:
        verdict.problems.append(said("{file} is damaged (not base64)", file=SIGNATURE))
        return verdict
    if len(raw) != 74 or raw[:2] not in (ED25519, _ED_HASHED) or len(global_signature) != 64:
        verdict.problems.append(said("{file} is not an Ed25519 minisign signature", file=SIGNATURE))
        return verdict
    key_id, signature = raw[2:10], raw[10:]
    verdict.key_id = key_id[::-1].hex().upper()
    verdict.comment = lines[2].removeprefix("trusted comment: ")
    key = next((k for k in keys if k.key_id == key_id), None)
    if key is None:
        verdict.problems.append(
            said(
                "signed by key {key}, which this kiosk does not trust (kiosk.toml's trusted_keys)",
                key=verdict.key_id,
            )
        )
        return verdict
    import hashlib

    signed = message if raw[:2] == ED25519 else hashlib.blake2b(message, digest_size=64).digest()
    try:
        public = VerifyKey(key.key)
        public.verify(signed, signature)
        public.verify(signature + verdict.comment.encode(), global_signature)
    except (BadSignatureError, NaclValueError):
        verdict.problems.append(
            said(
                "the signature by key {key} does not match {file}: the manifest was changed "
                "after signing",
                key=verdict.key_id,
                file=MANIFEST,
            )
        )
        return verdict
    verdict.key = key
    return verdict


def verify_folder(folder: Path, keys: Keys) -> Verdict:
    """Reads the folder once and checks its files against the signed manifest."""
    return verify_collected(collect(folder), keys)


def verify_collected(found: Collected, keys: Keys) -> Verdict:
    """Checks the signature over the manifest's bytes as read, then every file read against it.

    Both sides are data: the signed manifest's entries and the entries hashed while reading.
    """
    from kiosk.i18n.said import said  # as in _verify_message

    trust = Trust.of(keys)
    if trust.refusal:
        return Verdict(problems=[trust.refusal])
    if found.problems:
        return Verdict(problems=[f"{relative}: {problem}" for relative, problem in found.problems])
    message, signature = found.signed_files.get(MANIFEST), found.signed_files.get(SIGNATURE)
    if message is None or signature is None:
        missing = SIGNATURE if message is not None else MANIFEST
        return Verdict(problems=[said("the show is not signed ({file} is missing)", file=missing)])
    verdict = _verify_message(
        message, signature.decode("utf-8", errors="replace"), list(trust.keys)
    )
    if verdict.key_id and verdict.key_id in trust.revoked:
        verdict.problems = [
            said("signed by key {key}, which kiosk.toml's revoked_keys revokes", key=verdict.key_id)
        ]
        verdict.key = None
    if verdict.problems:
        return verdict
    try:
        signed = parse_manifest(message)
    except ManifestError as error:
        verdict.problems.append(
            said("{file} cannot be read one way only: {error}", file=MANIFEST, error=error)
        )
        verdict.key = None
        return verdict
    present: dict[str, Entry] = {entry.path: entry for entry in found.entries}
    for path in sorted(signed.keys() - present.keys()):
        verdict.problems.append(said("{file} was signed but is missing", file=path))
    for path in sorted(present.keys() - signed.keys()):
        verdict.problems.append(said("{file} was added after signing", file=path))
    for path in sorted(signed.keys() & present.keys()):
        if signed[path] != present[path]:
            verdict.problems.append(said("{file} was changed after signing", file=path))
    if verdict.problems:
        verdict.key = None
    return verdict
