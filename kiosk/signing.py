"""Signed shows: only a show signed by a trusted key reaches the screen, when keys are trusted.

A signed show folder holds two extra files:

- `show.manifest`: one line per file of the show, `SHA-256  size  path`, sorted by path;
- `show.manifest.minisig`: an Ed25519 signature of the manifest in minisign's format, so the
  independent `minisign` tool verifies it too (`minisign -Vm show.manifest -P <public key>`).

Keys are minisign keys: the public key is the base64 line minisign prints (it goes into
kiosk.toml's `trusted_keys`), the secret key is minisign's file format, unencrypted. The
cryptography is the `cryptography` package's Ed25519; BLAKE2b comes from hashlib.

Hidden files and folders (a name starting with a dot: Syncthing's `.stfolder` and its
`.syncthing.*.tmp` files, editors' backups) are not part of a show: the kiosk never reads them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.signature import hidden

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

MANIFEST = "show.manifest"
SIGNATURE = "show.manifest.minisig"
_ED = b"Ed"  # minisign's key and legacy signature algorithm
_ED_HASHED = b"ED"  # a signature of the BLAKE2b-512 hash of the file (minisign's default)
_NO_KDF = b"\0\0"
_B2 = b"B2"


class SigningError(Exception):
    """A key or signature that cannot be read or used, with what is wrong."""


@dataclass(frozen=True)
class PublicKey:
    key_id: bytes  # 8 bytes; minisign prints it as 16 hex digits, most significant first
    key: bytes  # 32 bytes

    @property
    def id_text(self) -> str:
        return self.key_id[::-1].hex().upper()

    def line(self) -> str:
        return base64.b64encode(_ED + self.key_id + self.key).decode()

    @classmethod
    def parse(cls, text: str) -> PublicKey:
        """From the base64 line, or a whole minisign .pub file."""
        lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
        lines = [ln for ln in lines if not ln.startswith("untrusted comment:")]
        if len(lines) != 1:
            raise SigningError("a public key is one line of base64 (as minisign prints it)")
        try:
            raw = base64.b64decode(lines[0], validate=True)
        except binascii.Error:
            raise SigningError("the public key is not valid base64") from None
        if len(raw) != 42 or raw[:2] != _ED:
            raise SigningError("this is not a minisign Ed25519 public key")
        return cls(raw[2:10], raw[10:])


@dataclass(frozen=True)
class SecretKey:
    key_id: bytes
    seed: bytes  # the 32-byte Ed25519 private key

    def private(self) -> Ed25519PrivateKey:
        # Loaded when keys are used, not when kiosk.toml's public keys are read at start.
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.seed)

    def public(self) -> PublicKey:
        return PublicKey(self.key_id, self.private().public_key().public_bytes_raw())

    def file_text(self) -> str:
        secret = self.seed + self.public().key
        checksum = hashlib.blake2b(_ED + self.key_id + secret, digest_size=32).digest()
        raw = (
            _ED + _NO_KDF + _B2 + bytes(32) + bytes(8) + bytes(8) + self.key_id + secret + checksum
        )
        return (
            "untrusted comment: Release N:OW show signing key (minisign, unencrypted): "
            "keep it secret\n" + base64.b64encode(raw).decode() + "\n"
        )

    @classmethod
    def parse(cls, text: str) -> SecretKey:
        lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
        lines = [ln for ln in lines if not ln.startswith("untrusted comment:")]
        try:
            raw = base64.b64decode(lines[0], validate=True) if len(lines) == 1 else b""
        except binascii.Error:
            raw = b""
        if len(raw) != 158 or raw[:2] != _ED or raw[4:6] != _B2:
            raise SigningError("this is not a minisign secret key")
        if raw[2:4] != _NO_KDF:
            raise SigningError(
                "this secret key is protected by a password; make an unprotected one with "
                "`kiosk keygen` (or `minisign -G -W`)"
            )
        key_id, secret, checksum = raw[54:62], raw[62:126], raw[126:158]
        # minisign leaves the checksum of an unprotected key empty: the key's own public half
        # is checked instead.
        expected = hashlib.blake2b(_ED + key_id + secret, digest_size=32).digest()
        key = cls(key_id, secret[:32])
        if checksum not in (expected, bytes(32)) or key.public().key != secret[32:]:
            raise SigningError("the secret key is damaged (its checksum does not match)")
        return key

    @classmethod
    def generate(cls) -> SecretKey:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return cls(secrets.token_bytes(8), Ed25519PrivateKey.generate().private_bytes_raw())


# -- the manifest ---------------------------------------------------------------------------


def _hidden(relative: Path) -> bool:
    return any(hidden(part) for part in relative.parts)


def show_files(folder: Path) -> list[Path]:
    """Every file of the show (relative paths), without hidden ones and the signature files."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not hidden(d))
        for name in files:
            relative = (Path(root) / name).relative_to(folder)
            if _hidden(relative) or relative.as_posix() in (MANIFEST, SIGNATURE):
                continue
            found.append(relative)
    return sorted(found, key=lambda p: p.as_posix())


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 16), b""):
            sha.update(block)
    return sha.hexdigest()


def manifest_text(folder: Path) -> str:
    lines = []
    for relative in show_files(folder):
        path = folder / relative
        lines.append(f"{_digest(path)}  {path.stat().st_size}  {relative.as_posix()}")
    return "\n".join(lines) + "\n"


def _entries(text: str) -> dict[str, tuple[str, str]]:
    entries = {}
    for line in text.splitlines():
        parts = line.split("  ", 2)
        if len(parts) == 3:
            entries[parts[2]] = (parts[0], parts[1])
    return entries


# -- signing and verifying ----------------------------------------------------------------------


def sign_message(message: bytes, key: SecretKey, trusted_comment: str) -> str:
    private = key.private()
    signature = private.sign(hashlib.blake2b(message, digest_size=64).digest())
    global_signature = private.sign(signature + trusted_comment.encode())
    return (
        f"untrusted comment: signature of a Release N:OW show by key {key.public().id_text}\n"
        + base64.b64encode(_ED_HASHED + key.key_id + signature).decode()
        + f"\ntrusted comment: {trusted_comment}\n"
        + base64.b64encode(global_signature).decode()
        + "\n"
    )


def sign_folder(folder: Path, key: SecretKey, trusted_comment: str) -> str:
    """Writes the manifest of every file and its signature into the folder; the manifest."""
    manifest = manifest_text(folder)
    (folder / MANIFEST).write_text(manifest, encoding="utf-8")
    (folder / SIGNATURE).write_text(
        sign_message(manifest.encode(), key, trusted_comment), encoding="utf-8"
    )
    return manifest


@dataclass
class Verdict:
    """What a show folder's signature says, and every reason it does not hold."""

    signed: bool = False
    key: PublicKey | None = None  # the trusted key that signed it, when it holds
    key_id: str = ""  # the id the signature names
    comment: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.signed and self.key is not None and not self.problems


def _verify_message(message: bytes, signature_text: str, keys: list[PublicKey]) -> Verdict:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    verdict = Verdict(signed=True)
    lines = signature_text.splitlines()
    if len(lines) < 4 or not lines[2].startswith("trusted comment: "):
        verdict.problems.append(f"{SIGNATURE} is not a minisign signature")
        return verdict
    try:
        raw = base64.b64decode(lines[1], validate=True)
        global_signature = base64.b64decode(lines[3], validate=True)
    except binascii.Error:
        verdict.problems.append(f"{SIGNATURE} is damaged (not base64)")
        return verdict
    if len(raw) != 74 or raw[:2] not in (_ED, _ED_HASHED) or len(global_signature) != 64:
        verdict.problems.append(f"{SIGNATURE} is not an Ed25519 minisign signature")
        return verdict
    key_id, signature = raw[2:10], raw[10:]
    verdict.key_id = key_id[::-1].hex().upper()
    verdict.comment = lines[2].removeprefix("trusted comment: ")
    key = next((k for k in keys if k.key_id == key_id), None)
    if key is None:
        verdict.problems.append(
            f"signed by key {verdict.key_id}, which this kiosk does not trust "
            "(kiosk.toml's trusted_keys)"
        )
        return verdict
    signed = message if raw[:2] == _ED else hashlib.blake2b(message, digest_size=64).digest()
    public = Ed25519PublicKey.from_public_bytes(key.key)
    try:
        public.verify(signature, signed)
        public.verify(global_signature, signature + verdict.comment.encode())
    except InvalidSignature:
        verdict.problems.append(
            f"the signature by key {verdict.key_id} does not match {MANIFEST}: "
            "the manifest was changed after signing"
        )
        return verdict
    verdict.key = key
    return verdict


def verify_folder(folder: Path, keys: list[PublicKey]) -> Verdict:
    """Checks the signature against the keys, then every file against the signed manifest."""
    manifest_path, signature_path = folder / MANIFEST, folder / SIGNATURE
    if not signature_path.is_file() or not manifest_path.is_file():
        missing = SIGNATURE if manifest_path.is_file() else MANIFEST
        return Verdict(problems=[f"the show is not signed ({missing} is missing)"])
    try:
        message = manifest_path.read_bytes()
        signature_text = signature_path.read_text(encoding="utf-8", errors="replace")
    except OSError as error:
        return Verdict(problems=[f"cannot read the signature: {error}"])
    verdict = _verify_message(message, signature_text, keys)
    if verdict.problems:
        return verdict
    signed = _entries(message.decode("utf-8", errors="replace"))
    present = _entries(manifest_text(folder))
    for path in sorted(signed.keys() - present.keys()):
        verdict.problems.append(f"{path} was signed but is missing")
    for path in sorted(present.keys() - signed.keys()):
        verdict.problems.append(f"{path} was added after signing")
    for path in sorted(signed.keys() & present.keys()):
        if signed[path] != present[path]:
            verdict.problems.append(f"{path} was changed after signing")
    if verdict.problems:
        verdict.key = None
    return verdict
